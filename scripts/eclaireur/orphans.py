"""Helper processes end with the build that started them.

A process killed with ``kill -9`` cannot stop its children: the chart workers would wait for work forever
(they hold both ends of their queue) and keep the resource tracker alive with them. On Linux each helper asks
the kernel to send it ``SIGKILL`` when its parent dies (``prctl(PR_SET_PDEATHSIG)``); it also ignores
Ctrl-C, which the main process handles for the whole build (no worker traceback on the terminal). A terminal
sends Ctrl-C to every process of the group, even to a helper still importing ``multiprocessing``: helpers are
therefore started with SIGINT blocked (:func:`sigint_blocked`), a mask they inherit; the main process gets a
Ctrl-C that came meanwhile as soon as it unblocks the signal (another thread may take it: Python then raises
it in the main thread all the same).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Be killed when the parent process dies (Linux); elsewhere, nothing (the pool ends with its queue)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request: no signal will come
        os._exit(1)


def prepare_helper() -> None:
    """What every helper process does first: die with its parent, leave Ctrl-C to the main process."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def block_sigint() -> set[int | signal.Signals] | None:
    """Block SIGINT in this thread (helpers started by it inherit the mask); the previous mask, to restore."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}))


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """SIGINT blocked while helper processes are started; a Ctrl-C that came meanwhile arrives afterwards."""
    previous = block_sigint()
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
