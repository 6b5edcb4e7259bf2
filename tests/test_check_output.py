"""Formats of ``eclaireur check``: text (grouped, total), JSON (stable codes), GitHub annotations, GitLab report."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eclaireur.check.catalogue import CATALOGUE, FRICTIONLESS_CODES
from eclaireur.check.command import check_command
from eclaireur.check.output import escape_data, escape_property, render_github, render_gitlab, render_text
from eclaireur.check.report import Problem, Report
from helpers import REAL_DATA

FIXTURES = REAL_DATA / "frictionless-fixtures"


def two_file_report() -> Report:
    report = Report(files=["data/projets.csv", "data/themes.csv"])
    report.add(
        [
            Problem(
                "type-error",
                "data/projets.csv",
                "valeur « 12,5k » — nombre attendu",
                line=14,
                column="budget_total",
                column_number=3,
                value="12,5k",
                row=12,
            ),
            Problem("blank-row", "data/projets.csv", "ligne vide", line=20, row=18),
            Problem("missing-label", "data/themes.csv", "la colonne « id » est absente", line=1, column="id"),
        ]
    )
    return report.finish()


def test_text_grouped_by_file_with_total() -> None:
    text = render_text(two_file_report())
    assert text.splitlines() == [
        "data/projets.csv",
        "data/projets.csv:14: colonne « budget_total » : valeur « 12,5k » — nombre attendu",
        "data/projets.csv:20 : ligne vide",
        "",
        "data/themes.csv",
        "data/themes.csv:1: colonne « id » : la colonne « id » est absente",
        "",
        "3 problèmes dans 2 fichiers.",
    ]


def test_text_when_valid() -> None:
    assert render_text(Report(files=["a.csv"])) == "Aucun problème : 1 fichier vérifié.\n"


def test_json_is_stable_and_sorted(tmp_path: Path) -> None:
    result = CliRunner().invoke(check_command, [str(FIXTURES / "capital-invalid.csv"), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False and data["problem_count"] == 5 and data["file_count"] == 1
    assert data["counts"] == {"blank-row": 1, "duplicate-label": 1, "extra-cell": 1, "missing-cell": 1, "type-error": 1}
    assert [(p["code"], p["line"]) for p in data["problems"]] == [
        ("duplicate-label", 1),
        ("missing-cell", 10),
        ("blank-row", 11),
        ("type-error", 12),
        ("extra-cell", 12),
    ]
    type_error = data["problems"][3]
    assert type_error == {
        "code": "type-error",
        "title": "Valeur d'un type incorrect",
        "file": type_error["file"],
        "line": 12,
        "row": 12,
        "column": "id",
        "column_number": 1,
        "value": "x",
        "message": type_error["message"],
    }
    again = CliRunner().invoke(check_command, [str(FIXTURES / "capital-invalid.csv"), "--format", "json"])
    assert again.output == result.output


def test_github_annotations_escape_properties_and_data() -> None:
    report = Report()
    report.add([Problem("type-error", "data/a,b:c.csv", "100 % faux\r\nsuite", line=3, column="x,y")])
    lines = render_github(report.finish()).splitlines()
    assert lines[0] == (
        "::error file=data/a%2Cb%3Ac.csv,line=3,title=Valeur d'un type incorrect (x%2Cy)::"
        "data/a,b:c.csv:3: colonne « x,y » : 100 %25 faux%0D%0Asuite"
    )
    assert lines[-1] == "1 problème dans 1 fichier."


def test_escaping_helpers() -> None:
    assert escape_data("a%b\nc\rd:e,f") == "a%25b%0Ac%0Dd:e,f"
    assert escape_property("a%b\nc\rd:e,f") == "a%25b%0Ac%0Dd%3Ae%2Cf"


def test_github_format_through_cli() -> None:
    result = CliRunner().invoke(check_command, [str(FIXTURES / "blank-rows.csv"), "--format", "github"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("::error file=") and ",line=4,title=Ligne vide::" in result.output


def test_gitlab_code_quality_report() -> None:
    issues = json.loads(render_gitlab(two_file_report()))
    assert [(i["check_name"], i["location"]) for i in issues] == [
        ("type-error", {"path": "data/projets.csv", "lines": {"begin": 14}}),
        ("blank-row", {"path": "data/projets.csv", "lines": {"begin": 20}}),
        ("missing-label", {"path": "data/themes.csv", "lines": {"begin": 1}}),
    ]
    description = "data/projets.csv:14: colonne « budget_total » : valeur « 12,5k » — nombre attendu"
    assert issues[0]["description"] == description
    assert all(i["type"] == "issue" and i["severity"] == "major" for i in issues)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == 3 and fingerprints == [i["fingerprint"] for i in json.loads(
        render_gitlab(two_file_report()))]
    assert render_gitlab(Report().finish()) == "[]\n"


def test_gitlab_format_through_cli() -> None:
    result = CliRunner().invoke(check_command, [str(FIXTURES / "blank-rows.csv"), "--format", "gitlab"])
    assert result.exit_code == 1
    issues = json.loads(result.output)
    assert issues and issues[0]["location"]["lines"]["begin"] == 4 and issues[0]["check_name"] == "blank-row"


def test_every_frictionless_type_maps_to_the_catalogue() -> None:
    import inspect

    from frictionless import errors
    from frictionless.error import Error

    types = {cls.type for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, Error)} | {
        Error.type
    }
    assert types - set(FRICTIONLESS_CODES) == set()
    assert set(FRICTIONLESS_CODES.values()) <= set(CATALOGUE)


def test_catalogue_entries_are_french_and_complete() -> None:
    builtin_names = set(dir(__builtins__)) if isinstance(__builtins__, dict) is False else set(__builtins__)
    for code, kind in CATALOGUE.items():
        assert kind.code == code and kind.title and kind.template and kind.fix
        assert kind.render(value="v", cell="valeur « v »", field="f", expected="e", detail="d", position=1, other=2)
    import eclaireur.check.catalogue as catalogue

    classes = [name for name in dir(catalogue) if isinstance(getattr(catalogue, name), type)]
    assert not set(classes) & builtin_names
