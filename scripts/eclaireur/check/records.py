"""The raw records of a checked resource, for rules that look across rows and files.

Rules read the cells as text, with the line where the record starts as an editor shows it, and
report with the same :class:`~eclaireur.check.report.Problem` as the rest of ``eclaireur check``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eclaireur.check.report import Problem

if TYPE_CHECKING:
    from eclaireur.check.package import PackageCheck
    from eclaireur.check.source import TableSpec

TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


@dataclass(frozen=True)
class Record:
    """One CSV record of a resource: the line it starts on and its raw cells by column name.

    ``row`` is the record number frictionless calls ``rowNumber`` (the header is record 1; 0 when unknown).
    """

    file: str
    line: int
    cells: dict[str, str]
    row: int = 0

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def date(self, column: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.text(column))
        except ValueError:
            return None

    def boolean(self, column: str) -> bool | None:
        value = self.text(column)
        return True if value in TRUE_VALUES else False if value in FALSE_VALUES else None

    def problem(self, code: str, column: str, message: str, value: str | None = None) -> Problem:
        return Problem(code=code, file=self.file, line=self.line, column=column,
                       value=self.text(column) if value is None else value, message=message)


def records(check: PackageCheck, name: str) -> Iterator[Record]:
    """The records of resource ``name`` as the check read it (nothing when it could not be opened)."""
    spec = check.specs.get(name)
    if spec is None:
        return
    table = read_table(spec)
    if table is not None:
        yield from table[1]


def read_table(spec: TableSpec) -> tuple[list[str], Iterator[Record]] | None:
    """The header labels of ``spec`` and its non-blank records, read with the dialect the check settled on.

    ``None`` when the file cannot be opened (the table check has reported why).
    """
    table = read_rows(spec)
    if table is None:
        return None
    labels, rows = table

    def records_of() -> Iterator[Record]:
        for row, start, cells in rows:
            if any(cell.strip() for cell in cells):
                yield Record(spec.shown, start, dict(zip(labels, cells, strict=False)), row)

    return labels, records_of()


def read_rows(spec: TableSpec) -> tuple[list[str], Iterator[tuple[int, int, list[str]]]] | None:
    """The header labels of ``spec`` and ``(record number, first line, cells)`` of every record after it.

    The plain form of :func:`read_table`, for rules that go through every row of large files and build
    a problem only now and then (blank records included). Without a header row (``dialect.header:
    false``) the labels are the schema's field names, in order.
    """
    from eclaireur.check.fast import iter_records, open_resource, python_dialect

    if not spec.path.is_file():
        return None
    resource, _ = open_resource(spec)
    if resource is None:
        return None
    try:
        dialect = python_dialect(resource)
    finally:
        resource.close()
    reader = iter_records(spec.path, spec.encoding, dialect)
    if (spec.dialect or {}).get("header", True) is False:
        fields = (spec.schema or {}).get("fields") or []
        labels = [str(item.get("name", "")) for item in fields if isinstance(item, dict)]
        first_row = 1
    else:
        header = next(reader, None)
        labels = [cell.strip() for cell in header[1]] if header else []
        first_row = 2

    def rows() -> Iterator[tuple[int, int, list[str]]]:
        for row, (start, cells) in enumerate(reader, start=first_row):
            yield row, start, cells

    return labels, rows()
