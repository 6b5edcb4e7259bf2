"""How many cores a build uses: the worker processes that draw the site's charts and the threads of the print
chain (typst lets go of the interpreter while it compiles, so two documents compile at the same time).

By default, every core the process may run on, at most :data:`MAX_WORKERS`. ``ECLAIREUR_PARALLELISME=N`` asks
for exactly ``N`` (``1``: everything in the main process, one chart and one document after the other).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from eclaireur.errors import UnusableInputError

MAX_WORKERS = 4
ENV = "ECLAIREUR_PARALLELISME"
T = TypeVar("T")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        count = counter()
    elif hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    return max(1, count or 1)


def workers() -> int:
    """Charts drawn, or documents compiled, at the same time."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return min(available_cores(), MAX_WORKERS)
    try:
        count = int(raw)
    except ValueError:
        count = 0
    if count < 1:
        raise UnusableInputError(
            f"{ENV}={raw!r} : un nombre entier de processus est attendu (1 : pas de parallélisme)."
        )
    return count


class Later(Generic[T]):
    """A document made when its result is asked for (one worker: the order of the sequential build)."""

    def __init__(self, make: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._make: Callable[..., T] | None = make
        self._args = args
        self._result: T | None = None

    def result(self) -> T:
        if self._make is not None:
            make, self._make = self._make, None
            self._result = make(*self._args)
        return self._result  # type: ignore[return-value]


class Documents:
    """Print documents made by threads: typst lets go of the interpreter while it compiles, so :func:`workers`
    documents compile at the same time (each thread with its own typst compiler).

    Submit the documents in any order (the longest first), then ask for the results in the order of the
    sequential build: the first error in that order is raised (the French error naming the document), and the
    documents not started yet are abandoned. With one worker, nothing runs in the background: each document
    is made when its result is asked for, exactly as before.
    """

    def __init__(self, count: int | None = None) -> None:
        self.count = workers() if count is None else count
        self._pool = (
            ThreadPoolExecutor(max_workers=self.count, thread_name_prefix="eclaireur-impression")
            if self.count > 1 else None
        )

    def submit(self, make: Callable[..., T], *args: Any) -> Future[T] | Later[T]:
        if self._pool is None:
            return Later(make, args)
        return self._pool.submit(make, *args)

    def __enter__(self) -> Documents:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=kind is not None)
