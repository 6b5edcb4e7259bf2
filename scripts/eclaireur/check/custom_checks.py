"""Validata's ``custom_checks``: the extra checks declared by French public-data schemas.

Schemas published on schema.data.gouv.fr (SCDL délibérations, subventions, budget, catalogue, équipements,
hautes rémunérations…) list the checks Table Schema cannot express in a top-level ``custom_checks`` list,
run by Validata, the French validator (validata-core, ``validata_core/custom_checks/``)::

    "custom_checks": [{"name": "french-siret-value", "params": {"column": "COLL_SIRET"}}, …]

The eight checks those schemas use are implemented here with Validata's semantics (its source, versions 0.x
and the current ``Check``/``Validator`` design, read for this module):

- ``french-siret-value`` / ``french-siren-value`` (``column``): ``stdnum.fr.siret.is_valid`` /
  ``stdnum.fr.siren.is_valid`` of python-stdnum, the library Validata calls — spaces and dots are ignored,
  14 (9) digits, Luhn key; for La Poste's establishments (SIREN 356 000 000, head office aside) the sum of
  the digits is a multiple of 5 instead;
- ``year-interval-value`` (``column``, ``allow-year-only``: "yes"/"true"): ``AAAA/AAAA`` with two different,
  increasing years, or ``AAAA`` alone when allowed;
- ``nomenclature-actes-value`` (``column``): « matière/… », the matière being one of the 9 of the Actes
  nomenclature, compared without case or accents, no space around the first « / »;
- ``compare-columns-value`` (``column``, ``op`` among ``> >= == <= <``, ``column2``): numbers compared as
  numbers, texts as texts, two values of one type (dates) between them; a number against a text is an error;
- ``sum-columns-value`` (``column``, ``columns``): the first column equals the sum of the others;
- ``cohesive-columns-value`` (``column``, ``othercolumns``): on a row the columns are all filled or all
  empty; in the file, all present or all absent;
- ``one-of-required`` (``column1``, ``column2``): at least one of the two cells is filled; both columns
  absent from the file is an error.

As in Validata, a check reads the value frictionless gives a cell (a cell with a type error counts as
missing: ``type-error`` reports it); a row where one of the check's values is missing is skipped (the
schema's ``required`` decides whether it may be), except for the last two checks, whose concern is which
cells are filled; a column the schema declares but the file lacks counts as missing (``missing-label``
reports it). Columns are found by their name in the header.

Deliberate differences: a declaration naming a column absent from ``fields``, or missing a parameter, is
a ``schema-error`` (Validata skips the check or stops); a check name we do not know is a notice
« vérification non prise en charge », never a silent skip; for the last two checks a cell with a type error
counts as filled (its value is there, only badly written) and a zero is a value; the text checks (SIRET,
SIREN, years, nomenclature) read the cell as written, so a column typed ``integer`` keeps its leading
zeros; years are ASCII digits; numbers are compared and added as decimals, never through ``eval``; the
message of a reversed period names its years in the right order.

The checks run after the table check, in one more pass over the file (:func:`~eclaireur.check.records.
read_rows`, editor lines), only for a schema that declares some; ``--limit-errors`` counts for the table
as a whole.
"""

from __future__ import annotations

import csv
import operator
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from frictionless import Field, FrictionlessException, Schema
from stdnum import luhn
from stdnum.fr import siren, siret

from eclaireur.check.catalogue import kind_for
from eclaireur.check.readers import _missing_values, fast_cell_reader
from eclaireur.check.records import read_rows
from eclaireur.check.report import Notice, Problem
from eclaireur.check.source import TableSpec

CACHE_LIMIT = 20_000
"""Distinct cell values whose reading (and single-column verdict) is remembered per column."""

OPERATORS: dict[str, tuple[Callable[[Any, Any], bool], str]] = {
    ">": (operator.gt, "supérieure à"),
    ">=": (operator.ge, "supérieure ou égale à"),
    "==": (operator.eq, "égale à"),
    "<=": (operator.le, "inférieure ou égale à"),
    "<": (operator.lt, "inférieure à"),
}
MATIERES_ACTES = (
    "Commande publique",
    "Urbanisme",
    "Domaine et patrimoine",
    "Fonction publique",
    "Institutions et vie politique",
    "Libertés publiques et pouvoirs de police",
    "Finances locales",
    "Domaines de compétences par thèmes",
    "Autres domaines de compétences",
)
"""The 9 matières of the Actes nomenclature (contrôle de légalité), as Validata lists them."""

