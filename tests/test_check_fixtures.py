"""``eclaireur check`` on every frictionless fixture of shared/data/real (INDEX.md section 2).

Each case asserts the exact problems (code, editor line, column) INDEX.md describes — frictionless row
numbers are record numbers; these files have no multi-line cell, so the editor line equals the row
number — and the exit code through click.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaireur.check.command import check_command
from eclaireur.check.run import check_path
from helpers import REAL_DATA

FIXTURES = REAL_DATA / "frictionless-fixtures"
OWN = Path(__file__).parent / "fixtures" / "check"

Found = list[tuple[str, int | None, str | None]]

# file (relative to FIXTURES), --schema (None, or a file in FIXTURES or OWN) -> expected problems.
EXPECTED: dict[tuple[str, str | None], Found] = {
    ("ascii-notvalid.csv", None): [],
    ("blank-cells.csv", None): [],
    ("blank-headers.csv", None): [("blank-label", 1, None)],
    ("blank-rows-multiple.csv", None): [("blank-row", line, None) for line in range(4, 15)],
    ("blank-rows.csv", None): [("blank-row", 4, None)],
    ("bom.csv", None): [],
    ("capital-invalid.csv", None): [
        ("duplicate-label", 1, "name"),
        ("missing-cell", 10, "name"),
        ("blank-row", 11, None),
        ("type-error", 12, "id"),
        ("extra-cell", 12, None),
    ],
    ("capital-valid.csv", None): [],
    ("defective-rows.csv", None): [("missing-cell", 2, "age"), ("extra-cell", 3, None)],
    ("delimiter.csv", None): [],
    ("doublequote.csv", None): [],
    ("duplicate-column.csv", None): [("duplicate-label", 1, "B")],
    ("duplicate-column.csv", "duplicate-column-schema.json"): [
        ("duplicate-label", 1, "B"),
        ("extra-label", 1, "C"),
    ],
    ("duplicate-headers.csv", None): [("duplicate-label", 1, "id"), ("duplicate-label", 1, "id")],
    ("duplicate-rows.csv", None): [],
    ("empty.csv", None): [("source-error", None, None)],
    ("escaping.csv", None): [],
    ("invalid.csv", None): [
        ("blank-label", 1, None),
        ("duplicate-label", 1, "name"),
        ("missing-cell", 2, None),
        ("missing-cell", 2, "name"),
        ("missing-cell", 3, None),
        ("missing-cell", 3, "name"),
        ("blank-row", 4, None),
        ("extra-cell", 5, None),
    ],
    ("issue-1009-comma.csv", None): [],
    ("issue-1009-semicolon.csv", None): [],
    ("latin1.csv", None): [],
    ("latin1.csv", "latin1-as-utf8.resource.json"): [("encoding-error", 3, None)],
    ("leading-zeros.csv", None): [],
    ("nested-invalid.csv", None): [],
    ("nested-invalid.csv", "nested-invalid.schema.json"): [("foreign-key", 6, "cat")],
    ("schema-errors.csv", None): [("extra-cell", 5, None)] * 3,
    ("schema-errors.csv", "schema-valid.json"): [
        ("primary-key", 4, "id"),
        ("type-error", 4, "id"),
        ("constraint-error", 4, "name"),
        ("constraint-error", 4, "age"),
        ("primary-key", 5, "id"),
        ("constraint-error", 5, "id"),
        ("extra-cell", 5, None),
        ("extra-cell", 5, None),
        ("extra-cell", 5, None),
    ],
    ("structure-errors.csv", None): [
        ("blank-row", 4, None),
        ("extra-cell", 5, None),
        ("extra-cell", 5, None),
        ("extra-cell", 5, None),
    ],
    ("table-infer-iso-8859-7.csv", None): [],
    ("unique-field.csv", None): [],
    ("unique-field.csv", "unique-field.json"): [("primary-key", 10, "id"), ("unique-error", 10, "id")],
    ("without-headers-extra.csv", None): [("extra-cell", 3, None)],
    ("without-headers-extra.csv", "without-header.resource.json"): [("extra-cell", 3, None)],
    ("without-rows.csv", None): [],
    ("schema-invalid.json", None): [("schema-error", None, None)],
    ("schema-invalid-multiple-errors.json", None): [("schema-error", None, None)] * 5,
    ("multiple-errors.package.json", None): [
        ("package-error", None, None),
        ("package-error", None, None),
        ("source-error", None, None),
        ("source-error", None, None),
        ("source-error", None, None),
    ],
    ("package/datapackage.json", None): [],
    ("invalid/datapackage.json", None): [
        ("blank-row", 3, None),
        ("primary-key", 3, "id"),
        ("blank-row", 4, None),
    ],
    ("package", None): [],
    ("invalid", None): [("blank-row", 3, None), ("primary-key", 3, "id"), ("blank-row", 4, None)],
}


def schema_path(name: str | None) -> Path | None:
    if name is None:
        return None
    return FIXTURES / name if (FIXTURES / name).exists() else OWN / name


def found(target: str, schema: str | None, engine: str = "auto") -> Found:
    report = check_path(FIXTURES / target, schema=schema_path(schema), root=FIXTURES, engine=engine)  # type: ignore[arg-type]
    return [(problem.code, problem.line, problem.column) for problem in report.problems]


def test_every_fixture_file_has_a_case() -> None:
    covered = {target for target, _ in EXPECTED} | {schema for _, schema in EXPECTED if schema}
    files = {
        path.relative_to(FIXTURES).as_posix()
        for path in FIXTURES.rglob("*")
        if (path.is_file() and path.parent == FIXTURES) or path.name == "datapackage.json"
    }
    assert files - covered == set()


@pytest.mark.parametrize(("target", "schema"), sorted(EXPECTED, key=str))
def test_fixture_problems(target: str, schema: str | None) -> None:
    assert found(target, schema) == EXPECTED[(target, schema)]


@pytest.mark.parametrize(("target", "schema"), sorted(EXPECTED, key=str))
def test_fixture_exit_code(target: str, schema: str | None) -> None:
    args = [str(FIXTURES / target)]
    if schema:
        args += ["--schema", str(schema_path(schema))]
    result = CliRunner().invoke(check_command, args)
    assert result.exit_code == (0 if not EXPECTED[(target, schema)] else 1), result.output
    assert "Traceback" not in result.output


def test_type_error_message_in_french() -> None:
    report = check_path(FIXTURES / "capital-invalid.csv", root=FIXTURES)
    problem = next(p for p in report.problems if p.code == "type-error")
    assert problem.value == "x"
    assert problem.message.startswith("valeur « x » — nombre entier attendu (ex. 1234)")
    assert "corrigez" in problem.message


def test_constraint_message_names_the_constraint() -> None:
    report = check_path(FIXTURES / "schema-errors.csv", schema=FIXTURES / "schema-valid.json", root=FIXTURES)
    required = [p for p in report.problems if p.code == "constraint-error"]
    assert {p.column for p in required} == {"id", "name", "age"}
    assert all("cellule vide — une valeur est obligatoire" in p.message for p in required)


def test_duplicate_values_point_to_the_first_line() -> None:
    report = check_path(FIXTURES / "unique-field.csv", schema=FIXTURES / "unique-field.json", root=FIXTURES)
    unique = next(p for p in report.problems if p.code == "unique-error")
    assert unique.value == "ao"
    assert "déjà présente ligne 2" in unique.message


def test_schema_errors_are_all_listed_in_french() -> None:
    report = check_path(FIXTURES / "schema-invalid-multiple-errors.json", root=FIXTURES)
    text = "\n".join(p.message for p in report.problems)
    assert "« magical_unicorn » inconnu" in text
    assert "« primaryKey » cite le champ « identifier »" in text
    assert "« notafield » est absent" in text
    assert "« datapackage »" in text
    assert "2 champ(s) dans « fields » mais 1 dans « reference.fields »" in text


def test_package_descriptor_errors() -> None:
    report = check_path(FIXTURES / "multiple-errors.package.json", root=FIXTURES)
    messages = [p.message for p in report.problems if p.code == "package-error"]
    assert any("plusieurs ressources portent le même nom" in m for m in messages)
    assert any("« created »" in m for m in messages)


def test_encoding_detected_and_reported() -> None:
    report = check_path(FIXTURES / "latin1.csv", root=FIXTURES)
    assert report.valid
    assert [n.message for n in report.notices] == ["encodage détecté : cp1252 (le fichier n'est pas en UTF-8)"]


def test_semicolon_detected_and_reported() -> None:
    report = check_path(FIXTURES / "delimiter.csv", root=FIXTURES)
    assert [n.message for n in report.notices] == ["séparateur de colonnes : « ; »"]


def test_error_limit_is_reported() -> None:
    report = check_path(FIXTURES / "structure-errors.csv", root=FIXTURES, limit_errors=3)
    assert [p.code for p in report.problems] == ["blank-row", "extra-cell", "extra-cell"]
    assert report.truncated == ["structure-errors.csv"]
    result = CliRunner().invoke(check_command, [str(FIXTURES / "structure-errors.csv"), "--limit-errors", "3"])
    assert "vérification arrêtée après 3 problèmes" in result.output
    data = json.loads(
        CliRunner()
        .invoke(check_command, [str(FIXTURES / "structure-errors.csv"), "--limit-errors", "3", "--format", "json"])
        .output
    )
    assert data["truncated"] and data["limit_errors"] == 3
