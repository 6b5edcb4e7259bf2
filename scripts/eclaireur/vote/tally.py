"""The tally: ballots in, every published result out, as one plain dict (``--format json`` and
``vote/resultats.json`` are this dict).

:func:`tally_election` reads the ballots of an election in file order (the order of reception), sets aside
blank and spoiled ballots with their reason (see :mod:`eclaireur.vote.ranking` and
:mod:`eclaireur.vote.codes`), then counts the others with :mod:`eclaireur.vote.kernel`: the official
method, the other method, the duel matrix, first places, and the same by channel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from eclaireur.vote import kernel
from eclaireur.vote.ballot_csv import Columns, read_ballot_columns
from eclaireur.vote.ranking import REASONS, NotCounted, RankingReader
from eclaireur.vote.setup import ElectionSetup

RESULTS_FORMAT = "eclaireur-resultats/1"


@dataclass(frozen=True)
class Count:
    """Everything computed from the counted ballots of one profile."""

    n: int
    pairwise: kernel.IntMatrix
    borda2: kernel.IntVector
    paths: kernel.IntMatrix
    schulze: list[list[int]]
    borda: list[list[int]]
    condorcet: int | None
    condorcet_loser: int | None
    first_any: kernel.IntVector
    first_alone: kernel.IntVector
    ranked_mean: float
    complete: int
    with_ties: int


def count_profile(
    ranks: npt.NDArray[np.uint8], weights: npt.NDArray[np.int64] | None = None, strength: str = "victoires"
) -> Count:
    """Run every method on a profile (``ranks``: counted ballots only)."""
    n = kernel.ballot_count(ranks, weights)
    pairwise = kernel.pairwise_matrix(ranks, weights)
    borda2 = kernel.borda_doubled(pairwise, n)
    paths = kernel.schulze_paths(pairwise, strength)
    first_any, first_alone = kernel.first_places(ranks, weights)
    ranked = kernel.ranked_counts(ranks)
    ties = kernel.has_ties(ranks)
    m = ranks.shape[1]
    w = np.ones(ranks.shape[0], dtype=np.int64) if weights is None else weights.astype(np.int64)
    return Count(
        n=n,
        pairwise=pairwise,
        borda2=borda2,
        paths=paths,
        schulze=kernel.schulze_tiers(paths),
        borda=kernel.tiers_by_score(borda2),
        condorcet=kernel.condorcet_winner(pairwise),
        condorcet_loser=kernel.condorcet_loser(pairwise),
        first_any=first_any,
        first_alone=first_alone,
        ranked_mean=round(float((ranked * w).sum()) / n, 2) if n else 0.0,
        complete=int(w[ranked >= m - 1].sum()) if n else 0,
        with_ties=int(w[ties].sum()) if n else 0,
    )


def _ranking(tiers: list[list[int]], options: Sequence[str]) -> list[dict[str, Any]]:
    """Tiers -> ``[{"rang": 1, "options": [...]}, ...]`` with ex aequo ranks (1, 2, 2, 4)."""
    result = []
    position = 1
    for tier in tiers:
        result.append({"rang": position, "options": [options[a] for a in tier]})
        position += len(tier)
    return result


def _points(borda2: kernel.IntVector, options: Sequence[str]) -> dict[str, float]:
    return {option: int(borda2[a]) / 2 for a, option in enumerate(options)}


def count_as_dict(count: Count, options: Sequence[str], methode: str, force: str) -> dict[str, Any]:
    """The part of the results that depends only on the counted ballots."""
    borda = _ranking(count.borda, options)
    schulze = _ranking(count.schulze, options)
    return {
        "methode_officielle": methode,
        "classement_officiel": borda if methode == "borda" else schulze,
        "borda": {"points": _points(count.borda2, options), "classement": borda},
        "schulze": {
            "force": force,
            "gagnants": [options[a] for a in count.schulze[0]] if count.schulze else [],
            "classement": schulze,
            "chemins": count.paths.tolist(),
        },
        "condorcet": {
            "gagnant": None if count.condorcet is None else options[count.condorcet],
            "perdant": None if count.condorcet_loser is None else options[count.condorcet_loser],
        },
        "duels": count.pairwise.tolist(),
        "premieres_places": {
            option: {"total": int(count.first_any[a]), "seul": int(count.first_alone[a])}
            for a, option in enumerate(options)
        },
        "statistiques": {
            "options_classees_moyenne": count.ranked_mean,
            "bulletins_complets": count.complete,
            "bulletins_avec_egalites": count.with_ties,
        },
    }


@dataclass(frozen=True)
class Rejected:
    """A ballot that does not enter the count, with where it was cast and why."""

    id: str
    canal: str
    lieu: str
    why: NotCounted


@dataclass
class ReadBallots:
    """Every ballot of an election, read in file order, kept compact for millions of ballots.

    ``ranks`` holds the rank row of each counted ballot and ``row_channel`` its channel (an index into
    ``channels``); ``rejected`` lists the blank and spoiled ballots; ``cast`` counts every ballot by channel
    and ``places`` lists the places of each channel.
    """

    channels: list[str]
    ranks: npt.NDArray[np.uint8]
    row_channel: npt.NDArray[np.int32]
    rejected: list[Rejected] = field(default_factory=list)
    cast: Counter[int] = field(default_factory=Counter)
    places: dict[int, set[str]] = field(default_factory=dict)
    other_elections: Counter[str] = field(default_factory=Counter)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value).strip()


Fields = tuple[str, str, str, str, str, str]
"""A ballot as text, in the order of :data:`~eclaireur.vote.ballot_csv.BALLOT_COLUMNS`."""

CHUNK = 65_536
"""Ballots given one by one (:func:`tally_fields`) are read this many at a time."""


def fields_of_rows(rows: Iterable[Mapping[str, Any]]) -> Iterator[Fields]:
    """Ballot rows (typed or not) -> :data:`Fields`."""
    for row in rows:
        yield (_text(row.get("id")), _text(row.get("election")), _text(row.get("canal")), _text(row.get("lieu")),
               _text(row.get("classement")), _text(row.get("code_hash")))


def columns_of_fields(fields: Iterable[Fields], size: int = CHUNK) -> Iterator[Columns]:
    """:data:`Fields`, ``size`` ballots at a time, as :data:`Columns`."""
    iterator = iter(fields)
    while chunk := list(islice(iterator, size)):
        ids, elections, canals, lieux, classements, codes = zip(*chunk, strict=True)
        yield ids, elections, canals, lieux, classements, codes


def _of_this_election(setup: ElectionSetup, columns: Columns, others: Counter[str]) -> Columns:
    """The ballots of ``columns`` that belong to ``setup``'s election (an empty election means this one); the
    others are counted by election in ``others`` (they are set aside, never silently dropped)."""
    stripped = {e: e.strip() for e in set(columns[1])}
    if all(e in ("", setup.id) for e in stripped.values()):
        return columns
    others.update(stripped[e] for e in columns[1] if stripped[e] not in ("", setup.id))
    keep = [i for i, e in enumerate(columns[1]) if stripped[e] in ("", setup.id)]
    ids, elections, canals, lieux, classements, codes = ([column[i] for i in keep] for column in columns)
    return ids, elections, canals, lieux, classements, codes


def read_ballots(setup: ElectionSetup, ballots: Iterable[Columns]) -> ReadBallots:
    """Read every ballot of ``setup``'s election, in order; codes are checked before rankings."""
    reader = RankingReader(setup.options)
    used: dict[str, str] = {}
    hashes = setup.code_hashes or frozenset()
    m = len(setup.options)
    result = ReadBallots(channels=list(setup.channels), ranks=np.zeros((0, m), dtype=np.uint8),
                        row_channel=np.zeros(0, dtype=np.int32))
    channel_index = {c: i for i, c in enumerate(result.channels)}
    position_of_text: dict[str, int] = {}
    ranks_parts = []
    channel_parts = []
    for columns in ballots:
        ids, _, canals, lieux, classements, codes = _of_this_election(setup, columns, result.other_elections)
        n = len(ids)
        if not n:
            continue
        for text in dict.fromkeys(canals):  # new channels in the order they appear
            if text not in position_of_text:
                canal = text.strip()
                if canal not in channel_index:
                    channel_index[canal] = len(result.channels)
                    result.channels.append(canal)
                position_of_text[text] = channel_index[canal]
        positions = np.fromiter(map(position_of_text.__getitem__, canals), dtype=np.int32, count=n)
        cast = np.bincount(positions)
        for position in np.flatnonzero(cast).tolist():
            result.cast[position] += int(cast[position])
        for text, lieu in set(zip(canals, lieux, strict=True)):
            result.places.setdefault(position_of_text[text], set()).add(lieu.strip())
        refused: dict[int, NotCounted] = {}
        if setup.uses_codes:
            for i, code in enumerate(codes):
                code = code.strip().lower()
                if not code:
                    canal = result.channels[positions[i]]
                    if canal in setup.code_channels:
                        refused[i] = NotCounted("code-manquant", f"canal « {canal} »")
                elif code not in hashes:
                    refused[i] = NotCounted("code-inconnu", f"empreinte {code[:12]}…")
                elif code in used:
                    refused[i] = NotCounted("code-reutilise", f"déjà utilisé par le bulletin {used[code]}")
                else:
                    used[code] = ids[i].strip()
        ranks, not_counted = reader.read_many(classements)
        not_counted.update(refused)  # a ballot refused for its code is not read further
        if not_counted:
            for i in sorted(not_counted):
                result.rejected.append(
                    Rejected(ids[i].strip(), result.channels[positions[i]], lieux[i].strip(), not_counted[i])
                )
            counted = np.ones(n, dtype=bool)
            counted[list(not_counted)] = False
            ranks, positions = ranks[counted], positions[counted]
        ranks_parts.append(ranks)
        channel_parts.append(positions)
    if ranks_parts:
        result.ranks = np.concatenate(ranks_parts)
        result.row_channel = np.concatenate(channel_parts)
    return result