YEAR_INTERVAL = re.compile(r"([0-9]{4})/([0-9]{4})")
YEAR = re.compile(r"[0-9]{4}")
YES = ("true", "yes")
NO = ("false", "no")

# name -> (parameters naming one column, parameter naming a list of columns or "", minimum list length)
SIGNATURES: dict[str, tuple[tuple[str, ...], str, int]] = {
    "french-siret-value": (("column",), "", 0),
    "french-siren-value": (("column",), "", 0),
    "year-interval-value": (("column",), "", 0),
    "nomenclature-actes-value": (("column",), "", 0),
    "compare-columns-value": (("column", "column2"), "", 0),
    "sum-columns-value": (("column",), "columns", 2),
    "cohesive-columns-value": (("column",), "othercolumns", 1),
    "one-of-required": (("column1", "column2"), "", 0),
}
SUPPORTED = tuple(SIGNATURES)


@dataclass(frozen=True)
class Declared:
    """One sound, supported entry of ``custom_checks``: its columns (problems go on the first one)."""

    name: str
    number: int
    columns: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Declarations:
    """What ``custom_checks`` declares: the checks to run, French messages on broken entries, unknown names."""

    checks: list[Declared] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    unsupported: list[tuple[int, str]] = field(default_factory=list)


def _field_names(schema: dict[str, Any]) -> set[str]:
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return set()
    return {item["name"] for item in fields if isinstance(item, dict) and isinstance(item.get("name"), str)}


