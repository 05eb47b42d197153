"""A form closed (Escape) while its save runs: a refusal that arrives afterwards is still said, in the window
instead of the form, and is not a bug (it once touched the deleted form: "unexpected error")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.ui import seed, select_email, settle, table_column, wait_for


def test_a_refusal_after_the_form_was_closed_is_said_in_the_window(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.action("edit_user").trigger()
    dialog = wait_for(qtbot, window, AccountDialog)
    failures: list[str] = []
    window.operations.failed.connect(failures.append)
    # Another program changes ann and holds its write lock a while: the form's save waits for it.
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE users SET username = 'Annie' WHERE email = 'ann@example.org'")
        dialog.name_field.setText("Ann Lee")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.ok_button.isEnabled())  # saving
        dialog.reject()  # Escape while the save waits
        other.execute("COMMIT")
    finally:
        other.close()
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert "was changed elsewhere since you opened it" in failures[0]
    settle(qtbot, window)
    qtbot.waitUntil(lambda: table_column(window, 2) == ["Annie"])
