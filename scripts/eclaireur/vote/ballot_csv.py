"""Reading a ballot CSV file fast: a million ballots in about a second, column by column.

:func:`read_ballot_columns` reads the file by blocks of whole lines. A block without double quotes,
carriage returns or NUL bytes, in which every line has as many commas as the header, is a plain table: its
lines and commas are found with numpy, and no Python object is made per ballot. The channel, place and
election columns hold few distinct texts: each distinct text is decoded once. The rankings stay in the
block (:class:`~eclaireur.vote.ranking.SpanTexts`) for :meth:`RankingReader.read_many`; ids and codes are
decoded only when asked for. From the first block that is not plain (a quoted cell, a short line...), the
rest of the file is read by the :mod:`csv` module, which gives the same texts: quoted cells, cells
spanning lines, padding of short rows. Both paths give the same :data:`~eclaireur.vote.tally.Columns`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from itertools import islice
from operator import itemgetter
from pathlib import Path

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from eclaireur.errors import DataError, UnusableInputError
from eclaireur.vote.ranking import LazyTexts, SpanTexts

BALLOT_COLUMNS = ("id", "election", "canal", "lieu", "classement", "code_hash")
Columns = tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[str], Sequence[str], Sequence[str]]
"""Consecutive ballots as columns, in the order of :data:`BALLOT_COLUMNS` (text as read: not stripped)."""

BLOCK_BYTES = 1 << 23
"""Bytes read at a time (whole lines are added to reach the end of the last one)."""
CSV_ROWS = 65_536
"""Rows read at a time by the csv module."""
FEW_BYTES = 64
"""Distinct texts are found in numpy for cells of at most this many bytes; longer ones are decoded one by one."""
_BOM = b"\xef\xbb\xbf"
_NOT_PLAIN = (b'"', b"\r", b"\x00")


def _unreadable(path: Path, exc: Exception) -> DataError:
    return DataError(f"{path} : fichier CSV illisible ({exc}) ; il doit être en UTF-8, séparé par des virgules.")


def read_ballot_columns(path: Path) -> Iterator[Columns]:
    """The ballots of a CSV file (UTF-8, header row), a block at a time, as :data:`Columns`."""
    try:
        with path.open("rb") as handle:
            first = handle.readline()
            if not first.endswith(b"\n") or any(mark in first for mark in _NOT_PLAIN):
                handle.seek(0)
                reader = csv.reader(io.TextIOWrapper(handle, encoding="utf-8-sig", newline=""))
                at, width = _columns_of(path, next(reader, []))
                yield from _csv_columns(reader, width, at)
                return
            at, width = _columns_of(path, next(csv.reader([first.removeprefix(_BOM).decode("utf-8")])))
            while True:
                offset = handle.tell()
                block = handle.read(BLOCK_BYTES)
                if not block:
                    return
                block += handle.readline()
                if not block.endswith(b"\n"):
                    block += b"\n"
                columns = _plain_block(block, width - 1, at, path)
                if columns is None:
                    break
                yield columns
            handle.seek(offset)
            yield from _csv_columns(csv.reader(io.TextIOWrapper(handle, encoding="utf-8", newline="")), width, at)
    except FileNotFoundError as exc:
        raise UnusableInputError(f"{path} : fichier introuvable.") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _unreadable(path, exc) from exc


def _columns_of(path: Path, header: list[str]) -> tuple[list[int], int]:
    """Where each of :data:`BALLOT_COLUMNS` is in the header (-1: absent), and the header's width."""
    names = [h.strip() for h in header]
    if "classement" not in names:
        raise DataError(
            f"{path} : colonne « classement » absente ; colonnes trouvées : {', '.join(names) or 'aucune'}."
        )
    return [names.index(c) if c in names else -1 for c in BALLOT_COLUMNS], len(names)


