"""One whole process measured by its own resource usage (not its siblings'): the shared timer of the
benchmarks that compare a homelog-admin command with a floor process (cli_startup, import_memory)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class ProcessUsage:
    """Wall and CPU seconds and peak resident memory of one finished process."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float


def run_measured(
    command: list[str], environment: dict[str, str], *, what: object = None, quiet: bool = False
) -> ProcessUsage:
    """Run `command` (its output discarded) and measure it; SystemExit naming `what` (else the command)
    with its stderr when it fails, or with `quiet` when it wrote anything to stderr."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=environment)
        assert process.stderr is not None
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or (quiet and stderr):
        raise SystemExit(f"{what or command} failed ({code}): {stderr.decode(errors='replace')}")
    return ProcessUsage(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
