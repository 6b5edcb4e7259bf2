"""The fast engine finds exactly what frictionless finds (same errors, same order, same notes).

Compared on every fixture, on the real collectivités files, and on generated CSV files mixing valid and
broken cells (types, constraints, blank rows, ragged rows, duplicates, foreign keys, quoted line breaks).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eclaireur.check.fast import read_key_values, validate_fast
from eclaireur.check.reference import validate_reference
from eclaireur.check.run import check_path
from eclaireur.check.source import TableSpec
from helpers import REAL_DATA

FIXTURES = REAL_DATA / "frictionless-fixtures"
COLLECTIVITES = REAL_DATA / "collectivites"
OWN = Path(__file__).parent / "fixtures" / "check"


def _errors(found: list[Any]) -> list[dict[str, Any]]:
    return [error.to_descriptor() for error in found]


def _both(spec: TableSpec, limit: int = 0) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    def keys(name: str, key: tuple[str, ...]) -> set[tuple[Any, ...]] | None:
        return read_key_values(spec, key) if name == spec.name else None

    fast = validate_fast(spec, limit_errors=limit, key_values=keys)
    assert fast is not None
    reference = validate_reference(spec, limit_errors=limit)
    return _errors(fast.errors), _errors(reference.errors)


CASES = [
    (FIXTURES / "capital-invalid.csv", None),
    (FIXTURES / "invalid.csv", None),
    (FIXTURES / "schema-errors.csv", FIXTURES / "schema-valid.json"),
    (FIXTURES / "unique-field.csv", FIXTURES / "unique-field.json"),
    (FIXTURES / "duplicate-column.csv", FIXTURES / "duplicate-column-schema.json"),
    (FIXTURES / "nested-invalid.csv", OWN / "nested-invalid.schema.json"),
    (COLLECTIVITES / "VilleMTP_MTP_BudgetPri_2014.csv", OWN / "montpellier-budget-2014.resource.json"),
    (COLLECTIVITES / "VilleMTP_MTP_BudgetPri_2014.csv", REAL_DATA / "schemas/scdl-budget/schema.json"),
    (COLLECTIVITES / "VilleMTP_MTP_Delibs.csv", OWN / "montpellier-deliberations.resource.json"),
    (COLLECTIVITES / "VilleMTP_MTP_Delibs.csv", REAL_DATA / "schemas/scdl-deliberations/schema.json"),
]


@pytest.mark.parametrize(("target", "schema"), CASES, ids=lambda value: getattr(value, "name", str(value)))
def test_reports_identical(target: Path, schema: Path | None) -> None:
    fast = check_path(target, schema=schema, root=REAL_DATA, engine="fast", limit_errors=0)
    reference = check_path(target, schema=schema, root=REAL_DATA, engine="frictionless", limit_errors=0)
    assert fast.to_dict() == reference.to_dict()


def test_poitiers_identical_with_multiline_cells() -> None:
    target = next(COLLECTIVITES.glob("SCDL_COM_Poitiers*.csv"))
    schema = OWN / "poitiers-subventions-2017.resource.json"
    fast = check_path(target, schema=schema, root=REAL_DATA, engine="fast", limit_errors=0)
    reference = check_path(target, schema=schema, root=REAL_DATA, engine="frictionless", limit_errors=0)
    assert fast.to_dict() == reference.to_dict()


def test_limit_cuts_at_the_same_error() -> None:
    target = COLLECTIVITES / "VilleMTP_MTP_BudgetPri_2014.csv"
    schema = REAL_DATA / "schemas/scdl-budget/schema.json"
    fast = check_path(target, schema=schema, root=REAL_DATA, engine="fast", limit_errors=50)
    reference = check_path(target, schema=schema, root=REAL_DATA, engine="frictionless", limit_errors=50)
    assert fast.to_dict() == reference.to_dict()
    assert fast.problem_count == 50 and fast.truncated


SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]{2}[0-9]", "unique": True}},
        {"name": "montant", "type": "number", "decimalChar": ",", "groupChar": "\u00a0", "constraints": {"minimum": 0}},
        {"name": "jour", "type": "date", "format": "%d/%m/%Y"},
        {"name": "actif", "type": "boolean"},
        {"name": "theme", "type": "string", "constraints": {"enum": ["voirie", "culture", "sport"]}},
        {"name": "parent", "type": "integer"},
        {"name": "note", "type": "number", "constraints": {"maximum": 20, "minimum": "0.5"}},
        {"name": "libelle", "type": "string", "constraints": {"minLength": 2, "maxLength": 5, "required": True}},
    ],
    "primaryKey": ["id"],
    "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}],
}

CELLS = {
    "id": st.sampled_from(["1", "2", "3", "4", "x", "", " 5", "1.0", "-7", "1_000", "+4", "\u0661", "01"]),
    "code": st.sampled_from(["AB1", "AB1", "ZZ9", "ab1", "", "A1", "CD2"]),
    "montant": st.sampled_from(
        ["1\u00a0234,50", "12,5", "-3", "1 234,5", "", "abc", "12.5", "0", "NaN", "-Infinity", "1e3", " 7,0 ", "-0"]
    ),
    "jour": st.sampled_from(["15/03/2024", "2024-03-15", "31/02/2024", "", "1/1/2024"]),
    "actif": st.sampled_from(["true", "false", "oui", "1", "", "TRUE"]),
    "theme": st.sampled_from(["voirie", "culture", "Sport", "", "sport"]),
    "parent": st.sampled_from(["", "1", "2", "9", "z"]),
    "note": st.sampled_from(["", "0", "20", "20.5", "NaN", "Infinity", "3", "x"]),
    "libelle": st.sampled_from(["", "a", "ab", "abcde", "abcdef", "  "]),
}
ROW = st.fixed_dictionaries(CELLS).map(lambda cells: [cells[name] for name in CELLS])
RAGGED = st.one_of(
    ROW,
    ROW.map(lambda row: row[: len(row) - 2]),
    ROW.map(lambda row: [*row, "en trop"]),
    st.just([]),
    ROW.map(lambda row: [row[0], "ligne\nsur deux", *row[2:]]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(RAGGED, min_size=0, max_size=25))
def test_generated_tables_identical(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "table.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(list(CELLS))
        writer.writerows(rows)
    spec = TableSpec(
        name="table",
        base=tmp_path,
        relpath="table.csv",
        shown="table.csv",
        encoding="utf-8",
        schema=json.loads(json.dumps(SCHEMA)),
        dialect={"delimiter": ";"},
    )
    fast, reference = _both(spec)
    assert fast == reference


def test_foreign_keys_across_resources_identical(tmp_path: Path) -> None:
    (tmp_path / "themes.csv").write_text("id,nom\neduc,Éducation\nvoirie,Voirie\n,Sans code\n", encoding="utf-8")
    (tmp_path / "projets.csv").write_text(
        'id,theme,budget\n1,educ,"1200.5"\n2,culture,300\n3,,x\n4,voirie,12\n2,educ,1\n', encoding="utf-8"
    )
    (tmp_path / "datapackage.yaml").write_text(
        "resources:\n"
        "  - name: themes\n    path: themes.csv\n    schema:\n      fields:\n"
        "        - {name: id, type: string}\n        - {name: nom, type: string}\n"
        "  - name: projets\n    path: projets.csv\n    schema:\n      fields:\n"
        "        - {name: id, type: integer}\n        - {name: theme, type: string}\n"
        "        - {name: budget, type: number}\n      primaryKey: id\n"
        "      foreignKeys:\n        - {fields: theme, reference: {resource: themes, fields: id}}\n",
        encoding="utf-8",
    )
    fast = check_path(tmp_path, root=tmp_path, engine="fast")
    reference = check_path(tmp_path, root=tmp_path, engine="frictionless")
    assert fast.to_dict() == reference.to_dict()
    assert [(p.code, p.line, p.column) for p in fast.problems] == [
        ("foreign-key", 3, "theme"),
        ("type-error", 4, "budget"),
        ("primary-key", 6, "id"),
    ]
    assert "« culture » introuvable dans la ressource « themes »" in fast.problems[0].message
