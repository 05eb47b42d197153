"""The window with other editors around: conflicts, outside changes, read-only files."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.account_dialog import AccountDialog
from homelog_desktop.ui.main_window import MainWindow
from tests.conftest import TEST_BCRYPT_COST
from tests.ui.conftest import admit_without_sign_in, run, visible, wait_for
from tests.ui.test_main_window import seed, select_email, table_column


def backend_sql(db_path: Path, sql: str, *params: object) -> None:
    """A write by home-log's backend (another program, another connection)."""
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute(sql, params)


def test_an_edit_based_on_stale_data_is_refused_and_the_form_kept(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.action_edit_user.trigger()
    dialog = wait_for(qtbot, window, AccountDialog)
    backend_sql(db_path, "UPDATE users SET username = 'Annie' WHERE email = 'ann@example.org'")
    dialog.name_field.setText("Ann Lee")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "changed elsewhere" in dialog.error_label.text() and "Annie" in dialog.error_label.text()
    assert dialog.name_field.text() == "Ann Lee"  # nothing the user typed is lost
    assert window.workspace is not None and run(qtbot, window.workspace.accounts.get(1)).username == "Annie"
    # Saving again, now knowing what is there, overwrites it.
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 2) == ["Ann Lee"])
    assert visible(window, AccountDialog) is None


def test_a_delete_based_on_stale_data_is_refused(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    seed(qtbot, window, ("bob@example.org", "Bob", None))
    select_email(qtbot, window, "bob@example.org")
    backend_sql(db_path, "UPDATE users SET email = 'robert@example.org' WHERE id = 1")
    window.action_delete_user.trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "changed elsewhere" in window.last_error)
    assert "robert@example.org" in window.last_error
    qtbot.waitUntil(lambda: table_column(window, 1) == ["robert@example.org"])  # the table shows what is there


def test_outside_changes_appear_without_refresh_keeping_the_selection(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None), ("bob@example.org", "Bob", None))
    select_email(qtbot, window, "bob@example.org")
    backend_sql(db_path, "INSERT INTO users (email, created_at) VALUES ('aaa@example.org', '2026-01-01')")
    window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["aaa@example.org", "ann@example.org", "bob@example.org"],
                    timeout=8000)
    qtbot.waitUntil(lambda: window.selected_account() is not None)
    assert window.selected_account().email == "bob@example.org"  # type: ignore[union-attr]


def test_a_read_only_database_can_be_browsed_but_not_changed(
    qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, settings: QSettings
) -> None:
    workspace = run(qtbot, Workspace.open(db_path, bcrypt_cost=TEST_BCRYPT_COST))
    run(qtbot, workspace.accounts.create("ann@example.org", "Ann"))
    run(qtbot, workspace.close())
    checksum = db_path.read_bytes()
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    try:
        workspace = run(qtbot, Workspace.open(db_path, read_only=True))
        run(qtbot, workspace.close())
        window.workspace = None
        # The window opens it read-only as it would a file it cannot write.
        opened = run(qtbot, _open_read_only(window, db_path))
        assert opened and window.workspace is not None and window.workspace.read_only
        qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org"])
        select_email(qtbot, window, "ann@example.org")
        assert not window.action_new_user.isEnabled()
        assert not window.action_delete_user.isEnabled() and not window.action_set_password.isEnabled()
        assert "read-only" in window.action_delete_user.toolTip()
        assert "(read-only)" in window.windowTitle()
        assert window.search_field.isEnabled()  # browsing still works
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()
    assert db_path.read_bytes() == checksum


async def _open_read_only(window: MainWindow, path: Path) -> bool:
    workspace = await Workspace.open(path, bcrypt_cost=TEST_BCRYPT_COST, read_only=True)
    window.workspace = workspace
    window.model.set_service(workspace.accounts)
    window._update_title()
    window._model_changed()
    return True
