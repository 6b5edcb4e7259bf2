"""``eclaireur benchmark``: the project's performance figures, printed as a French table or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from eclaireur.bench.site import SiteRun, run_site_benchmark


def _site_table(runs: list[SiteRun]) -> str:
    def n(value: float, decimals: int = 1) -> str:
        return f"{value:.{decimals}f}".replace(".", ",")

    lines = [
        "Site (sans PDF) :",
        "projets  pages  construction  ms/page  reconstruction  mémoire max  mkdocs seul  ms/page  rapport",
    ]
    for r in runs:
        lines.append(
            f"{r.projects:7d} {r.pages:6d} {n(r.build_s):>11} s {n(r.ms_per_page):>8} {n(r.rebuild_s):>13} s"
            f" {n(r.build_peak_mib, 0):>8} Mio {n(r.mkdocs_s):>9} s {n(r.mkdocs_ms_per_page):>8}"
            f" {n(r.ratio_to_mkdocs, 2):>7}"
        )
    if len(runs) >= 2:
        growth = runs[-1].ms_per_page / runs[0].ms_per_page
        lines.append(f"Coût par page à {runs[-1].projects} projets / à {runs[0].projects} projets : "
                     f"{n(growth, 2)} (cible ≤ 1,2).")
    for r in runs:
        if r.search_first_query:
            measured = ", ".join(f"« {q} » {n(size / 1024, 0)} Kio" for q, size in r.search_first_query.items())
            lines.append(f"Première recherche à {r.projects} projets (téléchargé) : {measured} (cible ≤ 300 Kio).")
    worst = max(r.ratio_to_mkdocs for r in runs)
    lines.append(f"Pire rapport eclaireur / mkdocs seul : {n(worst, 2)} (cible ≤ 1,2).")
    return "\n".join(lines)


@click.command("benchmark")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="Dépôt servant de modèle à la collectivité synthétique.")
@click.option("--projects", "-n", type=click.IntRange(min=1), multiple=True, default=(200, 1000, 2000),
              show_default=True, help="Nombre de projets de la collectivité synthétique (répétable).")
@click.option("--print-projects", type=click.IntRange(min=0), default=2000, show_default=True,
              help="Impression (affiches, atlas, fiches, journal) : démo et collectivité de N projets ; 0 : sans.")
@click.option("--tally-ballots", type=click.IntRange(min=0), default=1_000_000, show_default=True,
              help="Dépouillement de N bulletins sur 20 options (Borda, Schulze, matrice) ; 0 : sans.")
@click.option("--site/--no-site", default=True, show_default=True, help="Mesurer la construction du site.")
@click.option("--evaluations/--no-evaluations", default=True, show_default=True,
              help="Évaluations : 5, 10 puis 20 évaluations (jusqu'à 5 000 indices et 2 000 actions).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def benchmark_command(root: Path, projects: tuple[int, ...], print_projects: int, tally_ballots: int, site: bool,
                      evaluations: bool, fmt: str) -> None:
    """Mesure la construction du site à plusieurs échelles (comparée à mkdocs seul), l'impression et le
    dépouillement."""
    results: dict[str, Any] = {}
    texts: list[str] = []
    if site:
        runs = run_site_benchmark(root.resolve(), sorted(projects))
        results["site"] = [r.to_dict() for r in runs]
        texts.append(_site_table(runs))
    if print_projects:
        from eclaireur.print.bench import run_print_benchmark

        results["impression"] = run_print_benchmark(root.resolve(), (print_projects,))
        texts.append("Impression :\n" + json.dumps(results["impression"], indent=2, ensure_ascii=False))
    if evaluations:
        from eclaireur.evaluation.bench import run_evaluation_benchmark, table

        evaluation_runs = run_evaluation_benchmark(root.resolve())
        results["evaluations"] = [r.to_dict() for r in evaluation_runs]
        texts.append(table(evaluation_runs))
    if tally_ballots:
        from eclaireur.vote.bench import run_tally_benchmark

        results["depouillement"] = run_tally_benchmark(tally_ballots)
        texts.append("Dépouillement :\n" + json.dumps(results["depouillement"], indent=2, ensure_ascii=False,
                                                      default=str))
    if fmt == "json":
        click.echo(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo("\n\n".join(texts))
