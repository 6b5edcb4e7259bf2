"""Both cores on a cold build: charts drawn by worker processes, PDFs compiled by threads, same bytes."""

from __future__ import annotations

import dataclasses
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from eclaireur import charts, parallele
from eclaireur.charts import ChartCache, draw_budget_share, draw_horizontal_bars
from eclaireur.config import load_config
from eclaireur.errors import DataError, EclaireurError, UnusableInputError
from eclaireur.evaluation.graphiques import draw_status_bars
from eclaireur.generate import build_context, run_generators
from eclaireur.pages import atlas, formulaires
from eclaireur.pages.base import BuildContext, Output
from eclaireur.print import compilateur
from eclaireur.print.sorties import build_print
from eclaireur.vote.charts import draw_bars
from helpers import REPO
from test_print import config, jeu

BUDGET = {"labels": ["2014-2020", "2020-2026"], "shares": [0.125, 0.25], "colour": "#1F4E8C", "title": "École"}
BARS = {"labels": ["Éducation", "Culture", "Sport"], "values": [12.5, 7.25, 3.0], "colours": ["#1F4E8C"] * 3,
        "xlabel": "Part (%)", "suffix": "\u00a0%"}


def failing_draw(data: dict[str, Any]) -> bytes:
    """A draw function that stops the build with a French error (module-level: a worker can run it)."""
    raise DataError(f"Graphique impossible : la valeur « {data['valeur']} » n'est pas un nombre.")


class UnsentError(Exception):
    """An error that pickle cannot rebuild (its constructor takes two arguments)."""

    def __init__(self, what: str, why: str) -> None:
        super().__init__(f"{what} : {why}")


