"""PrefLib files (https://preflib.org/format): ``.soc``, ``.soi``, ``.toc``, ``.toi``.

A file starts with ``# KEY: value`` metadata lines (``ALTERNATIVE NAME i`` names option ``i``), then one
line per distinct order: ``count: 1,{2,3},4`` (braces hold a tie). ``soc``/``toc`` orders rank every
option; in ``soi``/``toi`` files the options left out are unranked, which eclaireur reads as tied after
every ranked option, its usual rule. Reading checks every line and reports the first problem with its line
number; writing sorts orders by decreasing count, then by their text, so the same ballots give the same
bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from eclaireur.errors import DataError, UnusableInputError
from eclaireur.vote.ranking import MAX_OPTIONS, UNRANKED

DATA_TYPES = ("soc", "soi", "toc", "toi")
_ORDER_LINE = re.compile(r"^\s*(\d+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class PreflibProfile:
    """Distinct orders of a PrefLib file (``ranks`` rows) and how many voters cast each (``weights``)."""

    title: str
    data_type: str
    names: list[str]
    ranks: npt.NDArray[np.uint8]
    weights: npt.NDArray[np.int64]
    metadata: dict[str, str]

    @property
    def voters(self) -> int:
        return int(self.weights.sum())


def _parse_order(text: str, m: int, where: str) -> bytes:
    row = bytearray([UNRANKED]) * m
    rank = 0
    position = 0
    seen: set[int] = set()
    text = text.strip()
    while position < len(text):
        if text[position] == "{":
            end = text.find("}", position)
            if end < 0:
                raise DataError(f"{where} : accolade « {{ » non fermée.")
            items = text[position + 1 : end].split(",")
            position = end + 1
        else:
            end = text.find(",", position)
            end = len(text) if end < 0 else end
            items = [text[position:end]]
            position = end
        for item in items:
            item = item.strip()
            if not item.isdigit() or not 1 <= int(item) <= m:
                raise DataError(f"{where} : « {item} » n'est pas un numéro d'option entre 1 et {m}.")
            index = int(item) - 1
            if index in seen:
                raise DataError(f"{where} : l'option {item} apparaît deux fois.")
            seen.add(index)
            row[index] = rank
        rank += 1
        while position < len(text) and text[position] in " \t":
            position += 1
        if position < len(text):
            if text[position] != ",":
                raise DataError(f"{where} : virgule attendue après le rang {rank}, trouvé « {text[position]} ».")
            position += 1
            if not text[position:].strip():
                raise DataError(f"{where} : virgule en trop à la fin de l'ordre ; retirez-la.")
    return bytes(row)


def read_preflib(path: Path) -> PreflibProfile:
    """Read a PrefLib file; a French :class:`DataError` names the line of the first problem."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in DATA_TYPES:
        raise UnusableInputError(f"{path} : extension « .{suffix} » inconnue (attendu : .soc, .soi, .toc ou .toi).")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise UnusableInputError(f"{path} : fichier introuvable.") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} : le fichier n'est pas en UTF-8 ({exc}).") from exc
    metadata: dict[str, str] = {}
    names: dict[int, str] = {}
    orders: list[tuple[int, str, int]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            key = key.strip().upper()
            if key.startswith("ALTERNATIVE NAME "):
                try:
                    names[int(key.rsplit(" ", 1)[1])] = value.strip()
                except ValueError:
                    raise DataError(f"{path}, ligne {number} : numéro d'option illisible dans « {line} ».") from None
            else:
                metadata[key] = value.strip()
            continue
        match = _ORDER_LINE.match(line)
        if not match:
            raise DataError(f"{path}, ligne {number} : « {line} » n'est pas de la forme « nombre: 1,{{2,3}},4 ».")
        orders.append((int(match.group(1)), match.group(2), number))
    declared = metadata.get("NUMBER ALTERNATIVES", "")
    m = int(declared) if declared.isdigit() else len(names)
    if m < 2 or m > MAX_OPTIONS:
        raise DataError(f"{path} : NUMBER ALTERNATIVES vaut « {declared} » ; il faut entre 2 et {MAX_OPTIONS} options.")
    labels = [names.get(i, str(i)) for i in range(1, m + 1)]
    numbers: dict[str, list[int]] = {}
    for number, label in enumerate(labels, start=1):
        numbers.setdefault(label, []).append(number)
    twins = {label: found for label, found in numbers.items() if len(found) > 1}
    if twins:
        label, found = next(iter(twins.items()))
        raise DataError(
            f"{path} : les options {' et '.join(map(str, found))} portent le même nom « {label} » ; chaque option est "
            "désignée par son nom dans les résultats : donnez-leur des noms différents (ALTERNATIVE NAME)."
        )
    complete = suffix in ("soc", "toc")
    strict = suffix in ("soc", "soi")
    rows: list[bytes] = []
    weights: list[int] = []
    for count, order, number in orders:
        where = f"{path}, ligne {number}"
        row = _parse_order(order, m, where)
        if complete and UNRANKED in row:
            raise DataError(
                f"{where} : un fichier .{suffix} doit classer toutes les options ; utilisez .{suffix[:2]}i."
            )
        if strict and len(set(row) - {UNRANKED}) != m - row.count(UNRANKED):
            raise DataError(
                f"{where} : égalité « {{…}} » interdite dans un fichier .{suffix} ; utilisez .t{suffix[1:]}."
            )
        rows.append(row)
        weights.append(count)
    declared_voters = metadata.get("NUMBER VOTERS", "")
    if declared_voters.isdigit() and int(declared_voters) != sum(weights):
        raise DataError(
            f"{path} : l'en-tête annonce {declared_voters} votants, les lignes en comptent {sum(weights)}."
        )
    ranks = (
        np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(rows), m).copy()
        if rows
        else np.zeros((0, m), dtype=np.uint8)
    )
    return PreflibProfile(
        title=metadata.get("TITLE", path.stem),
        data_type=suffix,
        names=labels,
        ranks=ranks,
        weights=np.asarray(weights, dtype=np.int64),
        metadata=metadata,
    )


