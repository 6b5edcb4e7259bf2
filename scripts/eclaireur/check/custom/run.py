"""Running Validata's ``custom_checks`` over a table: :func:`run_custom_checks`.

The checks run after the table check, in one more pass over the file (:func:`~eclaireur.check.records.
read_rows`, editor lines), only for a schema that declares some — a schema without ``custom_checks`` never
has its file read again; ``--limit-errors`` counts for the table as a whole. A blank record is left to
``blank-row``, a file that cannot be read to the table check.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from frictionless import Field, FrictionlessException, Schema

from eclaireur.check.custom.declarations import declarations
from eclaireur.check.custom.rows import Column, Context, RowCheck, row_checks
from eclaireur.check.records import read_rows
from eclaireur.check.report import Problem
from eclaireur.check.source import TableSpec


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
        columns = {name: Column(name, positions.get(name), fields.get(name)) for name in used}
        context = Context(spec, labels, columns)
        runners = row_checks(checks, context, outcome.problems)
        width = 1 + max((column.index for column in columns.values() if column.index is not None), default=-1)
        if runners:
            _scan(rows, runners, width, outcome, limit_errors)
    except (OSError, UnicodeDecodeError, csv.Error):
        return outcome  # an unreadable file: the table check already reports why, with its line
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
