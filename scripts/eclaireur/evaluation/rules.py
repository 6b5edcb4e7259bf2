"""Cross-file rules of the evaluations, run by ``eclaireur check`` after the Table Schema checks.

What the schemas already enforce (types, required cells, enums, foreign keys such as "a task's action
exists", media paths that exist inside the repository through ``"eclaireur:media": true``) is not repeated
here. These rules add what a Table Schema cannot say:

- ``evaluations``: the dates of the phases follow each other;
- ``actions``: the due date is not before the start date, nor the done date; an action « réalisée » has
  a done date, and only such an action has one; an action « abandonnée », « réorientée » or « bloquée »
  says why (``motif``);
- ``indices``: a published testimony has the written consent of the person, and nothing whose consent is
  refused is published; nothing whose consent is refused or not yet given keeps the person's words, voice
  or image in the repository, published or not (the data repository is public: see
  :func:`unconsented_content`); a published photo has a text alternative, a published sound or video a
  transcript;
- ``syntheses``: a video has a transcript;
- media files (``indices``, ``syntheses``): an allowed type for the column (see
  :mod:`eclaireur.evaluation.medias`), a content that matches the extension, a size under the limit.

Problems use the check package's :class:`~eclaireur.check.report.Problem` with its generic codes
(``row-constraint`` for a rule between cells, ``cell-check`` for a file refused) and a French message in
the same shape as the catalogue's: what is wrong — what is expected ; how to fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eclaireur.check.records import Record, records
from eclaireur.check.report import Problem
from eclaireur.evaluation import medias
from eclaireur.evaluation.phases import PHASES
from eclaireur.evaluation.publication import accessibility_refusal, consent_refusal

if TYPE_CHECKING:
    from eclaireur.check.package import PackageCheck

RESOURCES = ("evaluations", "actions", "indices", "syntheses")
ROW_RULE = "row-constraint"
FILE_RULE = "cell-check"


def _date_text(value: dt.date) -> str:
    return value.isoformat()


def evaluation_phase_problems(record: Record) -> Iterator[Problem]:
    previous: tuple[str, dt.date] | None = None
    for phase in PHASES:
        date = record.date(phase.date_field)
        if date is None:
            continue
        if previous is not None and date < previous[1]:
            yield record.problem(
                ROW_RULE, phase.date_field,
                f"valeur « {_date_text(date)} » — la phase « {phase.label} » ne peut pas commencer avant la phase "
                f"« {previous[0]} » ({_date_text(previous[1])}) ; remettez les dates des phases dans l’ordre",
            )
        previous = (phase.label, date)


def action_problems(record: Record) -> Iterator[Problem]:
    start, due, done = record.date("date_debut"), record.date("echeance"), record.date("date_realisation")
    status = record.text("statut")
    if start and due and due < start:
        yield record.problem(
            ROW_RULE, "echeance",
            f"valeur « {_date_text(due)} » — l’échéance précède le début de l’action ({_date_text(start)}) ; "
            "corrigez l’une des deux dates",
        )
    if start and done and done < start:
        yield record.problem(
            ROW_RULE, "date_realisation",
            f"valeur « {_date_text(done)} » — l’action ne peut pas être réalisée avant son début "
            f"({_date_text(start)}) ; corrigez l’une des deux dates",
        )
    if status == "réalisée" and not record.text("date_realisation"):
        yield record.problem(
            ROW_RULE, "date_realisation",
            "cellule vide — une action « réalisée » doit avoir sa date de réalisation ; indiquez-la (AAAA-MM-JJ) "
            "ou changez le statut",
        )
    if status and status != "réalisée" and done:
        yield record.problem(
            ROW_RULE, "date_realisation",
            f"valeur « {_date_text(done)} » — seule une action « réalisée » a une date de réalisation (statut "
            f"« {status} ») ; passez le statut à « réalisée » ou videz la date",
        )
    if status in ("abandonnée", "réorientée", "bloquée") and not record.text("motif"):
        yield record.problem(
            ROW_RULE, "motif",
            f"cellule vide — une action « {status} » doit dire pourquoi ; écrivez le motif et ce qui est prévu",
        )


def _row(record: Record, kind_column: str = "type") -> dict[str, Any]:
    return {
        "type": record.text(kind_column),
        "consentement": record.boolean("consentement"),
        "publie": record.boolean("publie"),
        "texte_alternatif": record.text("texte_alternatif"),
        "transcription": record.text("transcription"),
        "fichier": record.text("fichier"),
    }


# Columns of ``indices`` that can carry a person's words, voice or image; the ones that name a file.
PERSONAL_COLUMNS = ("texte", "transcription", "sous_titres", "fichier", "affiche")
FILE_COLUMNS = ("fichier", "affiche", "sous_titres")
FILE_CARRIES = {"photo": ("l’image",), "son": ("la voix",), "vidéo": ("l’image", "la voix")}


def unconsented_content(record: Record) -> list[str]:
    """The columns of an ``indices`` row that keep, in the public repository, the words, voice or image
    of a person who has not given written consent (``consentement`` false); empty when there are none.

    The data repository is the open data repository: whatever is committed there is public, whether the
    row is published on the site (``publie``) or not, and stays in the Git history. So a row whose
    ``consentement`` is false may stay as a placeholder (type, title, who and when, ``publie`` false), which
    tells the team and the readers that an item was collected and is not published, but without its
    content: ``texte`` (the words reported of a testimony, or a person's text), ``transcription`` and
    ``sous_titres`` (what is said in a sound or a video), ``fichier`` (the photo, sound or video itself)
    and ``affiche`` (an image from the video). The content waits outside the repository, with the
    evaluation team, until the person gives written consent.

    Every type of item is concerned, not only ``témoignage``: a false ``consentement`` says that someone
    identifiable has not agreed, whether they speak, write, are heard or are seen. A ``chiffre`` is the
    exception: its ``texte`` is the evaluator's sentence after the number, not a person's words. An empty
    ``consentement`` means that nobody is identifiable and is left to the publication rule. The title,
    the caption (``legende``), the text alternative and the witness column (``auteur``) describe the item
    without quoting nor naming the person (see the schema); the rule cannot tell and leaves them to the
    review.
    """
    if record.boolean("consentement") is not False or record.text("type") == "chiffre":
        return []
    return [column for column in PERSONAL_COLUMNS if record.text(column)]


def _what_is_kept(record: Record, columns: list[str]) -> str:
    kind = record.text("type")
    carried: list[str] = []
    for column in columns:
        if column == "texte":
            items: tuple[str, ...] = ("les paroles",) if kind == "témoignage" else ("le texte",)
        elif column == "fichier":
            items = FILE_CARRIES.get(kind, ("le fichier",))
        elif column == "affiche":
            items = ("l’image",)
        else:
            items = ("les paroles",)
        carried.extend(item for item in items if item not in carried)
    return _french_list(carried)


def _french_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def unconsented_content_problem(record: Record, columns: list[str]) -> Problem:
    """The problem of a row that keeps unconsented content (:func:`unconsented_content`) in the repository;
    reported on ``consentement`` so that the message never repeats the content itself."""
    named = ("colonne " if len(columns) == 1 else "colonnes ") + _french_list(columns)
    files = [column for column in columns if column in FILE_COLUMNS]
    empty = "cette colonne" if len(columns) == 1 else "ces colonnes"
    remove = f"retirez la ligne ou videz {empty}" + (
        "" if not files else ", et supprimez le fichier de data/media/" if len(files) == 1
        else ", et supprimez les fichiers de data/media/")
    return record.problem(
        ROW_RULE, "consentement",
        f"valeur « {record.text('consentement')} » — l’indice « {record.text('id')} » ({record.text('type')}) "
        f"garde {_what_is_kept(record, columns)} d’une personne qui n’a pas donné son consentement écrit "
        f"({named}) dans le dépôt de données, public même pour un indice non publié ; gardez ce contenu hors "
        "du dépôt public, par exemple dans le registre privé (contributions/prive/, ignoré par Git), jusqu’à "
        f"ce que la personne donne son accord écrit : {remove}, puis ajoutez "
        "l’indice avec consentement à true quand vous avez l’accord",
    )


def evidence_problems(record: Record) -> Iterator[Problem]:
    row = _row(record)
    kept = unconsented_content(record)
    if kept:
        yield unconsented_content_problem(record, kept)
    if not row["publie"]:
        return
    consent = consent_refusal(row)
    if consent is not None and not kept:
        yield record.problem(
            ROW_RULE, "consentement",
            f"valeur « {record.text('consentement')} » — l’indice « {record.text('id')} » est marqué à publier "
            f"mais {consent} ; mettez publie à false tant que la personne n’a pas donné son accord écrit, "
            "puis consentement à true quand vous l’avez",
        )
    access = accessibility_refusal(row)
    if access is not None:
        column = "texte_alternatif" if row["type"] == "photo" and not row["texte_alternatif"] else (
            "transcription" if row["type"] in ("son", "vidéo") and not row["transcription"] else "fichier")
        yield record.problem(
            ROW_RULE, column,
            f"cellule vide — l’indice « {record.text('id')} » est marqué à publier, mais {access} ; "
            "complétez la cellule ou mettez publie à false",
        )


def synthesis_problems(record: Record) -> Iterator[Problem]:
    if record.text("video") and not record.text("transcription"):
        yield record.problem(
            ROW_RULE, "transcription",
            "cellule vide — une vidéo de synthèse n’est publiée qu’avec sa transcription ; écrivez tout ce qui "
            "est dit dans la vidéo",
        )


def expected_kind(resource: str, column: str, record: Record) -> medias.MediaKind | None:
    if resource == "indices" and column == "fichier":
        return medias.EVIDENCE_FILE_KIND.get(record.text("type"))
    return medias.COLUMN_KIND.get(column)


def media_problems(record: Record, resource: str, data_dir: Path) -> Iterator[Problem]:
    """Type, content and size of the files a record names (a missing file is reported by the schema's
    ``eclaireur:media`` rule of ``eclaireur check``)."""
    columns = ("fichier", "affiche", "sous_titres") if resource == "indices" else ("video", "affiche", "sous_titres")
    for column in columns:
        value = record.text(column)
        if not value:
            continue
        path = medias.data_file(data_dir, value)
        if path is None or not path.is_file():
            continue
        kind = medias.kind_of(value)
        expected = expected_kind(resource, column, record)
        allowed = ", ".join(ext for k in medias.KINDS for ext in k.extensions)
        if kind is None:
            yield record.problem(
                FILE_RULE, column,
                f"valeur « {value} » — type de fichier non accepté (extensions permises : {allowed}) ; "
                "convertissez le fichier (voir data/media/evaluations/LISEZMOI.md)",
            )
            continue
        if expected is not None and kind != expected:
            yield record.problem(
                FILE_RULE, column,
                f"valeur « {value} » — un fichier de type {kind.label} alors que la colonne attend un fichier de type "
                f"{expected.label} ({', '.join(expected.extensions)}) ; corrigez le chemin ou le type de l’indice",
            )
            continue
        if not medias.content_matches(path):
            yield record.problem(
                FILE_RULE, column,
                f"valeur « {value} » — le contenu du fichier n’est pas celui d’un fichier {path.suffix.lower()} ; "
                "réenregistrez-le dans ce format ou corrigez son extension",
            )
            continue
        size = path.stat().st_size
        if size > kind.max_bytes:
            yield record.problem(
                FILE_RULE, column,
                f"valeur « {value} » — fichier de {medias.human_size(size)}, plus lourd que la limite de "
                f"{medias.human_size(kind.max_bytes)} pour un fichier de type {kind.label} ; réduisez-le "
                "(voir data/media/evaluations/LISEZMOI.md)",
            )


def evaluation_problems(check: PackageCheck) -> list[Problem]:
    """Every problem of the evaluation rules in the package ``check`` has just validated."""
    data_dir = check.descriptor.parent
    found: list[Problem] = []
    for record in records(check, "evaluations"):
        found.extend(evaluation_phase_problems(record))
    for record in records(check, "actions"):
        found.extend(action_problems(record))
    for record in records(check, "indices"):
        found.extend(evidence_problems(record))
        found.extend(media_problems(record, "indices", data_dir))
    for record in records(check, "syntheses"):
        found.extend(synthesis_problems(record))
        found.extend(media_problems(record, "syntheses", data_dir))
    return found
