"""Driving the installed `homelog-desktop` on a real X server as a person would: real key events through
xdotool (XTEST) into whatever window has the focus, windows found by title, and waits on conditions
(a window shows, has the focus, goes away; the database holds a row; the process ends)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

WAIT_S = 30  # the longest any condition is waited for (a loaded 2-core machine); a failure, not a pace
POLL_S = 0.05
# What the app may print on a normal run: nothing. A line from Qt (a warning, "Ambiguous shortcut
# overload", "QObject::..."), or anything else, fails the test that ran it.
QT_NOISE = re.compile(r"^(qt\.|QObject|QWidget|QAction|Qt |QPainter|QLayout)|Ambiguous shortcut|Warning", re.M)


def installed_program(name: str) -> Path:
    """The console script of this environment (the installed app, as a user starts it)."""
    program = Path(sys.executable).parent / name
    assert program.is_file(), f"{program} is not installed: pip install -e . first"
    return program


def wait_until(condition: Callable[[], object], what: str, timeout: float = WAIT_S) -> None:
    """Poll `condition` until it holds; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(POLL_S)


def database_holds(path: Path, sql: str, *params: object) -> bool:
    """Whether a query on the database (read while the app has it open: a WAL database is read through
    its shared-memory file, which a read-only connection could not open) returns a row."""
    if not path.exists():
        return False
    try:
        with closing(sqlite3.connect(path, timeout=1)) as connection:
            return connection.execute(sql, params).fetchone() is not None
    except sqlite3.OperationalError:  # not created yet, or busy for a moment
        return False


class RealApp:
    """One run of the installed app on a display, with a home folder of its own; output kept in files."""

    def __init__(self, *, display: str, home: Path, arguments: list[str]) -> None:
        self.display = display
        self.home = home
        self.env = {
            key: value for key, value in os.environ.items()
            if key not in ("QT_QPA_PLATFORM", "HOMELOG_DB") and not key.startswith("XDG_")
        }
        self.env.update(DISPLAY=display, HOME=str(home), QT_QPA_PLATFORM="xcb")
        self.stdout_path, self.stderr_path = home / "stdout.txt", home / "stderr.txt"
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(
                [str(installed_program("homelog-desktop")), "--bcrypt-cost", "4", *arguments],
                env=self.env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            )

    # X

    def xdotool(self, *arguments: str, timeout: float = WAIT_S) -> str:
        """Run xdotool on the app's display; its output."""
        done = subprocess.run(["xdotool", *arguments], env=self.env, capture_output=True, text=True,
                              timeout=timeout, check=False)
        return done.stdout.strip()

    def windows(self, title: str) -> list[str]:
        """The ids of the app's shown windows whose title matches the regular expression."""
        # --all: every condition must hold (xdotool's default is any of them).
        found = self.xdotool("search", "--all", "--onlyvisible", "--pid", str(self.process.pid), "--name", title)
        return found.split()

    def wait_for_window(self, title: str) -> str:
        """Wait until a window of this title shows and has the keyboard focus; its id."""
        wait_until(lambda: self.windows(title) or self.process.poll() is not None, f"a window “{title}”")
        assert self.process.poll() is None, f"the app ended: {self.output()}"
        # Typing starts once the window manager made that window the active one.
        wait_until(lambda: self.xdotool("getactivewindow") in self.windows(title), f"“{title}” to have the focus")
        return self.xdotool("getactivewindow")

    def wait_gone(self, window: str) -> None:
        """Wait until a window is no longer shown."""
        wait_until(lambda: window not in self.windows("."), f"window {window} to close")

    def type(self, text: str) -> None:
        """Type text into the focused window, key by key."""
        self.xdotool("type", "--delay", "15", text)

    def key(self, *keys: str) -> None:
        """Press keys (xdotool names: Tab, Return, Escape, ctrl+n...) in the focused window."""
        self.xdotool("key", "--delay", "15", *keys)

    # The process

    def wait_exit(self, timeout: float = WAIT_S) -> float:
        """Wait until the process ends; how long that took, in seconds."""
        started = time.monotonic()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the app still runs after {timeout} s: {self.output()}") from None
        return time.monotonic() - started

    def output(self) -> str:
        """What the app printed (stdout, then stderr)."""
        return self.stdout_path.read_text(errors="replace") + self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        """End the app if a failed test left it running."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
