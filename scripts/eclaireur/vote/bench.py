"""Benchmark of the tally (a function the project's ``eclaireur benchmark`` command calls; not a timed test).

:func:`run_tally_benchmark` draws a synthetic election (20 options, partial rankings, ties, a few spoiled
ballots, 5 channels) with a fixed seed and measures:

* ``kernel``: duel matrix + averaged Borda + Schulze (both strengths) + Condorcet + first places on the
  ballots already read into a rank array;
* ``end_to_end``: the whole ``eclaireur tally`` path from a ballot CSV file (reading, ranking parsing, code
  checks, blank and spoiled ballots, all methods, results by channel);
* ``pref_voting``: the same counts with the pref-voting library (``ProfileWithTies`` supports,
  symmetric Borda, beat path) on a smaller profile, extrapolated linearly to ``n_ballots``; the results of
  both are compared on that profile.

Peak memory is the growth of the process's peak resident memory during each phase (Linux), or what
:mod:`tracemalloc` reports elsewhere.
"""

from __future__ import annotations

import csv
import gc
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from eclaireur.vote import kernel
from eclaireur.vote.ballot_file import identifier_key
from eclaireur.vote.ranking import UNRANKED
from eclaireur.vote.setup import ElectionSetup
from eclaireur.vote.tally import tally_file

T = TypeVar("T")
OPTIONS = [f"option-{i:02d}" for i in range(20)]
CHANNELS = ["en ligne", "lycée", "gare", "marché", "mairie"]


def synthetic_ranks(n: int, m: int = 20, seed: int = 2040) -> npt.NDArray[np.uint8]:
    """Partial weak orders: Plackett–Luce orders truncated at a random length, with some adjacent ties."""
    rng = np.random.default_rng(seed)
    popularity = np.linspace(1.5, 0.0, m)
    utility = popularity + rng.gumbel(size=(n, m))
    order = np.argsort(-utility, axis=1)
    position = np.empty_like(order)
    np.put_along_axis(position, order, np.arange(m)[None, :].repeat(n, axis=0), axis=1)
    length = np.where(rng.random(n) < 0.4, m, rng.integers(1, m, size=n))
    tie_at = np.where(rng.random(n) < 0.1, rng.integers(1, m, size=n), m + 1)
    group = position - (position >= tie_at[:, None])  # merge rank tie_at into tie_at - 1
    ranks = np.where(position < length[:, None], group, UNRANKED).astype(np.uint8)
    return ranks


def _ranking_text(row: npt.NDArray[np.uint8]) -> str:
    groups: dict[int, list[str]] = {}
    for option, rank in enumerate(row.tolist()):
        if rank != UNRANKED:
            groups.setdefault(rank, []).append(OPTIONS[option])
    return ">".join("=".join(groups[r]) for r in sorted(groups))


