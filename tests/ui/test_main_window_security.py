"""The window's writes go to the audit trail, and its password checks count like sign-ins."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.password_dialog import CheckPasswordDialog
from tests.conftest import GOOD_PASSWORD
from tests.ui.conftest import run, wait_for
from tests.ui.test_main_window import seed, select_email, table_column


def test_a_delete_in_the_window_is_in_the_audit_trail(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None), ("bob@example.org", None, None))
    select_email(qtbot, window, "bob@example.org")
    window.action_delete_user.trigger()
    box = wait_for(qtbot, window, QMessageBox, "confirmDelete")
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org"])
    assert window.workspace is not None
    history = run(qtbot, window.workspace.audit.recent_history())
    assert [(entry.action, entry.target_email) for entry in history][:1] == [("delete", "bob@example.org")]
    assert run(qtbot, window.workspace.audit.verify_chain())[0]


def test_repeated_wrong_checks_lock_the_account(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    select_email(qtbot, window, "ann@example.org")
    window.action_check_password.trigger()
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
