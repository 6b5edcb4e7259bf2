"""The numpy counting kernel, checked against pref-voting on random profiles and on hand-made cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.scoring_methods import symmetric_borda_scores

from eclaireur.vote import kernel
from eclaireur.vote.ranking import UNRANKED, NotCounted, RankingReader, format_ranking, groups_of
from eclaireur.vote.tally import count_profile


@st.composite
def profiles(draw: st.DrawFn) -> tuple[int, np.ndarray, np.ndarray]:
    """Random weak orders with unranked options (never blank), and a weight per ballot."""
    m = draw(st.integers(min_value=2, max_value=6))
    n = draw(st.integers(min_value=1, max_value=25))
    rows = []
    for _ in range(n):
        levels = draw(st.lists(st.one_of(st.integers(0, m - 1), st.just(UNRANKED)), min_size=m, max_size=m))
        if all(level == UNRANKED for level in levels):
            levels[draw(st.integers(0, m - 1))] = 0
        # compact the levels into consecutive groups, as the reader produces them
        used = sorted({level for level in levels if level != UNRANKED})
        rows.append([used.index(level) if level != UNRANKED else UNRANKED for level in levels])
    weights = draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    return m, np.asarray(rows, dtype=np.uint8), np.asarray(weights, dtype=np.int64)


def pref_voting_profile(m: int, ranks: np.ndarray, weights: np.ndarray) -> ProfileWithTies:
    rankings = [{c: int(r[c]) + 1 for c in range(m) if r[c] != UNRANKED} for r in ranks]
    profile = ProfileWithTies(rankings, rcounts=[int(w) for w in weights], candidates=list(range(m)))
    profile.use_extended_strict_preference()  # ranked options before unranked ones, as eclaireur counts
    return profile


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_pairwise_borda_and_schulze_agree_with_pref_voting(profile: tuple[int, np.ndarray, np.ndarray]) -> None:
    m, ranks, weights = profile
    reference = pref_voting_profile(m, ranks, weights)
    n = int(weights.sum())
    pairwise = kernel.pairwise_matrix(ranks, weights)
    for a in range(m):
        for b in range(m):
            if a != b:
                assert pairwise[a, b] == reference.support(a, b)
    # averaged Borda = n(m-1)/2 + symmetric Borda / 2, i.e. doubled: n(m-1) + symmetric
    symmetric = symmetric_borda_scores(reference)
    doubled = kernel.borda_doubled(pairwise, n)
    assert [int(doubled[c]) for c in range(m)] == [n * (m - 1) + symmetric[c] for c in range(m)]
    for strength, function in (("victoires", reference.support), ("marges", reference.margin)):
        paths = kernel.schulze_paths(pairwise, strength)
        ours = sorted(kernel.schulze_tiers(paths)[0])
        assert ours == beat_path(reference, strength_function=function)
    winner = kernel.condorcet_winner(pairwise)
    assert winner == reference.condorcet_winner()


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_weights_count_like_repeated_ballots(profile: tuple[int, np.ndarray, np.ndarray]) -> None:
    _, ranks, weights = profile
    repeated = np.repeat(ranks, weights, axis=0)
    assert (kernel.pairwise_matrix(ranks, weights) == kernel.pairwise_matrix(repeated)).all()
    any_w, alone_w = kernel.first_places(ranks, weights)
    any_r, alone_r = kernel.first_places(repeated)
    assert (any_w == any_r).all() and (alone_w == alone_r).all()


def read(options: list[str], *texts: str) -> np.ndarray:
    reader = RankingReader(options)
    rows = [reader.read(t) for t in texts]
    assert all(isinstance(r, bytes) for r in rows)
    return np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(rows), len(options))  # type: ignore[arg-type]


def test_borda_points_of_documented_examples() -> None:
    options = ["a", "b", "c", "d"]
    # complete strict ranking: 3, 2, 1, 0
    assert (kernel.borda_doubled(kernel.pairwise_matrix(read(options, "a>b>c>d")), 1) == [6, 4, 2, 0]).all()
    # a tie shares the points of the places: b and c share 2 and 1 -> 1.5 each
    assert (kernel.borda_doubled(kernel.pairwise_matrix(read(options, "a>b=c>d")), 1) == [6, 3, 3, 0]).all()
    # unranked options share what is left: b, c, d share 2, 1, 0 -> 1 each
    assert (kernel.borda_doubled(kernel.pairwise_matrix(read(options, "a")), 1) == [6, 2, 2, 2]).all()
    # writing "the rest, all equal" is the same ballot as leaving them unranked
    left = kernel.pairwise_matrix(read(options, "a>b"))
    right = kernel.pairwise_matrix(read(options, "a>b>c=d"))
    assert (left == right).all()


def test_every_ballot_hands_out_the_same_points() -> None:
    options = [f"o{i}" for i in range(7)]
    for text in ("o0", "o3>o1", "o0=o1=o2=o3=o4=o5=o6", "o6>o5>o4>o3>o2>o1>o0", "o2=o4>o1"):
        doubled = kernel.borda_doubled(kernel.pairwise_matrix(read(options, text)), 1)
        assert int(doubled.sum()) == 7 * 6  # m(m-1)/2 points, doubled


def test_condorcet_cycle_has_no_winner_and_schulze_breaks_it() -> None:
    options = ["a", "b", "c"]
    ranks = read(options, *(["a>b>c"] * 4 + ["b>c>a"] * 3 + ["c>a>b"] * 2))
    count = count_profile(ranks)
    assert count.condorcet is None
    # a>b 6-3, b>c 7-2, c>a 5-4: the weakest defeat (c over a) is dropped, a wins
    assert count.schulze[0] == [0]


def test_reader_reasons_and_round_trip() -> None:
    reader = RankingReader(["a", "b", "c"])
    assert reader.read("") == NotCounted("blanc")
    assert reader.read("  ") == NotCounted("blanc")
    assert isinstance(reader.read("a>>b"), NotCounted) and reader.read("a>>b").reason == "syntaxe"  # type: ignore[union-attr]
    assert reader.read("a=").reason == "syntaxe"  # type: ignore[union-attr]
    assert reader.read("a>z").reason == "option-inconnue"  # type: ignore[union-attr]
    assert reader.read("A>b").reason == "option-inconnue"  # type: ignore[union-attr]
    assert reader.read("a>b=a").reason == "option-repetee"  # type: ignore[union-attr]
    row = reader.read(" b = c > a ")
    assert isinstance(row, bytes)
    assert format_ranking(groups_of(row, ["a", "b", "c"])) == "b=c>a"


def test_schulze_rejects_an_unknown_strength() -> None:
    with pytest.raises(ValueError, match="force de défaite inconnue"):
        kernel.schulze_paths(np.zeros((2, 2), dtype=np.int64), "autre")
