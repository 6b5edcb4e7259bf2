"""From CSV record numbers to the line numbers an editor shows.

frictionless numbers records (``rowNumber``: header = 1), but a quoted cell may span several physical
lines, so record 14 can start on line 20. :class:`RowLines` keeps the first physical line of every record.
"""

from __future__ import annotations

import csv
from array import array
from pathlib import Path


class RowLines:
    """First physical line (1-based) of each CSV record (1-based, header included)."""

    def __init__(self) -> None:
        self._starts = array("L")
        self._identity = False

    @classmethod
    def identity(cls) -> RowLines:
        """Every record on its own line (no multi-line cell): line == row number."""
        lines = cls()
        lines._identity = True
        return lines

    def append(self, start_line: int) -> None:
        self._starts.append(start_line)

    def line(self, row_number: int | None) -> int | None:
        """The editor line of record ``row_number``; ``None`` when unknown."""
        if row_number is None:
            return None
        if self._identity:
            return row_number
        if 1 <= row_number <= len(self._starts):
            return int(self._starts[row_number - 1])
        return None

    @property
    def multiline(self) -> bool:
        """True when some record spans more than one line."""
        if self._identity:
            return False
        return any(start != index for index, start in enumerate(self._starts, start=1))


def scan_row_lines(path: Path, encoding: str, dialect: type[csv.Dialect] | csv.Dialect) -> RowLines:
    """Read ``path`` once with ``dialect`` and note where each record starts."""
    quotechar = getattr(dialect, "quotechar", '"') or ""
    raw = path.read_bytes()
    ascii_compatible = not encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))
    if ascii_compatible and (not quotechar or quotechar.encode(encoding, errors="ignore") not in raw):
        # Without quotes a record cannot span lines (the csv module splits on every line break).
        return RowLines.identity()
    lines = RowLines()
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, dialect)
        start = 1
        for _ in reader:
            lines.append(start)
            start = reader.line_num + 1
    return lines
