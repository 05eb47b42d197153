"""What the benchmark measures with: a 5 ms heartbeat, a paint counter, a stall watchdog, memory, the
plain-sqlite3 floor, and a timeline of what happened when (to explain each stall)."""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import resource
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from benchmarks.responsiveness.database import ROOT

HEARTBEAT_MS = 5

# What happened when (paints, pages, statements, driver steps), to explain stalls with --timeline.
EVENTS: list[tuple[float, str]] = []


def note(what: str) -> None:
    """Add a moment to the timeline."""
    EVENTS.append((time.perf_counter(), what))


@dataclass
class Phase:
    name: str
    start: float
    end: float = 0.0
    rss_mb: float = 0.0


class Heartbeat(QObject):
    """A 5 ms timer; the time between two ticks beyond 5 ms is time the loop was held.

    Each tick also notes the CPU time of the loop's thread: a gap in which that thread used little CPU
    was spent waiting (for the GIL, or for a CPU on a busy machine) rather than working.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ticks: list[float] = []
        self.cpu: list[float] = []
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def gaps(self, start: float, end: float) -> list[tuple[float, float, float, float]]:
        """(from, to, stall ms, loop-thread CPU ms) of every gap between ticks overlapping [start, end]."""
        found = []
        for (a, b), (cpu_a, cpu_b) in zip(
            itertools.pairwise(self.ticks), itertools.pairwise(self.cpu), strict=True
        ):
            if b > start and a < end:
                found.append((a, b, max(0.0, (b - a) * 1000.0 - HEARTBEAT_MS), (cpu_b - cpu_a) * 1000.0))
        return found


class StallStacks(threading.Thread):
    """Optional watchdog: when the heartbeat is late over `threshold_ms`, note the main thread's stack."""

    def __init__(self, heartbeat: Heartbeat, threshold_ms: float = 20.0) -> None:
        super().__init__(daemon=True, name="stall-watchdog")
        self.heartbeat = heartbeat
        self.threshold = threshold_ms / 1000.0
        self.main_id = threading.main_thread().ident
        self.samples: dict[str, int] = {}
        self.stopping = threading.Event()

    def run(self) -> None:
        noted_for = None
        while not self.stopping.wait(0.002):
            ticks = self.heartbeat.ticks
            if not ticks:
                continue
            last = ticks[-1]
            if time.perf_counter() - last > self.threshold and noted_for != last:
                noted_for = last
                frame = sys._current_frames().get(self.main_id)  # type: ignore[arg-type]
                if frame is not None:
                    stack = traceback.extract_stack(frame)[-12:]
                    key = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(stack))
                    self.samples[key] = self.samples.get(key, 0) + 1


class PaintWatch(QObject):
    """Counts paints of the table's viewport; can note when the first paint after a moment has finished."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.armed = False
        self.done_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            note("paint table")
            if self.armed:
                self.armed = False
                # Runs once this paint (and the rest of the current event) has been handled.
                QTimer.singleShot(0, self._finished)
        return False

    def _finished(self) -> None:
        self.done_at = time.perf_counter()


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def vm_rss_mb() -> float:
    with contextlib.suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024.0 if sys.platform.startswith("linux") else peak / (1024.0 * 1024.0)



def raw_sqlite_figures(path: Path, search_text: str) -> dict[str, float]:
    """The floor: the same first page read with the sqlite3 module (median of 5, after one warm-up)."""
    page = (
        "SELECT users.id, users.email, users.username, user_passwords.user_id IS NOT NULL, users.created_at, "
        "users.updated_at, user_passwords.updated_at, lower(users.email) FROM users "
        "LEFT OUTER JOIN user_passwords ON user_passwords.user_id = users.id "
        "ORDER BY lower(users.email), users.id LIMIT 200"
    )
    count = "SELECT count(*) FROM users"
    search = (
        "SELECT count(*) FROM users WHERE lower(email) LIKE lower(?) ESCAPE '\\' "
        "OR lower(username) LIKE lower(?) ESCAPE '\\'"
    )

    def timed(connection: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> float:
        times = []
        for _ in range(6):
            started = time.perf_counter()
            connection.execute(sql, params).fetchall()
            times.append((time.perf_counter() - started) * 1000.0)
        return sorted(times[1:])[2]

    with contextlib.closing(sqlite3.connect(path)) as connection:
        pattern = f"%{search_text}%"
        return {
            "raw_sqlite_page_ms": round(timed(connection, page), 3),
            "raw_sqlite_count_ms": round(timed(connection, count), 3),
            "raw_sqlite_search_count_ms": round(timed(connection, search, (pattern, pattern)), 3),
        }


class LoopErrors(logging.Handler):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.errors = errors

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(record.getMessage()[:500])


def qt_message(_mode: Any, _context: Any, message: str) -> None:
    if "propagateSizeHints" not in message:  # the offscreen platform's, not the app's
        print(f"Qt: {message}", file=sys.stderr)


def code_version() -> dict[str, Any]:
    """The commit of the package measured, and whether its files differ from it (read-only git calls)."""
    root = ROOT

    def git(*arguments: str) -> str:
        try:
            done = subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    changed = git("status", "--porcelain", "--", "homelog_desktop", "resources")
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(changed)}

