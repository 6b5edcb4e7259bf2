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

TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


@dataclass(frozen=True)
class Record:
    """One CSV record of a resource: the line it starts on and its raw cells by column name."""

    file: str
    line: int
    cells: dict[str, str]

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
    from eclaireur.check.fast import iter_records, open_resource, python_dialect

    spec = check.specs.get(name)
    if spec is None or not spec.path.is_file():
        return
    resource, _ = open_resource(spec)
    if resource is None:
        return
    try:
        dialect = python_dialect(resource)
    finally:
        resource.close()
    header: list[str] = []
    for start, cells in iter_records(spec.path, spec.encoding, dialect):
        if not header:
            header = [cell.strip() for cell in cells]
            continue
        if any(cell.strip() for cell in cells):
            yield Record(spec.shown, start, dict(zip(header, cells, strict=False)))
