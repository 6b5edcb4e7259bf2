"""The fork server's first import (``charts.WORKER_PRELOAD``): what every chart worker is born with.

multiprocessing's fork server imports the modules of its preload list, then notes the signal handlers it
will give each worker it forks. Imported there, this module makes those workers ignore Ctrl-C from their
first instruction (the main process handles it for the whole build), makes the fork server die with the
build (``PR_SET_PDEATHSIG``, see :mod:`eclaireur.orphans`), and replaces the traceback a worker would print
if the build ends while it is still starting by one French line (the chart is then drawn by the main
process, or abandoned with the build).

Importing it changes the process's signal handling: nothing but the fork server imports it.
"""

from __future__ import annotations

import signal
import sys
from types import TracebackType

from eclaireur.orphans import die_with_parent


def _quiet(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        return
    print(f"eclaireur : un processus de dessin n'a pas pu démarrer ({kind.__name__} : {value}) ; le graphique "
          "est dessiné par le processus principal.", file=sys.stderr)


signal.signal(signal.SIGINT, signal.SIG_IGN)
die_with_parent()
sys.excepthook = _quiet
