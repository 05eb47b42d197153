"""Delete with dependents and Edit > Undo / Redo in the window."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window import MainWindow
from tests.conftest import TEST_BCRYPT_COST
from tests.data.test_schema import home_log_database
from tests.ui.conftest import admit_without_sign_in, run, wait_for
from tests.ui.test_main_window import select_email, table_column


def owners(path: Path) -> list[int | None]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT owner_id FROM data_sources ORDER BY id")]


def test_delete_names_dependents_and_can_be_undone_and_redone(
    qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path, settings: QSettings
) -> None:
    path = home_log_database(tmp_path / "home-log.db")
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    try:
        assert run(qtbot, window.open_database(path))
        qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org", "bob@example.org"])
        select_email(qtbot, window, "ann@example.org")
        assert not window.action_undo.isEnabled()
        window.action_delete_user.trigger()
        box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
        assert "owns 1 data source and created 1 reading" in box.informativeText()
        assert "undo" in box.informativeText()
        qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org"])
        assert owners(path) == [None]

        window.activateWindow()  # the confirmation box was the active window
        qtbot.waitUntil(window.isActiveWindow)
        window.table.setFocus()  # in the search field, Ctrl+Z undoes typing instead
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org", "bob@example.org"])
        assert owners(path) == [1]
        assert table_column(window, 3) == ["set", "none"]  # the password came back too
        qtbot.waitUntil(lambda: window.selected_account() is not None)
        assert window.selected_account().email == "ann@example.org"  # type: ignore[union-attr]

        window.action_redo.trigger()
        qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org"])
        assert owners(path) == [None]
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()
