"""Rechercher and the plan du site: the search page (pagefind, loaded only when someone searches) and the
A–Z list of every page, which is also the search of a reader without JavaScript.

They are made after the other generators (they list their pages) by :func:`search_pages`; pagefind itself
indexes the built site in :func:`eclaireur.search.index_site`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from eclaireur.pages.base import BuildContext, Page
from eclaireur.safeyaml import load_yaml

SEARCH_PAGE = "recherche.md"
SITE_MAP = "plan-du-site.md"
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def sort_key(title: str) -> str:
    """French alphabetical order: accents and case do not count (« Élection » between « Écoles » and « Eau »)."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).lstrip("«“\"'’ ")


def written_page_titles(content_dir: Path) -> dict[str, str]:
    """Source path -> title of the hand-written pages (front matter ``title``, else the first heading)."""
    titles: dict[str, str] = {}
    for path in sorted(content_dir.rglob("*.md")) if content_dir.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        title = ""
        front = _FRONT.match(text)
        if front:
            try:
                meta = load_yaml(front.group(1))
            except yaml.YAMLError:  # check reports a bad front matter; the list keeps the heading
                meta = None
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                title = meta["title"]
        heading = _HEADING.search(text[front.end():] if front else text)
        title = title or (heading.group(1) if heading else "")
        titles[path.relative_to(content_dir).as_posix()] = title or path.stem
    return titles


def search_pages(ctx: BuildContext, generated: dict[str, Page]) -> list[Page]:
    """The search page and the plan du site, listing ``generated`` and the hand-written pages."""
    entries = {**written_page_titles(ctx.config.content_dir),
               **{path: page.title for path, page in generated.items()}}
    entries.pop(SEARCH_PAGE, None)
    entries.pop(SITE_MAP, None)
    sections = {path.split("/")[0]: title for path, title in entries.items() if path.endswith("/index.md")}
    letters: dict[str, list[dict[str, str]]] = {}
    for path, title in sorted(entries.items(), key=lambda item: (sort_key(item[1]), item[0])):
        key = sort_key(title)
        letter = key[:1].upper() if key[:1].isalpha() else "#"
        section = sections.get(path.split("/")[0], "") if "/" in path else ""
        letters.setdefault(letter, []).append({"path": path, "title": title, "section": section})
    return [
        Page(
            SEARCH_PAGE,
            title="Rechercher",
            description="Chercher un mot dans toutes les pages du site : projets, thèmes, évaluations, votes.",
            html=ctx.render("recherche.html.j2", SEARCH_PAGE, count=len(entries)),
        ),
        Page(
            SITE_MAP,
            title="Plan du site de A à Z",
            description="Toutes les pages du site par ordre alphabétique de leur titre.",
            html=ctx.render("plan-du-site.html.j2", SITE_MAP, letters=letters, count=len(entries)),
        ),
    ]
