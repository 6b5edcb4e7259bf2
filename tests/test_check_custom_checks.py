"""Validata's « custom_checks » (schemas of schema.data.gouv.fr), run by ``eclaireur check``.

Each check with its valid and invalid values, then declarations that are wrong (a French ``schema-error``,
never a traceback) or unknown (a notice), then real files: a délibérations file in the SCDL format
against the real scdl-deliberations schema, Poitiers's subsidies with their float-exported SIRETs,
Montpellier's délibérations, and the demo's own SIRET.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eclaireur.check.command import check_command
from eclaireur.check.custom import (
    compare,
    declarations,
    nomenclature_actes_detail,
    siren_detail,
    siret_detail,
    year_interval_detail,
)
from eclaireur.check.report import Report
from eclaireur.check.run import check_path
from helpers import REAL_DATA, REPO

SCHEMAS = REAL_DATA / "schemas"
COLLECTIVITES = REAL_DATA / "collectivites"
OWN = Path(__file__).parent / "fixtures" / "check"
POITIERS = next(COLLECTIVITES.glob("SCDL_COM_Poitiers*.csv"))
CUSTOM_CODES = {
    "french-siret-value",
    "french-siren-value",
    "year-interval-value",
    "nomenclature-actes-value",
    "compare-columns-value",
    "sum-columns-value",
    "cohesive-columns-value",
    "one-of-required",
}


def found(report: Report) -> list[tuple[int | None, str, str | None]]:
    return [(p.line, p.code, p.column) for p in report.problems]


def check_csv(tmp_path: Path, csv_text: str, schema: dict[str, Any], **options: Any) -> Report:
    (tmp_path / "donnees.csv").write_text(csv_text, encoding="utf-8")
    (tmp_path / "schema.json").write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    return check_path(tmp_path / "donnees.csv", schema=tmp_path / "schema.json", root=tmp_path, **options)


# SIRET and SIREN ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "21860194600013",  # Ville de Poitiers, the example of the SCDL schemas
        "73282932000074",
        "732 829 320 00074",  # spaces and dots are ignored, as python-stdnum (and so Validata) does
        "732.829.320.00074",
        " 73282932000074 ",
        "35600000000048",  # La Poste, head office: Luhn key
        "35600000000001",  # La Poste, an establishment: sum of the digits multiple of 5, Luhn key wrong
    ],
)
def test_valid_siret(value: str) -> None:
    assert siret_detail(value) is None


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("21860194600000.0", "« .0 » final"),  # as exported in Poitiers's real file
        ("21860194600000", "clé de contrôle (formule de Luhn) est fausse"),
        ("21860194600031", "clé de contrôle"),  # two digits swapped
        ("2186019460001", "13 chiffres au lieu de 14 (un zéro initial perdu ?)"),
        ("218601946000133", "15 chiffres au lieu de 14"),
        ("2186019460001A", "seuls des chiffres"),
        ("35600000000002", "La Poste"),
        ("10000000000008", "clé du SIREN"),  # Luhn key of the 14 digits right, of the 9 first ones wrong
    ],
)
def test_invalid_siret(value: str, said: str) -> None:
    detail = siret_detail(value)
    assert detail is not None and said in detail


def test_siren() -> None:
    assert siren_detail("110046018") is None  # example of the hautes-remunerations schema
    assert siren_detail("732 829 320") is None
    assert "clé de contrôle" in (siren_detail("110046019") or "")
    assert "8 chiffres au lieu de 9" in (siren_detail("11004601") or "")


# Years, nomenclature, comparisons ---------------------------------------------------------------------


def test_year_interval() -> None:
    assert year_interval_detail("2017/2018", allow_year_only=False) is None
    assert year_interval_detail("2017/2018", allow_year_only=True) is None
    assert year_interval_detail("2024", allow_year_only=True) is None
    assert year_interval_detail("2024", allow_year_only=False) == "période AAAA/AAAA attendue, ex. 2024/2025"
    assert "différentes" in (year_interval_detail("2017/2017", allow_year_only=True) or "")
    reversed_period = year_interval_detail("2018/2017", allow_year_only=True) or ""
    assert "la seconde année (2017) doit être postérieure à la première (2018) : écrivez 2017/2018" in reversed_period
    for wrong in ("foobar", "2017 /2018", "17/18", "2017-2018", "2024 "):
        assert year_interval_detail(wrong, allow_year_only=True), wrong


def test_nomenclature_actes() -> None:
    for good in (
        "Urbanisme/Documents d'urbanisme",
        "domaines de compétences par thèmes/aménagement du territoire",
        "DOMAINES DE COMPETENCES PAR THEMES/Culture",
        "Finances locales/",
    ):
        assert nomenclature_actes_detail(good) is None, good
    assert "« / »" in (nomenclature_actes_detail("Urbanisme") or "")
    assert "ni précédé ni suivi d'une espace" in (nomenclature_actes_detail("Urbanisme /PLU") or "")
    assert "ni précédé ni suivi d'une espace" in (nomenclature_actes_detail("Urbanisme/ PLU") or "")
    unknown = nomenclature_actes_detail("Voirie/Entretien") or ""
    assert "« Voirie » n'est pas une matière" in unknown and "Commande publique" in unknown


def test_compare() -> None:
    assert compare(40, ">=", 25) is True
    assert compare(Decimal("2.5"), "<", 3) is True
    assert compare("10", ">=", "9") is True  # numbers written as texts compare as numbers
    assert compare("b", ">", "a") is True and compare("a", "==", "b") is False
    assert compare(dt.date(2024, 3, 20), ">=", dt.date(2024, 3, 15)) is True
    assert compare(dt.date(2024, 3, 10), ">=", dt.date(2024, 3, 15)) is False
    assert compare(12, ">", "douze") is None
    assert compare(dt.date(2024, 3, 10), ">", 3) is None


# Running on records ---------------------------------------------------------------------------------


VOTES = {
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "reel", "type": "integer"},
        {"name": "pour", "type": "integer"},
        {"name": "contre", "type": "integer"},
        {"name": "siret", "type": "string"},
        {"name": "rna", "type": "string"},
    ],
    "missingValues": ["", "NA"],
    "custom_checks": [
        {"name": "sum-columns-value", "params": {"column": "reel", "columns": ["pour", "contre"]}},
        {"name": "compare-columns-value", "params": {"column": "reel", "op": ">=", "column2": "pour"}},
        {"name": "french-siret-value", "params": {"column": "siret"}},
        {"name": "one-of-required", "params": {"column1": "siret", "column2": "rna"}},
        {"name": "cohesive-columns-value", "params": {"column": "pour", "othercolumns": ["contre"]}},
    ],
}


def test_empty_and_unreadable_cells_are_left_to_the_schema(tmp_path: Path) -> None:
    """Missing values skip a check; a cell with a type error counts as missing, but as filled for cohesion."""
    report = check_csv(
        tmp_path,
        "id,reel,pour,contre,siret,rna\n"
        "a,10,6,4,73282932000074,\n"  # 2: valid
        "b,,6,4,,W123456789\n"  # 3: empty total, empty SIRET: skipped
        "c,10,NA,NA,NA,W123456789\n"  # 4: « NA » is a missing value
        "d,10,six,4,73282932000074,\n"  # 5: type error: sum and comparison skipped, « six » fills the cell
        "e,10,6,5,73282932000075,\n"  # 6: sum and SIRET wrong
        "f,3,6,,,\n",  # 7: compare wrong, cohesion broken, neither SIRET nor RNA
        VOTES,
    )
    assert found(report) == [
        (5, "type-error", "pour"),
        (6, "sum-columns-value", "reel"),
        (6, "french-siret-value", "siret"),
        (7, "compare-columns-value", "reel"),
        (7, "cohesive-columns-value", "pour"),
        (7, "one-of-required", "siret"),
    ]
    by_code = {p.code: p for p in report.problems}
    assert by_code["sum-columns-value"].message.startswith("« reel » vaut 10 mais pour + contre = 6 + 5 = 11 ;")
    assert by_code["sum-columns-value"].value == "10" and by_code["sum-columns-value"].column_number == 2
    assert by_code["compare-columns-value"].message.startswith(
        "la valeur de « reel » (3) doit être supérieure ou égale à celle de « pour » (6) ;"
    )
    assert "« pour » remplie mais « contre » vide" in by_code["cohesive-columns-value"].message
    assert "« siret » et « rna » sont toutes deux vides" in by_code["one-of-required"].message
    assert by_code["french-siret-value"].row == 6


def test_columns_absent_from_the_file(tmp_path: Path) -> None:
    """A column the schema declares but the file lacks counts as missing, like in Validata."""
    report = check_csv(tmp_path, "id,reel,pour\na,10,3\nb,1,3\n", VOTES)
    codes = [(line, code) for line, code, _ in found(report)]
    assert (1, "one-of-required") in codes  # both SIRET and RNA absent: said once, on the header
    assert (1, "cohesive-columns-value") in codes  # « pour » present, « contre » absent
    assert (3, "compare-columns-value") in codes  # both columns there: still checked
    assert not any(code in ("sum-columns-value", "french-siret-value") for _, code in codes)
    assert not any(code in CUSTOM_CODES and line != 1 and code != "compare-columns-value" for line, code in codes)
    header = next(p for p in report.problems if p.code == "cohesive-columns-value")
    assert header.column is None and "(absentes : « contre »)" in header.message


def test_columns_found_by_name_whatever_their_order(tmp_path: Path) -> None:
    schema = {
        "fields": [{"name": "annee", "type": "string"}, {"name": "nom", "type": "string"}],
        "custom_checks": [{"name": "year-interval-value", "params": {"column": "annee"}}],
    }
    report = check_csv(tmp_path, "nom,annee\nBudget,2019/2018\n", schema)
    custom = [p for p in report.problems if p.code == "year-interval-value"]
    assert [(p.line, p.column, p.value, p.column_number) for p in custom] == [(2, "annee", "2019/2018", 2)]


def test_limit_errors_counts_for_the_whole_table(tmp_path: Path) -> None:
    """--limit-errors N: N problems per table, the table check's first, then the custom checks'."""
    schema = {
        "fields": [{"name": "siret", "type": "string"}, {"name": "n", "type": "integer"}],
        "custom_checks": [{"name": "french-siret-value", "params": {"column": "siret"}}],
    }
    rows = "".join(f"7328293200{number:04d},{'x' if number < 4 else number}\n" for number in range(50))
    report = check_csv(tmp_path, "siret,n\n" + rows, schema, limit_errors=10)
    assert report.counts() == {"french-siret-value": 6, "type-error": 4}
    assert report.truncated == ["donnees.csv"]
    report = check_csv(tmp_path, "siret,n\n" + rows, schema, limit_errors=4)
    assert report.counts() == {"type-error": 4} and report.truncated == ["donnees.csv"]
    report = check_csv(tmp_path, "siret,n\n" + rows, schema, limit_errors=0)
    # One number in ten ends with the right Luhn key.
    assert report.counts() == {"french-siret-value": 45, "type-error": 4} and not report.truncated


def test_without_custom_checks_the_file_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eclaireur.check.custom.run as module

    def forbidden(*args: Any) -> None:
        raise AssertionError("read_rows called for a schema without custom_checks")

    monkeypatch.setattr(module, "read_rows", forbidden)
    report = check_csv(tmp_path, "id\n1\n", {"fields": [{"name": "id", "type": "integer"}]})
    assert report.valid


def test_package_with_yaml_declarations(tmp_path: Path) -> None:
    """In a datapackage.yaml, « allow-year-only: yes » is a YAML boolean: accepted."""
    (tmp_path / "datapackage.yaml").write_text(
        "name: essai\n"
        "resources:\n"
        "  - name: budgets\n"
        "    path: budgets.csv\n"
        "    schema:\n"
        "      fields:\n"
        "        - {name: annee, type: string}\n"
        "        - {name: nom, type: string}\n"
        "      custom_checks:\n"
        "        - name: year-interval-value\n"
        "          params: {column: annee, allow-year-only: yes}\n"
        "        - name: cohesive-columns-value\n"
        "          params: {column: annee, othercolumns: [nom]}\n",
        encoding="utf-8",
    )
    (tmp_path / "budgets.csv").write_text(
        'annee,nom\n2024,Budget principal\n"2024/\n2023",Budget annexe\n2025,\n', encoding="utf-8"
    )
    report = check_path(tmp_path / "datapackage.yaml", root=tmp_path)
    assert found(report) == [
        (3, "year-interval-value", "annee"),
        (5, "cohesive-columns-value", "annee"),
    ]
    assert [p.row for p in report.problems] == [3, 4]


# Declarations ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ({"name": "french-siret-value", "params": {"column": "SIRET"}}, "la colonne « SIRET » n'est pas déclarée"),
        ({"name": "french-siret-value", "params": {}}, "paramètre « column » manquant"),
        ({"name": "french-siret-value"}, "paramètre « column » manquant"),
        ({"name": "french-siret-value", "params": ["siret"]}, "« params » doit être un objet"),
        ({"name": "compare-columns-value", "params": {"column": "a", "column2": "b", "op": "=>"}}, "« => » inconnu"),
        ({"name": "compare-columns-value", "params": {"column": "a", "column2": "b"}}, "paramètre « op » manquant"),
        ({"name": "sum-columns-value", "params": {"column": "a", "columns": "b"}}, "une liste de noms de colonnes"),
        ({"name": "sum-columns-value", "params": {"column": "a", "columns": ["b"]}}, "au moins deux colonnes"),
        ({"name": "cohesive-columns-value", "params": {"column": "a"}}, "paramètre « othercolumns » manquant"),
        ({"name": "one-of-required", "params": {"column1": "a"}}, "paramètre « column2 » manquant"),
        ({"name": "year-interval-value", "params": {"column": "a", "allow-year-only": "oui"}}, "« yes » ou « true »"),
        ({"params": {"column": "a"}}, "« name » (le nom de la vérification) est obligatoire"),
        ("french-siret-value", "un objet {name, params} est attendu"),
    ],
)
def test_broken_declaration_is_a_schema_error(tmp_path: Path, entry: Any, said: str) -> None:
    schema = {
        "fields": [{"name": name, "type": "string"} for name in ("a", "b", "siret")],
        "custom_checks": [entry],
    }
    report = check_csv(tmp_path, "a,b,siret\n1,2,3\n", schema)
    assert [p.code for p in report.problems] == ["schema-error"]
    assert report.problems[0].file == "schema.json"
    assert "custom_checks n° 1" in report.problems[0].message and said in report.problems[0].message


def test_custom_checks_not_a_list_through_the_cli(tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "a"}], "custom_checks": {"name": "x"}}), encoding="utf-8")
    result = CliRunner().invoke(check_command, [str(schema)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "« custom_checks » doit être une liste" in result.output


def test_unknown_check_is_a_notice(tmp_path: Path) -> None:
    schema = {
        "fields": [{"name": "telephone", "type": "string"}],
        "custom_checks": [{"name": "phone-number-value", "params": {"column": "telephone"}}],
    }
    report = check_csv(tmp_path, "telephone\n01 02\n", schema)
    assert report.valid
    notices = [n.message for n in report.notices if n.file == "schema.json"]
    assert notices and notices[0].startswith(
        "vérification « phone-number-value » (custom_checks n° 1) non prise en charge par eclaireur check : "
        "elle n'est pas faite"
    )


def test_every_check_of_the_real_schemas_is_supported() -> None:
    for path in sorted(SCHEMAS.rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        declared = declarations(document)
        assert not declared.messages and not declared.unsupported, path
        assert len(declared.checks) == len(document.get("custom_checks", [])), path
    deliberations = declarations(json.loads((SCHEMAS / "scdl-deliberations" / "schema.json").read_text()))
    assert len(deliberations.checks) == 11


# Real files -----------------------------------------------------------------------------------------


def test_scdl_deliberations_end_to_end() -> None:
    """A délibérations file in the SCDL format against the real schema: its 11 custom checks at work.

    Row 3 has a cell on two lines, so from there on the editor's line is one more than the record.
    """
    report = check_path(
        OWN / "deliberations-scdl-loirance.csv", schema=SCHEMAS / "scdl-deliberations" / "schema.json", root=OWN
    )
    assert found(report) == [
        (3, "french-siret-value", "COLL_SIRET"),
        (4, "year-interval-value", "BUDGET_ANNEE"),
        (6, "compare-columns-value", "PREF_DATE"),
        (7, "sum-columns-value", "VOTE_REEL"),
        (8, "compare-columns-value", "VOTE_EFFECTIF"),
        (9, "cohesive-columns-value", "BUDGET_ANNEE"),
        (10, "cohesive-columns-value", "VOTE_EFFECTIF"),
        (11, "nomenclature-actes-value", "DELIB_MATIERE_NOM"),
        (12, "nomenclature-actes-value", "DELIB_MATIERE_NOM"),
        (13, "constraint-error", "COLL_SIRET"),  # « 999 123 458 00013 »: a valid SIRET, but not the pattern
        (14, "type-error", "VOTE_POUR"),  # « vingt-cinq »: left to the type, no sum or comparison
    ]
    lines = {p.line: p for p in report.problems}
    assert lines[6].row == 5 and lines[3].row == 3
    assert lines[3].message.startswith(
        "valeur « 99912345800014 » — numéro SIRET attendu : 14 chiffres dont le dernier est une clé de contrôle ; "
        "la clé de contrôle (formule de Luhn) est fausse"
    )
    assert "« PREF_DATE » (2024-03-10) doit être supérieure ou égale à celle de « DELIB_DATE » (2024-03-15)" in (
        lines[6].message
    )
    assert "« VOTE_REEL » vaut 40 mais VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION = 25 + 10 + 6 = 41" in lines[7].message
    assert "« Voirie » n'est pas une matière de la nomenclature Actes" in lines[12].message


def test_poitiers_float_exported_sirets() -> None:
    """Every SIRET of Poitiers's 2017 file was exported as « 21860194600000.0 »: each one is reported."""
    report = check_path(
        POITIERS, schema=OWN / "poitiers-subventions-2017-siret.resource.json", root=REAL_DATA, limit_errors=0
    )
    sirets = [p for p in report.problems if p.code == "french-siret-value"]
    assert len(sirets) == 2 * 562
    first = sirets[0]
    assert (first.line, first.column, first.value) == (2, "COLL_SIRET", "21860194600000.0")
    assert "le tableur l'a exporté comme un nombre décimal (« .0 » final)" in first.message
    physical = POITIERS.read_text(encoding="utf-8").splitlines()
    for problem in sirets:
        assert problem.value and problem.value in physical[(problem.line or 0) - 1], problem
    assert max(p.line or 0 for p in sirets) > 562 and any(p.row != p.line for p in sirets)
    assert report.counts() == {"constraint-error": 1124, "french-siret-value": 1124}


