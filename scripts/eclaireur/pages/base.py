"""What a generator produces: site pages and binary assets, and the context it works in."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import jinja2

from eclaireur.adresses import page_url
from eclaireur.charts import Chart, ChartCache
from eclaireur.config import EngineConfig
from eclaireur.gabarits import environment
from eclaireur.load import Dataset


@dataclass(frozen=True)
class Page:
    """A generated page: ``path`` is a Markdown source path (``atlas/education.md``), ``html`` its body."""

    path: str
    title: str
    html: str
    description: str = ""


@dataclass(frozen=True)
class Asset:
    """A generated file copied as is into the site (CSV, JSON, SVG, PDF ...)."""

    path: str
    data: bytes


Output = Page | Asset


def relative_url(from_path: str, to_path: str) -> str:
    """Relative link from the page ``from_path`` to a page or file ``to_path`` (both source paths)."""
    base = page_url(from_path)
    target = page_url(to_path)
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if to_path.endswith(".md") and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def make_environment(template_dirs: list[str]) -> jinja2.Environment:
    return environment(template_dirs, autoescape=True)


@dataclass
class BuildContext:
    """Everything a generator may read, and the charts it draws along the way."""

    config: EngineConfig
    dataset: Dataset
    env: jinja2.Environment
    charts: ChartCache
    drawn: dict[str, Chart] = field(default_factory=dict)

    def render(self, template: str, page: str, **variables: Any) -> str:
        """Render ``template`` for the page at source path ``page`` (so that links can be relative)."""

        def url(target: str) -> str:
            return relative_url(page, target)

        town = (self.dataset.rows("collectivite") or [{}])[0]
        variables.setdefault("collectivite", town)
        return self.env.get_template(template).render(url=url, page_path=page, config=self.config, **variables)

    def chart(self, kind: str, data: dict[str, Any], draw: Callable[[dict[str, Any]], bytes]) -> Chart:
        """A chart for the page (its ``path``): taken from the cache, or drawn in the background by a worker
        process (``draw`` is then a module-level function); its SVG file is added to the site at the end of
        :func:`eclaireur.generate.run_generators`."""
        chart = self.charts.request(kind, data, draw)
        self.drawn[chart.path] = chart
        return chart


Generator = Callable[[BuildContext], Iterable[Output]]
