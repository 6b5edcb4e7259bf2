"""What one print run shares: configuration, data, the typst compiler, the chart cache and timings."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eclaireur.charts import ChartCache
from eclaireur.config import EngineConfig
from eclaireur.errors import UnusableInputError
from eclaireur.load import Dataset
from eclaireur.print import donnees
from eclaireur.print.compilateur import TypstCompiler
from eclaireur.print.pandoc import PandocConverter

FORMATS = ("A2", "A3")


@dataclass(frozen=True)
class PrintOptions:
    """``format`` of the posters (A2 or A3) and ``fond_perdu`` (3 mm bleed + crop marks)."""

    format: str = "A2"
    fond_perdu: bool = False

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise UnusableInputError(
                f"Format d'affiche « {self.format} » inconnu : choisissez parmi {', '.join(FORMATS)}."
            )


@dataclass
class PrintSession:
    config: EngineConfig
    dataset: Dataset
    options: PrintOptions = field(default_factory=PrintOptions)

    def __post_init__(self) -> None:
        self.compiler = TypstCompiler(self.config.theme_dir, self.config.cache_dir)
        self.charts = ChartCache(self.config.cache_dir / "print" / "graphiques")
        self.autorite = donnees.autorite(self.config, self.dataset)
        self.pandoc = PandocConverter(
            self.config.cache_dir, self.config.theme_dir / "typst" / "pandoc" / "typographie-fr.lua"
        )

    @functools.cached_property
    def par_projet(self) -> donnees.ParProjet:
        """Child rows by project, built once for all the sheets of the run (before they are made by threads)."""
        return donnees.ParProjet(self.dataset)

    def chart(self, kind: str, data: dict[str, Any], draw: Callable[[dict[str, Any], Path], bytes]) -> str:
        """Draw (or reuse) a chart with the shipped fonts and stage it for typst; returns its typst path (drawn
        in this process, one chart at a time whatever the thread: its time is ``self.charts.seconds``)."""
        font_dir = self.config.theme_dir / "fonts"
        chart = self.charts.get(kind, data, lambda d: draw(d, font_dir))
        return self.compiler.asset(chart.svg, "svg")

    def fitting_source(
        self, template: str, record: str, key: str, titre: str, **fixed: Any
    ) -> Callable[[dict[str, Any], float], str]:
        """What :func:`eclaireur.print.ajustement.ajuster` compiles: the typst source of ``template`` for
        ``record`` with the (possibly cut) data under ``key``, at a type density, with ``fixed`` variables and
        the document metadata of ``titre``."""
        metadata = self.metadata(titre)

        def source(values: dict[str, Any], densite: float) -> str:
            return self.compiler.render(template, record=record, densite=densite, **{key: values}, **fixed, **metadata)

        return source

    def metadata(self, titre: str) -> dict[str, Any]:
        return {"titre": titre, "auteur": self.autorite["nom"], "mots_cles": ["eclaireur", self.autorite["nom"]]}
