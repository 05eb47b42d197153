"""The main window driven through its widgets: every account action, search, sort, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.account_dialog import AccountDialog
from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.password_dialog import CheckPasswordDialog, PasswordDialog
from tests.conftest import GOOD_PASSWORD
from tests.ui.conftest import run, visible, wait_for


def seed(qtbot: QtBot, window: MainWindow, *accounts: tuple[str, str | None, str | None]) -> None:
    """Create accounts through the window's service, then let the table show them."""
    assert window.workspace is not None
    for email, name, password in accounts:
        run(qtbot, window.workspace.accounts.create(email, name, password))
    run(qtbot, window.refresh())
    run(qtbot, window.wait_until_idle())


def table_column(window: MainWindow, column: int) -> list[str]:
    model = window.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def select_email(qtbot: QtBot, window: MainWindow, email: str) -> None:
    row = table_column(window, 1).index(email)
    window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.selected_account() is not None)


def test_shows_accounts_with_password_state(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", None, None))
    assert table_column(window, 1) == ["ann@example.org", "bob@example.org"]
    assert table_column(window, 2) == ["Ann", ""]
    assert table_column(window, 3) == ["set", "none"]
    assert window.count_label.text() == "2 accounts"


def test_actions_need_a_selection(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    window.table.clearSelection()
    assert not window.action_delete_user.isEnabled()
    assert not window.action_edit_user.isEnabled()
    assert window.action_new_user.isEnabled()
    select_email(qtbot, window, "ann@example.org")
    assert window.action_delete_user.isEnabled()
    assert not window.action_check_password.isEnabled()  # no password to check


def test_create_account_through_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for(qtbot, window, AccountDialog)
    qtbot.keyClicks(dialog.email_field, "  new@example.org ")
    qtbot.keyClicks(dialog.name_field, "New Person")
    qtbot.keyClick(dialog.name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["new@example.org"])
    qtbot.waitUntil(lambda: window.selected_account() is not None)
    assert window.selected_account().email == "new@example.org"  # type: ignore[union-attr]
    assert table_column(window, 2) == ["New Person"]
    assert visible(window, AccountDialog) is None


def test_duplicate_email_keeps_the_dialog_open_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    window.action_new_user.trigger()
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
    window.action_new_user.trigger()
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


def test_delete_asks_naming_the_account(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", None, None))
    select_email(qtbot, window, "ann@example.org")
    window.action_delete_user.trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    assert "ann@example.org" in box.text()
    box.reject()  # Cancel keeps it
    qtbot.waitUntil(lambda: visible(window, QMessageBox, "confirmDelete") is None)
    assert table_column(window, 1) == ["ann@example.org", "bob@example.org"]

    window.action_delete_user.trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org"])
    assert window.count_label.text() == "1 account"


def test_set_password_checklist_and_save(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.action_set_password.trigger()
    dialog = wait_for(qtbot, window, PasswordDialog)
    qtbot.keyClicks(dialog.password_field, "weak")
    assert not dialog.ok_button.isEnabled()
    unmet = [label.text() for label in dialog.rule_labels if label.text().startswith("✗")]
    assert any("7 characters" in text for text in unmet) and any("digit" in text for text in unmet)
    dialog.password_field.setText("É" * 36 + "a1")  # 74 bytes in UTF-8, 38 characters
    assert any("72 bytes" in label.text() and label.text().startswith("✗") for label in dialog.rule_labels)
    assert not dialog.ok_button.isEnabled()
    dialog.password_field.setText(GOOD_PASSWORD)
    dialog.confirm_field.setText(GOOD_PASSWORD + "x")
    assert "do not match" in dialog.match_label.text() and not dialog.ok_button.isEnabled()
    dialog.confirm_field.setText(GOOD_PASSWORD)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 3) == ["set"])
    assert window.workspace is not None
    assert run(qtbot, window.workspace.accounts.check_password(1, GOOD_PASSWORD))


def test_remove_and_check_password(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    select_email(qtbot, window, "ann@example.org")
    window.action_check_password.trigger()
    dialog = wait_for(qtbot, window, CheckPasswordDialog)
    dialog.password_field.setText("Wrong7pass")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not the account's password" in dialog.result_label.text())
    dialog.password_field.setText(GOOD_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is the account's password" in dialog.result_label.text())
    dialog.reject()
    qtbot.waitUntil(lambda: visible(window, CheckPasswordDialog) is None)

    window.action_remove_password.trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmRemovePassword")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 3) == ["none"])
    assert not window.action_check_password.isEnabled()


def test_search_filters_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    seed(
        qtbot, window,
        ("ann@example.org", "Ann", None), ("bob@example.org", "Bobby", None), ("carl@home.net", "Annika", None),
    )
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "ANN")
    qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org", "carl@home.net"])
    assert window.count_label.text() == "2 of 3 accounts match “ANN”"
    window.search_field.setText("nobody")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.empty_label.isVisible() and "No account matches" in window.empty_label.text()
    window.search_field.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)


def test_sort_by_clicking_a_header(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("b@example.org", "Zed", None), ("c@example.org", "amy", None), ("a@example.org", None, None))
    header = window.table.horizontalHeader()
    name_section = QPoint(header.sectionViewportPosition(2) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_section)
    qtbot.waitUntil(lambda: table_column(window, 2) == ["", "amy", "Zed"])
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["c@example.org", "b@example.org", "a@example.org"])


def test_refresh_shows_changes_from_elsewhere(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    from homelog_desktop.services.workspace import Workspace

    other = run(qtbot, Workspace.open(db_path, bcrypt_cost=4))
    run(qtbot, other.accounts.create("outside@example.org", None, None))
    run(qtbot, other.close())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["outside@example.org"])


def test_opening_a_file_that_is_not_a_database_shows_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", None, None))
    junk = tmp_path / "notes.db"
    junk.write_text("just some text, not SQLite\n")
    assert not run(qtbot, window.open_database(junk))
    box = wait_for(qtbot, window, QMessageBox, "errorMessage")
    assert "not a HomeLog database" in box.text()
    assert junk.read_text() == "just some text, not SQLite\n"
    box.accept()
    # The database that was open stays open and usable.
    assert table_column(window, 1) == ["ann@example.org"]
    assert window.workspace is not None and window.workspace.path.name != "notes.db"


def test_remembers_geometry_and_last_database(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    window.close()
    assert window.settings.value("database/last") == str(db_path)
    assert window.settings.value("window/geometry")
