"""``eclaireur contributions``: import the inbox, list and moderate contributions."""

from __future__ import annotations

from pathlib import Path

import click

from eclaireur.cli_fr import SUBCOMMAND_METAVAR
from eclaireur.config import EngineConfig, load_config
from eclaireur.forms.definition import STATUSES

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Racine du dépôt (le dossier qui contient mkdocs.yml).",
)


@click.group("contributions", subcommand_metavar=SUBCOMMAND_METAVAR)
def contributions_group() -> None:
    """Contributions reçues par les formulaires : importer, lister, modérer, publier."""


@contributions_group.command("import")
@ROOT
@click.argument("paths", metavar="[CHEMIN]...", nargs=-1, type=click.Path(path_type=Path))
@click.option("--garder", is_flag=True, help="Laisse dans la boîte de réception les fichiers importés.")
def import_command(root: Path, paths: tuple[Path, ...], garder: bool) -> None:
    """Importe les fichiers de contributions/inbox/ (ou les CHEMIN donnés) dans le registre privé :
    valides -> « en attente », sinon quarantaine (dans le registre privé).

    Code de sortie : 0 si tout est importé (ou en double), 1 si au moins un fichier est mis en quarantaine.
    """
    from eclaireur.contributions.intake import BALLOT, DUPLICATE, IMPORTED, QUARANTINED, import_contributions

    config = _ready(root)
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
        for note in outcome.notes:
            click.echo(f"             ({note})")
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
    """Liste les contributions du registre privé (formulaire, identifiant, statut, début du texte)."""
    from eclaireur.contributions.moderation import list_contributions

    config = _ready(root)
    entries = list_contributions(config, status=statut, form_id=formulaire)
    if not entries:
        where = "" if config.private_dir.is_dir() else " (il n'existe pas encore sur ce poste)"
        click.echo(f"Aucune contribution dans le registre privé {config.private_dir}{where}.")
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
    """Accepte ou refuse la contribution CONTRIBUTION_ID, puis réécrit sa partie publiable dans data/."""
    from eclaireur.contributions.moderation import moderate
    from eclaireur.errors import UnusableInputError

    if decision is None:
        raise UnusableInputError("indiquez --accept ou --reject.")
    config = _ready(root)
    decision_made = moderate(config, contribution_id, accept=decision == "accept", reason=reason, form_id=formulaire)
    entry, publication = decision_made.entry, decision_made.publication
    public = _shown(config.root, publication.path)
    if not decision_made.in_register:
        click.echo(f"{entry.form_id} : {entry.id} est retirée des données publiées ({public}) ; le registre privé "
                   "d'ici ne la contenait pas : notez aussi le refus dans le registre du poste qui l'a importée.")
        return
    published = ""
    if entry.status == "acceptée" and entry.consent:
        published = " ; elle sera publiée à la prochaine construction du site"
    elif entry.status == "acceptée":
        published = " ; sans accord de son auteur, elle n'est pas publiée"
    click.echo(f"{entry.form_id} : {entry.id} est maintenant « {entry.status} »{published}.")
    if publication.changed:
        click.echo(f"{public} réécrit : {publication.published + publication.kept} contribution(s) publiée(s).")


@contributions_group.command("publish")
@ROOT
@click.option("--formulaire", help="Seulement ce formulaire.")
def publish_command(root: Path, formulaire: str | None) -> None:
    """Réécrit data/contributions/<formulaire>.csv à partir du registre privé.

    N'y écrit que les contributions acceptées avec consentement, sans leurs champs privés ; les lignes
    publiées depuis un registre tenu sur un autre poste sont gardées. À lancer après avoir corrigé le
    registre à la main ou changé le schéma d'un formulaire.
    """
    from eclaireur.contributions.publish import publish_all

    config = _ready(root)
    publications = publish_all(config, form_id=formulaire)
    for publication in publications:
        state = "réécrit" if publication.changed else "inchangé"
        click.echo(f"{_shown(config.root, publication.path):<48} {state:<9} {publication.published} depuis le "
                   f"registre, {publication.kept} d'un autre registre")
    click.echo(f"{len(publications)} formulaire(s) publié(s) depuis le registre privé {config.private_dir}.")


def _ready(root: Path) -> EngineConfig:
    """The configuration, once a moderation a crash interrupted has been finished (and said so)."""
    from eclaireur.contributions.moderation import resume_moderation

    config = load_config(root)
    finished = resume_moderation(config)
    if finished:
        click.echo(finished)
    return config


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