def test_poitiers_against_scdl_subventions_misses_both_identifiers() -> None:
    report = check_path(POITIERS, schema=SCHEMAS / "scdl-subventions" / "schema.json", root=REAL_DATA, limit_errors=0)
    custom = [p for p in report.problems if p.code in CUSTOM_CODES]
    assert [(p.line, p.code) for p in custom] == [(1, "one-of-required")]
    assert "« idBeneficiaire » et « rnaBeneficiaire » sont toutes deux absentes du fichier" in custom[0].message


def test_montpellier_deliberations_against_scdl_adds_nothing_for_absent_columns() -> None:
    """Montpellier's headers are not SCDL's: the columns the checks name are absent, so they are skipped."""
    report = check_path(
        COLLECTIVITES / "VilleMTP_MTP_Delibs.csv", schema=SCHEMAS / "scdl-deliberations" / "schema.json", root=REAL_DATA
    )
    assert not set(report.counts()) & CUSTOM_CODES
    assert (report.counts()["missing-label"], report.counts()["incorrect-label"]) == (9, 8)


def test_demo_declares_a_valid_siret(tmp_path: Path) -> None:
    """The demo's collectivité schema declares french-siret-value: its fictional SIRET has a right key."""
    schema = REPO / "data" / "schemas" / "collectivite.schema.json"
    assert {"name": "french-siret-value", "params": {"column": "siret"}} in json.loads(
        schema.read_text(encoding="utf-8")
    )["custom_checks"]
    report = check_path(REPO / "data" / "collectivite.csv", schema=schema, root=REPO)
    assert report.valid, [p.message for p in report.problems]
    copy = tmp_path / "collectivite.csv"
    shutil.copy(REPO / "data" / "collectivite.csv", copy)
    text = copy.read_text(encoding="utf-8")
    siret = next(cell for cell in text.splitlines()[1].split(",") if len(cell) == 14 and cell.isdigit())
    copy.write_text(text.replace(siret, siret[:-1] + str((int(siret[-1]) + 1) % 10)), encoding="utf-8")
    report = check_path(copy, schema=schema, root=tmp_path)
    assert found(report) == [(2, "french-siret-value", "siret")]
