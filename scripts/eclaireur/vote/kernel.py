"""The counting kernel (numpy): pairwise matrix, Borda points, Schulze paths, Condorcet winner.

Input: ``ranks``, an ``(n, m)`` array of ``uint8`` (one row per counted ballot, one column per option: the
rank group of the option, 0 first, :data:`~eclaireur.vote.ranking.UNRANKED` when not ranked), and
optionally ``weights`` (how many voters cast each row, as in PrefLib files).

Rules (the same words are in ``content/vote/regles.md``):

* **Duel (pairwise) matrix.** ``P[a, b]`` is the number of ballots that put ``a`` strictly before ``b``.
  A ranked option is before every unranked one; two unranked options, or two tied ones, are not compared.
* **Borda points, averaged for ties.** With ``m`` options, a ballot gives ``m - 1`` points to its first
  option, ``m - 2`` to the second ... 0 to the last. Options tied on a ballot share the points of the places
  they occupy (their average); the unranked options are tied at the bottom and share the points left.
  So every ballot hands out exactly ``m(m - 1)/2`` points, whatever it ranks: every voter weighs the same.
  Equivalently, an option gets 1 point for each option it is before on the ballot and half a point for
  each option it is tied with, so Borda points come straight from the duel matrix:
  ``points[a] = sum over b != a of (n + P[a, b] - P[b, a]) / 2``.
  Points are kept doubled (integers) so that halves are exact.
* **Schulze** (also called *beat path*). ``a`` beats ``b`` in a duel when ``P[a, b] > P[b, a]``; the
  strength of that defeat is ``P[a, b]`` (*victoires*, winning votes, the default, as Schulze recommends)
  or ``P[a, b] - P[b, a]`` (*marges*). The strength of a path is its weakest link; ``a`` is ranked before
  ``b`` when the strongest path from ``a`` to ``b`` is stronger than the strongest path back. Winners are
  the options no other option is ranked before; the full ranking repeats that on the options left.
* **Condorcet winner**: the option that wins every duel, when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

IntMatrix = npt.NDArray[np.int64]
IntVector = npt.NDArray[np.int64]

STRENGTHS = ("victoires", "marges")
_CHUNK = 1 << 20


def ballot_count(ranks: npt.NDArray[np.uint8], weights: npt.NDArray[np.int64] | None = None) -> int:
    return int(ranks.shape[0] if weights is None else weights.sum())


def pairwise_matrix(ranks: npt.NDArray[np.uint8], weights: npt.NDArray[np.int64] | None = None) -> IntMatrix:
    """``P[a, b]``: number of ballots ranking ``a`` strictly before ``b`` (chunks of 2^20 ballots)."""
    n, m = ranks.shape
    result = np.zeros((m, m), dtype=np.int64)
    for start in range(0, n, _CHUNK):
        block = np.ascontiguousarray(ranks[start : start + _CHUNK].T)
        block_weights = None if weights is None else weights[start : start + _CHUNK].astype(np.int64)
        for a in range(m):
            before = block[a] < block
            if block_weights is None:
                result[a] += np.count_nonzero(before, axis=1)
            else:
                result[a] += before @ block_weights
    return result


def borda_doubled(pairwise: IntMatrix, n: int) -> IntVector:
    """Twice the averaged Borda points of each option (integers: halves stay exact)."""
    m = pairwise.shape[0]
    diagonal = np.diagonal(pairwise)
    return (m - 1) * n + (pairwise.sum(axis=1) - diagonal) - (pairwise.sum(axis=0) - diagonal)


def schulze_paths(pairwise: IntMatrix, strength: str = "victoires") -> IntMatrix:
    """Strength of the strongest path from each option to each other (Floyd–Warshall, vectorised)."""
    if strength not in STRENGTHS:
        raise ValueError(f"force de défaite inconnue : {strength} (attendu : {', '.join(STRENGTHS)})")
    wins = pairwise > pairwise.T
    links = pairwise if strength == "victoires" else pairwise - pairwise.T
    paths = np.where(wins, links, 0).astype(np.int64)
    for k in range(paths.shape[0]):
        paths = np.maximum(paths, np.minimum(paths[:, k : k + 1], paths[k : k + 1, :]))
    np.fill_diagonal(paths, 0)
    return paths


def schulze_tiers(paths: IntMatrix) -> list[list[int]]:
    """Options by Schulze rank: the winners first, then the winners among the options left, and so on."""
    beats = paths > paths.T
    left = list(range(paths.shape[0]))
    tiers: list[list[int]] = []
    while left:
        tier = [a for a in left if not any(beats[b, a] for b in left if b != a)]
        if not tier:  # cannot happen: the Schulze relation is transitive; kept as a guard
            tier = list(left)
        tiers.append(tier)
        left = [a for a in left if a not in tier]
    return tiers


def tiers_by_score(scores: Sequence[int] | npt.NDArray[np.int64]) -> list[list[int]]:
    """Options by decreasing score; equal scores share a rank (in option order)."""
    order = sorted(range(len(scores)), key=lambda a: (-int(scores[a]), a))
    tiers: list[list[int]] = []
    for a in order:
        if tiers and int(scores[tiers[-1][0]]) == int(scores[a]):
            tiers[-1].append(a)
        else:
            tiers.append([a])
    return tiers


def condorcet_winner(pairwise: IntMatrix) -> int | None:
    """The option that wins every duel, or ``None``."""
    m = pairwise.shape[0]
    wins = pairwise > pairwise.T
    for a in range(m):
        if all(wins[a, b] for b in range(m) if b != a):
            return a
    return None


def condorcet_loser(pairwise: IntMatrix) -> int | None:
    """The option that loses every duel, or ``None``."""
    return condorcet_winner(pairwise.T.copy())


def first_places(
    ranks: npt.NDArray[np.uint8], weights: npt.NDArray[np.int64] | None = None
) -> tuple[IntVector, IntVector]:
    """For each option: ballots ranking it first (alone or tied), and ballots ranking it first alone."""
    top = ranks == 0
    alone = top & (np.count_nonzero(top, axis=1) == 1)[:, None]
    if weights is None:
        return np.count_nonzero(top, axis=0).astype(np.int64), np.count_nonzero(alone, axis=0).astype(np.int64)
    w = weights.astype(np.int64)
    return (w @ top).astype(np.int64), (w @ alone).astype(np.int64)


def ranked_counts(ranks: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    """How many options each ballot ranks."""
    from eclaireur.vote.ranking import UNRANKED

    return np.count_nonzero(ranks != UNRANKED, axis=1).astype(np.int64)


def has_ties(ranks: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Whether each ballot puts two ranked options at the same rank."""
    from eclaireur.vote.ranking import UNRANKED

    ranked = np.count_nonzero(ranks != UNRANKED, axis=1)
    masked = np.where(ranks == UNRANKED, -1, ranks.astype(np.int16))
    groups = masked.max(axis=1) + 1
    return np.asarray(groups < ranked)
