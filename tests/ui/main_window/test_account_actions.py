"""Account > New, Edit, Delete and Edit > Undo / Redo, driven through the window: the forms keep what
was typed after a refusal, stale edits and deletes are refused, deletes are audited and can be undone."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.homelog_schema import sample_homelog_database
from tests.helpers.ui import (
    admit_without_sign_in,
    backend_sql,
    error_shown,
    run,
    seed,
    select_email,
    table_column,
    visible,
    wait_for,
)


def test_create_account_through_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for(qtbot, window, AccountDialog)
    qtbot.keyClicks(dialog.email_field, "  new@example.org ")
    qtbot.keyClicks(dialog.name_field, "New Person")
    qtbot.keyClick(dialog.name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["new@example.org"])
    qtbot.waitUntil(lambda: window.table.selected_account() is not None)
    assert window.table.selected_account().email == "new@example.org"  # type: ignore[union-attr]
    assert table_column(window, 2) == ["New Person"]
    assert visible(window, AccountDialog) is None


def test_duplicate_email_keeps_the_dialog_open_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    window.action("new_user").trigger()
    dialog = wait_for(qtbot, window, AccountDialog)
    qtbot.keyClicks(dialog.email_field, "ANN@Example.org")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "already exists" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.email_field.text() == "ANN@Example.org"
    assert window.workspace is not None and run(qtbot, window.workspace.accounts.count()) == 1
    dialog.reject()
    qtbot.waitUntil(lambda: visible(window, AccountDialog) is None)


@pytest.mark.parametrize(
    ("email", "name", "hint"),
    [
        ("not-an-email", "", "not a valid email address"),
        ("a" * 150 + "@example.org", "", "longer than 160"),
        ("ok@example.org", "n" * 61, "longer than 60"),
    ],
)
def test_invalid_input_disables_save(qtbot: QtBot, window: MainWindow, email: str, name: str, hint: str) -> None:
    window.action("new_user").trigger()
    dialog = wait_for(qtbot, window, AccountDialog)
    dialog.email_field.setText(email)
    dialog.name_field.setText(name)
    assert not dialog.ok_button.isEnabled()
    hints = dialog.email_hint.text() + dialog.name_hint.text()
    assert hint in hints
    qtbot.keyClick(dialog.email_field, Qt.Key.Key_Return)  # Enter does nothing while invalid
    assert dialog.isVisible()
    dialog.reject()
    assert window.workspace is not None and run(qtbot, window.workspace.accounts.count()) == 0


def test_edit_account_with_f2(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    dialog = wait_for(qtbot, window, AccountDialog)
    assert dialog.email_field.text() == "ann@example.org"
    dialog.name_field.setText("Ann Lee")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 2) == ["Ann Lee"])


def test_an_edit_based_on_stale_data_is_refused_and_the_form_kept(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.action("edit_user").trigger()
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


def test_delete_asks_naming_the_account(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", None, None))
    select_email(qtbot, window, "ann@example.org")
    window.action("delete_user").trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    assert "ann@example.org" in box.text() and "Its password is deleted with it." in box.informativeText()
    box.reject()  # Cancel keeps it
    qtbot.waitUntil(lambda: visible(window, QMessageBox, "confirmDelete") is None)
    assert table_column(window, 1) == ["ann@example.org", "bob@example.org"]

    qtbot.waitUntil(window.action("delete_user").isEnabled)  # given back once its flow has ended
    window.action("delete_user").trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org"])
    assert window.status.count_label.text() == "1 account"

    select_email(qtbot, window, "bob@example.org")  # no password: the question does not speak of one
    qtbot.waitUntil(window.action("delete_user").isEnabled)
    window.action("delete_user").trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    assert "bob@example.org" in box.text() and "password" not in box.informativeText()
    box.reject()


def test_a_delete_based_on_stale_data_is_refused(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    seed(qtbot, window, ("bob@example.org", "Bob", None))
    select_email(qtbot, window, "bob@example.org")
    backend_sql(db_path, "UPDATE users SET email = 'robert@example.org' WHERE id = 1")
    window.action("delete_user").trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "changed elsewhere" in error_shown(window))
    assert "robert@example.org" in error_shown(window)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["robert@example.org"])  # the table shows what is there


def test_a_delete_in_the_window_is_in_the_audit_trail(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None), ("bob@example.org", None, None))
    select_email(qtbot, window, "bob@example.org")
    window.action("delete_user").trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org"])
    assert window.workspace is not None
    history = run(qtbot, window.workspace.audit.recent_history())
    assert [(entry.action, entry.target_email) for entry in history][:1] == [("delete", "bob@example.org")]
    assert run(qtbot, window.workspace.audit.verify_chain())[0]


def owners(path: Path) -> list[int | None]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT owner_id FROM data_sources ORDER BY id")]


def test_delete_names_dependents_and_can_be_undone_and_redone(
    qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path, settings: QSettings
) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    try:
        assert run(qtbot, window.session.open(path))
        qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org", "bob@example.org"])
        select_email(qtbot, window, "ann@example.org")
        assert not window.action("undo").isEnabled()
        window.action("delete_user").trigger()
        box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
        assert "owns 1 data source and created 1 reading" in box.informativeText()
        assert "undo" in box.informativeText()
        qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org"])
        assert owners(path) == [None]
        assert window.action("undo").isEnabled() and window.action("undo").text() == "&Undo Delete ann@example.org"

        window.activateWindow()  # the confirmation box was the active window
        qtbot.waitUntil(window.isActiveWindow)
        window.table.setFocus()  # in the search field, Ctrl+Z undoes typing instead
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org", "bob@example.org"])
        assert owners(path) == [1]
        assert table_column(window, 3) == ["set", "none"]  # the password came back too
        qtbot.waitUntil(lambda: window.table.selected_account() is not None)
        assert window.table.selected_account().email == "ann@example.org"  # type: ignore[union-attr]

        window.action("redo").trigger()
        qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org"])
        assert owners(path) == [None]
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()
