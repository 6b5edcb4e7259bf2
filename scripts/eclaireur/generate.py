"""Runs every page generator over the dataset and collects pages, files and charts."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from eclaireur.chart_sizes import size_charts
from eclaireur.charts import ChartCache
from eclaireur.config import EngineConfig
from eclaireur.errors import DataError
from eclaireur.load import Dataset, load_dataset
from eclaireur.pages.base import Asset, BuildContext, Generator, Output, Page, make_environment
from eclaireur.pages.recherche import search_pages

log = logging.getLogger("eclaireur")


@dataclass
class Generated:
    """What the engine hands to the site generator."""

    pages: dict[str, Page] = field(default_factory=dict)
    assets: dict[str, Asset] = field(default_factory=dict)
    charts_drawn: int = 0
    charts_reused: int = 0


def template_dirs(config: EngineConfig) -> list[str]:
    return [str(config.theme_dir / "templates")]


def build_context(config: EngineConfig, dataset: Dataset | None = None) -> BuildContext:
    dataset = dataset if dataset is not None else load_dataset(config.data_dir, config.datapackage_path)
    return BuildContext(
        config=config,
        dataset=dataset,
        env=make_environment(template_dirs(config)),
        charts=ChartCache(config.cache_dir / "charts"),
    )


def run_generators(ctx: BuildContext, generators: list[Generator] | None = None) -> Generated:
    """Run ``generators`` (all registered ones by default); two outputs may not share a path."""
    if generators is None:
        from eclaireur.pages import GENERATORS

        generators = GENERATORS
    try:
        try:
            result = _run(ctx, generators)
        except Exception:
            # A chart asked for before the failure came first in the build: its own error, if any, is raised.
            ctx.charts.finish()
            raise
        ctx.charts.finish()  # the charts drawn in the background: an error while drawing is raised here
    finally:
        ctx.charts.close()
    size_charts(result.pages, ctx.drawn)  # every chart shown no smaller than its text allows
    for page in search_pages(ctx, result.pages):  # they list every other page
        if page.path in result.pages:
            raise DataError(f"Deux pages générées ont le même chemin : {page.path}.")
        result.pages[page.path] = page
    for chart in ctx.drawn.values():
        result.assets.setdefault(chart.path, Asset(chart.path, chart.svg))
    result.charts_drawn = ctx.charts.drawn
    result.charts_reused = ctx.charts.reused
    log.info("eclaireur : %d pages et %d fichiers générés", len(result.pages), len(result.assets))
    return result


def _run(ctx: BuildContext, generators: list[Generator]) -> Generated:
    result = Generated()
    for generator in generators:
        try:
            outputs: list[Output] = list(generator(ctx))
        except jinja2.TemplateNotFound as exc:
            raise DataError(
                f"Gabarit introuvable : « {exc.name} » (cherché dans {', '.join(template_dirs(ctx.config))}). "
                "Vérifiez le nom du fichier dans theme/templates/."
            ) from exc
        except jinja2.TemplateError as exc:
            where = f"{exc.filename}:{exc.lineno}" if isinstance(exc, jinja2.TemplateSyntaxError) else ""
            raise DataError(f"Erreur dans un gabarit {where} ({generator.__module__}) : {exc}") from exc
        for output in outputs:
            target = result.pages if isinstance(output, Page) else result.assets
            if output.path in result.pages or output.path in result.assets:
                raise DataError(f"Deux pages ou fichiers générés ont le même chemin : {output.path}.")
            target[output.path] = output  # type: ignore[assignment]
    return result


def generate_all(config: EngineConfig) -> Generated:
    return run_generators(build_context(config))


def is_inside(root: Path, path: Path) -> bool:
    root = root.resolve()
    path = path.resolve()
    return path == root or root in path.parents