def _csv_columns(reader: Iterator[list[str]], width: int, at: list[int]) -> Iterator[Columns]:
    """What the csv module reads, :data:`CSV_ROWS` rows at a time (short rows padded with empty cells)."""
    present = [a for a in at if a >= 0]
    width = max(at) + 1
    pick = itemgetter(*present, *present)  # always a tuple, even for one column

    def padded(record: list[str]) -> list[str]:
        return record if len(record) >= width else record + [""] * (width - len(record))

    while rows := list(map(pick, map(padded, islice(reader, CSV_ROWS)))):
        picked = iter(zip(*rows, strict=True))
        empty = ("",) * len(rows)
        ids, elections, canals, lieux, classements, codes = (next(picked) if a >= 0 else empty for a in at)
        yield ids, elections, canals, lieux, classements, codes


def _plain_block(block: bytes, commas: int, at: list[int], path: Path) -> Columns | None:
    """The columns of a block of plain lines, or ``None`` when the block is not plain."""
    if any(mark in block for mark in _NOT_PLAIN):
        return None
    data = np.frombuffer(block, dtype=np.uint8)
    if data.max() >= 0x80:
        try:
            block.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _unreadable(path, exc) from exc
    line_ends = np.flatnonzero(data == ord("\n"))
    comma_at = np.flatnonzero(data == ord(","))
    n = len(line_ends)
    per_line = np.diff(np.searchsorted(comma_at, line_ends), prepend=0)
    if len(comma_at) != n * commas or (per_line != commas).any():
        return None  # a line with more or fewer cells than the header (or an empty line): the csv module pads it
    grid = comma_at.reshape(n, commas)
    line_starts = np.zeros(n, dtype=np.intp)
    line_starts[1:] = line_ends[:-1] + 1
    cells = [
        (line_starts if k == 0 else grid[:, k - 1] + 1, line_ends if k == commas else grid[:, k])
        for k in range(commas + 1)
    ]
    empty = ("",) * n

    def column(position: int, kind: str) -> Sequence[str]:
        if position < 0:
            return empty
        starts, ends = cells[position]
        if kind == "few":
            return _few_texts(data, starts, ends)
        if kind == "spans":
            return SpanTexts(data, starts, ends)
        return BlockTexts(block, starts, ends)

    ids, elections, canals, lieux, classements, codes = (
        column(position, kind) for position, kind in zip(at, ("one", "few", "few", "few", "spans", "one"), strict=True)
    )
    return ids, elections, canals, lieux, classements, codes


def _few_texts(data: npt.NDArray[np.uint8], starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]) -> list[str]:
    """The texts of the cells (a column with few distinct texts: each is decoded once)."""
    lengths = ends - starts
    longest = int(lengths.max()) if len(lengths) else 0
    if longest > FEW_BYTES:
        return [data[s:e].tobytes().decode("utf-8") for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    width = 8 * max(1, (longest + 7) // 8)
    padded = np.concatenate([data, np.zeros(width, dtype=np.uint8)])
    cells = np.ascontiguousarray(sliding_window_view(padded, width)[starts])
    cells[np.arange(width)[None, :] >= lengths[:, None]] = 0
    words = cells.view(np.uint64)
    key = words[:, 0] ^ lengths.astype(np.uint64)
    for column in range(1, words.shape[1]):
        key *= np.uint64(0x9E3779B97F4A7C15)
        key ^= words[:, column]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    if not (words == words[first[inverse]]).all() or not (lengths == lengths[first[inverse]]).all():
        return [data[s:e].tobytes().decode("utf-8") for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    texts = np.array([data[starts[i] : ends[i]].tobytes().decode("utf-8") for i in first.tolist()], dtype=object)
    result: list[str] = texts[inverse.ravel()].tolist()
    return result


class BlockTexts(LazyTexts):
    """The cells ``[starts[i], ends[i])`` of a block, decoded only when asked for (ids, codes)."""

    starts: list[int]

    def __init__(self, block: bytes, starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]) -> None:
        self.block = block
        self.starts = starts.tolist()  # Python ints: indexing a list is faster than an array, text by text
        self.ends = ends.tolist()

    def _text(self, index: int) -> str:
        return self.block[self.starts[index] : self.ends[index]].decode("utf-8")
