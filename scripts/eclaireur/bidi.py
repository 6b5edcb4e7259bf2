"""Invisible bidirectional controls: what they are, where a CSV file holds them, and how they are removed.

U+202E (RIGHT-TO-LEFT OVERRIDE) shows « photo‮gnp.exe » as « photoexe.png »: the embedding, override and
isolate controls (U+202A–U+202E, U+2066–U+2069) change the order in which a reader *sees* the letters, not the
letters. Nothing a town publishes needs them (Arabic and Hebrew are ordered by the Unicode algorithm alone;
the marks U+200E, U+200F and U+061C, which reorder nothing, are kept), so every text cell read for the site, the
print files and the open data loses them, and ``eclaireur check`` names each cell that had one.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without its bidirectional embedding, override and isolate controls."""
    return CONTROLS.sub("", text) if CONTROLS.search(text) else text


@dataclass(frozen=True)
class Found:
    """A cell holding bidirectional controls: its first line, its column (0-based) and the characters."""

    line: int
    column: int
    characters: tuple[str, ...]

    def describe(self) -> str:
        return ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, '?')})" for c in dict.fromkeys(self.characters))


def controls_in_csv(path: Path, encoding: str, dialect: Any) -> list[Found]:
    """Every cell of the CSV file ``path`` that holds a control (the file is parsed only when it has one)."""
    try:
        text = path.read_text(encoding=encoding, errors="replace")
    except OSError:
        return []
    if not CONTROLS.search(text):
        return []
    found: list[Found] = []
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, dialect)
        start = 1
        for cells in reader:
            for column, cell in enumerate(cells):
                characters = CONTROLS.findall(cell)
                if characters:
                    found.append(Found(start, column, tuple(characters)))
            start = reader.line_num + 1
    return found
