"""The ``eclaireur`` command line. Engine errors become French messages and exit codes here only."""

from __future__ import annotations

import difflib
import importlib
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any

import click

from eclaireur import __version__, cli_fr
from eclaireur.errors import EclaireurError

# Click's own strings (usage, help, errors) in French, before any option, type or command below is built.
cli_fr.install()

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Racine du dépôt (le dossier qui contient mkdocs.yml).",
)


class EclaireurGroup(click.Group):
    """Turns :class:`EclaireurError` into a French message and its exit code; loads commands lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module_name, attribute = LAZY_COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, with the commands close to a mistyped name (lazy commands are not registered yet)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.6)
            if close:
                choices = ", ".join(repr(c) for c in close)
                ctx.fail(f"commande {name!r} inconnue. Vouliez-vous dire {choices} ?")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        previous = _on_terminate()
        try:
            return super().invoke(ctx)
        except EclaireurError as exc:
            click.echo(f"Erreur : {exc.message}", err=True)
            sys.exit(exc.exit_code)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM ends the command as Ctrl-C does: temporary folders are removed, helpers stopped."""
    click.echo("Interrompu (signal d'arrêt).", err=True)
    raise SystemExit(128 + signum)


def _on_terminate() -> Any:
    """Turn SIGTERM into :class:`SystemExit` (in the main thread only); the previous handler, to restore."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminated)


def setup_logging(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    for name in ("eclaireur", "mkdocs"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level if name == "eclaireur" else logging.WARNING if not verbose else logging.INFO)
        logger.propagate = False


@click.group(cls=EclaireurGroup, subcommand_metavar=cli_fr.SUBCOMMAND_METAVAR,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eclaireur")
def main() -> None:
    """eclaireur : publier les données ouvertes d'une collectivité (site, impressions, formulaires)."""


@main.command()
@ROOT_OPTION
@click.option("--strict", is_flag=True, help="Échoue au moindre avertissement de mkdocs.")
@click.option("--no-check", is_flag=True, help="Ne vérifie pas les données avant de construire.")
@click.option("-v", "--verbose", is_flag=True, help="Affiche le détail de la construction.")
def build(root: Path, strict: bool, no_check: bool, verbose: bool) -> None:
    """Construit le site dans site/ (remplacé seulement si la construction réussit)."""
    from eclaireur.build import build_site

    setup_logging(verbose)
    result = build_site(root, strict=strict, check=not no_check)
    click.echo(f"Site construit dans {result.site_dir} en {result.seconds:.1f} s.")


@main.command()
@ROOT_OPTION
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Adresse d'écoute.")
def serve(root: Path, dev_addr: str) -> None:
    """Sert le site en local et le reconstruit quand data/, content/ ou theme/ changent."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    from eclaireur.config import CONFIG_FILE, load_config

    setup_logging(False)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    load_config(root)
    try:
        mkdocs_serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        raise EclaireurError(f"Le serveur local s'est arrêté : {exc}") from exc


# Commands that live in their own stage package, imported only when used (``eclaireur build`` does not
# pay for the vote or print modules): command name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "benchmark": "eclaireur.bench.command:benchmark_command",
    "check": "eclaireur.check.command:check_command",
    "contributions": "eclaireur.contributions.command:contributions_group",
    "election": "eclaireur.vote.command:election_group",
    "print": "eclaireur.print.command:print_command",
    "tally": "eclaireur.vote.command:tally_command",
    "tirage": "eclaireur.tirage.command:tirage_command",
}