def _order_text(row: bytes) -> str:
    groups: dict[int, list[int]] = {}
    for index, rank in enumerate(row):
        if rank != UNRANKED:
            groups.setdefault(rank, []).append(index + 1)
    parts = []
    for rank in sorted(groups):
        members = groups[rank]
        parts.append(str(members[0]) if len(members) == 1 else "{" + ",".join(map(str, members)) + "}")
    return ",".join(parts)


def data_type_of(ranks: npt.NDArray[np.uint8]) -> str:
    """The narrowest PrefLib type that holds ``ranks``."""
    complete = not bool((ranks == UNRANKED).any())
    from eclaireur.vote.kernel import has_ties

    strict = not bool(has_ties(ranks).any()) if len(ranks) else True
    return ("s" if strict else "t") + "o" + ("c" if complete else "i")


def write_preflib(
    names: Sequence[str],
    ranks: npt.NDArray[np.uint8],
    weights: npt.NDArray[np.int64] | None = None,
    *,
    file_name: str = "",
    title: str = "",
    description: str = "",
    publication_date: str = "",
) -> tuple[str, str]:
    """The PrefLib text of a profile and its data type (``toi`` ...); blank rows are left out.

    A ``file_name`` without a PrefLib extension gets the one of the data type in the header.
    """
    counts: Counter[bytes] = Counter()
    w = np.ones(len(ranks), dtype=np.int64) if weights is None else weights
    for row, count in zip(ranks, w, strict=True):
        raw = row.tobytes()
        if raw.count(UNRANKED) < len(names):
            counts[raw] += int(count)
    kept = [np.frombuffer(raw, dtype=np.uint8) for raw in counts]
    data_type = data_type_of(np.vstack(kept)) if kept else "soc"
    orders = sorted(((count, _order_text(raw)) for raw, count in counts.items()), key=lambda x: (-x[0], x[1]))
    if file_name and not file_name.lower().endswith(tuple(f".{t}" for t in DATA_TYPES)):
        file_name = f"{file_name}.{data_type}"
    header = [
        f"# FILE NAME: {file_name}",
        f"# TITLE: {title}",
        f"# DESCRIPTION: {' '.join(description.split())}",
        f"# DATA TYPE: {data_type}",
        "# MODIFICATION TYPE: original",
        "# RELATES TO: ",
        "# RELATED FILES: ",
        f"# PUBLICATION DATE: {publication_date}",
        f"# MODIFICATION DATE: {publication_date}",
        f"# NUMBER ALTERNATIVES: {len(names)}",
        f"# NUMBER VOTERS: {sum(count for count, _ in orders)}",
        f"# NUMBER UNIQUE ORDERS: {len(orders)}",
    ]
    header += [f"# ALTERNATIVE NAME {i}: {name}" for i, name in enumerate(names, start=1)]
    return "\n".join(header + [f"{count}: {text}" for count, text in orders]) + "\n", data_type
