"""``eclaireur benchmark``: the project's performance figures, printed as a French table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from eclaireur.bench.site import SiteRun, run_site_benchmark


def _table(runs: list[SiteRun]) -> str:
    lines = [
        "projets  pages  construction  ms/page  reconstruction  mémoire max  mkdocs seul  ms/page  rapport",
    ]
    for r in runs:
        lines.append(
            f"{r.projects:7d} {r.pages:6d} {r.build_s:11.1f} s {r.ms_per_page:8.1f} {r.rebuild_s:13.1f} s"
            f" {r.build_peak_mib:8.0f} Mio {r.mkdocs_s:9.1f} s {r.mkdocs_ms_per_page:8.1f} {r.ratio_to_mkdocs:7.2f}"
        )
    if len(runs) >= 2:
        growth = runs[-1].ms_per_page / runs[0].ms_per_page
        lines.append(
            f"Coût par page à {runs[-1].projects} projets / à {runs[0].projects} projets : {growth:.2f} (cible ≤ 1,2)."
        )
    worst = max(r.ratio_to_mkdocs for r in runs)
    lines.append(f"Pire rapport eclaireur / mkdocs seul : {worst:.2f} (cible ≤ 1,2).")
    return "\n".join(lines).replace(".", ",")


@click.command("benchmark")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="Dépôt servant de modèle à la collectivité synthétique.")
@click.option("--projects", "-n", type=click.IntRange(min=1), multiple=True, default=(200, 1000, 2000),
              show_default=True, help="Nombre de projets de la collectivité synthétique (répétable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def benchmark_command(root: Path, projects: tuple[int, ...], fmt: str) -> None:
    """Mesure la construction du site à plusieurs échelles, comparée à mkdocs seul."""
    runs = run_site_benchmark(root.resolve(), sorted(projects))
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in runs], indent=2))
    else:
        click.echo(_table(runs))
