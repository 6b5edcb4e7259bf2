"""``eclaireur tally`` (recount an election) and ``eclaireur election codes`` (participation codes).

Engine errors are French :class:`~eclaireur.errors.EclaireurError`; the CLI group turns them into a message
and an exit code.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import click

from eclaireur.cli_fr import SUBCOMMAND_METAVAR
from eclaireur.errors import DataError, UnusableInputError
from eclaireur.privacy import git_would_publish
from eclaireur.vote.kernel import STRENGTHS
from eclaireur.vote.setup import METHODS

PREFLIB_SUFFIXES = (".soc", ".soi", ".toc", ".toi")

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Racine du dépôt (le dossier qui contient mkdocs.yml et data/).",
)


def results_json(results: dict[str, Any]) -> str:
    """The JSON text of the results, as published in ``vote/resultats.json`` (same bytes for same ballots)."""
    return json.dumps(results, ensure_ascii=False, indent=1) + "\n"


def _data_dir(root: Path) -> Path:
    from eclaireur.config import load_config

    if (root / "mkdocs.yml").is_file():
        return load_config(root).data_dir
    return root / "data"


def tally_from_package(
    root: Path, election: str | None, ballots: Path | None = None, methode: str | None = None,
    force: str | None = None,
) -> dict[str, Any]:
    """Results of the package's election (ballots from ``ballots`` instead of the package when given;
    ``methode`` and ``force`` override the election's settings)."""
    import dataclasses

    from eclaireur.vote.setup import setup_from_files
    from eclaireur.vote.tally import tally_file

    data_dir = _data_dir(root)
    setup, path = setup_from_files(data_dir, election)
    setup = dataclasses.replace(setup, methode=methode or setup.methode, force=force or setup.force)
    path = ballots or path
    try:
        source = str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        source = str(path)
    return tally_file(setup, path, source=source)


def tally_from_preflib(path: Path, methode: str, force: str) -> dict[str, Any]:
    from eclaireur.vote.preflib import read_preflib
    from eclaireur.vote.tally import tally_profile

    profile = read_preflib(path)
    return tally_profile(profile.names, profile.ranks, profile.weights, title=profile.title, source=str(path),
                         methode=methode, force=force)


@click.command("tally")
@click.argument("source", required=False, type=click.Path(dir_okay=False, path_type=Path))
@root_option
@click.option("--election", default=None, help="Identifiant de l'élection (la première du paquet par défaut).")
@click.option("--methode", type=click.Choice(METHODS), default=None,
              help="Méthode du classement officiel (par défaut : celle de l'élection, borda pour un fichier PrefLib).")
@click.option("--force", type=click.Choice(STRENGTHS), default=None,
              help="Force d'une défaite pour Schulze (par défaut : celle de l'élection, victoires).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text : rapport lisible en français ; json : résultats complets pour les machines.")
