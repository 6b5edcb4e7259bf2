"""``eclaireur print``: writes the posters, the atlas, the project sheets and the newspaper as PDF."""

from __future__ import annotations

from pathlib import Path

import click

from eclaireur.print.compilateur import write_atomic
from eclaireur.print.session import FORMATS, PrintOptions
from eclaireur.print.sorties import KINDS, PREFIX, build_print


def remove_stale(folder: Path, keep: set[Path]) -> int:
    """Delete the PDFs of ``folder`` that this run did not produce (a removed project, theme...)."""
    removed = 0
    if folder.is_dir():
        for path in sorted(folder.rglob("*.pdf")):
            if path.resolve() not in keep:
                path.unlink()
                removed += 1
    return removed


@click.command("print")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="Racine du dépôt (le dossier qui contient mkdocs.yml).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="A2", show_default=True,
              help="Format des affiches (l'atlas est toujours en A3).")
@click.option("--bleed", is_flag=True, help="Affiches avec fond perdu de 3 mm et traits de coupe, pour l'imprimeur.")
@click.option("--only", "kinds", type=click.Choice(KINDS), multiple=True,
              help="Ne produit que ces documents (répétable) ; par défaut, tous.")
@click.option("--journal", "reports", type=click.Path(dir_okay=False, path_type=Path), multiple=True,
              help="Met aussi en page ce rapport Markdown (avec en-tête) en journal (répétable).")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier de sortie (par défaut site/ ; les PDF vont dans <sortie>/imprimer/).")
def print_command(root: Path, fmt: str, bleed: bool, kinds: tuple[str, ...], reports: tuple[Path, ...],
                  output: Path | None) -> None:
    """Produit les PDF à imprimer : affiches, atlas, fiches projet et journal."""
    from eclaireur.config import load_config
    from eclaireur.load import load_dataset

    config = load_config(root)
    dataset = load_dataset(config.data_dir, config.datapackage_path)
    result = build_print(config, dataset, PrintOptions(format=fmt, fond_perdu=bleed), kinds or KINDS,
                         [r.resolve() for r in reports])
    site = (output or config.root / "site").resolve()
    written = 0
    for path, data in sorted(result.files.items()):
        written += write_atomic(site / path, data)
    removed = 0
    if not kinds:
        removed = remove_stale(site / PREFIX, {(site / p).resolve() for p in result.files})
    click.echo(f"Impression : {result.summary()}.")
    click.echo(f"{written} fichier(s) écrit(s) ou mis à jour, {removed} ancien(s) supprimé(s) dans {site / PREFIX}.")
