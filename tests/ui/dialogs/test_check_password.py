"""The check-password dialog on its own: it says whether the last check matched, forgets that as soon as
the password is edited, and keeps no password once closed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.check_password import CheckPasswordDialog


def test_the_result_shows_in_words_and_role_and_is_forgotten_on_typing(qtbot: QtBot) -> None:
    dialog = CheckPasswordDialog(parent=None, account_label="ann@example.org (Ann)")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Check password of ann@example.org (Ann)"
    assert dialog.ok_button.text() == "Check" and dialog.cancel_button.text() == "Close"
    assert not dialog.ok_button.isEnabled()
    dialog.password_field.setText("Guess7wrong")
    assert dialog.ok_button.isEnabled() and dialog.password() == "Guess7wrong"
    dialog.show_result(False)
    assert dialog.result_label.text() == "✗  This is not the account's password."
    assert dialog.result_label.property("role") == "unmet"
    dialog.show_result(True)
    assert dialog.result_label.property("role") == "met" and "is the account's password" in dialog.result_label.text()
    dialog.password_field.setText("Other7guess")
    assert dialog.result_label.text() == "Type a password and press Check."
    assert dialog.result_label.property("role") == ""
    dialog.reject()
    assert dialog.password_field.text() == ""
