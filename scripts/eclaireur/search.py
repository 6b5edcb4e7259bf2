"""The site's search index: pagefind (https://pagefind.app) run on the built site, offline.

pagefind reads the HTML mkdocs wrote (only what ``data-pagefind-body`` marks: the content of each page, not the
menus), stems French words and splits the index into small fragments: a reader downloads nothing until they
search, then only the fragments of the words they type. The binary comes with the ``pagefind[bin]`` package.
"""

from __future__ import annotations

import html as html_module
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from eclaireur.errors import DataError

OUTPUT = "pagefind"
UNUSED = ("pagefind-*ui.js", "pagefind-*ui.css", "pagefind-highlight.js")


_ELISION = re.compile(r"(?<=\w)([’'])(?=\w)")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_KICKER = re.compile(r'<span class="ecl-kicker">.*?</span>', re.DOTALL)
BODY = "data-pagefind-body>"


def fold(text: str) -> str:
    """``text`` without its accents, letter for letter (« Évaluation » -> « Evaluation »): what the search page
    also does to the words a reader types, so that « velo », « vélo » and « vélos » find the same pages."""
    return text.translate(_FOLD)


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if len(base) == 1 and base != char:
            table[code] = base
    return table


_FOLD = _fold_table()


def indexed_copy(html: str) -> str:
    """The page as pagefind reads it: accents folded, elisions split (« d’évaluation » -> « d’ evaluation »,
    pagefind keeps « d’évaluation » as one word), and the real title and description kept as metadata for the
    results the search page shows."""
    at = html.find(BODY)
    if at < 0:
        return html
    heading = _H1.search(html, at)
    inner = _KICKER.sub("", heading.group(1)) if heading else ""
    title = html_module.unescape(" ".join(_TAG.sub(" ", inner).split()))
    description = _DESCRIPTION.search(html)
    kept = f'<span data-pagefind-meta="titre:{_attribute(title)}"></span>'
    if description:
        kept += f'<span data-pagefind-meta="resume:{_attribute(html_module.unescape(description.group(1)))}"></span>'
    body = _ELISION.sub(r"\1 ", fold(html[at + len(BODY):]))
    return html[: at + len(BODY)] + kept + body


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _copy_for_indexing(site_dir: Path, copy: Path) -> None:
    """The HTML pages of ``site_dir`` in ``copy`` (same paths, so the same addresses), as pagefind reads them."""
    for page in sorted(site_dir.rglob("*.html")):
        if OUTPUT in page.relative_to(site_dir).parts:
            continue
        target = copy / page.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(indexed_copy(page.read_text(encoding="utf-8")), encoding="utf-8")


def index_site(site_dir: Path) -> None:
    """Write ``site_dir/pagefind/`` (the index and its loader) for the pages of ``site_dir``."""
    try:
        import pagefind_bin  # noqa: F401 — the binary's package: a clear message when it is missing
    except ImportError as exc:
        raise DataError(
            "La recherche du site a besoin de pagefind : installez-le avec « pip install 'pagefind[bin]' » "
            "(tools/install.sh le fait)."
        ) from exc
    with tempfile.TemporaryDirectory(prefix="eclaireur-recherche-") as copy:
        _copy_for_indexing(site_dir, Path(copy))
        command = [sys.executable, "-m", "pagefind", "--site", copy, "--output-path", str(site_dir / OUTPUT),
                   "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise DataError("L'index de recherche (pagefind) n'a pas pu être construit :\n" + "\n".join(detail))
    for unused in UNUSED:  # pagefind's own interfaces: the site has its own search page (recherche.js)
        for path in (site_dir / OUTPUT).glob(unused):
            path.unlink()
