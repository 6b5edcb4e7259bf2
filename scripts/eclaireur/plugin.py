"""The mkdocs adapter: a thin plugin that hands the engine's pages and files to mkdocs.

Nothing generated is written into ``content/``: pages and files become virtual mkdocs files.
Generated page bodies are inserted as HTML after mkdocs' Markdown step, so no data value is ever
interpreted as Markdown. Everything mkdocs-specific lives here, so that the engine can feed another
static site generator later.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc

from eclaireur.build import CHECKED_BY_CALLER, check_before_build
from eclaireur.config import EngineConfig, engine_config
from eclaireur.errors import EclaireurError
from eclaireur.generate import Generated, generate_all
from eclaireur.search import index_site
from eclaireur.typography import french_html

log = logging.getLogger("mkdocs.plugins.eclaireur")


class EclaireurPluginConfig(base.Config):
    """Options of ``- eclaireur:`` in mkdocs.yml (documented in README.md)."""

    data_dir = c.Type(str, default="data")
    theme_dir = c.Type(str, default="theme")
    cache_dir = c.Type(str, default=".cache/eclaireur")
    private_dir = c.Type(str, default="contributions/prive")
    reference_date = c.Optional(c.Type((str, dt.date)))
    contribution_email = c.Type(str, default="")
    contribution_url = c.Type(str, default="")
    fete_evaluation_annee = c.Optional(c.Type(int))
    forge_new_file_url = c.Type(str, default="")
    forge_branch = c.Type(str, default="main")
    forge_max_url_length = c.Type(int, default=8000)
    contribution_endpoint = c.Type(str, default="")
    print_enabled = c.Type(bool, default=True)
    print_format = c.Choice(("A2", "A3"), default="A2")
    print_bleed = c.Type(bool, default=False)


HEADING = re.compile(r"<h([1-3])((?:\s+[a-z-]+=\"[^\"]*\")*)\s*>(.*?)</h\1>", re.DOTALL)
HEADING_ID = re.compile(r'\sid="([^"]+)"')
TAG = re.compile(r"<[^>]+>")


def headings_toc(body: str) -> tuple[str, list[Any]]:
    """Table of contents tokens (h1-h3) of a generated page; the first ``h1`` gets an id if it has none."""
    tokens: list[Any] = []
    stack: list[Any] = []

    def visit(match: re.Match[str]) -> str:
        level, attributes, inner = int(match.group(1)), match.group(2), match.group(3)
        found = HEADING_ID.search(attributes)
        if found is None:
            if level != 1 or tokens:
                return match.group(0)
            attributes += ' id="contenu-principal"'
            anchor = "contenu-principal"
        else:
            anchor = found.group(1)
        token = {"level": level, "id": anchor, "name": TAG.sub("", inner).strip(), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
        return f"<h{level}{attributes}>{inner}</h{level}>"

    return HEADING.sub(visit, body), tokens


def front_matter(title: str, description: str) -> str:
    """Front matter of a generated page.

    mkdocs themes print ``page.title`` and ``page.meta.description`` without escaping (in ``<title>``,
    the header, the navigation, ``<meta>``): values from data are HTML-escaped here.
    """
    meta: dict[str, Any] = {"title": html.escape(title)}
    if description:
        meta["description"] = html.escape(" ".join(description.split()))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"


TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
TABLE_WRAP = ('<div class="ecl-table-wrap" tabindex="0" role="region" aria-label="Tableau (défilement horizontal au '
              'clavier)">{table}</div>')
UNUSED_THEME_FILES = ("assets/**/*.map", "assets/javascripts/lunr", "assets/javascripts/workers")


class EclaireurPlugin(BasePlugin[EclaireurPluginConfig]):
    """Generates the atlas, the project sheets, the open data pages ... from ``data/``."""

    def __init__(self) -> None:
        self.engine: EngineConfig | None = None
        self.generated = Generated()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        options = dict(self.config)
        try:
            self.engine = engine_config(root, options, {"docs_dir": config.docs_dir, "site_name": config.site_name,
                                                        "site_url": config.site_url, "repo_url": config.repo_url})
        except EclaireurError as exc:
            raise PluginError(exc.message) from exc
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.engine is not None
        try:
            if not CHECKED_BY_CALLER.get():  # mkdocs serve, plain mkdocs build: check here (memoised)
                check_before_build(self.engine)
            self.generated = generate_all(self.engine)
        except EclaireurError as exc:
            raise PluginError(exc.message) from exc
        for path, page in self.generated.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"content/{path} existe déjà alors que cette page est générée à partir des données : "
                    "renommez ou supprimez le fichier écrit à la main."
                )
            files.append(File.generated(config, path, content=front_matter(page.title, page.description)))
        for path, asset in self.generated.assets.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} existe déjà alors que ce fichier est généré.")
            files.append(File.generated(config, path, content=asset.data))
        return files

    def on_page_content(self, html: str, /, *, page: MkPage, config: MkDocsConfig, files: Files) -> str | None:
        # Handed over once: mkdocs keeps every page's content until the end of the build, so the engine
        # lets go of its own copy of the body (at 20 evaluations, 30 MiB less at the peak).
        generated = self.generated.pages.pop(page.file.src_uri, None)
        if generated is None:  # a hand-written page: its Markdown tables scroll in a named region too
            return french_html(TABLE.sub(lambda m: TABLE_WRAP.format(table=m.group(0)), html))
        body, tokens = headings_toc(generated.html)
        page.toc = get_toc(tokens)  # table of contents and the theme's « Aller au contenu » link
        return french_html(body)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for unused in UNUSED_THEME_FILES:  # source maps and the theme's own search: never loaded by a reader
            for path in sorted(site.glob(unused)):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        try:
            index_site(site)
        except EclaireurError as exc:
            raise PluginError(exc.message) from exc

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.engine is not None
        for folder in (self.engine.data_dir, self.engine.theme_dir):
            if folder.exists():
                server.watch(str(folder))
        return server
