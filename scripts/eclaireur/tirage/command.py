"""``eclaireur tirage``: draw people from a published list, or verify a published draw (``--verify``)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from eclaireur.errors import UnusableInputError
from eclaireur.tirage.draw import NO_STRATUM


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UnusableInputError(f"{option} : « {value} » n'est pas une date AAAA-MM-JJ.") from None


@click.command("tirage")
@click.argument("liste", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--verify", "--verifier", "verify_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Vérifie un résultat publié : recalcule le tirage depuis sa liste et sa graine.")
@click.option("--graine", default=None, help="La graine publiée avant le tirage, recopiée exactement.")
@click.option("--nombre", type=click.IntRange(min=0), default=None, help="Nombre de personnes à tirer (sans strates).")
@click.option("--strate", "stratum", default=None, help="Colonne de la liste qui donne la strate (service, quartier…).")
@click.option("--par-strate", type=click.IntRange(min=0), default=None,
              help="Même nombre de personnes dans chaque strate.")
@click.option("--quotas", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fichier CSV des quotas (colonnes strate, nombre).")
@click.option("--identifiant", "id_column", default="identifiant", show_default=True,
              help="Colonne des identifiants publiés.")
@click.option("--suppleants", type=click.IntRange(min=0), default=0, show_default=True,
              help="Suppléants à désigner (par strate), dans l'ordre du tirage.")
@click.option("--id", "draw_id", default="", help="Identifiant du tirage (slug), pour les pages du site.")
@click.option("--titre", default="", help="Titre du tirage.")
@click.option("--description", default="", help="À quoi sert le tirage (une ou deux phrases).")
@click.option("--graine-origine", default="",
              help="D'où vient la graine (par exemple : dés lancés en séance publique).")
@click.option("--graine-publiee-le", default=None, help="Date de publication de la graine (AAAA-MM-JJ).")
@click.option("--date", "draw_date", default=None, help="Date du tirage (AAAA-MM-JJ).")
@click.option("--lien", default="", help="Page du site liée au tirage (chemin source, par exemple vote/index.md).")
@click.option("--sortie", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fichier de résultat à écrire (YAML) ; sinon le résultat est affiché.")
def tirage_command(
    liste: Path | None, verify_path: Path | None, graine: str | None, nombre: int | None, stratum: str | None,
    par_strate: int | None, quotas: Path | None, id_column: str, suppleants: int, draw_id: str, titre: str,
    description: str, graine_origine: str, graine_publiee_le: str | None, draw_date: str | None, lien: str,
    sortie: Path | None,
) -> None:
    """Tire au sort des personnes d'une LISTE publiée, avec une graine publiée avant le tirage.

    Méthode : chaque personne reçoit l'empreinte SHA-256 de « graine:identifiant » ; la liste est triée par
    empreinte ; les premières de chaque strate sont tirées. Le résultat (YAML) donne la graine, l'empreinte
    SHA-256 de la liste et les personnes tirées ; « eclaireur tirage --verify RESULTAT » le recalcule.
    """
    from eclaireur.tirage.result import DrawSettings, data_tree, read_people, read_quotas, run_draw, verify

    if verify_path is not None:
        if liste is not None:
            raise UnusableInputError("--verify prend seulement le fichier de résultat : n'indiquez pas de liste.")
        outcome = verify(verify_path, data_tree(verify_path))
        if outcome.ok:
            recomputed = outcome.recomputed or {}
            click.echo(
                f"Tirage vérifié : {verify_path} est exact. La liste a bien le SHA-256 publié "
                f"({recomputed.get('liste_sha256')}) et la graine redonne les {len(recomputed.get('tires', []))} "
                "personnes tirées et les suppléants publiés, dans le même ordre."
            )
            return
        click.echo(f"Tirage NON vérifié : {verify_path}", err=True)
        for message in outcome.messages:
            click.echo(f"- {message}", err=True)
        sys.exit(1)
    if liste is None:
        raise UnusableInputError("indiquez la liste à tirer (fichier CSV), ou --verify RESULTAT pour vérifier.")
    if graine is None or not graine.strip():
        raise UnusableInputError("indiquez la graine publiée avant le tirage avec --graine.")
    modes = [m for m in (nombre is not None, par_strate is not None, quotas is not None) if m]
    if len(modes) != 1:
        raise UnusableInputError("choisissez une seule façon de compter : --nombre, --par-strate ou --quotas.")
    if (par_strate is not None or quotas is not None) and not stratum:
        raise UnusableInputError("--par-strate et --quotas demandent la colonne des strates : --strate COLONNE.")
    people = read_people(liste, id_column, stratum)
    if nombre is not None:
        if stratum:
            raise UnusableInputError("--nombre tire sans strates : retirez --strate, ou utilisez --par-strate.")
        counts = {NO_STRATUM: nombre}
    elif par_strate is not None:
        counts = {p.stratum: par_strate for p in people.people}
    else:
        assert quotas is not None
        counts = read_quotas(quotas)
    settings = DrawSettings(
        seed=graine,
        quotas=counts,
        substitutes=suppleants,
        id=draw_id,
        title=titre,
        description=description,
        seed_origin=graine_origine,
        seed_published=_date(graine_publiee_le, "--graine-publiee-le"),
        date=_date(draw_date, "--date"),
        link=lien,
    )
    _, text = run_draw(people, settings, sortie)
    if sortie is None:
        click.echo(text, nl=False)
        return
    tmp = sortie.with_suffix(sortie.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(sortie)
    click.echo(f"Tirage écrit dans {sortie} ({len(people.people)} personnes, liste SHA-256 {people.sha256}).")
