"""Charts stage: matplotlib SVG, deterministic, cached on disk by a hash of their data.

matplotlib is imported only when a chart has to be drawn (about 0.5 s), so a rebuild with
unchanged data reads every chart from the cache.

A page needs the path of its chart (derived from the hash of the data), not its SVG. The site's charts
missing from the cache are therefore drawn in the background (:meth:`ChartCache.request`) by a pool of
worker processes, one per available core (:func:`eclaireur.parallele.workers`), started at the first chart
to draw (never on a rebuild with unchanged data) and collected at the end of the generation
(:meth:`ChartCache.finish`), which writes the cache files. The workers come from a fork server (spawn where
there is none), safe with the threads of ``mkdocs serve``, that imports matplotlib once for all of them;
each draws with the settings of :func:`pyplot`, so the SVG bytes are those the main process would draw.
A draw function that cannot be sent to a worker (a lambda, a local function: draw functions are
module-level), data that cannot be pickled and a pool that fails are drawn in the main process; an error
raised by a draw function in a worker is raised again in the main process, message unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import multiprocessing
import os
import pickle
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from eclaireur import parallele
from eclaireur.orphans import block_sigint, sigint_blocked

CHART_VERSION = "4"  # 2: text ≥ 9 pt (12 CSS px at natural size), French axis numbers; 3-4: narrow bar charts
FONT_FAMILY = ["DejaVu Sans"]
# Imported once by the fork server, before it forks the workers (``__main__``, as multiprocessing does by default:
# a script that builds the site must keep its work under ``if __name__ == "__main__":``).
WORKER_PRELOAD = ["eclaireur.helper_boot", "__main__", "eclaireur.charts", "matplotlib.pyplot"]

log = logging.getLogger("eclaireur")

# pyplot keeps global state (current figure, rcParams): one chart at a time in a process.
_drawing = threading.RLock()

Draw = Callable[[dict[str, Any]], bytes]


class Chart:
    """A chart: where it goes in the site and its SVG bytes (waited for when drawn in the background)."""

    __slots__ = ("_job", "_svg", "path")

    def __init__(self, path: str, svg: bytes | None = None, job: _Job | None = None) -> None:
        self.path = path
        self._svg = svg
        self._job = job

    @property
    def svg(self) -> bytes:
        if self._svg is None:
            assert self._job is not None
            self._svg = self._job.result()
            self._job = None
        return self._svg

    def __repr__(self) -> str:
        return f"Chart({self.path!r})"


class _Job:
    """A chart drawn by a worker process: settled once, in the main process (cache file written then)."""

    def __init__(self, cache: ChartCache, future: Future[tuple[str, Any]], draw: Draw, data: dict[str, Any],
                 cached: Path | None) -> None:
        self.cache = cache
        self.future = future
        self.draw = draw
        self.data = data
        self.cached = cached
        self.svg: bytes | None = None

    def result(self) -> bytes:
        if self.svg is None:
            try:
                outcome, value = self.future.result()
            except Exception as exc:  # the pool broke (a worker died) or was shut down
                log.debug("eclaireur : graphique redessiné dans le processus principal (%r)", exc)
                outcome, value = "local", None
            if outcome == "erreur":
                raise value
            svg = value if outcome == "ok" else self.cache.draw_here(self.draw, self.data)
            _store(self.cached, svg)
            self.svg = svg
        return self.svg


class ChartCache:
    """Charts by content hash, kept in ``cache_dir`` between builds.

    ``workers`` (by default :func:`eclaireur.parallele.workers`) is the size of the pool that draws the charts
    asked for by :meth:`request`; with 1, every chart is drawn in this process.
    """

    def __init__(self, cache_dir: Path | None, workers: int | None = None) -> None:
        self.cache_dir = cache_dir
        self.workers = parallele.workers() if workers is None else workers
        self.drawn = 0
        self.reused = 0
        self.seconds = 0.0
        self._lock = threading.Lock()
        self._jobs: dict[str, _Job] = {}
        self._pool: Executor | None = None
        self._pool_failed = False

    def _locate(self, kind: str, data: dict[str, Any]) -> tuple[str, Path | None]:
        payload = json.dumps({"kind": kind, "v": CHART_VERSION, "data": data}, sort_keys=True, default=str)
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
        cached = self.cache_dir / f"{kind}-{digest}.svg" if self.cache_dir else None
        return f"graphiques/{kind}-{digest}.svg", cached

    def _count(self, drawn: int = 0, reused: int = 0) -> None:
        with self._lock:
            self.drawn += drawn
            self.reused += reused

    def get(self, kind: str, data: dict[str, Any], draw: Draw) -> Chart:
        """The chart of ``data`` with its SVG bytes: from the cache, or drawn now in this process (any thread)."""
        path, cached = self._locate(kind, data)
        job = self._jobs.get(path)
        if job is not None:
            self._count(reused=1)
            return Chart(path, job.result())
        svg = _read(cached)
        if svg is None:
            with _drawing:
                svg = _read(cached)  # drawn by another thread in the meantime
                if svg is None:
                    svg = self.draw_here(draw, data)
                    _store(cached, svg)
                    self._count(drawn=1)
                    return Chart(path, svg)
        self._count(reused=1)
        return Chart(path, svg)

    def request(self, kind: str, data: dict[str, Any], draw: Draw) -> Chart:
        """The chart of ``data`` at once; when it is not in the cache, its SVG is drawn in the background (see
        :meth:`finish`). ``draw`` must be a module-level function for a worker to draw it; otherwise, or when
        there is a single worker, it is drawn now, in this process."""
        path, cached = self._locate(kind, data)
        job = self._jobs.get(path)
        if job is not None:
            self._count(reused=1)
            return Chart(path, job=job)
        svg = _read(cached)
        if svg is not None:
            self._count(reused=1)
            return Chart(path, svg)
        future = self._submit(draw, data)
        if future is None:
            return self.get(kind, data, draw)
        self._jobs[path] = job = _Job(self, future, draw, data, cached)
        self._count(drawn=1)
        return Chart(path, job=job)

    def finish(self) -> None:
        """Wait for the charts drawn in the background, in the order they were asked for, write them to the
        cache and stop the pool; an error raised by a draw function is raised here."""
        try:
            for job in list(self._jobs.values()):
                job.result()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the pool (charts not yet drawn are abandoned)."""
        self._jobs.clear()
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def draw_here(self, draw: Draw, data: dict[str, Any]) -> bytes:
        """Draw in this process (one chart at a time: pyplot is not thread-safe)."""
        with _drawing:
            started = time.perf_counter()
            try:
                return draw(data)
            finally:
                self.seconds += time.perf_counter() - started

    def _submit(self, draw: Draw, data: dict[str, Any]) -> Future[tuple[str, Any]] | None:
        if self.workers < 2 or self._pool_failed:
            return None
        try:
            payload = pickle.dumps((draw, data), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a lambda, a local function, data that is not plain
            return None
        try:
            with sigint_blocked():  # helpers started here are born deaf to Ctrl-C (see eclaireur.orphans)
                if self._pool is None:
                    self._pool = start_pool(self.workers)
                    block_sigint()  # starting the resource tracker unblocked it
                return self._pool.submit(_draw_in_worker, payload)
        except Exception as exc:  # no process could be started, or the pool broke
            log.debug("eclaireur : graphiques dessinés dans le processus principal (%r)", exc)
            self._pool_failed = True
            return None


def start_pool(workers: int) -> Executor:
    """The process pool that draws charts: a fork server (that imports matplotlib once) where there is one."""
    context: BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(WORKER_PRELOAD)  # ignored when the fork server already runs
        context = forkserver
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_prepare_worker)


