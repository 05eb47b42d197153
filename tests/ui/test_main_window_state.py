"""Account state from the window: temporary passwords, disable/enable/unlock, and the database's hash
scheme setting, each checked in the database afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.database_settings_dialog import DatabaseSettingsDialog
from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.password_dialog import PasswordDialog
from tests.conftest import GOOD_PASSWORD
from tests.ui.conftest import run, wait_for
from tests.ui.test_main_window import seed, select_email, table_column

STATUS = 5  # the Status column


def stored_hash(path: Path, email: str) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT hashed_password FROM user_passwords JOIN users ON users.id = user_id WHERE email = ?", (email,)
        ).fetchone()[0]


def test_a_temporary_password_is_marked_must_change(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.action_set_password.trigger()
    dialog = wait_for(qtbot, window, PasswordDialog)
    assert dialog.temporary_check.isVisible() and not dialog.temporary_check.isChecked()
    dialog.password_field.setText(GOOD_PASSWORD)
    dialog.confirm_field.setText(GOOD_PASSWORD)
    dialog.temporary_check.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["Must change password"])
    assert window.workspace is not None
    account = window.selected_account()
    assert account is not None and account.must_change_password and account.has_password


def test_disable_enable_and_unlock_from_the_account_menu(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", None, GOOD_PASSWORD))
    select_email(qtbot, window, "bob@example.org")
    assert window.action_disable.isEnabled() and not window.action_enable.isEnabled()
    assert not window.action_unlock.isEnabled()
    window.action_disable.trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["", "Disabled"])
    select_email(qtbot, window, "bob@example.org")
    qtbot.waitUntil(window.action_enable.isEnabled)
    assert not window.action_disable.isEnabled()
    window.action_enable.trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["", ""])

    assert window.workspace is not None
    for attempt in range(5):  # as homelog-admin verify or a sign-in would
        run(qtbot, window.workspace.sign_in.sign_in("bob@example.org", f"Wrong7guess{attempt}"))
    window.action_refresh.trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS)[1].startswith("Locked until"), timeout=5000)
    select_email(qtbot, window, "bob@example.org")
    qtbot.waitUntil(window.action_unlock.isEnabled)
    window.action_unlock.trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["", ""])
    with sqlite3.connect(db_path) as connection:
        assert connection.execute(
            "SELECT failed_attempts, locked_until FROM homelog_desktop_account_state WHERE user_id = 2"
        ).fetchone() == (0, None)


def test_the_hash_scheme_setting_changes_how_new_passwords_are_hashed(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    assert stored_hash(db_path, "ann@example.org").startswith("$2b$")
    window.action_database_settings.trigger()
    dialog = wait_for(qtbot, window, DatabaseSettingsDialog)
    dialog.scheme_combo.setCurrentIndex(dialog.scheme_combo.findData("argon2id"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert window.workspace is not None and window.workspace.hasher.scheme == "argon2id"
    assert "Argon2id" in window.statusBar().currentMessage()

    select_email(qtbot, window, "ann@example.org")
    window.action_set_password.trigger()
    password = wait_for(qtbot, window, PasswordDialog)
    password.password_field.setText("Another7pass")
    password.confirm_field.setText("Another7pass")
    qtbot.mouseClick(password.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_hash(db_path, "ann@example.org").startswith("$argon2id$"), timeout=10_000)
    run(qtbot, window.wait_until_idle())
    with sqlite3.connect(db_path) as connection:
        assert connection.execute(
            "SELECT value FROM homelog_desktop_settings WHERE key = 'password.scheme'"
        ).fetchone() == ("argon2id",)