def write_ballot_csv(path: Path, ranks: npt.NDArray[np.uint8], seed: int = 2040) -> None:
    rng = np.random.default_rng(seed + 1)
    channels = rng.integers(0, len(CHANNELS), size=len(ranks))
    spoiled = set(rng.choice(len(ranks), size=max(1, len(ranks) // 1000), replace=False).tolist())
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "election", "date", "canal", "lieu", "classement", "code_hash", "envoi"])
        for number, row in enumerate(ranks):
            text = _ranking_text(row)
            if number in spoiled:
                text = "" if number % 2 else text + ">option-inconnue"
            canal = CHANNELS[channels[number]]
            key = identifier_key("banc", str(number)) if canal == "en ligne" else ""  # as the import writes it
            writer.writerow([f"b-{number + 1:07d}", "banc", "2026-01-01", canal, "urne", text, "", key])


def _status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _measure(function: Callable[[], T]) -> tuple[T, float, float, float]:
    """``function()``, its wall time, its CPU time (the machine may be shared), and the peak memory it added
    (MiB).

    On Linux the peak resident memory is reset before the call (``/proc/self/clear_refs``) and read after
    (``VmHWM``), which costs nothing; elsewhere the call is run a second time under :mod:`tracemalloc`.
    """
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
        baseline = _status_kib("VmRSS")
    except OSError:
        baseline = None
    started, cpu = time.perf_counter(), time.process_time()
    value = function()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = _status_kib("VmHWM")
    if baseline is not None and peak is not None:
        return value, seconds, cpu, max(peak - baseline, 0) / 1024
    gc.collect()
    tracemalloc.start()
    function()
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return value, seconds, cpu, traced / 2**20


def _kernel(ranks: npt.NDArray[np.uint8]) -> dict[str, Any]:
    n = ranks.shape[0]
    pairwise = kernel.pairwise_matrix(ranks)
    borda2 = kernel.borda_doubled(pairwise, n)
    winners = {s: kernel.schulze_tiers(kernel.schulze_paths(pairwise, s))[0] for s in kernel.STRENGTHS}
    return {"pairwise": pairwise, "borda2": borda2, "schulze": winners,
            "condorcet": kernel.condorcet_winner(pairwise), "first": kernel.first_places(ranks)}


def _pref_voting(ranks: npt.NDArray[np.uint8]) -> dict[str, Any]:
    from pref_voting.margin_based_methods import beat_path
    from pref_voting.profiles_with_ties import ProfileWithTies
    from pref_voting.scoring_methods import symmetric_borda_scores

    m = ranks.shape[1]
    rankings = [{c: int(r[c]) + 1 for c in range(m) if r[c] != UNRANKED} for r in ranks]
    profile = ProfileWithTies(rankings, candidates=list(range(m)))
    profile.use_extended_strict_preference()
    return {
        "support": [[profile.support(a, b) for b in range(m)] for a in range(m)],
        "borda": symmetric_borda_scores(profile),
        "schulze": beat_path(profile, strength_function=profile.support),
    }


def run_tally_benchmark(n_ballots: int = 1_000_000, pref_voting_ballots: int = 2_000) -> dict[str, Any]:
    """Time and peak memory of the tally at ``n_ballots``, and pref-voting's time (see module docstring)."""
    ranks = synthetic_ranks(n_ballots)
    counted = ranks[(ranks != UNRANKED).any(axis=1)]
    kernel_result, kernel_s, kernel_cpu, kernel_mib = _measure(lambda: _kernel(counted))

    setup = ElectionSetup(id="banc", titre="Banc d'essai", options=OPTIONS, option_titles={o: o for o in OPTIONS},
                          channels=CHANNELS)
    with tempfile.TemporaryDirectory(prefix="eclaireur-banc-vote-") as folder:
        path = Path(folder) / "bulletins.csv"
        write_ballot_csv(path, ranks)
        size = path.stat().st_size
        results, end_s, end_cpu, end_mib = _measure(lambda: tally_file(setup, path))

    small = counted[:pref_voting_ballots]
    reference, pv_s, pv_cpu, _ = _measure(lambda: _pref_voting(small))
    ours = _kernel(small)
    n_small = len(small)
    m = small.shape[1]
    same = (
        reference["support"] == ours["pairwise"].tolist()
        and [n_small * (m - 1) + reference["borda"][c] for c in range(m)] == ours["borda2"].tolist()
        and reference["schulze"] == sorted(ours["schulze"]["victoires"])
    )
    return {
        "ballots": n_ballots,
        "options": len(OPTIONS),
        "kernel": {"seconds": round(kernel_s, 3), "cpu_seconds": round(kernel_cpu, 3), "peak_mib": round(kernel_mib, 1),
                   "counted": len(counted), "condorcet_winner": kernel_result["condorcet"]},
        "end_to_end": {"seconds": round(end_s, 3), "cpu_seconds": round(end_cpu, 3), "peak_mib": round(end_mib, 1),
                       "csv_mib": round(size / 2**20, 1),
                       "exprimes": results["bulletins"]["exprimes"], "blancs": results["bulletins"]["blancs"],
                       "nuls": results["bulletins"]["nuls"]},
        "pref_voting": {"ballots": n_small, "seconds": round(pv_s, 3), "cpu_seconds": round(pv_cpu, 3),
                        "extrapolated_seconds": round(pv_s * n_ballots / n_small, 1),
                        "extrapolated_cpu_seconds": round(pv_cpu * n_ballots / n_small, 1),
                        "same_results": bool(same)},
    }