def unsendable_failure(data: dict[str, Any]) -> bytes:
    raise UnsentError("graphique", str(data["valeur"]))


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The sizes of the chart pools started during the test."""
    started: list[int] = []
    real = charts.start_pool

    def counting(workers: int) -> Any:
        started.append(workers)
        return real(workers)

    monkeypatch.setattr(charts, "start_pool", counting)
    yield started


def test_workers_draw_the_same_bytes_as_the_main_process(tmp_path: Path, pools: list[int]) -> None:
    wanted: list[tuple[str, dict[str, Any], Callable[[dict[str, Any]], bytes]]] = [
        ("budget-part", BUDGET, draw_budget_share),
        ("atlas-parts", BARS, draw_horizontal_bars),
        ("vote-canaux", {"labels": ["En ligne", "Papier"], "values": [812, 190], "colours": ["#1F4E8C"] * 2,
                         "xlabel": "Bulletins"}, draw_bars),
        ("evaluation-statuts", {"labels": ["Cantine", "Mobilités"], "counts": {"réalisée": [2, 1],
                                                                                "en cours": [1, 3]}},
         draw_status_bars),
    ]
    background = ChartCache(tmp_path / "pool", workers=2)
    requested = [background.request(kind, data, draw) for kind, data, draw in wanted]
    assert pools == [2]
    assert not list((tmp_path / "pool").glob("*.svg"))  # nothing drawn in this process yet
    background.finish()
    here = ChartCache(tmp_path / "ici", workers=1)
    drawn = [here.get(kind, data, draw) for kind, data, draw in wanted]
    assert pools == [2]
    assert [c.path for c in requested] == [c.path for c in drawn]
    for pooled, local in zip(requested, drawn, strict=True):
        assert pooled.svg.startswith(b"<?xml")
        assert pooled.svg == local.svg, pooled.path
    # the cache files, written when the charts were collected, are the same bytes
    assert sorted(p.name for p in (tmp_path / "pool").iterdir()) == sorted(p.name for p in (tmp_path / "ici").iterdir())
    for path in (tmp_path / "pool").iterdir():
        assert path.read_bytes() == (tmp_path / "ici" / path.name).read_bytes()


def test_a_draw_function_a_worker_cannot_load_is_drawn_here(tmp_path: Path, pools: list[int]) -> None:
    cache = ChartCache(tmp_path / "cache", workers=2)

    def local_draw(data: dict[str, Any]) -> bytes:
        return draw_budget_share(data)

    chart = cache.request("budget-part", BUDGET, local_draw)
    other = cache.request("atlas-parts", BARS, lambda d: draw_horizontal_bars(d))
    assert pools == []  # nothing for a worker: no pool started
    assert (tmp_path / "cache" / Path(chart.path).name).is_file()  # drawn and cached at once
    assert chart.svg == ChartCache(None, workers=1).get("budget-part", BUDGET, draw_budget_share).svg
    assert other.svg == draw_horizontal_bars(BARS)
    assert cache.drawn == 2 and cache.reused == 0


def test_an_error_in_a_worker_is_the_same_french_error(tmp_path: Path, pools: list[int]) -> None:
    cache = ChartCache(tmp_path / "cache", workers=2)
    chart = cache.request("essai", {"valeur": "douze"}, failing_draw)
    assert pools == [2]
    with pytest.raises(DataError) as caught:
        cache.finish()
    assert caught.value.message == "Graphique impossible : la valeur « douze » n'est pas un nombre."
    assert any("processus auxiliaire" in note for note in getattr(caught.value, "__notes__", []))
    assert not list((tmp_path / "cache").glob("*"))
    # an error that cannot travel back from the worker: the main process draws again and meets it itself
    cache = ChartCache(tmp_path / "cache", workers=2)
    cache.request("essai", {"valeur": "treize"}, unsendable_failure)
    with pytest.raises(UnsentError, match="graphique : treize"):
        cache.finish()
    del chart


def test_an_error_while_drawing_stops_run_generators(tmp_path: Path, pools: list[int],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallele.ENV, "2")
    config = dataclasses.replace(load_config(REPO), cache_dir=tmp_path)
    ctx = build_context(config)

    def generator(ctx: BuildContext) -> Iterator[Output]:
        ctx.chart("essai", {"valeur": "douze"}, failing_draw)
        return iter(())

    def later(ctx: BuildContext) -> Iterator[Output]:
        ctx.env.get_template("absent.html.j2")
        return iter(())

    with pytest.raises(DataError, match="la valeur « douze »"):
        run_generators(ctx, [atlas.generate, generator])
    assert pools == [2]  # the atlas's charts and the failing one were sent to the pool, stopped by the error
    # a later generator failing too: the chart asked for first is the error of the sequential build
    with pytest.raises(DataError, match="la valeur « douze »"):
        run_generators(build_context(config), [generator, later])
    with pytest.raises(DataError, match="Gabarit introuvable"):
        run_generators(build_context(config), [later, generator])


def test_a_rebuild_with_unchanged_data_starts_no_pool(tmp_path: Path, pools: list[int],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallele.ENV, "2")
    config = dataclasses.replace(load_config(REPO), cache_dir=tmp_path)
    first = run_generators(build_context(config), [atlas.generate, formulaires.generate])
    assert first.charts_drawn > 1 and pools == [2]
    again = run_generators(build_context(config), [atlas.generate, formulaires.generate])
    assert again.charts_drawn == 0 and again.charts_reused == first.charts_drawn
    assert pools == [2]  # no second pool
    assert {p: a.data for p, a in again.assets.items()} == {p: a.data for p, a in first.assets.items()}


def test_charts_drawn_in_process_and_by_workers_give_the_same_pages(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(REPO)
    results = {}
    for count in ("1", "2"):
        monkeypatch.setenv(parallele.ENV, count)
        ctx = build_context(dataclasses.replace(config, cache_dir=tmp_path / count))
        results[count] = run_generators(ctx, [atlas.generate, formulaires.generate])
    one, two = results["1"], results["2"]
    assert one.charts_drawn == two.charts_drawn > 1
    assert {p: a.data for p, a in one.assets.items()} == {p: a.data for p, a in two.assets.items()}
    assert {p: v.html for p, v in one.pages.items()} == {p: v.html for p, v in two.pages.items()}


def test_the_parallelism_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallele.ENV, "deux")
    with pytest.raises(UnusableInputError, match="ECLAIREUR_PARALLELISME"):
        parallele.workers()
    monkeypatch.setenv(parallele.ENV, "3")
    assert parallele.workers() == 3
    monkeypatch.delenv(parallele.ENV)
    assert 1 <= parallele.workers() <= parallele.MAX_WORKERS


# --- print: documents compiled by threads ----------------------------------------------------------


def test_pdfs_compiled_by_threads_are_the_same_bytes_in_the_same_order(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    threads: set[int] = set()
    real = compilateur.TypstCompiler.compile_source

    def recording(self: compilateur.TypstCompiler, source: str, *, record: str, template: str) -> bytes:
        threads.add(threading.get_ident())
        return real(self, source, record=record, template=template)

    monkeypatch.setattr(compilateur.TypstCompiler, "compile_source", recording)
    monkeypatch.setenv(parallele.ENV, "1")
    sequential = build_print(config(tmp_path / "un"), jeu())
    assert threads == {threading.get_ident()}
    monkeypatch.setenv(parallele.ENV, "2")
    threads.clear()
    parallel = build_print(config(tmp_path / "deux"), jeu())
    assert len(threads) >= 2
    assert list(parallel.files) == list(sequential.files)
    for path, data in sequential.files.items():
        assert parallel.files[path] == data, path
    assert (parallel.compiled, parallel.reused, parallel.charts_drawn) == (
        sequential.compiled, sequential.reused, sequential.charts_drawn)
    again = build_print(config(tmp_path / "deux"), jeu())
    assert again.compiled == 0 and again.files == parallel.files


@pytest.mark.parametrize("count", ["1", "2"])
def test_the_first_document_in_order_names_the_typst_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          count: str) -> None:
    theme_copy = tmp_path / "theme"
    shutil.copytree(REPO / "theme" / "typst", theme_copy / "typst")
    shutil.copytree(REPO / "theme" / "fonts", theme_copy / "fonts")
    (theme_copy / "typst" / "fiche.typ.j2").write_text("#let x = 1 +\n", encoding="utf-8")
    monkeypatch.setenv(parallele.ENV, count)
    with pytest.raises(EclaireurError) as caught:
        build_print(config(tmp_path, theme_copy), jeu())
    # the sheets are made in the order of their identifiers: the first one is named
    assert "« cantine-bio-locale »" in caught.value.message and "fiche.typ.j2" in caught.value.message
