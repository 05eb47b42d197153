"""File > Database settings, New database, Open database and Sign out, driven through the window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.dialogs.database_settings import DatabaseSettingsDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD
from tests.helpers.sign_in import ADMIN, prepare, shown_emails, sign_in_as_admin, sign_in_with
from tests.helpers.ui import choose_file, error_shown, run, seed, select_email, settle, table_column, wait_for


def stored_hash(path: Path, email: str) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT hashed_password FROM user_passwords JOIN users ON users.id = user_id WHERE email = ?", (email,)
        ).fetchone()[0]


def test_the_hash_scheme_setting_changes_how_new_passwords_are_hashed(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    assert stored_hash(db_path, "ann@example.org").startswith("$2b$")
    window.action("database_settings").trigger()
    dialog = wait_for(qtbot, window, DatabaseSettingsDialog)
    dialog.scheme_combo.setCurrentIndex(dialog.scheme_combo.findData("argon2id"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert window.workspace is not None and window.workspace.hasher.scheme == "argon2id"
    assert "Argon2id" in window.statusBar().currentMessage()

    select_email(qtbot, window, "ann@example.org")
    window.action("set_password").trigger()
    password = wait_for(qtbot, window, PasswordDialog)
    password.password_field.setText("Another7pass")
    password.confirm_field.setText("Another7pass")
    qtbot.mouseClick(password.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_hash(db_path, "ann@example.org").startswith("$argon2id$"), timeout=10_000)
    settle(qtbot, window)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute(
            "SELECT value FROM homelog_desktop_settings WHERE key = 'password.scheme'"
        ).fetchone() == ("argon2id",)


def test_sign_out_hides_the_accounts_until_someone_signs_in(qtbot: QtBot, gated: MainWindow, db_path: Path) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    sign_in_as_admin(qtbot, gated, db_path, accounts=1)
    assert shown_emails(gated) == [ADMIN]
    gated.action("sign_out").trigger()
    dialog = wait_for(qtbot, gated, SignInDialog)
    assert gated.workspace is None and gated.model.rowCount() == 0
    sign_in_with(qtbot, dialog, ADMIN, GOOD_PASSWORD)
    qtbot.waitUntil(lambda: shown_emails(gated) == [ADMIN], timeout=10_000)


def test_new_database_creates_an_empty_file_and_switches_to_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    window.action("new_database").trigger()
    choose_file(qtbot, window, "databaseFileDialog", tmp_path / "household.db")
    qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.path.name == "household.db")
    settle(qtbot, window)
    assert table_column(window, 1) == [] and window.status.count_label.text() == "0 accounts"
    assert window.windowTitle().startswith("household.db")


def test_new_database_refuses_a_file_that_exists(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    window.action("new_database").trigger()
    choose_file(qtbot, window, "databaseFileDialog", db_path)
    qtbot.waitUntil(lambda: "already exists" in error_shown(window))
    assert "Use Open database" in error_shown(window)
    assert table_column(window, 1) == ["ann@example.org"]  # the open database stays


def test_open_database_switches_to_another_file(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    workspace = run(qtbot, Workspace.open(other, bcrypt_cost=4))
    run(qtbot, workspace.accounts.create("other@example.org", None))
    run(qtbot, workspace.close())
    window.action("open_database").trigger()
    choose_file(qtbot, window, "databaseFileDialog", other)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["other@example.org"])
    qtbot.waitUntil(lambda: window.settings.value("database/last") == str(other))  # once the old one closed


def test_open_database_never_makes_a_database_of_an_empty_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    """Issue 11: opening turned a 0-byte file into a database; only New database creates."""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    window.action("open_database").trigger()
    choose_file(qtbot, window, "databaseFileDialog", empty)
    qtbot.waitUntil(lambda: f"{empty} is not a HomeLog database (it is empty)." in error_shown(window))
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir() if "empty" in p.name) == [
        "empty.db"
    ]
    assert window.workspace is not None and window.workspace.path == db_path  # the open one stays
