"""Real, messy files published by French authorities (shared/data/real/collectivites).

With a resource descriptor declaring their dialect (tests/fixtures/check/*.resource.json: encoding,
``;`` delimiter, French amounts, dd/mm/yyyy dates) they are read correctly and only their real defects
remain; against the SCDL schemas, ``check`` says precisely which columns are missing or misnamed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eclaireur.check.run import check_path
from helpers import REAL_DATA

COLLECTIVITES = REAL_DATA / "collectivites"
SCHEMAS = REAL_DATA / "schemas"
OWN = Path(__file__).parent / "fixtures" / "check"
BUDGET = COLLECTIVITES / "VilleMTP_MTP_BudgetPri_2014.csv"
DELIBS = COLLECTIVITES / "VilleMTP_MTP_Delibs.csv"
POITIERS = next(COLLECTIVITES.glob("SCDL_COM_Poitiers*.csv"))


def codes(report: object) -> Counter[str]:
    return Counter(problem.code for problem in report.problems)  # type: ignore[attr-defined]


def test_montpellier_budget_read_with_its_dialect() -> None:
    """cp1252, ';', amounts like « 1 063 850,00 » with non-breaking spaces: all parsed as numbers."""
    report = check_path(BUDGET, schema=OWN / "montpellier-budget-2014.resource.json", root=REAL_DATA, limit_errors=0)
    assert not any(p.code in ("incorrect-label", "missing-label", "encoding-error") for p in report.problems)
    amounts = [p for p in report.problems if p.column == "BP"]
    # The only unreadable amounts are the accountants' dash for zero.
    assert amounts and {p.value.strip() for p in amounts if p.value} == {"-"}
    assert all(p.code == "type-error" for p in amounts)
    assert (
        "nombre attendu (ex. 1\u00a0234,56 ; virgule décimale, milliers séparés par une espace insécable)"
        in amounts[0].message
    )
    # The blank « Fonction » cells INDEX.md mentions.
    blanks = [p for p in report.problems if p.column == "Fonction"]
    assert blanks and all(p.code == "constraint-error" and "obligatoire" in p.message for p in blanks)
    assert blanks[0].line == 3
    assert codes(report) == Counter({"type-error": len(amounts), "constraint-error": len(blanks)})


def test_montpellier_budget_alone_encoding_and_delimiter_detected() -> None:
    report = check_path(BUDGET, root=REAL_DATA)
    messages = [notice.message for notice in report.notices]
    assert "encodage détecté : cp1252 (le fichier n'est pas en UTF-8)" in messages
    assert "séparateur de colonnes : « ; »" in messages


def test_montpellier_budget_against_scdl_budget() -> None:
    report = check_path(BUDGET, schema=SCHEMAS / "scdl-budget" / "schema.json", root=REAL_DATA)
    found = codes(report)
    assert found["missing-label"] == 15
    assert found["incorrect-label"] == 7
    first = next(p for p in report.problems if p.code == "incorrect-label")
    assert first.line == 1 and first.column == "Exercice"
    assert "« BGT_NATDEC » attendu par le schéma" in first.message
    missing = {p.column for p in report.problems if p.code == "missing-label"}
    assert "BGT_SIRET" not in missing and "BGT_MTREAL" in missing


def test_montpellier_deliberations_read_with_french_dates() -> None:
    report = check_path(DELIBS, schema=OWN / "montpellier-deliberations.resource.json", root=REAL_DATA)
    assert report.valid, [p.message for p in report.problems]


def test_montpellier_deliberations_without_date_format(tmp_path: Path) -> None:
    """Without ``format: "%d/%m/%Y"`` the dates are wrong, and the message says how to declare them."""
    import json

    descriptor = json.loads((OWN / "montpellier-deliberations.resource.json").read_text(encoding="utf-8"))
    for field in descriptor["schema"]["fields"]:
        field.pop("format", None)
    schema = tmp_path / "delibs.resource.json"
    schema.write_text(json.dumps(descriptor), encoding="utf-8")
    report = check_path(DELIBS, schema=schema, root=REAL_DATA, limit_errors=0)
    dates = [p for p in report.problems if p.column == "Date CM"]
    assert len(dates) == 160 and dates[0].line == 2 and dates[0].value == "25/11/2013"
    assert "date attendue au format AAAA-MM-JJ (ex. 2024-03-15)" in dates[0].message
    assert 'format: "%d/%m/%Y"' in dates[0].message


def test_montpellier_deliberations_against_scdl() -> None:
    report = check_path(DELIBS, schema=SCHEMAS / "scdl-deliberations" / "schema.json", root=REAL_DATA)
    found = codes(report)
    assert (found["missing-label"], found["incorrect-label"]) == (9, 8)


def test_poitiers_multiline_cells_give_editor_lines() -> None:
    """945 physical lines for 562 records: problems carry the line an editor shows."""
    report = check_path(
        POITIERS, schema=OWN / "poitiers-subventions-2017.resource.json", root=REAL_DATA, limit_errors=0
    )
    assert set(codes(report)) == {"constraint-error"}
    sirets = [p for p in report.problems if p.column == "ATTRIB_SIRET"]
    assert sirets[0].value == "45032466000000.0" and sirets[0].line == 2
    assert "exporté" in sirets[0].message or "exportée" in sirets[0].message
    lines = POITIERS.read_text(encoding="utf-8").splitlines()
    for problem in sirets:
        assert problem.value in lines[problem.line - 1], problem
    assert max(p.line or 0 for p in sirets) > 562
    assert any(p.row != p.line for p in sirets)


def test_poitiers_against_scdl_subventions() -> None:
    report = check_path(POITIERS, schema=SCHEMAS / "scdl-subventions" / "schema.json", root=REAL_DATA)
    found = codes(report)
    assert (found["missing-label"], found["incorrect-label"]) == (5, 11)
    assert report.truncated and report.problem_count == 1000
