"""Choose a new password: the password dialog, saying why it is asked, never offering "temporary"."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.new_password import INTRO, NewPasswordDialog


def test_it_says_why_a_new_password_is_needed(qtbot: QtBot) -> None:
    dialog = NewPasswordDialog(
        parent=None, account_label="ann@example.org", scheme="bcrypt", user_inputs=("ann@example.org", "Ann")
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Choose a new password"
    assert dialog.findChild(QLabel, "introLabel").text() == INTRO
    assert not dialog.temporary_check.isVisible() and not dialog.temporary()
