"""Helper processes end with the build that started them.

A process killed with ``kill -9`` cannot stop its children: the chart workers would wait for work forever
(they hold both ends of their queue) and keep the resource tracker alive with them. On Linux each helper asks
the kernel to send it ``SIGKILL`` when its parent dies (``prctl(PR_SET_PDEATHSIG)``); it also ignores
Ctrl-C, which the main process handles for the whole build (no worker traceback on the terminal).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

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