def _summary(cast: int, rejected: Sequence[Rejected]) -> dict[str, Any]:
    reasons = Counter(r.why.reason for r in rejected)
    blancs = reasons.get("blanc", 0)
    nuls = sum(reasons.values()) - blancs
    return {
        "votants": cast,
        "exprimes": cast - blancs - nuls,
        "blancs": blancs,
        "nuls": nuls,
        "par_motif": {reason: reasons[reason] for reason in REASONS if reasons.get(reason)},
    }


def tally_election(setup: ElectionSetup, rows: Iterable[Mapping[str, Any]], source: str = "") -> dict[str, Any]:
    """Every result of the election, as published in ``vote/resultats.json`` (``rows``: ballot rows)."""
    return tally_fields(setup, fields_of_rows(rows), source)


def tally_file(setup: ElectionSetup, path: Path, source: str = "") -> dict[str, Any]:
    """Every result of the election whose ballots are in the CSV file ``path``."""
    return tally_columns(setup, read_ballot_columns(path), source)


def tally_fields(setup: ElectionSetup, fields: Iterable[Fields], source: str = "") -> dict[str, Any]:
    """The tally of ballots given one by one (see :func:`tally_election`)."""
    return tally_columns(setup, columns_of_fields(fields), source)


def tally_columns(setup: ElectionSetup, columns: Iterable[Columns], source: str = "") -> dict[str, Any]:
    """The tally itself (see :func:`tally_election`)."""
    ballots = read_ballots(setup, columns)
    ranks, row_channel = ballots.ranks, ballots.row_channel
    count = count_profile(ranks, None, setup.force)
    summary = _summary(sum(ballots.cast.values()), ballots.rejected)
    summary["non_comptes"] = [
        {"bulletin": r.id, "canal": r.canal, "lieu": r.lieu, "motif": r.why.reason, "detail": r.why.detail}
        for r in ballots.rejected
    ]
    if ballots.other_elections:  # ballots of another election in the file: set aside, and said
        summary["autres_elections"] = dict(sorted(ballots.other_elections.items()))
    order = list(range(len(setup.channels))) + sorted(
        range(len(setup.channels), len(ballots.channels)), key=lambda i: ballots.channels[i]
    )
    by_channel = []
    for position in order:
        if not ballots.cast.get(position):
            continue
        channel = ballots.channels[position]
        sub = count_profile(ranks[row_channel == position], None, setup.force)
        by_channel.append(
            {
                "canal": channel,
                "lieux": sorted(p for p in ballots.places.get(position, set()) if p),
                **_summary(ballots.cast[position], [r for r in ballots.rejected if r.canal == channel]),
                "borda": {
                    "points": _points(sub.borda2, setup.options),
                    "classement": _ranking(sub.borda, setup.options),
                },
                "schulze_gagnants": [setup.options[a] for a in sub.schulze[0]] if sub.schulze and sub.n else [],
                "premieres_places": {o: int(sub.first_any[a]) for a, o in enumerate(setup.options)},
            }
        )
    return {
        "format": RESULTS_FORMAT,
        "election": {
            "id": setup.id,
            "titre": setup.titre,
            "date_ouverture": _iso(setup.row.get("date_ouverture")),
            "date_cloture": _iso(setup.row.get("date_cloture")),
            "source": source,
        },
        "options": [{"id": o, "titre": setup.option_titles.get(o, o)} for o in setup.options],
        "regles": {
            "codes_de_participation": setup.uses_codes,
            "canaux_code_requis": sorted(setup.code_channels),
        },
        "bulletins": summary,
        **count_as_dict(count, setup.options, setup.methode, setup.force),
        "canaux": by_channel,
    }


