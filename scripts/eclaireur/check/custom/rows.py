"""The row checks of Validata's ``custom_checks``: the cells they read, one check per declaration.

As in Validata, a check reads the value frictionless gives a cell (:meth:`Column.value`; a cell with a type
error counts as missing: ``type-error`` reports it); a row where one of the check's values is missing is
skipped (the schema's ``required`` decides whether it may be), except for ``cohesive-columns-value`` and
``one-of-required``, whose concern is which cells are filled (:meth:`Column.filled`); a column the schema
declares but the file lacks counts as missing (``missing-label`` reports it). Columns are found by their
name in the header.

Deliberate differences with Validata: for those last two checks a cell with a type error counts as filled
(its value is there, only badly written) and a zero is a value; the text checks (SIRET, SIREN, years,
nomenclature) read the cell as written, so a column typed ``integer`` keeps its leading zeros; numbers are
compared and added as decimals, never through ``eval``. ``cohesive-columns-value`` wants its columns all
present or all absent from the file, ``one-of-required`` at least one of its two.

:func:`row_checks` makes one :data:`RowCheck` per declaration — a closure over the positions of its
columns, so that :mod:`eclaireur.check.custom.run` only calls it on every record; readings and verdicts
of repeated values are remembered (:data:`CACHE_LIMIT`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from frictionless import Field

from eclaireur.check.catalogue import kind_for
from eclaireur.check.custom.declarations import Declared, allows_year_only
from eclaireur.check.custom.values import (
    OPERATORS,
    as_number,
    compare,
    nomenclature_actes_detail,
    siren_detail,
    siret_detail,
    year_interval_detail,
)
from eclaireur.check.readers import _missing_values, fast_cell_reader
from eclaireur.check.report import Problem
from eclaireur.check.source import TableSpec

CACHE_LIMIT = 20_000
"""Distinct cell values whose reading (and single-column verdict) is remembered per column."""

NUMERIC_TYPES = ("integer", "number")
_UNSEEN: Any = object()


class Column:
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
class Context:
    """What every row check needs: the table, its header, the columns read; :meth:`problem` words one."""

    spec: TableSpec
    labels: list[str]
    columns: dict[str, Column]

    def problem(
        self, code: str, row: int | None, line: int | None, column: Column | None, value: str | None, **params: Any
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


def _single(check: Declared, context: Context) -> RowCheck | None:
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


def _compare(check: Declared, context: Context) -> RowCheck | None:
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


def _sum(check: Declared, context: Context) -> RowCheck | None:
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
    check: Declared, context: Context, columns: list[Column], raws: list[Any], values: list[Any], row: int, line: int
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


def _cohesive(check: Declared, context: Context, problems: list[Problem]) -> RowCheck | None:
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
        expected = cell is not None and cell not in first_missing  # :meth:`Column.filled`, inlined
        for index, missing in rest:
            cell = cells[index]
            if (cell is not None and cell not in missing) != expected:
                return _cohesive_problem(check, context, pairs, cells, row, line)
        return None

    return run


def _cohesive_problem(
    check: Declared, context: Context, pairs: list[tuple[Column, int]], cells: list[Any], row: int, line: int
) -> Problem:
    full = [column.name for column, index in pairs if column.filled(cells[index])]
    empty = [column.name for column, index in pairs if not column.filled(cells[index])]
    detail = (
        f"{_names(full)} {'remplie' if len(full) == 1 else 'remplies'} mais {_names(empty)} "
        f"{'vide' if len(empty) == 1 else 'vides'} — ces colonnes doivent être toutes remplies ou toutes vides"
    )
    first, index = pairs[0]
    return context.problem(check.name, row, line, first, cells[index], detail=detail)


def _one_of(check: Declared, context: Context, problems: list[Problem]) -> RowCheck | None:
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


def row_checks(checks: list[Declared], context: Context, problems: list[Problem]) -> list[RowCheck]:
    """One row check per declaration; a problem with the file's columns as a whole goes to ``problems``."""
    runners: list[RowCheck] = []
    for check in checks:
        if check.name == "cohesive-columns-value":
            runner = _cohesive(check, context, problems)
        elif check.name == "one-of-required":
            runner = _one_of(check, context, problems)
        elif check.name == "compare-columns-value":
            runner = _compare(check, context)
        elif check.name == "sum-columns-value":
            runner = _sum(check, context)
        else:
            runner = _single(check, context)
        if runner is not None:
            runners.append(runner)
    return runners
