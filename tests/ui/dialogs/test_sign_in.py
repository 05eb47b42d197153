"""The sign-in dialog on its own: what it asks, where the cursor starts, and that a refusal or closing
leaves no password behind."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.sign_in import SignInDialog


def test_credentials_are_trimmed_and_a_refusal_clears_the_password(qtbot: QtBot) -> None:
    dialog = SignInDialog(parent=None, database_name="home.db")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Sign in — home.db" and dialog.ok_button.text() == "Sign in"
    assert not dialog.ok_button.isEnabled()
    dialog.email_field.setText("  ann@example.org ")
    dialog.password_field.setText(" Secret7pass ")
    assert dialog.ok_button.isEnabled()
    assert dialog.credentials() == ("ann@example.org", " Secret7pass ")  # a password is taken as typed
    dialog.show_error("Wrong email or password.")
    assert dialog.error_label.text() == "Wrong email or password." and dialog.password_field.text() == ""
    assert dialog.email_field.text() == "  ann@example.org "
    dialog.password_field.setText("Again7pass")
    dialog.reject()
    assert dialog.password_field.text() == ""


def test_a_known_email_puts_the_cursor_in_the_password(qtbot: QtBot) -> None:
    dialog = SignInDialog(parent=None, database_name="home.db", email="ann@example.org")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.password_field.hasFocus()
