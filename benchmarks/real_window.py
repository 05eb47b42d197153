"""The real main window for a benchmark, made as the app makes it (`create_application()`), with its
settings in a folder of its own and no sign-in (the generated databases have no administrator).

Import it after the QT_QPA_PLATFORM of the benchmark is set (each benchmark package sets it first).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QSettings, qInstallMessageHandler

from benchmarks.responsiveness.probes import LoopErrors, qt_message
from homelog_desktop.logs import configure_logging
from homelog_desktop.ui.app import create_application
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.sign_in import Admission

WAIT_TIMEOUT_S = 120.0


async def admit_without_sign_in(_parent: Any, _operations: Any, _workspace: Any) -> Admission:
    """A benchmark measures the table, not signing in: the generated database has no administrator."""
    return Admission(None)


@contextlib.contextmanager
def application(errors: list[str]) -> Iterator[qasync.QEventLoop]:
    """The QApplication and qasync loop as the app makes them; warnings and loop errors go to `errors`."""
    configure_logging("benchmark", log_file=False)
    logging.getLogger().addHandler(LoopErrors(errors))
    qInstallMessageHandler(qt_message)
    _app, loop = create_application()
    loop.set_exception_handler(lambda _loop, context: errors.append(str(context.get("message"))))
    with loop:
        yield loop


@contextlib.contextmanager
def main_window(*, bcrypt_cost: int = 12) -> Iterator[MainWindow]:
    """A MainWindow with settings of its own (not shown yet); deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="homelog-bench-settings-") as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(bcrypt_cost=bcrypt_cost, settings=settings, gate=admit_without_sign_in)
        try:
            yield window
        finally:
            window.deleteLater()


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait (polling with asyncio.sleep, never re-entering the loop) until `condition` holds."""
    deadline = time.perf_counter() + WAIT_TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.004)


async def open_database(window: MainWindow, path: Path) -> None:
    """Open the database in the window and wait until no page is being read any more."""
    errors: list[str] = []
    window.operations.failed.connect(errors.append)
    if not await window.session.open(path):
        raise RuntimeError(f"cannot open {path}: {errors[-1] if errors else 'not opened'}")
    model = window.model
    await until(lambda: not model.loading and not model.pending_pages, "the first page")


async def close_window(window: MainWindow) -> None:
    """Shut the window down in order (tasks, database) and close it."""
    await window.shutdown()
    window.close()
