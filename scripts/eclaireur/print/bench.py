"""Print benchmark: all posters + atlas + sheets + newspaper, cold and rebuilt, for the demo authority
and for a synthetic one (the demo with its projects multiplied), with the share of pandoc, typst and charts.

``run_print_benchmark(root)`` returns a plain dictionary (JSON-serialisable); the project benchmark
command prints it.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eclaireur.config import load_config
from eclaireur.load import load_dataset
from eclaireur.print.sorties import PrintResult, build_print


def _figures(result: PrintResult) -> dict[str, Any]:
    total = result.seconds or 1e-9
    return {
        "secondes": round(result.seconds, 3),
        "pdf": len(result.files),
        "compiles": result.compiled,
        "repris_du_cache": result.reused,
        "typst_s": round(result.typst_seconds, 3),
        "pandoc_s": round(result.pandoc_seconds, 3),
        "graphiques_s": round(result.charts_seconds, 3),
        "part_typst": round(result.typst_seconds / total, 3),
        "part_pandoc": round(result.pandoc_seconds / total, 3),
        "part_graphiques": round(result.charts_seconds / total, 3),
        "graphiques_dessines": result.charts_drawn,
    }


def measure(root: Path, work: Path) -> dict[str, Any]:
    """Cold build (empty cache in ``work``) then a rebuild with no change, for the repository at ``root``."""
    config = dataclasses.replace(load_config(root), cache_dir=work / "cache")
    started = time.perf_counter()
    dataset = load_dataset(config.data_dir, config.datapackage_path)
    loading = time.perf_counter() - started
    cold = build_print(config, dataset)
    warm = build_print(config, dataset)
    return {
        "projets": len(dataset.rows("projets")),
        "themes": len(dataset.rows("themes")),
        "chargement_s": round(loading, 3),
        "premiere_construction": _figures(cold),
        "reconstruction_sans_changement": _figures(warm),
        "octets_identiques": cold.files == warm.files,
    }


def run_print_benchmark(root: Path, synthetic_projects: Sequence[int] = (2000,)) -> dict[str, Any]:
    """Figures for the demo repository at ``root`` and for synthetic authorities of the given sizes."""
    from eclaireur.bench.synthetic import make_synthetic

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="eclaireur-impression-") as tmp:
        work = Path(tmp)
        results["demo"] = measure(root.resolve(), work / "demo")
        for count in synthetic_projects:
            target = work / f"synthetique-{count}"
            make_synthetic(root.resolve(), target, count)
            results[f"synthetique_{count}"] = measure(target, work / f"mesure-{count}")
    return results
