"""Driving the UI from synchronous tests: run a coroutine on the qasync loop, find shown widgets, wait
until the window or a view has settled, a gate that admits without a sign-in, and the table's rows."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.sign_in import Admission
from homelog_desktop.ui.views.base import ReadView

T = TypeVar("T")
W = TypeVar("W", bound=QWidget)


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


def wait_for(qtbot: QtBot, parent: QWidget, kind: type[W], name: str | None = None, *, timeout: int = 5000) -> W:
    """Wait until a child widget of this type is shown, and return it."""
    qtbot.waitUntil(lambda: visible(parent, kind, name) is not None, timeout=timeout)
    found = visible(parent, kind, name)
    assert found is not None
    return found


def error_shown(window: QWidget) -> str:
    """The text of the window's error message box, "" while none is shown."""
    box = visible(window, QMessageBox, "errorMessage")
    return box.text() if box is not None else ""


def settle(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> None:
    """Wait until the window is quiet: no operation runs, and the table reads no rows."""
    model = window.model
    qtbot.waitUntil(
        lambda: not model.loading and not model.pending_pages and not window.operations.running, timeout=timeout
    )


def settle_view(qtbot: QtBot, view: ReadView, timeout: int = 10_000) -> None:
    """Wait until a view has read what it was asked to (a filter waiting for a typing pause included)."""
    qtbot.waitUntil(lambda: not view.busy, timeout=timeout)


async def admit_without_sign_in(_parent: QWidget, _operations: Operations, _workspace: Workspace) -> Admission:
    """The gate of windows in tests of everything but signing in (tests/ui/test_sign_in.py covers that):
    the accounts are shown at once, and nobody is recorded as the acting administrator."""
    return Admission(None)


def table_column(window: MainWindow, column: int) -> list[str]:
    """The texts of one column of the accounts table, top to bottom."""
    model = window.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def seed(qtbot: QtBot, window: MainWindow, *accounts: tuple[str, str | None, str | None]) -> None:
    """Create (email, name, password) accounts through the window's services, then let the table show them."""
    assert window.workspace is not None
    for email, name, password in accounts:
        run(qtbot, window.workspace.accounts.create(email, name, password))
    run(qtbot, window.table.refresh())
    settle(qtbot, window)


def select_email(qtbot: QtBot, window: MainWindow, email: str) -> None:
    """Select the row of this account, and wait until the window knows it is selected."""
    row = table_column(window, 1).index(email)
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.table.selected_account() is not None)


def backend_sql(db_path: Path, sql: str, *params: object) -> None:
    """A write by home-log's backend (another program, another connection)."""
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute(sql, params)


def choose_file(qtbot: QtBot, window: QWidget, name: str, path: Path) -> None:
    """Pick `path` in the (non-native) file dialog of this objectName, as a user typing it would."""
    dialog = wait_for(qtbot, window, QFileDialog, name)
    dialog.selectFile(str(path))
    # selectFile leaves the file name field alone while it has the focus (as in a shown save dialog).
    name_field = dialog.findChild(QLineEdit, "fileNameEdit")
    if name_field is not None:
        name_field.setText(str(path))
    assert dialog.selectedFiles() == [str(path)]
    dialog.accept()
