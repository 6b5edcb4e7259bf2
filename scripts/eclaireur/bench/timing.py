"""Run a command in a child process and measure its wall time and peak memory.

The peak memory is the command's own. On Linux, the maximum resident size that ``wait4`` reports for a
child starts from the size of the process that forked it (fork, or vfork followed by exec, hands the
parent's high-water mark to the child), so a benchmark that has grown by laying out PDFs or generating
pages in process would report its own size for every build it times. The command is therefore started by
a small launcher interpreter, and the figure is the one the launcher reads for its own child.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Started with ``python -I -S -c``: standard library only. Runs the command given after the file
# descriptor number, waits for it, and writes « returncode maxrss_kib » to that descriptor.
LAUNCHER = """
import os, sys
fd = int(sys.argv[1])
os.set_inheritable(fd, False)
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
os.write(fd, f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}".encode())
"""


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mib: float
    returncode: int
    output: str


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Wall-clock seconds and maximum resident memory (MiB) of ``command`` (and of the children it waited for)."""
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    try:
        process = subprocess.Popen([sys.executable, "-I", "-S", "-c", LAUNCHER, str(write_end), *command], cwd=cwd,
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   pass_fds=(write_end,))
    finally:
        os.close(write_end)
    with os.fdopen(read_end, "rb") as report:
        output = process.stdout.read() if process.stdout else ""
        process.wait()
        seconds = time.perf_counter() - started
        fields = report.read().split()
    if len(fields) != 2:  # the launcher itself failed (command not found ...)
        return Measure(seconds, 0.0, process.returncode or 127, output)
    return Measure(seconds, int(fields[1]) / 1024, int(fields[0]), output)