@click.option("--sortie", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Écrit le résultat dans ce fichier au lieu de l'afficher.")
@click.option("--preflib", "preflib_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Écrit aussi les bulletins exprimés au format PrefLib (.soc/.soi/.toc/.toi selon leur forme).")
def tally_command(
    source: Path | None, root: Path, election: str | None, methode: str | None, force: str | None, fmt: str,
    sortie: Path | None, preflib_out: Path | None,
) -> None:
    """Dépouille une élection : classement officiel, autres méthodes, duels, premières places, canaux.

    Sans SOURCE : les bulletins de l'élection du paquet de données (data/bulletins.csv). SOURCE peut être
    un autre fichier de bulletins au même format, ou un fichier PrefLib (.soc, .soi, .toc, .toi). Les
    bulletins blancs et nuls sont comptés à part, avec leur motif.
    """
    from eclaireur.vote.report import render_text

    if source is not None and source.suffix.lower() in PREFLIB_SUFFIXES:
        results = tally_from_preflib(source, methode or "borda", force or "victoires")
    else:
        results = tally_from_package(root, election, source, methode, force)
    if preflib_out is not None:
        _write_preflib(root, election, source, results, preflib_out)
    text = results_json(results) if fmt == "json" else render_text(results)
    if sortie is None:
        click.echo(text, nl=False)
    else:
        sortie.write_text(text, encoding="utf-8")
        click.echo(f"Résultats écrits dans {sortie}.")


def _write_preflib(root: Path, election: str | None, source: Path | None, results: dict[str, Any],
                   target: Path) -> None:
    from eclaireur.vote.preflib import read_preflib, write_preflib

    if source is not None and source.suffix.lower() in PREFLIB_SUFFIXES:
        profile = read_preflib(source)
        text, _ = write_preflib(profile.names, profile.ranks, profile.weights, file_name=target.name,
                                title=profile.title)
    else:
        from eclaireur.vote.setup import setup_from_files
        from eclaireur.vote.tally import preflib_of_election

        setup, path = setup_from_files(_data_dir(root), election)
        text, _ = preflib_of_election(setup, source or path, target.name)
    target.write_text(text, encoding="utf-8")


@click.group("election", subcommand_metavar=SUBCOMMAND_METAVAR)
def election_group() -> None:
    """Outils de l'élection des futurs (codes de participation)."""


@election_group.command("codes")
@click.argument("nombre", type=click.IntRange(min=1, max=10_000_000))
@root_option
@click.option("--election", default=None, help="Identifiant de l'élection (la première du paquet par défaut).")
@click.option("--prive", "private", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fichier où écrire les codes eux-mêmes (à imprimer, à ne JAMAIS publier). Ne doit pas exister. "
                   "Par défaut : codes-<élection>.csv dans le registre privé (option private_dir).")
@click.option("--publie", "public", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Liste publique des empreintes (par défaut : la ressource codes_participation du paquet). "
                   "Les nouvelles empreintes y sont ajoutées, la liste reste triée.")
def codes_command(nombre: int, root: Path, election: str | None, private: Path | None, public: Path | None) -> None:
    """Tire NOMBRE codes de participation à usage unique et publie seulement leurs empreintes SHA-256.

    Les codes sont tirés avec le module secrets (aléa cryptographique). Le fichier privé est créé avec
    des droits de lecture réservés à son propriétaire ; ne le liez jamais à des noms : glissez les codes
    au hasard dans les enveloppes.
    """
    from eclaireur.vote.codes import HASH_PATTERN, new_codes
    from eclaireur.vote.setup import package_files, read_csv_rows

    data_dir = _data_dir(root)
    files = package_files(data_dir)
    election_path = files.path("election")
    elections = [r.get("id", "") for r in read_csv_rows(election_path)] if election_path else []
    election_id = election or (elections[0] if elections else "")
    if not election_id or (elections and election_id not in elections):
        raise UnusableInputError(
            f"élection « {election_id} » introuvable dans la ressource election"
            + (f" (élections connues : {', '.join(elections)})." if elections else " ; indiquez --election.")
        )
    public = public or files.path("codes_participation")
    if public is None:
        raise UnusableInputError(
            "le paquet n'a pas de ressource codes_participation : indiquez le fichier public avec --publie."
        )
    if private is None:
        private = _free_private_file(root, election_id)
    for folder in (data_dir, root / "content", root / "site"):
        if _inside(folder, private):
            raise UnusableInputError(
                f"{private} : le fichier des codes privés ne doit pas être dans {folder} (il serait publié). "
                "Choisissez un dossier hors du dépôt."
            )
    if git_would_publish(root, private):
        raise UnusableInputError(
            f"{private} : ce fichier serait publié au prochain commit (il est dans le dépôt et Git ne l'ignore "
            "pas). Choisissez un dossier hors du dépôt, ou le registre privé (sans --prive)."
        )
    if private.exists():
        raise UnusableInputError(
            f"{private} existe déjà : choisissez un autre fichier (les codes ne sont jamais écrasés)."
        )
    existing: list[dict[str, str]] = list(read_csv_rows(public)) if public.exists() else []
    for number, row in enumerate(existing, start=2):
        if not HASH_PATTERN.match(row.get("code_hash", "")):
            raise DataError(f"{public}, ligne {number} : « {row.get('code_hash')} » n'est pas une empreinte SHA-256.")
    codes = new_codes(nombre, election_id, (r["code_hash"] for r in existing))
    from eclaireur.vote.codes import code_hash

    descriptor = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["election", "code"])
        writer.writerows([election_id, code] for code in codes)
    rows = existing + [{"election": election_id, "code_hash": code_hash(election_id, c)} for c in codes]
    rows.sort(key=lambda r: (r["election"], r["code_hash"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["election", "code_hash"])
    writer.writerows([r["election"], r["code_hash"]] for r in rows)
    tmp = public.with_suffix(public.suffix + ".tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    tmp.replace(public)
    click.echo(
        f"{nombre} codes écrits dans {private} (privé : à imprimer, jamais à publier) ; "
        f"{len(rows)} empreintes dans {public} (public)."
    )


def _free_private_file(root: Path, election_id: str) -> Path:
    """``<private_dir>/codes-<election>.csv``, or ``-2``, ``-3``… when it exists (codes are never overwritten)."""
    from eclaireur.config import load_config
    from eclaireur.contributions.store import prepare_private

    private_dir = load_config(root).private_dir
    prepare_private(private_dir)
    candidate, number = private_dir / f"codes-{election_id}.csv", 2
    while candidate.exists():
        candidate, number = private_dir / f"codes-{election_id}-{number}.csv", number + 1
    return candidate


def _inside(folder: Path, path: Path) -> bool:
    folder = folder.resolve()
    target = path.resolve()
    return target == folder or folder in target.parents


@election_group.command("importer")
@click.argument("fichiers", nargs=-1, type=click.Path(exists=True, path_type=Path))
@root_option
@click.option("--election", default=None, help="Identifiant de l'élection (la première du paquet par défaut).")
@click.option("--lieu", default="formulaire du site", show_default=True, help="Lieu inscrit pour ces bulletins.")
@click.option("--date", "ballot_date", default=None,
              help="Date de dépôt (AAAA-MM-JJ) des bulletins qui n'ont pas d'horodatage (courriels sans JavaScript).")
@click.option("--garder", is_flag=True, help="Laisse dans la boîte de réception les bulletins importés.")
def import_command(fichiers: tuple[Path, ...], root: Path, election: str | None, lieu: str,
                   ballot_date: str | None, garder: bool) -> None:
    """Ajoute au fichier des bulletins les bulletins préparés sur le site : fichiers YAML (téléchargement ou
    lien vers la forge), JSON (service de réception) ou courriels « désir=rang » envoyés sans JavaScript.

    Sans FICHIERS : les fichiers de contributions/inbox/bulletins/ (un dossier peut aussi être donné). Tous
    les fichiers sont lus avant d'écrire : si l'un n'est pas un bulletin valable, rien n'est ajouté. Le
    classement est gardé tel quel (le dépouillement juge s'il est valide) ; le code de participation est
    remplacé par son empreinte, jamais écrit en clair. Chaque bulletin reçoit une clé d'envoi (colonne
    envoi) : un bulletin déjà importé (même fichier donné deux fois, copie, même courriel enregistré deux
    fois) est laissé de côté et signalé, jamais compté deux fois. Un code déjà porté par un autre bulletin
    est signalé : le bulletin est ajouté, et le dépouillement applique la règle « un code, un bulletin ».
    Les bulletins importés ou déjà importés quittent la boîte de réception (sauf avec --garder) ; les
    fichiers pris ailleurs ne sont jamais touchés.
    """
    import datetime as dt

    from eclaireur.vote.ballot_file import submission_key
    from eclaireur.vote.codes import code_hash
    from eclaireur.vote.inbox import (
        FOLDER,
        KEY_COLUMN,
        Recorded,
        ballot_files,
        ballot_inbox,
        copy_problem,
        examine,
        is_inside,
        read_recorded,
    )
    from eclaireur.vote.ranking import RankingReader
    from eclaireur.vote.setup import setup_from_files

    if ballot_date is not None:
        try:
            dt.date.fromisoformat(ballot_date)
        except ValueError:
            raise UnusableInputError(
                f"--date « {ballot_date} » : attendu AAAA-MM-JJ, par exemple 2025-11-02."
            ) from None
    inbox = ballot_inbox(root)
    paths = ballot_files(list(fichiers) or ([inbox] if inbox.is_dir() else []))
    if not paths:
        click.echo(f"Aucun bulletin à importer ({FOLDER} est vide).")
        return
    from eclaireur.mojibake import NOTE as MOJIBAKE_NOTE

    setup, path = setup_from_files(_data_dir(root), election)
    try:
        existing = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path} : fichier des bulletins illisible ({exc.strerror}) ; rien n'a été ajouté.") from exc
    recorded = read_recorded(path, existing)
    if KEY_COLUMN not in recorded.header:
        raise DataError(
            f"{path} : pas de colonne « {KEY_COLUMN} » ; sans elle, un bulletin importé deux fois serait compté deux "
            f"fois. Ajoutez « ,{KEY_COLUMN} » à la fin de la première ligne et une virgule à la fin de chacune des "
            f"autres (cellule vide pour les bulletins déjà enregistrés), et le champ « {KEY_COLUMN} » au schéma "
            "(voir data/schemas/bulletins.schema.json d'eclaireur) ; rien n'a été ajouté."
        )
    try:
        reader = RankingReader(setup.options)
    except ValueError as exc:
        raise DataError(f"élection « {setup.id} » : {exc} (ressource desirs).") from None
    problems: list[str] = []
    rows: list[dict[str, str]] = []
    skipped: list[str] = []
    warnings: list[str] = []
    handled: list[Path] = []
    for fichier in paths:
        ballot, reasons = examine(fichier, setup)
        if ballot is not None and not reasons and not (ballot.horodatage or ballot_date):
            reasons.append("pas de date de dépôt (aucun horodatage) ; indiquez-la avec --date AAAA-MM-JJ")
        if ballot is None or reasons:
            problems += [f"{fichier} : {reason}." for reason in reasons]
            continue
        digest = code_hash(setup.id, ballot.code) if ballot.code else ""
        day = ballot.horodatage[:10] or str(ballot_date)
        key = submission_key(setup.id, ballot, day, digest, reader)
        copy, refused = copy_problem(key, ballot, digest, recorded)
        if copy:
            skipped.append(f"{fichier} : {refused}.")
            handled.append(fichier)
            continue
        if refused:
            problems.append(f"{fichier} : {refused}.")
            continue
        ballot_id = f"b-{recorded.last_number + len(rows) + 1:05d}"
        first = recorded.by_code.get(digest) if digest and setup.uses_codes else None
        if first is not None:
            counted = setup.code_hashes is not None and digest in setup.code_hashes
            warnings.append(
                f"Attention : {fichier} ({ballot_id}) porte le même code de participation que le bulletin {first} "
                "(la même personne a-t-elle voté deux fois ?) ; il est ajouté, et le dépouillement "
                + ("ne compte que le premier des deux (« code déjà utilisé »)" if counted else
                   "ne compte aucun des deux (code qui ne figure pas dans la liste publiée)")
                + ", voir content/vote/regles.md."
            )
        if ballot.repaired:
            warnings.append(f"{fichier} ({ballot_id}) : {MOJIBAKE_NOTE}.")
        recorded.add(key, Recorded(ballot_id, ballot.classement, digest, file=str(fichier)))
        rows.append({"id": ballot_id, "election": setup.id, "date": day, "canal": ballot.canal, "lieu": lieu,
                     "classement": ballot.classement, "code_hash": digest, KEY_COLUMN: key})
        handled.append(fichier)
    if problems:
        raise DataError("aucun bulletin ajouté :\n" + "\n".join(f"- {p}" for p in problems))
    for line in skipped + warnings:
        click.echo(line)
    if rows:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows([row.get(column, "") for column in recorded.header] for row in rows)
        separator = b"" if not existing or existing.endswith(b"\n") else b"\n"
        _replace(path, existing + separator + buffer.getvalue().encode("utf-8"))
    removed = 0
    if not garder:
        for fichier in dict.fromkeys(handled):  # a file given twice is removed once
            if is_inside(inbox, fichier) and not fichier.is_symlink():
                try:
                    fichier.unlink()
                except FileNotFoundError:
                    continue  # the same file under another name (given as a folder and by path)
                except OSError as exc:
                    click.echo(f"Attention : {fichier} n'a pas pu être retiré de la boîte ({exc.strerror}) ; "
                               "il sera laissé de côté au prochain import (déjà importé).")
                    continue
                removed += 1
    left = f" ; {removed} fichier(s) retiré(s) de {FOLDER}" if removed else ""
    already = f" ; {len(skipped)} déjà importé(s), laissé(s) de côté" if skipped else ""
    if rows:
        click.echo(f"{len(rows)} bulletin(s) ajouté(s) à {path} ({rows[0]['id']} à {rows[-1]['id']}){already}{left}.")
    else:
        click.echo(f"Aucun bulletin ajouté à {path}{already}{left}.")


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: a temporary file next to it, then renamed (never half-written)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(f"{path} : écriture impossible ({exc.strerror}) ; rien n'a été ajouté.") from exc
