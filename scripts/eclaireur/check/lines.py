"""From CSV record numbers to the line numbers an editor shows.

frictionless numbers records (``rowNumber``: header = 1), but a quoted cell may span several physical
lines, so record 14 can start on line 20. :class:`RowLines` keeps the first physical line of every record.
"""

from __future__ import annotations

import csv
import re
from array import array
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any


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

    def last_start(self) -> int | None:
        """First line of the last record noted (``None`` for an identity map or no record)."""
        return int(self._starts[-1]) if not self._identity and self._starts else None

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


def _may_contain(raw: bytes, char: str, encoding: str) -> bool:
    """False only when the encoded ``char`` is certainly absent from ``raw`` (an ASCII-compatible encoding)."""
    name = encoding.lower().replace("_", "-")
    if name.startswith(("utf-16", "utf-32")):
        return True
    probe = char.encode("utf-8" if name == "utf-8-sig" else encoding, errors="ignore")
    return not probe or probe in raw


def scan_row_lines(path: Path, encoding: str, dialect: type[csv.Dialect] | csv.Dialect) -> RowLines:
    """Read ``path`` once with ``dialect`` and note where each record starts."""
    quotechar = getattr(dialect, "quotechar", '"') or ""
    if not quotechar or not _may_contain(path.read_bytes(), quotechar, encoding):
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


@dataclass(frozen=True)
class UnclosedQuote:
    """A quoted cell still open at the end of the file: where its quote opens and how much it swallowed."""

    line: int
    field_number: int
    last_line: int


def unclosed_quote(path: Path, encoding: str, dialect: Any, last_start: int | None = None) -> UnclosedQuote | None:
    """The quote left open at the end of ``path``, or ``None``.

    Python's ``csv`` module (like frictionless, which uses it) reads a file whose last quote never closes
    as one long cell holding every remaining line. This replays the module's own state machine
    (``Modules/_csv.c``, non-strict) on the last record only: ``last_start`` is its first physical line
    when the caller already knows it; otherwise the file is read once to find it.
    """
    quotechar = getattr(dialect, "quotechar", '"') or ""
    if not quotechar or getattr(dialect, "quoting", csv.QUOTE_MINIMAL) == csv.QUOTE_NONE:
        return None
    if not _may_contain(path.read_bytes(), quotechar, encoding):
        return None
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        if last_start is None:
            reader = csv.reader(handle, dialect)
            last_start, start = 1, 1
            for _ in reader:
                last_start = start
                start = reader.line_num + 1
            handle.seek(0)
        tail = "".join(islice(handle, last_start - 1, None))
    opened = _open_quote_at_end(tail, dialect)
    if opened is None:
        return None
    position, field_number = opened
    before = len(_LINE_BREAK.findall(tail, 0, position))
    total = len(_LINE_BREAK.findall(tail)) - (1 if tail.endswith(("\n", "\r")) else 0)
    return UnclosedQuote(last_start + before, field_number, last_start + max(total, before))


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _open_quote_at_end(text: str, dialect: Any) -> tuple[int, int] | None:
    """``(offset of the opening quote, field number)`` when ``text`` ends inside a quoted cell."""
    quote = getattr(dialect, "quotechar", '"')
    delimiter = getattr(dialect, "delimiter", ",")
    escape = getattr(dialect, "escapechar", None) or ""
    doublequote = getattr(dialect, "doublequote", True)
    skip_space = getattr(dialect, "skipinitialspace", False)
    start_field, in_field, in_quoted, quote_in_quoted, escaped, escaped_in_quoted = range(6)
    state = start_field
    opened, field_number = -1, 1
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if state == in_quoted:
            # Jump to the next quote or escape character: a long quoted cell costs one search.
            stops = [found for found in (text.find(quote, index), text.find(escape, index) if escape else -1)
                     if found >= 0]
            if not stops:
                return opened, field_number
            index = min(stops)
            state = escaped_in_quoted if escape and text[index] == escape else (
                quote_in_quoted if doublequote else in_field)
        elif state == escaped_in_quoted:
            state = in_quoted
        elif state == escaped:
            state = in_field
        elif char in "\r\n":
            state, field_number = start_field, 1
        elif state == start_field:
            if char == quote:
                state, opened = in_quoted, index
            elif escape and char == escape:
                state = escaped
            elif char == delimiter:
                field_number += 1
            elif not (char == " " and skip_space):
                state = in_field
        elif state == in_field:
            if escape and char == escape:
                state = escaped
            elif char == delimiter:
                state, field_number = start_field, field_number + 1
        elif state == quote_in_quoted:
            if char == quote:
                state = in_quoted
            elif char == delimiter:
                state, field_number = start_field, field_number + 1
            else:
                state = in_field
        index += 1
    return (opened, field_number) if state in (in_quoted, escaped_in_quoted) else None
