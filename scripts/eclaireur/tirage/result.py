"""Reading the published list, writing the result file, and verifying a result file.

The result file is YAML, written in a fixed key order so that the same draw gives the same bytes. It names
the list file by a path relative to itself and carries the list's SHA-256, the seed, the quotas and the
result; ``eclaireur tirage --verify`` recomputes everything from the list and the seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from eclaireur.errors import DataError, UnusableInputError
from eclaireur.load import DESCRIPTOR_NAMES
from eclaireur.privacy import git_would_publish
from eclaireur.safeyaml import load_yaml
from eclaireur.tirage.draw import METHOD, NO_STRATUM, RULE, Draw, Drawn, Person, draw, normalise_seed

FOLDER = "tirages"
"""Where a package publishes its draws: ``data/tirages/*.yaml`` and their lists."""

HEADER = (
    "# Résultat d'un tirage au sort vérifiable (eclaireur).\n"
    "# Pour le vérifier : eclaireur tirage --verify <ce fichier>\n"
)


@dataclass(frozen=True)
class PeopleList:
    """The published list: its people, its SHA-256 and its columns."""

    path: Path
    people: list[Person]
    sha256: str
    id_column: str
    stratum_column: str | None


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_people(path: Path, id_column: str = "identifiant", stratum_column: str | None = None) -> PeopleList:
    """Read a UTF-8 CSV list; every problem names the file, the line and the column."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise UnusableInputError(f"{path} : liste introuvable.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} : la liste doit être en UTF-8 ({exc}).") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    for column in [id_column] + ([stratum_column] if stratum_column else []):
        if column not in columns:
            raise DataError(
                f"{path} : colonne « {column} » absente (colonnes : {', '.join(columns) or 'aucune'}). "
                "Indiquez la bonne colonne avec --identifiant ou --strate."
            )
    people: list[Person] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        identifier = (row.get(id_column) or "").strip()
        if not identifier:
            raise DataError(f"{path}, ligne {line}, colonne {id_column} : identifiant vide ; chaque ligne en a un.")
        if identifier in seen:
            raise DataError(
                f"{path}, ligne {line}, colonne {id_column} : « {identifier} » déjà présent ligne {seen[identifier]} ; "
                "chaque personne ne figure qu'une fois sur la liste."
            )
        seen[identifier] = line
        stratum = (row.get(stratum_column) or "").strip() if stratum_column else NO_STRATUM
        if stratum_column and not stratum:
            raise DataError(f"{path}, ligne {line}, colonne {stratum_column} : strate vide pour « {identifier} ».")
        people.append(Person(identifier, stratum))
    if not people:
        raise DataError(f"{path} : la liste est vide.")
    return PeopleList(path, people, hashlib.sha256(raw).hexdigest(), id_column, stratum_column)


def read_quotas(path: Path) -> dict[str, int]:
    """A quota file: columns ``strate`` and ``nombre``."""
    rows = read_people_rows(path)
    quotas: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        stratum = (row.get("strate") or "").strip()
        value = (row.get("nombre") or "").strip()
        if not stratum or not value.isdigit():
            raise DataError(
                f"{path}, ligne {line} : il faut une strate (colonne strate) et un nombre entier positif ou nul "
                f"(colonne nombre), trouvé « {stratum} », « {value} »."
            )
        if stratum in quotas:
            raise DataError(f"{path}, ligne {line} : la strate « {stratum} » a déjà un quota.")
        quotas[stratum] = int(value)
    return quotas


def read_people_rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError as exc:
        raise UnusableInputError(f"{path} : fichier introuvable.") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} : le fichier doit être en UTF-8 ({exc}).") from exc


def check_quotas(people: PeopleList, quotas: Mapping[str, int]) -> None:
    """Every stratum has a quota, and no quota exceeds the stratum."""
    sizes: dict[str, int] = {}
    for person in people.people:
        sizes[person.stratum] = sizes.get(person.stratum, 0) + 1
    missing = sorted(set(sizes) - set(quotas))
    if missing:
        raise DataError(
            f"{people.path} : pas de quota pour la strate {', '.join(f'« {m} »' for m in missing)} ; "
            "ajoutez-la au fichier des quotas (avec 0 pour n'y tirer personne)."
        )
    unknown = sorted(set(quotas) - set(sizes))
    if unknown:
        raise DataError(f"quota pour une strate absente de la liste : {', '.join(f'« {u} »' for u in unknown)}.")
    for stratum, k in quotas.items():
        if k > sizes[stratum]:
            where = f"la strate « {stratum} »" if stratum else "la liste"
            raise DataError(f"{where} ne compte que {sizes[stratum]} personnes : impossible d'en tirer {k}.")


@dataclass
class DrawSettings:
    """Everything that defines a draw, as written in the result file."""

    seed: str
    quotas: dict[str, int]
    substitutes: int = 0
    id: str = ""
    title: str = ""
    description: str = ""
    seed_origin: str = ""
    seed_published: dt.date | None = None
    date: dt.date | None = None
    link: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _drawn(items: list[Drawn], stratified: bool) -> list[dict[str, Any]]:
    out = []
    for item in items:
        entry: dict[str, Any] = {}
        if stratified:
            entry["strate"] = item.person.stratum
        entry.update({"rang": item.rank, "identifiant": item.person.identifier, "empreinte": item.fingerprint})
        out.append(entry)
    return out


def result_document(people: PeopleList, settings: DrawSettings, result: Draw, relative_list: str) -> dict[str, Any]:
    stratified = people.stratum_column is not None
    doc: dict[str, Any] = {}
    for key, value in (("tirage", settings.id), ("titre", settings.title), ("description", settings.description)):
        if value:
            doc[key] = value
    doc["methode"] = METHOD
    doc["regle"] = RULE
    doc["graine"] = normalise_seed(settings.seed)
    if settings.seed_origin:
        doc["graine_origine"] = settings.seed_origin
    if settings.seed_published:
        doc["graine_publiee_le"] = settings.seed_published.isoformat()
    if settings.date:
        doc["date_tirage"] = settings.date.isoformat()
    if settings.link:
        doc["lien"] = settings.link
    doc["liste"] = relative_list
    doc["liste_sha256"] = people.sha256
    doc["liste_personnes"] = len(people.people)
    doc["colonne_identifiant"] = people.id_column
    if stratified:
        doc["colonne_strate"] = people.stratum_column
        doc["quotas"] = {s: settings.quotas[s] for s in sorted(settings.quotas)}
    else:
        doc["nombre"] = settings.quotas[NO_STRATUM]
    doc["suppleants_par_strate" if stratified else "suppleants"] = settings.substitutes
    doc["tires"] = _drawn(result.selected, stratified)
    doc["liste_suppleants"] = _drawn(result.substitutes, stratified)
    return doc


def render_result(doc: dict[str, Any]) -> str:
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return HEADER + body


def run_draw(people: PeopleList, settings: DrawSettings, result_path: Path | None) -> tuple[dict[str, Any], str]:
    """Draw and return the result document and its YAML text (list path relative to ``result_path``)."""
    check_quotas(people, settings.quotas)
    result = draw(settings.seed, people.people, settings.quotas, settings.substitutes)
    if result_path is not None:
        relative = Path(_relpath(people.path.resolve(), result_path.resolve().parent)).as_posix()
    else:
        relative = people.path.as_posix()
    doc = result_document(people, settings, result, relative)
    return doc, render_result(doc)


def _relpath(target: Path, start: Path) -> str:
    import os

    return os.path.relpath(target, start)


def read_result(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UnusableInputError(f"{path} : fichier de résultat introuvable.") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} : le résultat doit être en UTF-8 ({exc}).") from exc
    try:
        doc = load_yaml(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{path} : YAML illisible ({exc}).") from exc
    if not isinstance(doc, dict):
        raise DataError(f"{path} : un résultat de tirage (dictionnaire YAML) est attendu.")
    missing = [k for k in ("methode", "graine", "liste", "liste_sha256", "tires") if k not in doc]
    if missing:
        raise DataError(f"{path} : champ(s) {', '.join(missing)} absent(s) ; ce n'est pas un résultat de tirage.")
    if doc["methode"] != METHOD:
        raise DataError(f"{path} : méthode « {doc['methode']} » inconnue ; cette version vérifie « {METHOD} ».")
    return doc


@dataclass(frozen=True)
class Verification:
    """What ``--verify`` found: ``ok`` when the list and the result are exactly the published ones."""

    ok: bool
    messages: list[str]
    recomputed: dict[str, Any] | None = None


def settings_of(doc: dict[str, Any]) -> DrawSettings:
    if "quotas" in doc:
        quotas = {str(k): int(v) for k, v in (doc.get("quotas") or {}).items()}
        substitutes = int(doc.get("suppleants_par_strate", 0))
    else:
        quotas = {NO_STRATUM: int(doc.get("nombre", 0))}
        substitutes = int(doc.get("suppleants", 0))

    def as_date(value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value)) if value else None

    return DrawSettings(
        seed=str(doc["graine"]),
        quotas=quotas,
        substitutes=substitutes,
        id=str(doc.get("tirage") or ""),
        title=str(doc.get("titre") or ""),
        description=str(doc.get("description") or ""),
        seed_origin=str(doc.get("graine_origine") or ""),
        seed_published=as_date(doc.get("graine_publiee_le")),
        date=as_date(doc.get("date_tirage")),
        link=str(doc.get("lien") or ""),
    )


def data_tree(path: Path) -> Path:
    """The published data tree a result file belongs to: the nearest folder above it with a datapackage
    descriptor, or else the result's own folder."""
    here = path.resolve().parent
    for folder in (here, *here.parents):
        if any((folder / name).is_file() for name in DESCRIPTOR_NAMES):
            return folder
    return here


def list_location(path: Path, doc: dict[str, Any], root: Path) -> tuple[Path | None, str | None]:
    """The list a result names, or why it may not be read: it must be a relative path to a file inside the
    published data tree ``root``, that Git would publish when ``root`` is in a Git repository.

    The reason never quotes the file's content (a list outside the data may be private).
    """
    named = str(doc.get("liste") or "")
    if not named or Path(named).is_absolute() or named.startswith(("/", "\\")) or "://" in named:
        return None, (f"« liste: {named} » doit être un chemin relatif vers la liste publiée, dans le dossier des "
                      f"données ({root}) ; copiez-y la liste publiée.")
    target = (path.parent / named).resolve()
    tree = root.resolve()
    if target != tree and tree not in target.parents:
        return None, (f"« liste: {named} » sort du dossier des données publiées ({root}) : un tirage ne se fait que "
                      "sur une liste publiée ; copiez-la (sans données personnelles) dans ce dossier.")
    if not target.is_file():
        return None, f"liste « {named} » introuvable à côté du résultat ({target})."
    repository = next((folder for folder in (tree, *tree.parents) if (folder / ".git").exists()), None)
    if repository is not None and not git_would_publish(repository, target):
        return None, (f"« liste: {named} » est un fichier que Git ignore (registre privé ou fichier local) : il ne "
                      "serait pas publié avec le tirage ; tirez sur une liste publiée, sans données personnelles.")
    return target, None


COMPARED = (
    ("methode", "méthode"),
    ("regle", "règle"),
    ("graine", "graine"),
    ("liste_sha256", "SHA-256 de la liste"),
    ("liste_personnes", "nombre de personnes de la liste"),
    ("colonne_identifiant", "colonne des identifiants"),
    ("colonne_strate", "colonne des strates"),
    ("quotas", "quotas"),
    ("nombre", "nombre de personnes à tirer"),
    ("suppleants", "nombre de suppléants"),
    ("suppleants_par_strate", "nombre de suppléants par strate"),
)
"""Published values recomputed from the list and the seed, compared one by one (besides the people)."""


def _entry_differences(label: str, published: list[Any], again: list[dict[str, Any]]) -> list[str]:
    """Field by field, the published people that differ from the recomputed ones (same position)."""
    messages = []
    for position, (said, redone) in enumerate(zip(published, again, strict=False), start=1):
        said = said if isinstance(said, dict) else {}
        for key in ("strate", "rang", "identifiant", "empreinte"):
            if key in redone and str(said.get(key, "")) != str(redone[key]):
                who = redone.get("identifiant")
                messages.append(
                    f"{label}, position {position} ({who}) : {key} publié « {said.get(key, '')} », "
                    f"recalculé « {redone[key]} »."
                )
    return messages


def verify(path: Path, root: Path | None = None) -> Verification:
    """Recompute the draw of the result file at ``path`` from its list and its seed, and compare every
    published value with the recomputed one. The list must be inside ``root``, the published data tree
    (by default :func:`data_tree` of ``path``)."""
    doc = read_result(path)
    list_path, refusal = list_location(path, doc, root if root is not None else data_tree(path))
    if list_path is None:
        return Verification(False, [refusal or "liste illisible."])
    messages: list[str] = []
    actual = sha256_file(list_path)
    people = read_people(list_path, str(doc.get("colonne_identifiant") or "identifiant"), doc.get("colonne_strate"))
    try:
        settings = settings_of(doc)
    except (TypeError, ValueError) as exc:
        return Verification(False, [f"quotas, suppléants ou dates illisibles ({exc})."])
    recomputed, _ = run_draw(people, settings, path)
    recomputed["liste_sha256"] = actual
    for key, label in COMPARED:
        if key not in doc and key not in recomputed:
            continue
        if doc.get(key) != recomputed.get(key) and str(doc.get(key)) != str(recomputed.get(key)):
            if key == "liste_sha256":
                messages.append(
                    f"la liste {list_path.name} a changé : son SHA-256 est {actual}, le résultat annonce "
                    f"{doc.get('liste_sha256')}."
                )
            elif key == "liste_personnes":
                messages.append(
                    f"la liste compte {recomputed.get(key)} personnes, le résultat en annonce {doc.get(key)}."
                )
            else:
                messages.append(f"{label} : le résultat annonce « {doc.get(key)} », le recalcul donne "
                                f"« {recomputed.get(key)} ».")
    for key, label in (("tires", "personnes tirées"), ("liste_suppleants", "suppléants")):
        entries = doc.get(key) or []
        if not isinstance(entries, list):
            messages.append(f"{label} : une liste est attendue.")
            continue
        published = [(str(e.get("strate", "")), str(e.get("identifiant"))) for e in entries if isinstance(e, dict)]
        again = [(str(e.get("strate", "")), str(e["identifiant"])) for e in recomputed[key]]
        if published != again:
            only_published = [ident for stratum, ident in published if (stratum, ident) not in again]
            only_again = [ident for stratum, ident in again if (stratum, ident) not in published]
            messages.append(
                f"{label} différents : publiés mais pas retrouvés : {', '.join(only_published) or 'aucun'} ; "
                f"retrouvés mais pas publiés : {', '.join(only_again) or 'aucun'}"
                + (" (même personnes, ordre différent)" if not only_published and not only_again else "")
                + "."
            )
        else:
            messages.extend(_entry_differences(label, entries, recomputed[key]))
    return Verification(not messages, messages, recomputed)
