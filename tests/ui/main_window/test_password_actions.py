"""Account > Set password, Remove password, Check password, driven through the window: the rules
checklist, temporary passwords, and checks that count like sign-ins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.check_password import CheckPasswordDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD
from tests.helpers.ui import run, seed, select_email, table_column, visible, wait_for

STATUS = 5  # the Status column


def test_repeated_wrong_checks_lock_the_account(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    select_email(qtbot, window, "ann@example.org")
    window.action("check_password").trigger()
    dialog = wait_for(qtbot, window, CheckPasswordDialog)
    for attempt in range(5):
        dialog.password_field.setText(f"Wrong7guess{attempt}")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "not the account's password" in dialog.result_label.text())
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "locked" in dialog.error_label.text().lower()
    dialog.password_field.setText(GOOD_PASSWORD)  # even the right one, while locked
    dialog.error_label.hide()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and "locked" in dialog.error_label.text().lower())
    assert "is the account's password" not in dialog.result_label.text()
    dialog.reject()


def test_set_password_checklist_and_save(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.action("set_password").trigger()
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
    window.action("check_password").trigger()
    dialog = wait_for(qtbot, window, CheckPasswordDialog)
    dialog.password_field.setText("Wrong7pass")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not the account's password" in dialog.result_label.text())
    dialog.password_field.setText(GOOD_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is the account's password" in dialog.result_label.text())
    dialog.reject()
    qtbot.waitUntil(lambda: visible(window, CheckPasswordDialog) is None)

    window.action("remove_password").trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmRemovePassword")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 3) == ["none"])
    assert not window.action("check_password").isEnabled()


def test_a_temporary_password_is_marked_must_change(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.action("set_password").trigger()
    dialog = wait_for(qtbot, window, PasswordDialog)
    assert dialog.temporary_check.isVisible() and not dialog.temporary_check.isChecked()
    dialog.password_field.setText(GOOD_PASSWORD)
    dialog.confirm_field.setText(GOOD_PASSWORD)
    dialog.temporary_check.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["Must change password"])
    assert window.workspace is not None
    account = window.table.selected_account()
    assert account is not None and account.must_change_password and account.has_password