def _prepare_worker() -> None:
    from eclaireur.orphans import prepare_helper

    prepare_helper()
    pyplot()


def _draw_in_worker(payload: bytes) -> tuple[str, Any]:
    """Run in a worker: ``("ok", svg)``, ``("erreur", exception)`` or ``("local", None)`` when the main process
    has to draw the chart itself (the function cannot be loaded here, or its error cannot be sent back)."""
    try:
        draw, data = pickle.loads(payload)
    except Exception:
        return "local", None
    try:
        return "ok", draw(data)
    except Exception as exc:
        exc.add_note("(graphique dessiné dans un processus auxiliaire)\n" + traceback.format_exc())
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            return "local", None
        return "erreur", exc


def _read(cached: Path | None) -> bytes | None:
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    return None


def _store(cached: Path | None, svg: bytes) -> None:
    """Write a cache file atomically (a temporary file of this process and thread, then a rename)."""
    if cached is None:
        return
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(svg)
        tmp.replace(cached)
    finally:
        tmp.unlink(missing_ok=True)


def pyplot() -> Any:
    """matplotlib's pyplot with the deterministic settings of the project."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.hashsalt": "eclaireur",
            "svg.fonttype": "none",
            "font.family": FONT_FAMILY,
            "font.size": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 12,
        }
    )
    return plt


def french_axes(fig: Any) -> None:
    """Numbers of the plain numeric axes written the French way: « 2,5 », « 12 000 », « −3 »."""
    from matplotlib.ticker import ScalarFormatter

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if type(formatter) is ScalarFormatter:
                axis.set_major_formatter(_french_formatter())


def _french_number(text: str) -> str:
    text = text.replace("\N{MINUS SIGN}", "-").replace("$", "")
    sign, digits = ("\N{MINUS SIGN}", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = digits.partition(".")
    if whole.isdigit() and len(whole) > 4:
        groups = [whole[max(i - 3, 0):i] for i in range(len(whole), 0, -3)][::-1]
        whole = "\N{NARROW NO-BREAK SPACE}".join(groups)
    return sign + whole + ("," + decimals if decimals else "")


@functools.cache
def _french_formatter_class() -> type:
    """A ScalarFormatter whose labels go through :func:`_french_number` (built once matplotlib is loaded)."""
    from matplotlib.ticker import ScalarFormatter

    class French(ScalarFormatter):
        def __call__(self, value: float, pos: int | None = None) -> str:
            return _french_number(super().__call__(value, pos))

    return French


def _french_formatter() -> Any:
    return _french_formatter_class()(useOffset=False, useMathText=False)


def to_svg(fig: Any, *, tight: bool = True) -> bytes:
    """Serialise a figure as SVG without date or random ids; ``tight``: cropped to what is drawn, otherwise
    the figure's own size (charts that must line up with each other)."""
    french_axes(fig)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                bbox_inches="tight" if tight else None)
    pyplot().close(fig)
    return buffer.getvalue().encode("utf-8")


