"""``eclaireur contributions``: import the inbox, list and moderate contributions."""

from __future__ import annotations

from pathlib import Path

import click

from eclaireur.config import load_config
from eclaireur.forms.definition import STATUSES

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Racine du dépôt (le dossier qui contient mkdocs.yml).",
)


@click.group("contributions")
def contributions_group() -> None:
    """Contributions reçues par les formulaires : importer, lister, modérer."""


@contributions_group.command("import")
@ROOT
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--garder", is_flag=True, help="Laisse dans la boîte de réception les fichiers importés.")
def import_command(root: Path, paths: tuple[Path, ...], garder: bool) -> None:
    """Importe les fichiers de contributions/inbox/ (ou PATHS) : valides -> « en attente », sinon quarantaine.

    Code de sortie : 0 si tout est importé (ou en double), 1 si au moins un fichier est mis en quarantaine.
    """
    from eclaireur.contributions.intake import BALLOT, DUPLICATE, IMPORTED, QUARANTINED, import_contributions

    config = load_config(root)
    outcomes = import_contributions(config, list(paths), keep=garder)
    if not outcomes:
        click.echo("Aucune contribution à importer (contributions/inbox/ est vide).")
        return
    for outcome in outcomes:
        if outcome.status == IMPORTED:
            click.echo(f"importée     {outcome.source} -> {outcome.form_id} : {outcome.contribution_id} (en attente)")
        elif outcome.status == DUPLICATE:
            click.echo(f"doublon      {outcome.source} : {outcome.reasons[0]} ({outcome.form_id})")
        elif outcome.status == BALLOT:
            click.echo(f"bulletin     {outcome.source} : {outcome.reasons[0]}")
        else:
            click.echo(f"quarantaine  {outcome.source} -> {outcome.destination}", err=True)
            for reason in outcome.reasons:
                click.echo(f"             - {reason}", err=True)
    counts = {status: sum(1 for o in outcomes if o.status == status)
              for status in (IMPORTED, DUPLICATE, QUARANTINED, BALLOT)}
    ballots = f", {counts[BALLOT]} bulletin(s) de vote laissé(s) dans la boîte" if counts[BALLOT] else ""
    click.echo(f"{counts[IMPORTED]} importée(s), {counts[DUPLICATE]} en double, {counts[QUARANTINED]} en quarantaine"
               f"{ballots}.")
    if counts[QUARANTINED]:
        raise SystemExit(1)


@contributions_group.command("list")
@ROOT
@click.option("--statut", type=click.Choice(STATUSES), help="Seulement les contributions de ce statut.")
@click.option("--formulaire", help="Seulement les contributions de ce formulaire.")
def list_command(root: Path, statut: str | None, formulaire: str | None) -> None:
    """Liste les contributions enregistrées (formulaire, identifiant, statut, début du texte)."""
    from eclaireur.contributions.moderation import list_contributions

    entries = list_contributions(load_config(root), status=statut, form_id=formulaire)
    if not entries:
        click.echo("Aucune contribution.")
        return
    for e in entries:
        consent = "publiable" if e.consent else "sans accord de publication"
        click.echo(f"{e.form_id:<24} {e.id:<28} {e.status:<11} {consent:<27} {e.excerpt}")
    click.echo(f"{len(entries)} contribution(s).")


@contributions_group.command("moderate")
@ROOT
@click.argument("contribution_id")
@click.option("--accept", "decision", flag_value="accept", help="Accepte la contribution (publiée si consentement).")
@click.option("--reject", "decision", flag_value="reject", help="Refuse la contribution (jamais publiée).")
@click.option("--reason", default="", help="Motif de la décision (obligatoire pour un refus ; jamais publié).")
@click.option("--formulaire", help="Le formulaire, si l'identifiant existe dans plusieurs.")
def moderate_command(
    root: Path, contribution_id: str, decision: str | None, reason: str, formulaire: str | None
) -> None:
    """Accepte ou refuse la contribution CONTRIBUTION_ID."""
    from eclaireur.contributions.moderation import moderate
    from eclaireur.errors import UnusableInputError

    if decision is None:
        raise UnusableInputError("indiquez --accept ou --reject.")
    entry = moderate(load_config(root), contribution_id, accept=decision == "accept", reason=reason,
                     form_id=formulaire)
    published = ""
    if entry.status == "acceptée" and entry.consent:
        published = " ; elle sera publiée à la prochaine construction du site"
    click.echo(f"{entry.form_id} : {entry.id} est maintenant « {entry.status} »{published}.")