def tally_profile(
    options: Sequence[str],
    ranks: npt.NDArray[np.uint8],
    weights: npt.NDArray[np.int64] | None,
    *,
    title: str = "",
    source: str = "",
    methode: str = "borda",
    force: str = "victoires",
) -> dict[str, Any]:
    """Results of a profile read from a PrefLib file (every order counted, no channel, no code)."""
    count = count_profile(ranks, weights, force)
    return {
        "format": RESULTS_FORMAT,
        "election": {"id": "", "titre": title, "date_ouverture": None, "date_cloture": None, "source": source},
        "options": [{"id": o, "titre": o} for o in options],
        "regles": {"codes_de_participation": False, "canaux_code_requis": []},
        "bulletins": {"votants": count.n, "exprimes": count.n, "blancs": 0, "nuls": 0, "par_motif": {},
                      "non_comptes": []},
        **count_as_dict(count, list(options), methode, force),
        "canaux": [],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value else None)


def preflib_of_election(setup: ElectionSetup, path: Path, file_name: str = "") -> tuple[str, str]:
    """The counted ballots of the ballot file ``path`` as a PrefLib file (text, data type); options named by id."""
    from eclaireur.vote.preflib import write_preflib

    counted = read_ballots(setup, read_ballot_columns(path)).ranks
    published = setup.row.get("date_resultats")
    return write_preflib(
        setup.options,
        counted,
        file_name=file_name,
        title=setup.titre,
        description="Bulletins exprimés (blancs et nuls exclus) ; options non classées absentes de chaque ligne.",
        publication_date=_iso(published) or "",
    )