def draw_budget_share(data: dict[str, Any]) -> bytes:
    """Bars: the theme's share of the total spending for each term (``data``: labels, shares, colour)."""
    plt = pyplot()
    labels: list[str] = data["labels"]
    shares: list[float] = data["shares"]
    colour: str = data["colour"]
    fig, ax = plt.subplots(figsize=(6.0, 3.0))
    positions = list(range(len(labels)))
    bars = ax.bar(positions, [s * 100 for s in shares], color=colour, width=0.6)
    for bar, share in zip(bars, shares, strict=True):
        text = f"{share * 100:.1f}".replace(".", ",") + "\u00a0%"
        ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                    xytext=(0, 3), textcoords="offset points", fontsize=11)
    ax.set_xticks(positions, labels)
    ax.set_ylabel("Part du budget total (%)")
    ax.set_ylim(0, max(max(shares) * 100 * 1.25, 1))
    ax.set_title(data.get("title", ""), loc="left")
    return to_svg(fig)


def draw_horizontal_bars(data: dict[str, Any]) -> bytes:
    """Horizontal bars, one per label (``data``: labels, values, colours, xlabel)."""
    plt = pyplot()
    labels: list[str] = data["labels"]
    values: list[float] = data["values"]
    colours: list[str] = data["colours"]
    fig, ax = plt.subplots(figsize=(7.5, 0.38 * len(labels) + 0.9))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=colours)
    ax.set_yticks(positions, labels)
    ax.set_xlabel(data.get("xlabel", ""))
    for pos, value in zip(positions, values, strict=True):
        text = f"{value:.1f}".replace(".", ",") + data.get("suffix", "")
        ax.annotate(text, (value, pos), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_xlim(0, max([*values, 1]) * 1.18)
    return to_svg(fig)
