"""How one ballot is written and read: the ranking text, and why a ballot is not counted.

A ranking is written on one line, from the most to the least urgent option:

* ``>`` separates ranks: ``velo>sante`` puts ``velo`` before ``sante``;
* ``=`` joins options of the same rank (a tie): ``velo=sante>nuit``;
* options that do not appear are *non classées*: they come after every ranked option, tied together;
* spaces around the names are ignored; names are the option ids, exactly (lower case slugs).

A ballot is **blanc** when its ranking is empty. It is **nul** when the text cannot be read (an empty rank
such as ``a>>b``, ``>a`` or ``a=``), names an option that is not on the ballot, or names the same option twice.
Participation codes add three more reasons (:mod:`eclaireur.vote.ballots`). Blank and spoiled ballots are
counted and reported by reason, never dropped silently.

Internally a read ballot is a row of bytes, one byte per option in the order of the option list: the rank
group of the option (0 for the first rank) or :data:`UNRANKED`. Identical texts are read once (cache).

Many ballots are read at once by :meth:`RankingReader.read_many` (numpy, no Python work per ballot): the
texts, joined in one buffer (or left in the file's buffer, :class:`SpanTexts`), are cut at ``>`` and ``=``,
and each piece is compared with the option ids of its length, as 64-bit words. A ballot any piece of which
is not exactly an option id, or that names an option twice, is read again by :meth:`RankingReader.read`,
one by one, which gives the same rows and says why a ballot is not counted: both readers give the same
result for every text (a property test checks it).
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterator, Sequence, Sized
from dataclasses import dataclass
from typing import overload

import numpy as np
import numpy.typing as npt

UNRANKED = 255
"""Rank byte of an option the ballot does not rank (after every ranked option)."""

MAX_OPTIONS = 254
"""At most this many options on one ballot (a rank must fit in one byte below :data:`UNRANKED`)."""

CACHE_SIZE = 200_000
"""Distinct ranking texts remembered by a reader (identical ballots are read once)."""

BETTER = ">"
SAME = "="
_SPACES = re.compile(r"\s*([>=])\s*")
_BETTER_BYTE, _SAME_BYTE, _END_BYTE = ord(BETTER), ord(SAME), ord("\n")
assert _BETTER_BYTE == _SAME_BYTE + 1  # both cuts are found with one comparison

MAX_OPTION_BYTES = 120
"""Longest option id (in UTF-8 bytes) read in bulk; longer ids are read text by text."""

REASONS: dict[str, str] = {
    "blanc": "bulletin blanc (aucune option classée)",
    "syntaxe": "classement illisible (rang vide, par exemple « a>>b » ou « a= »)",
    "option-inconnue": "option qui n'est pas sur le bulletin",
    "option-repetee": "même option classée deux fois",
    "code-manquant": "code de participation absent alors qu'il est exigé pour ce canal",
    "code-inconnu": "code de participation qui ne figure pas dans la liste publiée",
    "code-reutilise": "code de participation déjà utilisé par un bulletin précédent",
}
"""Why a ballot is not counted: stable slug -> French explanation (the order is the order of the report)."""


@dataclass(frozen=True)
class NotCounted:
    """A ballot that does not enter the count: ``reason`` is a key of :data:`REASONS`."""

    reason: str
    detail: str = ""

    @property
    def blank(self) -> bool:
        return self.reason == "blanc"


Read = bytes | NotCounted


class RankingReader:
    """Reads ranking texts against a fixed list of option ids."""

    def __init__(self, options: Sequence[str]) -> None:
        if len(options) > MAX_OPTIONS:
            raise ValueError(f"au plus {MAX_OPTIONS} options par bulletin ({len(options)} données)")
        if len(set(options)) != len(options):
            raise ValueError("les identifiants d'options doivent être uniques")
        self.options = list(options)
        self.index = {option: i for i, option in enumerate(self.options)}
        self._empty = bytes([UNRANKED]) * len(self.options)
        self._cache: dict[str, Read] = {}
        self._names = _names_by_length(self.options)

    def read(self, text: str) -> Read:
        """The rank row of ``text``, or why it is not counted."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._read(text)
            if len(self._cache) < CACHE_SIZE:
                self._cache[text] = cached
        return cached

    def _read(self, text: str) -> Read:
        text = text.strip()
        if not text:
            return NotCounted("blanc")
        if " " in text or "\t" in text:
            text = _SPACES.sub(r"\1", text)
        row = bytearray(self._empty)
        index = self.index
        if SAME not in text:  # fast path: no tie (most ballots)
            try:
                positions = [index[name] for name in text.split(BETTER)]
            except KeyError:
                positions = []
            if positions and len(set(positions)) == len(positions):
                any(map(row.__setitem__, positions, range(len(positions))))
                return bytes(row)
        for rank, group in enumerate(text.split(BETTER)):
            for name in group.split(SAME):
                position = index.get(name)
                if position is None:
                    name = name.strip()  # other white space (no-break space, new line) around a name
                    position = index.get(name)
                if position is None:
                    if not name:
                        return NotCounted("syntaxe", f"rang vide dans « {text} »")
                    return NotCounted("option-inconnue", f"« {name} »")
                if row[position] != UNRANKED:
                    return NotCounted("option-repetee", f"« {name} »")
                row[position] = rank
        return bytes(row)


    def read_many(self, texts: Sequence[str]) -> tuple[npt.NDArray[np.uint8], dict[int, NotCounted]]:
        """The rank rows of ``texts`` (one row per text, in order; :data:`UNRANKED` rows for the texts not
        counted), and why each text not counted is not (by position in ``texts``).

        ``texts`` may be a :class:`SpanTexts` (texts left where a file was read, as byte spans): they are
        then read without making one Python string per text."""
        ranks = np.full((len(texts), len(self.options)), UNRANKED, dtype=np.uint8)
        if not len(texts):
            return ranks, {}
        if self._names is None:
            again: Sequence[int] | npt.NDArray[np.intp] = range(len(texts))
        else:
            spans = texts if isinstance(texts, SpanTexts) else SpanTexts.of(texts)
            again = self._read_spans(spans, ranks)
        not_counted: dict[int, NotCounted] = {}
        for i in again:
            read = self.read(texts[int(i)])
            if isinstance(read, bytes):
                ranks[i] = np.frombuffer(read, dtype=np.uint8)
            else:
                not_counted[int(i)] = read
        return ranks, not_counted

    def _read_spans(self, texts: SpanTexts, ranks: npt.NDArray[np.uint8]) -> npt.NDArray[np.intp]:
        """Fill ``ranks`` with every text made only of exact option ids; return the others' positions."""
        n = len(texts)
        if not n:
            return np.zeros(0, dtype=np.intp)
        data, starts, ends = texts.data, texts.starts, texts.ends
        cuts = np.flatnonzero((data - np.uint8(_SAME_BYTE)) < 2)  # "=" and ">" (61 and 62)
        per_row = np.searchsorted(cuts, ends) - np.searchsorted(cuts, starts)
        if per_row.sum() != len(cuts):  # a cut outside the texts (another column of the file): left out
            row = np.searchsorted(ends, cuts, side="right")
            inside = row < n
            inside[inside] = starts[row[inside]] <= cuts[inside]
            cuts = cuts[inside]
        after = np.cumsum(per_row)
        # Pieces of text between cuts, row by row: [start, cut), [cut + 1, cut'), ..., [cut'' + 1, end).
        piece_start = np.insert(cuts + 1, after - per_row, starts)
        piece_end = np.insert(cuts, after, ends)
        ballot = np.repeat(np.arange(n, dtype=np.intp), per_row + 1)
        better = np.insert(data[cuts] == _BETTER_BYTE, after, False).astype(np.intp)
        before = np.cumsum(better) - better  # ">" before each piece, counted from the first text
        rank = before - before[after + np.arange(n) - per_row][ballot]
        option = self._options_of(texts.padded, piece_start, piece_end - piece_start)
        bad = np.zeros(n, dtype=bool)
        bad[ballot[(option < 0) | (rank >= UNRANKED)]] = True
        good = ~bad[ballot]
        ranks[ballot[good], option[good]] = rank[good]
        bad |= np.count_nonzero(ranks != UNRANKED, axis=1) != per_row + 1  # an option named twice
        ranks[bad] = UNRANKED
        return np.flatnonzero(bad)

    def _options_of(
        self, padded: npt.NDArray[np.uint8], starts: npt.NDArray[np.intp], lengths: npt.NDArray[np.intp]
    ) -> npt.NDArray[np.int16]:
        """The option each piece of text is exactly (-1 for none): pieces and ids of the same length are
        compared as little-endian 64-bit words (``padded`` ends with at least :data:`_PAD` zero bytes)."""
        option = np.full(len(starts), -1, dtype=np.int16)
        assert self._names is not None
        # every 8 bytes of the buffer, read from any position (unaligned)
        words_at = np.ndarray(shape=(len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
        for length, names in self._names.items():
            chosen = np.flatnonzero(lengths == length)
            if not chosen.size:
                continue
            first = starts[chosen]
            found = [words_at[first + 8 * w] for w in range(names.words.shape[1])]
            found[-1] &= names.last_mask
            candidate = names.lookup(_word_keys(found))
            same = candidate >= 0
            for w, column in enumerate(found):
                same &= column == names.words[candidate, w]
            option[chosen[same]] = names.positions[candidate[same]]
        return option


@dataclass(frozen=True)
class _Names:
    """The option ids of one length in UTF-8 bytes, as little-endian 64-bit words (zero-padded)."""

    words: npt.NDArray[np.uint64]
    positions: npt.NDArray[np.int16]
    last_mask: np.uint64
    multiplier: np.uint64
    shift: np.uint64
    table: npt.NDArray[np.intp]

    def lookup(self, keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.intp]:
        """The row of ``words`` whose key each key may be (multiplicative hashing; the words are then compared)."""
        return self.table[(keys * self.multiplier) >> self.shift]


_PAD = 8 * ((MAX_OPTION_BYTES + 7) // 8)


def _word_keys(words: Sequence[npt.NDArray[np.uint64]]) -> npt.NDArray[np.uint64]:
    """One number per piece from its 64-bit words (equal pieces, equal keys)."""
    key = words[0].copy()
    for column in words[1:]:
        key *= np.uint64(0x9E3779B97F4A7C15)
        key ^= column
    return key


def _names_by_length(options: Sequence[str]) -> dict[int, _Names] | None:
    """Option ids by length in UTF-8 bytes (see :class:`_Names`); ``None`` when an id could be confused
    with the text around it (empty, white space, ``>``, ``=``, NUL) or is longer than
    :data:`MAX_OPTION_BYTES`: texts are then read one by one."""
    by_length: dict[int, list[tuple[bytes, int]]] = {}
    for position, option in enumerate(options):
        encoded = option.encode("utf-8", "surrogatepass")
        if not option or len(encoded) > MAX_OPTION_BYTES or any(c.isspace() or c in "><=\x00" for c in option):
            return None
        by_length.setdefault(len(encoded), []).append((encoded, position))
    result = {}
    for length, entries in by_length.items():
        width = 8 * ((length + 7) // 8)
        words = np.frombuffer(b"".join(e[0].ljust(width, b"\0") for e in entries), dtype="<u8")
        words = words.reshape(len(entries), width // 8).astype(np.uint64)
        keys = _word_keys([words[:, w] for w in range(words.shape[1])])
        tail = length - (width - 8)
        last_mask = np.uint64((1 << (8 * tail)) - 1)
        names = _hash_table(words, np.array([e[1] for e in entries], dtype=np.int16), keys, last_mask)
        if names is None:
            return None
        result[length] = names
    return result


def _hash_table(
    words: npt.NDArray[np.uint64], positions: npt.NDArray[np.int16], keys: npt.NDArray[np.uint64], last_mask: np.uint64
) -> _Names | None:
    """A table where every key of ``keys`` has its own slot (fixed multipliers: the same table every time)."""
    for bits in range(max(2, len(keys).bit_length() + 1), 17):
        for attempt in range(64):
            multiplier = np.uint64((0x9E3779B97F4A7C15 + 2 * attempt * 0xBF58476D1CE4E5B9) % 2**64 | 1)
            shift = np.uint64(64 - bits)
            slots = (keys * multiplier) >> shift
            if len(set(slots.tolist())) == len(keys):
                table = np.full(1 << bits, -1, dtype=np.intp)
                table[slots] = np.arange(len(keys))
                return _Names(words, positions, last_mask, multiplier, shift, table)
    return None


class LazyTexts(Sequence[str]):
    """Texts cut from one buffer and decoded only when asked for: a subclass keeps the cut (``starts``, one
    per text) and says how to decode text ``i`` (:meth:`_text`); indexing, slices and iteration are here.

    Iteration maps :meth:`_text` over the positions (no index check per text, unlike
    :class:`~collections.abc.Sequence`'s default)."""

    starts: Sized

    @abstractmethod
    def _text(self, index: int) -> str:
        """Text ``index`` (negative from the end; :class:`IndexError` out of range)."""

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return list(map(self._text, range(*index.indices(len(self)))))
        return self._text(index)

    def __iter__(self) -> Iterator[str]:
        return map(self._text, range(len(self)))


class SpanTexts(LazyTexts):
    """Texts held as spans ``[starts[i], ends[i])`` of one UTF-8 buffer ``data`` (no Python string per
    text until one is asked for); spans are in order and do not overlap."""

    starts: npt.NDArray[np.intp]

    def __init__(self, data: npt.NDArray[np.uint8], starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]) -> None:
        self.data = data
        self.starts = starts
        self.ends = ends
        self.padded = np.concatenate([data, np.zeros(_PAD, dtype=np.uint8)])

    @classmethod
    def of(cls, texts: Sequence[str]) -> SpanTexts:
        """Texts joined by line breaks (a text holding a line break is left empty: it is read one by one)."""
        if not texts:
            return cls(np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp))
        joined = "\n".join(texts)
        if joined.count("\n") != len(texts) - 1:
            joined = "\n".join("" if "\n" in text else text for text in texts)
        data = np.frombuffer((joined + "\n").encode("utf-8", "surrogatepass"), dtype=np.uint8)
        ends = np.flatnonzero(data == _END_BYTE)
        starts = np.zeros(len(ends), dtype=np.intp)
        starts[1:] = ends[:-1] + 1
        return cls(data, starts, ends)

    def _text(self, index: int) -> str:
        return self.data[self.starts[index] : self.ends[index]].tobytes().decode("utf-8", "surrogatepass")


def groups_of(row: bytes | Sequence[int], options: Sequence[str]) -> list[list[str]]:
    """The rank groups of a row, best first (unranked options left out)."""
    by_rank: dict[int, list[str]] = {}
    for position, rank in enumerate(row):
        if rank != UNRANKED:
            by_rank.setdefault(rank, []).append(options[position])
    return [by_rank[rank] for rank in sorted(by_rank)]


def format_ranking(groups: Sequence[Sequence[str]]) -> str:
    """``[["a"], ["b", "c"]]`` -> ``a>b=c`` (the text form of a ballot)."""
    return BETTER.join(SAME.join(group) for group in groups if group)