def allows_year_only(value: Any) -> bool | None:
    """``allow-year-only`` read as Validata does ("true"/"yes"); a YAML boolean too; None when unclear."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES + NO:
        return value.strip().lower() in YES
    return None


def declarations(schema: Any) -> Declarations:
    """Read the ``custom_checks`` of ``schema``; nothing when it declares none."""
    found = Declarations()
    if not isinstance(schema, dict) or "custom_checks" not in schema:
        return found
    entries = schema["custom_checks"]
    if not isinstance(entries, list):
        found.messages.append("« custom_checks » doit être une liste de vérifications ({name, params})")
        return found
    known = _field_names(schema)
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            found.messages.append(f"custom_checks n° {number} : un objet {{name, params}} est attendu")
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            found.messages.append(f"custom_checks n° {number} : « name » (le nom de la vérification) est obligatoire")
            continue
        if name not in SIGNATURES:
            found.unsupported.append((number, name))
            continue
        params = entry.get("params", {})
        if not isinstance(params, dict):
            found.messages.append(f"custom_checks n° {number} (« {name} ») : « params » doit être un objet")
            continue
        checked, messages = _declared(name, number, params, known)
        found.messages.extend(messages)
        if checked is not None:
            found.checks.append(checked)
    return found


def _declared(name: str, number: int, params: dict[str, Any], known: set[str]) -> tuple[Declared | None, list[str]]:
    label = f"custom_checks n° {number} (« {name} »)"
    singles, many, minimum = SIGNATURES[name]
    messages: list[str] = []
    columns: list[str] = []
    for param in singles:
        value = params.get(param)
        if value is None and param == "column1":
            value = params.get("column")  # the spelling of Validata's documentation
        if value is None:
            messages.append(f"{label} : paramètre « {param} » manquant (le nom d'une colonne du schéma)")
        elif not isinstance(value, str):
            messages.append(f"{label} : « {param} » doit être le nom d'une colonne (un texte)")
        else:
            columns.append(value)
    if many:
        value = params.get(many)
        if value is None:
            messages.append(f"{label} : paramètre « {many} » manquant (une liste de noms de colonnes)")
        elif not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            messages.append(f"{label} : « {many} » doit être une liste de noms de colonnes")
        elif len(value) < minimum:
            wanted = "au moins deux colonnes à additionner" if minimum == 2 else "au moins une colonne"
            messages.append(f"{label} : « {many} » doit nommer {wanted}")
        else:
            columns.extend(value)
    for column in dict.fromkeys(columns):
        if column not in known:
            messages.append(f"{label} : la colonne « {column} » n'est pas déclarée dans « fields »")
    if name == "compare-columns-value":
        op = params.get("op")
        if op is None:
            messages.append(f"{label} : paramètre « op » manquant (>, >=, ==, <= ou <)")
        elif op not in OPERATORS:
            messages.append(f"{label} : opérateur « {op} » inconnu (>, >=, ==, <= ou <)")
    if name == "year-interval-value" and allows_year_only(params.get("allow-year-only")) is None:
        messages.append(
            f"{label} : « allow-year-only » vaut « {params.get('allow-year-only')} » — « yes » ou « true » pour "
            "accepter une année seule, « no » ou « false » sinon"
        )
    if messages:
        return None, messages
    return Declared(name, number, tuple(columns), dict(params)), []


def declaration_messages(schema: Any) -> list[str]:
    """French descriptions of what is wrong in the ``custom_checks`` of ``schema`` (for ``schema-error``)."""
    return declarations(schema).messages


def unsupported_notices(schema: Any, shown: str) -> list[Notice]:
    """« vérification … non prise en charge » for each check name this module does not implement."""
    return [
        Notice(
            shown,
            f"vérification « {name} » (custom_checks n° {number}) non prise en charge par eclaireur check : "
            f"elle n'est pas faite (prises en charge : {', '.join(SUPPORTED)})",
        )
        for number, name in declarations(schema).unsupported
    ]


# The checks on one value ----------------------------------------------------------------------------


def _identifier_detail(text: str, size: int, what: str) -> str:
    """Why ``text`` is not a valid SIRET (``size`` 14) or SIREN (9), after python-stdnum refused it."""
    compact = siret.compact(text)
    if re.fullmatch(r"\s*[0-9]+\.0\s*", text):
        return (
            " ; le tableur l'a exporté comme un nombre décimal (« .0 » final), ses derniers chiffres ont pu être "
            "perdus"
        )
    if not compact or not compact.isascii() or not compact.isdigit():
        return " ; seuls des chiffres sont permis (les espaces et les points sont tolérés)"
    if len(compact) != size:
        lost = " (un zéro initial perdu ?)" if len(compact) == size - 1 else ""
        return f" ; la valeur a {len(compact)} chiffres au lieu de {size}{lost}"
    if what == "SIRET" and (compact.startswith("356000000") and compact != "35600000000048"):
        return " ; pour un établissement de La Poste, la somme des chiffres doit être un multiple de 5"
    if what == "SIRET" and luhn.is_valid(compact) and not siren.is_valid(compact[:9]):
        return " ; la clé du SIREN (les 9 premiers chiffres) est fausse : un chiffre est erroné ou deux sont inversés"
    return " ; la clé de contrôle (formule de Luhn) est fausse : un chiffre est erroné ou deux sont inversés"


def siret_detail(text: str) -> str | None:
    """None for a valid SIRET (as ``stdnum.fr.siret.is_valid``), else the French detail."""
    return None if siret.is_valid(text) else _identifier_detail(text, 14, "SIRET")


def siren_detail(text: str) -> str | None:
    """None for a valid SIREN (as ``stdnum.fr.siren.is_valid``), else the French detail."""
    return None if siren.is_valid(text) else _identifier_detail(text, 9, "SIREN")


def year_interval_detail(text: str, allow_year_only: bool) -> str | None:
    """None for a valid period (or year, when allowed), else what is expected."""
    match = YEAR_INTERVAL.fullmatch(text)
    if match is None:
        if allow_year_only:
            if YEAR.fullmatch(text):
                return None
            return "année (AAAA) ou période (AAAA/AAAA) attendue, ex. 2024 ou 2024/2025"
        return "période AAAA/AAAA attendue, ex. 2024/2025"
    first, second = int(match.group(1)), int(match.group(2))
    if first == second:
        return "les deux années de la période doivent être différentes"
    if first > second:
        return f"la seconde année ({second}) doit être postérieure à la première ({first}) : écrivez {second}/{first}"
    return None


def _plain(text: str) -> str:
    """Lower case without accents, as Validata's ``norm_str``."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


PLAIN_MATIERES = {_plain(matiere) for matiere in MATIERES_ACTES}


def nomenclature_actes_detail(text: str) -> str | None:
    """None when ``text`` starts with a matière of the Actes nomenclature and « / », else why not."""
    if "/" not in text:
        return "le « / » qui sépare la matière de la sous-matière manque (ex. « Urbanisme/Documents d'urbanisme »)"
    prefix = text[: text.find("/")]
    if _plain(prefix) in PLAIN_MATIERES and "/ " not in text:
        return None
    if _plain(prefix.rstrip()) in PLAIN_MATIERES or "/ " in text:
        return "le signe « / » ne doit être ni précédé ni suivi d'une espace"
    return f"« {prefix} » n'est pas une matière de la nomenclature Actes ({', '.join(MATIERES_ACTES)})"


