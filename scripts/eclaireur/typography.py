"""French typography for every page: one function, applied to the text of each page (not to its markup).

- an unbreakable space before « : », a narrow one before « ; », « ! », « ? » (when a space was typed there),
  inside « guillemets », and between a number and « % » or « € »;
- the typographic apostrophe between two letters (« l'été » -> « l’été »), so a page does not mix ' and ’.

Only text nodes change: tags, attributes (addresses, form values), ``<script>``, ``<style>``, ``<pre>``,
``<code>``, ``<textarea>`` and ``<option>`` are left as they are, so what a form sends never changes.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<=\w) :(?=\s|$)"), NBSP + ":"),
    (re.compile(r"(?<=\S) ([;!?])"), NNBSP + r"\1"),
    (re.compile(r"« "), "«" + NBSP),
    (re.compile(r" »"), NBSP + "»"),
    (re.compile(r"(?<=\d) %"), NNBSP + "%"),
    (re.compile(r"(?<=\d) €"), NBSP + "€"),
    (re.compile(r"(?<=[^\W\d_])(?:'|&#39;|&#x27;|&apos;)(?=[^\W\d_])"), "’"),  # also as jinja escapes it
]
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_SKIP = {"script", "style", "pre", "code", "textarea", "option", "kbd", "samp"}
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


def french(text: str) -> str:
    """``text`` (plain text) with French spaces and apostrophes."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def french_html(html: str) -> str:
    """``html`` with :func:`french` applied to its text nodes outside the elements of ``_SKIP``."""
    out: list[str] = []
    skipping: list[str] = []
    for piece in _TOKEN.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            name = _TAG_NAME.match(piece)
            if name is None or piece.startswith("<!--"):
                continue
            tag = name.group(1).lower()
            if tag in _SKIP:
                if piece.startswith("</"):
                    if tag in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(tag)]
                elif not piece.endswith("/>"):
                    skipping.append(tag)
            continue
        out.append(piece if skipping else french(piece))
    return "".join(out)
