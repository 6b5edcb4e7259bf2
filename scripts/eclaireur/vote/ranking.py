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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

UNRANKED = 255
"""Rank byte of an option the ballot does not rank (after every ranked option)."""

MAX_OPTIONS = 254
"""At most this many options on one ballot (a rank must fit in one byte below :data:`UNRANKED`)."""

CACHE_SIZE = 200_000
"""Distinct ranking texts remembered by a reader (identical ballots are read once)."""

BETTER = ">"
SAME = "="
_SPACES = re.compile(r"\s*([>=])\s*")

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