def as_number(value: Any) -> Decimal | None:
    """``value`` as a number when it is one, or a text that reads as one (Validata's ``is_a_number``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal | float | str):
        try:
            number = Decimal(str(value).strip()) if isinstance(value, str | float) else Decimal(value)
        except (InvalidOperation, ValueError):
            return None
        return number if number.is_finite() else None
    return None


def compare(first: Any, op: str, second: Any) -> bool | None:
    """``first op second`` as Validata compares them; None when they cannot be compared."""
    test = OPERATORS[op][0]
    left, right = as_number(first), as_number(second)
    if left is not None and right is not None:
        return test(left, right)
    if isinstance(first, str) and isinstance(second, str):
        return test(first, second)
    if type(first) is type(second):
        try:
            return bool(test(first, second))
        except TypeError:
            return test(str(first), str(second))
    return None


# Reading the cells -----------------------------------------------------------------------------------

NUMERIC_TYPES = ("integer", "number")
_UNSEEN: Any = object()


class _Column:
    """One column the checks read: where it is in the header, its missing values, its typed reader.

    :meth:`value` is the value frictionless gives the cell (None when the cell is missing or has a type
    error); :meth:`filled` is False only for a missing cell (absent column, or one of ``missingValues``).
    """

    def __init__(self, name: str, index: int | None, field_object: Field | None) -> None:
        self.name = name
        self.index = index
        self.type = str(field_object.type) if field_object is not None else "any"
        self.missing = set(_missing_values(field_object)) if field_object is not None else {""}
        self.reader = None
        if field_object is not None:
            self.reader = fast_cell_reader(field_object) or field_object.create_cell_reader()
        self.cache: dict[str | None, Any] | None = {}

    def value(self, raw: str | None) -> Any:
        if raw is None or self.reader is None:
            return None
        cache = self.cache
        if cache is None:
            return self.reader(raw)[0]
        hit = cache.get(raw, _UNSEEN)
        if hit is _UNSEEN:
            hit = self.reader(raw)[0]
            if len(cache) < CACHE_LIMIT:
                cache[raw] = hit
            else:
                self.cache = None  # values that hardly repeat (amounts, identifiers): stop remembering
        return hit

    def filled(self, raw: str | None) -> bool:
        return raw is not None and raw not in self.missing


RowCheck = Callable[[list[Any], int, int], "Problem | None"]
"""``(cells, record number, first line) -> problem or None``."""


@dataclass
class _Context:
    spec: TableSpec
    labels: list[str]
    columns: dict[str, _Column]

    def problem(
        self, code: str, row: int | None, line: int | None, column: _Column | None, value: str | None, **params: Any
    ) -> Problem:
        index = column.index if column is not None else None
        return Problem(
            code=code,
            file=self.spec.shown,
            line=line or 1,
            column=column.name if column is not None else None,
            column_number=index + 1 if index is not None else None,
            value=value or None,
            row=row or 1,
            message=kind_for(code).render(value=value, **params),
        )


def _names(columns: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"« {column} »" for column in columns)


def _single(check: Declared, context: _Context) -> RowCheck | None:
    column = context.columns[check.columns[0]]
    index = column.index
    if index is None:
        return None
    detail_of: Callable[[str], str | None]
    if check.name == "french-siret-value":
        detail_of = siret_detail
    elif check.name == "french-siren-value":
        detail_of = siren_detail
    elif check.name == "year-interval-value":
        allowed = bool(allows_year_only(check.params.get("allow-year-only")))

        def detail_of(text: str) -> str | None:
            return year_interval_detail(text, allowed)
    else:
        detail_of = nomenclature_actes_detail
    verdicts: dict[str | None, str | None] = {}

    def run(cells: list[Any], row: int, line: int) -> Problem | None:
        raw = cells[index]
        detail = verdicts.get(raw, _UNSEEN)
        if detail is _UNSEEN:
            detail = None if column.value(raw) is None else detail_of(raw)
            if len(verdicts) < CACHE_LIMIT:
                verdicts[raw] = detail
        if detail is None:
            return None
        return context.problem(check.name, row, line, column, raw, detail=detail)

    return run


def _compare(check: Declared, context: _Context) -> RowCheck | None:
    first, second = (context.columns[name] for name in check.columns)
    first_index, second_index = first.index, second.index
    if first_index is None or second_index is None:
        return None
    op = str(check.params["op"])
    test, wording = OPERATORS[op]
    numeric = first.type in NUMERIC_TYPES and second.type in NUMERIC_TYPES

    def run(cells: list[Any], row: int, line: int) -> Problem | None:
        left = first.value(cells[first_index])
        if left is None:
            return None
        right = second.value(cells[second_index])
        if right is None:
            return None
        verdict: bool | None
        try:
            verdict = test(left, right) if numeric else compare(left, op, right)
        except ArithmeticError:  # NaN
            verdict = compare(left, op, right)
        if verdict:
            return None
        raw_first, raw_second = cells[first_index], cells[second_index]
        shown_first, shown_second = str(raw_first).strip(), str(raw_second).strip()
        if verdict is None:
            detail = (
                f"les valeurs de « {first.name} » ({shown_first}) et de « {second.name} » ({shown_second}) ne "
                f"sont pas comparables (un nombre et un texte) — la première doit être {wording} la seconde"
            )
        else:
            detail = (
                f"la valeur de « {first.name} » ({shown_first}) doit être {wording} celle de « {second.name} » "
                f"({shown_second})"
            )
        return context.problem(check.name, row, line, first, raw_first, detail=detail)

    return run


def _sum(check: Declared, context: _Context) -> RowCheck | None:
    columns = [context.columns[name] for name in check.columns]
    indexes = [column.index for column in columns if column.index is not None]
    if len(indexes) != len(columns):
        return None  # a missing column is a missing value: nothing to add up
    numeric = all(column.type in NUMERIC_TYPES for column in columns)

    def run(cells: list[Any], row: int, line: int) -> Problem | None:
        values = []
        for column, index in zip(columns, indexes, strict=True):
            value = column.value(cells[index])
            if value is None:
                return None
            values.append(value)
        if numeric:
            try:
                if sum(values[1:]) == values[0]:
                    return None
            except ArithmeticError:
                pass
        raws = [cells[index] for index in indexes]
        return _sum_problem(check, context, columns, raws, values, row, line)

    return run


def _sum_problem(
    check: Declared, context: _Context, columns: list[_Column], raws: list[Any], values: list[Any], row: int, line: int
) -> Problem | None:
    total_column, *parts = columns
    read = [as_number(value) for value in values]
    shown = [str(raw).strip() for raw in raws]
    wrong = [(column.name, text) for column, number, text in zip(columns, read, shown, strict=True) if number is None]
    if wrong:
        detail = (
            f"la somme ne peut pas être vérifiée : {_names([name for name, _ in wrong])} ne contient pas un "
            f"nombre ({', '.join(text for _, text in wrong)})"
        )
        return context.problem(check.name, row, line, total_column, raws[0], detail=detail)
    numbers = [number for number in read if number is not None]
    total = sum(numbers[1:], Decimal(0))
    if total == numbers[0]:
        return None
    detail = (
        f"« {total_column.name} » vaut {shown[0]} mais {' + '.join(part.name for part in parts)} = "
        f"{' + '.join(shown[1:])} = {total}"
    )
    return context.problem(check.name, row, line, total_column, raws[0], detail=detail)


def _cohesive(check: Declared, context: _Context, problems: list[Problem]) -> RowCheck | None:
    columns = [context.columns[name] for name in check.columns]
    absent = [column.name for column in columns if column.index is None]
    if len(absent) == len(columns):
        return None
    if absent:
        detail = (
            f"les colonnes {_names(check.columns)} vont ensemble : toutes présentes ou toutes absentes du fichier "
            f"(absentes : {_names(absent)})"
        )
        problems.append(context.problem(check.name, None, None, None, None, detail=detail))
        return None
    pairs = [(column, column.index) for column in columns if column.index is not None]
    (first, first_index), *others = pairs
    first_missing = first.missing
    rest = [(index, column.missing) for column, index in others]

    def run(cells: list[Any], row: int, line: int) -> Problem | None:
        cell = cells[first_index]
        expected = cell is not None and cell not in first_missing  # :meth:`_Column.filled`, inlined
        for index, missing in rest:
            cell = cells[index]
            if (cell is not None and cell not in missing) != expected:
                return _cohesive_problem(check, context, pairs, cells, row, line)
        return None

    return run


def _cohesive_problem(
    check: Declared, context: _Context, pairs: list[tuple[_Column, int]], cells: list[Any], row: int, line: int
) -> Problem:
    full = [column.name for column, index in pairs if column.filled(cells[index])]
    empty = [column.name for column, index in pairs if not column.filled(cells[index])]
    detail = (
        f"{_names(full)} {'remplie' if len(full) == 1 else 'remplies'} mais {_names(empty)} "
        f"{'vide' if len(empty) == 1 else 'vides'} — ces colonnes doivent être toutes remplies ou toutes vides"
    )
    first, index = pairs[0]
    return context.problem(check.name, row, line, first, cells[index], detail=detail)


def _one_of(check: Declared, context: _Context, problems: list[Problem]) -> RowCheck | None:
    first, second = (context.columns[name] for name in check.columns)
    if first.index is None and second.index is None:
        detail = (
            f"les colonnes « {first.name} » et « {second.name} » sont toutes deux absentes du fichier : l'une des "
            "deux est attendue"
        )
        problems.append(context.problem(check.name, None, None, None, None, detail=detail))
        return None
    first_index, second_index = first.index, second.index

    def run(cells: list[Any], row: int, line: int) -> Problem | None:
        if first_index is not None and first.filled(cells[first_index]):
            return None
        if second_index is not None and second.filled(cells[second_index]):
            return None
        detail = (
            f"« {first.name} » et « {second.name} » sont toutes deux vides : au moins l'une des deux doit être "
            "renseignée"
        )
        return context.problem(check.name, row, line, first, None, detail=detail)

    return run


@dataclass
class CustomOutcome:
    """The problems the declared checks found in one table; ``truncated`` when ``limit_errors`` stopped them."""

    problems: list[Problem] = field(default_factory=list)
    truncated: bool = False


def _fields(schema: dict[str, Any]) -> dict[str, Field]:
    try:
        parsed = Schema.from_descriptor(schema)
    except FrictionlessException:
        return {}
    return {item.name: item for item in parsed.fields}


def run_custom_checks(spec: TableSpec, *, limit_errors: int, found: int = 0) -> CustomOutcome:
    """Run the ``custom_checks`` of ``spec``'s schema on its records (the file is not read when none).

    ``limit_errors`` counts for the whole table: the ``found`` problems the table check already reported
    take their share (0: no limit).
    """
    outcome = CustomOutcome()
    schema = spec.schema
    if not schema or not schema.get("custom_checks"):
        return outcome
    if limit_errors and found >= limit_errors:
        outcome.truncated = True
        return outcome
    limit_errors = limit_errors - found if limit_errors else 0
    checks = declarations(schema).checks
    if not checks:
        return outcome
    try:
        table = read_rows(spec)
        if table is None:
            return outcome
        labels, rows = table
        fields = _fields(schema)
        used = {column for check in checks for column in check.columns}
        positions = {label: index for index, label in reversed(list(enumerate(labels)))}
        columns = {name: _Column(name, positions.get(name), fields.get(name)) for name in used}
        context = _Context(spec, labels, columns)
        runners: list[RowCheck] = []
        for check in checks:
            if check.name == "cohesive-columns-value":
                runner = _cohesive(check, context, outcome.problems)
            elif check.name == "one-of-required":
                runner = _one_of(check, context, outcome.problems)
            elif check.name == "compare-columns-value":
                runner = _compare(check, context)
            elif check.name == "sum-columns-value":
                runner = _sum(check, context)
            else:
                runner = _single(check, context)
            if runner is not None:
                runners.append(runner)
        width = 1 + max((column.index for column in columns.values() if column.index is not None), default=-1)
        if runners:
            _scan(rows, runners, width, outcome, limit_errors)
    except (OSError, UnicodeDecodeError, csv.Error):
        pass  # the table check reports why the file cannot be read
    return outcome


def _scan(
    rows: Iterator[tuple[int, int, list[Any]]], runners: list[RowCheck], width: int, outcome: CustomOutcome, limit: int
) -> None:
    """Every runner on every record; a blank record (``blank-row``) is left alone."""
    found = outcome.problems
    for row, line, cells in rows:
        if len(cells) < width:
            cells.extend([None] * (width - len(cells)))  # a missing cell is a missing value
        for runner in runners:
            problem = runner(cells, row, line)
            if problem is None:
                continue
            if not any(cell and cell.strip() for cell in cells):
                break
            found.append(problem)
        if limit and len(found) >= limit:
            del found[limit:]
            outcome.truncated = True
            return
