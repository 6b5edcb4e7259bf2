"""``eclaireur check`` on the evaluations: every cross-file rule against a bad-input fixture."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.check.command import check_command
from eclaireur.check.records import Record
from eclaireur.check.report import Problem, Report
from eclaireur.check.run import check_path
from eclaireur.evaluation import medias
from eclaireur.evaluation.rules import unconsented_content
from helpers import REPO
from test_evaluation_helpers import FIXTURES, WITHHELD_TESTIMONY, add_evidence, demo_repo


def problems_in(report: Report, file: str) -> list[Problem]:
    return [p for p in report.problems if p.file == file]


def where(problems: list[Problem]) -> set[tuple[int | None, str | None, str]]:
    return {(p.line, p.column, p.code) for p in problems}


def test_demo_evaluations_are_valid(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot")
    report = check_path(root, root=root)
    assert report.valid, [f"{p.file}:{p.line} {p.message}" for p in report.problems]
    assert "data/indices.csv" in report.files


def test_action_rules(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot", replace=["actions.csv", "taches.csv"])
    found = problems_in(check_path(root, root=root), "data/actions.csv")
    assert where(found) == {
        (3, "echeance", "row-constraint"),  # due date before the start date
        (4, "date_realisation", "row-constraint"),  # « réalisée » without a done date
        (5, "motif", "row-constraint"),  # « bloquée » without a reason
        (6, "date_realisation", "row-constraint"),  # a done date on an action still « en cours »
        (7, "date_realisation", "row-constraint"),  # done before it started
    }
    messages = {p.line: p.message for p in found}
    assert "l’échéance précède le début de l’action (2025-05-01)" in messages[3]
    assert "une action « réalisée » doit avoir sa date de réalisation" in messages[4]
    assert "une action « bloquée » doit dire pourquoi" in messages[5]
    assert "seule une action « réalisée » a une date de réalisation" in messages[6]
    assert "ne peut pas être réalisée avant son début" in messages[7]
    assert all(" ; " in p.message for p in found), "each message says how to fix it"


def test_a_task_of_a_missing_action_is_refused_by_the_schema(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot", replace=["actions.csv", "taches.csv"])
    found = problems_in(check_path(root, root=root), "data/taches.csv")
    assert [(p.line, p.code, p.value) for p in found] == [(3, "foreign-key", "action-inexistante")]


def test_phase_dates_follow_each_other(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot", replace=["evaluations.csv"])
    found = problems_in(check_path(root, root=root), "data/evaluations.csv")
    assert where(found) == {(2, "date_collecte", "row-constraint")}
    assert "« Collecte des indices » ne peut pas commencer avant la phase « Cadrage » (2023-09-12)" in found[0].message


def test_synthesis_video_needs_a_transcript(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot", replace=["syntheses.csv"])
    found = problems_in(check_path(root, root=root), "data/syntheses.csv")
    assert where(found) == {(2, "transcription", "row-constraint")}


@pytest.fixture(scope="module")
def evidence_report(tmp_path_factory: pytest.TempPathFactory) -> list[Problem]:
    root = demo_repo(tmp_path_factory.mktemp("indices") / "depot", replace=["indices.csv"])
    heavy = root / "data" / "media" / "evaluations" / "lourd.png"
    heavy.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * medias.IMAGE.max_bytes)
    return problems_in(check_path(root, root=root), "data/indices.csv")


def test_evidence_rules(evidence_report: list[Problem]) -> None:
    by_line = {p.line: p for p in evidence_report}
    assert where(evidence_report) == {
        (3, "consentement", "row-constraint"),  # testimony without consent kept in the repository, unpublished
        (4, "consentement", "row-constraint"),  # testimony published without consent
        (5, "consentement", "row-constraint"),  # photo of a person who refused, kept (and marked to publish)
        (6, "texte_alternatif", "row-constraint"),  # photo without text alternative
        (7, "transcription", "row-constraint"),  # sound without transcript
        (8, "fichier", "cell-check"),  # a photo pointing to a sound
        (9, "fichier", "cell-check"),  # a .png that is text
        (10, "fichier", "cell-check"),  # heavier than 1 Mio
        (11, "fichier", "cell-check"),  # SVG refused
        (12, "fichier", "media-missing"),  # missing file (rule of the schema's eclaireur:media flag)
        (14, "consentement", "row-constraint"),  # sound of a person without consent kept in the repository
    }
    assert "n’est publié qu’avec le consentement écrit" in by_line[4].message
    assert "mettez publie à false" in by_line[4].message
    assert "n’a pas donné son consentement écrit" in by_line[5].message
    assert "texte alternatif" in by_line[6].message
    assert "transcription" in by_line[7].message
    assert "un fichier de type son alors que la colonne attend un fichier de type image" in by_line[8].message
    assert "n’est pas celui d’un fichier .png" in by_line[9].message
    assert "plus lourd que la limite de 1\u00a0Mio" in by_line[10].message
    assert "type de fichier non accepté" in by_line[11].message


def test_unconsented_content_stays_out_of_the_public_repository(evidence_report: list[Problem]) -> None:
    """consentement = false: the words, voice or image of the person are refused in the repository, published
    or not; the message names the value and the columns, says how to fix, and never repeats the content."""
    by_line = {p.line: p for p in evidence_report}
    testimony, photo, sound = by_line[3], by_line[5], by_line[14]
    assert testimony.value == "false"
    assert testimony.message == (
        "valeur « false » — l’indice « temoignage-non-consenti-garde » (témoignage) garde les paroles d’une "
        "personne qui n’a pas donné son consentement écrit (colonne texte) dans le dépôt de données, public même "
        "pour un indice non publié ; gardez ce contenu hors du dépôt public, par exemple dans le registre privé "
        "(contributions/prive/, ignoré par Git), jusqu’à ce que la personne donne son accord écrit : retirez la "
        "ligne ou videz cette colonne, puis ajoutez l’indice avec consentement à true quand vous avez l’accord"
    )
    assert "l’image d’une personne" in photo.message and "(colonne fichier)" in photo.message
    assert "supprimez le fichier de data/media/" in photo.message
    assert "mettez publie à false" not in photo.message  # that advice would not be enough here
    assert "les paroles et la voix d’une personne" in sound.message
    assert "(colonnes transcription et fichier)" in sound.message
    for problem in (testimony, photo, sound):
        assert "FIXTURE" not in problem.message and "FIXTURE" not in str(problem.value)


def test_a_placeholder_without_content_is_not_a_problem(evidence_report: list[Problem]) -> None:
    """A testimony awaiting consent may stay as a row without its words (publie = false): it tells that an
    item was collected, and the build says it is not published."""
    assert 13 not in {p.line for p in evidence_report}


@pytest.mark.parametrize(("cells", "expected"), [
    ({"type": "témoignage", "consentement": "false", "texte": "Des paroles."}, ["texte"]),
    ({"type": "vidéo", "consentement": "False", "fichier": "media/v.mp4", "sous_titres": "media/v.vtt",
      "affiche": "media/v.png", "transcription": "Des paroles."},
     ["transcription", "sous_titres", "fichier", "affiche"]),
    ({"type": "texte", "consentement": "0", "texte": "Une lettre."}, ["texte"]),
    ({"type": "témoignage", "consentement": "true", "texte": "Des paroles."}, []),  # consent given
    ({"type": "témoignage", "consentement": "", "texte": "Des paroles."}, []),  # publication rule's business
    ({"type": "chiffre", "consentement": "false", "texte": "des habitants à vélo"}, []),  # the evaluator's words
    ({"type": "photo", "consentement": "false", "texte_alternatif": "Une personne.", "legende": "Au marché."}, []),
])
def test_which_columns_carry_a_person(cells: dict[str, str], expected: list[str]) -> None:
    assert unconsented_content(Record("data/indices.csv", 2, cells)) == expected


def test_the_demo_testimony_without_consent_is_refused(tmp_path: Path) -> None:
    """The testimony the demo kept without consent (removed since) is refused by ``eclaireur check``."""
    root = demo_repo(tmp_path / "depot")
    line = add_evidence(root, WITHHELD_TESTIMONY)
    result = CliRunner().invoke(check_command, [str(root)])
    assert result.exit_code == 1
    assert (f"data/indices.csv:{line}: colonne « consentement » : valeur « false » — l’indice "
            "« pv-temoignage-livreur » (témoignage) garde les paroles d’une personne") in result.output
    assert "registre privé (contributions/prive/, ignoré par Git)" in result.output
    assert WITHHELD_TESTIMONY["texte"] not in result.output
    assert "Traceback" not in result.output


def test_the_demo_keeps_no_testimony_without_consent() -> None:
    with (REPO / "data" / "indices.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert WITHHELD_TESTIMONY["id"] not in {row["id"] for row in rows}
    assert not [row["id"] for row in rows
                if unconsented_content(Record("data/indices.csv", 0, {k: v or "" for k, v in row.items()}))]


def test_cli_reports_the_rules_in_french_with_exit_code_1(tmp_path: Path) -> None:
    root = demo_repo(tmp_path / "depot", replace=["actions.csv", "taches.csv"])
    result = CliRunner().invoke(check_command, [str(root)])
    assert result.exit_code == 1
    assert "data/actions.csv:3: colonne « echeance » : valeur « 2025-04-30 » — l’échéance précède" in result.output
    assert "Traceback" not in result.output


def test_media_limits_are_documented() -> None:
    """The allowed types and sizes in LISEZMOI.md are those the rules enforce."""
    text = (REPO / "data" / "media" / "evaluations" / "LISEZMOI.md").read_text(encoding="utf-8")
    for kind in medias.KINDS:
        row = next(line for line in text.splitlines() if all(f"`{ext}`" in line for ext in kind.extensions))
        assert medias.human_size(kind.max_bytes).replace("\u00a0", " ") in row, (kind.key, row)
    assert "SVG n’est pas accepté" in text
    assert (FIXTURES / "LISEZMOI.md").is_file()
