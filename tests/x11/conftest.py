"""A real X server for the tests of this folder: Xvfb with the openbox window manager (the xcb platform,
standard key bindings, focus and activation as on a desktop), started once per session unless DISPLAY is
already set (as `.ci/xserver run --` sets it). Without the tools the tests are skipped, except under CI,
where that is a failure: run `.ci/xserver` once as root to install them."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")
SCREEN = "1366x768x24"
START_TIMEOUT_S = 20


def _free_display() -> int:
    for number in range(90, 190):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number between :90 and :189")


def _until(condition: object, what: str) -> None:
    """Poll a condition (a callable) until it holds, failing after START_TIMEOUT_S."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise RuntimeError(f"the X server did not come up: {what}")
        time.sleep(0.05)


def _window_manager_runs(display: str) -> bool:
    found = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], capture_output=True, text=True,
                           env=dict(os.environ, DISPLAY=display), check=False)
    return "window id" in found.stdout


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """The X display the app is started on."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"a real X server needs {', '.join(missing)}: run .ci/xserver once as root to install them"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    number = _free_display()
    name = f":{number}"
    folder = Path(tempfile.mkdtemp(prefix="homelog-x11-"))
    with open(folder / "xvfb.log", "wb") as xvfb_log, open(folder / "openbox.log", "wb") as wm_log:
        server = subprocess.Popen(["Xvfb", name, "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
                                  stdout=xvfb_log, stderr=subprocess.STDOUT)
        manager = None
        try:
            _until(lambda: Path(f"/tmp/.X11-unix/X{number}").exists() or server.poll() is not None, "Xvfb")
            if server.poll() is not None:
                raise RuntimeError((folder / "xvfb.log").read_text(errors="replace"))
            manager = subprocess.Popen(["openbox"], env=dict(os.environ, DISPLAY=name), stdout=wm_log,
                                       stderr=subprocess.STDOUT)
            _until(lambda: _window_manager_runs(name), "openbox")
            yield name
        finally:
            for process in (manager, server):
                if process is not None:
                    process.terminate()
                    process.wait(timeout=10)
            shutil.rmtree(folder, ignore_errors=True)



@pytest.fixture(autouse=True)
def one_app_on_the_display(display: str) -> Iterator[None]:
    """One test at a time on a display, whichever worker runs it (pytest-xdist): two apps driven at once
    would take the keyboard focus from each other. A lock on a file named after the display."""
    lock_path = Path(tempfile.gettempdir()) / f"homelog-tests-x11-{display.replace(':', '').replace('/', '_')}.lock"
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
