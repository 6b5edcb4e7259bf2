"""Run a command in a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mib: float
    returncode: int
    output: str


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Wall-clock seconds and maximum resident memory (MiB) of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return Measure(seconds, usage.ru_maxrss / 1024, process.returncode, output)
