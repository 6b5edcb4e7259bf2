"""Contributed text as sanitised Markdown: no raw HTML, no images, only http(s) and mailto links.

markdown-it-py renders CommonMark with raw HTML off and images, headings and tables disabled (an image
would make the reader's browser fetch a file from elsewhere); nh3 then keeps an allow-list of tags and
attributes, drops any link whose scheme is not http, https or mailto (``javascript:``, ``data:``...) and
marks every link ``nofollow ugc``. The result is the only HTML from a contribution that reaches a page.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image", "heading", "lheading", "html_block", "html_inline", "table"], ignoreInvalid=True)
    return parser


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """Relative or odd links (``jav%09ascript:``) lose their target; absolute http(s) and mailto stay."""
    if tag == "a" and attribute == "href" and not value.lower().startswith(("https://", "http://", "mailto:")):
        return None
    return value


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        attribute_filter=_absolute_links_only,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer",
        strip_comments=True,
    )


def sanitised_markdown(text: str) -> Markup:
    """HTML for a contributed Markdown text, safe to insert in a page."""
    return Markup(sanitise_html(_parser().render(text or "")))  # cleaned by nh3 just above


def safe_link(url: str) -> str:
    """``url`` when it is an absolute http(s) address, else an empty string (the link is then not drawn)."""
    cleaned = url.strip()
    lowered = cleaned.lower()
    if not lowered.startswith(("https://", "http://")) or any(ch.isspace() for ch in cleaned):
        return ""
    return cleaned
