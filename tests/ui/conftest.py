"""UI fixtures: a qasync loop on pytest-qt's qapp (synchronous tests drive it through qtbot waits),
and a main window on a fresh database file. Helpers to drive them are in tests/helpers/ui.py."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.translation import install_language
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.template_database import fresh_database_file
from tests.helpers.ui import admit_without_sign_in, run, settle


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> None:
    """The window speaks English in tests (as the app does on an English system) unless a test chooses."""
    install_language("en")


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
    assert run(qtbot, main_window.session.open(fresh_database_file(db_path)))
    settle(qtbot, main_window)
    yield main_window
    run(qtbot, main_window.shutdown())
    main_window.close()
    main_window.deleteLater()


@pytest.fixture
def gated(qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings) -> Iterator[MainWindow]:
    """A shown window with the real sign-in gate and no database open yet."""
    gated_window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings)
    gated_window.show()
    yield gated_window
    run(qtbot, gated_window.shutdown())
    gated_window.close()
    gated_window.deleteLater()
