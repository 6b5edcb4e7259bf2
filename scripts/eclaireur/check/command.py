"""``eclaireur check [PATH]``: the click command. Exit 0 valid, 1 problems found, 2 unusable input."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from eclaireur.check.fast import DEFAULT_LIMIT_ERRORS
from eclaireur.check.output import FORMATTERS
from eclaireur.check.run import check_path
from eclaireur.errors import EclaireurError

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_UNUSABLE = 2


@click.command("check")
@click.argument("path", metavar="[CHEMIN]", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--schema",
    type=click.Path(path_type=Path),
    default=None,
    help="Table Schema (ou description de ressource avec dialect et encoding) pour un fichier CSV seul.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="text : lisible ; json : codes stables ; github : annotations de workflow ; "
    "gitlab : rapport « Qualité du code » des demandes de fusion.",
)
@click.option(
    "--limit-errors",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT_ERRORS,
    show_default=True,
    help="Arrête la vérification d'un tableau après N problèmes (0 : aucune limite). Le rapport le signale.",
)
@click.option(
    "--moteur",
    "engine",
    type=click.Choice(["auto", "fast", "frictionless"]),
    default="auto",
    show_default=True,
    help="auto : moteur rapide (mêmes règles que frictionless), frictionless sinon ; frictionless : toujours.",
)
def check_command(path: Path, schema: Path | None, output_format: str, limit_errors: int, engine: str) -> None:
    """Vérifie le dépôt (par défaut), un descripteur datapackage ou un fichier CSV.

    Chaque problème tient sur une ligne : fichier, ligne (comme dans un éditeur), colonne, valeur, ce qui
    est attendu et comment corriger. Code de sortie : 0 si tout est valide, 1 s'il y a des problèmes,
    2 si l'entrée est inutilisable.
    """
    try:
        # Paths are shown relative to the repository checked, or to the current folder for a file.
        root = path if path.is_dir() else Path.cwd()
        report = check_path(path, schema=schema, root=root, limit_errors=limit_errors, engine=engine)  # type: ignore[arg-type]
    except EclaireurError as exc:
        click.echo(f"Erreur : {exc.message}", err=True)
        sys.exit(EXIT_UNUSABLE if exc.exit_code == EXIT_UNUSABLE else EXIT_INVALID)
    except (OSError, ValueError, RecursionError) as exc:
        click.echo(f"Erreur : {path} ne peut pas être vérifié ({exc}).", err=True)
        sys.exit(EXIT_UNUSABLE)
    except Exception as exc:  # the CLI boundary: a French message, never a traceback
        click.echo(
            f"Erreur : la vérification de {path} s'est interrompue ({type(exc).__name__} : {exc}). "
            "Signalez-le à l'équipe avec le fichier en cause.",
            err=True,
        )
        sys.exit(EXIT_UNUSABLE)
    click.echo(FORMATTERS[output_format](report), nl=False)
    sys.exit(EXIT_VALID if report.valid else EXIT_INVALID)
