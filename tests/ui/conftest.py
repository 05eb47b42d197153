"""UI fixtures: a qasync loop on pytest-qt's qapp (synchronous tests drive it through qtbot waits),
and a main window on a fresh database file."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.sign_in import Admission
from tests.conftest import TEST_BCRYPT_COST

T = TypeVar("T")
W = TypeVar("W", bound=QWidget)


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A qasync loop that runs whenever Qt's loop runs (qtbot.waitUntil, waitSignal...).

    Fails the test on any error the loop saw. Never calls loop.stop(): on an already-running qasync
    loop that calls QApplication.exit(), after which every later qtbot wait returns at once.
    """
    qapp.setQuitOnLastWindowClosed(False)
    event_loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(event_loop)
    errors: list[dict[str, Any]] = []
    event_loop.set_exception_handler(lambda _loop, context: errors.append(context))
    yield event_loop
    pending = [task for task in asyncio.all_tasks(event_loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        QtBot(qapp).waitUntil(lambda: all(task.done() for task in pending), timeout=5000)
    event_loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    asyncio.events._set_running_loop(None)
    event_loop.close()
    asyncio.set_event_loop(None)
    assert not errors, f"the event loop reported errors: {errors}"


def run(qtbot: QtBot, coroutine: Coroutine[Any, Any, T], timeout: int = 10_000) -> T:
    """Run a coroutine on the qasync loop from a synchronous test and return its result."""
    task = asyncio.get_event_loop().create_task(coroutine)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def visible(parent: QWidget, kind: type[W], name: str | None = None) -> W | None:
    """The visible child widget of this type (and objectName), if any."""
    for widget in parent.findChildren(kind):
        if widget.isVisible() and (name is None or widget.objectName() == name):
            return widget
    return None


def wait_for(qtbot: QtBot, parent: QWidget, kind: type[W], name: str | None = None) -> W:
    """Wait until a child widget of this type is shown, and return it."""
    qtbot.waitUntil(lambda: visible(parent, kind, name) is not None, timeout=5000)
    found = visible(parent, kind, name)
    assert found is not None
    return found


async def admit_without_sign_in(_parent: QWidget, _workspace: Workspace) -> Admission:
    """The gate of windows in tests of everything but signing in (tests/ui/test_sign_in.py covers that):
    the accounts are shown at once, and nobody is recorded as the acting administrator."""
    return Admission(None)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a file of the test's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    """The main window, shown, with a fresh database open; shut down in order afterwards."""
    main_window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    # Not qtbot.addWidget: that may delete the window before this fixture has shut it down.
    main_window.show()
    assert run(qtbot, main_window.open_database(db_path))
    run(qtbot, main_window.wait_until_idle())
    yield main_window
    run(qtbot, main_window.shutdown())
    main_window.close()
    main_window.deleteLater()
