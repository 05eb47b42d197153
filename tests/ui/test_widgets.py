"""Widget helpers: a label's stylesheet role, password fields with a show/hide toggle, form fields."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account_validation import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH
from homelog_desktop.ui.widgets import email_field, hint_label, name_field, password_field, set_role


def test_the_password_toggle_shows_and_hides_what_was_typed(qtbot: QtBot) -> None:
    field = password_field("secret")
    qtbot.addWidget(field)
    toggle = field.findChild(QAction, "secretToggle")
    assert field.echoMode() == QLineEdit.EchoMode.Password and toggle.toolTip() == "Show the password"
    toggle.setChecked(True)
    assert field.echoMode() == QLineEdit.EchoMode.Normal and toggle.toolTip() == "Hide the password"
    toggle.setChecked(False)
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert field.property("lockWhileBusy")


def test_fields_take_one_character_more_than_allowed_so_a_long_paste_is_reported(qtbot: QtBot) -> None:
    email, name = email_field("e"), name_field("n")
    assert email.maxLength() == EMAIL_MAX_LENGTH + 1 and name.maxLength() == USERNAME_MAX_LENGTH + 1
    assert email.placeholderText() == "name@example.org" and name.placeholderText() == "optional"


def test_set_role_restyles_only_when_the_role_changes(qtbot: QtBot) -> None:
    label = hint_label("status")
    qtbot.addWidget(label)
    assert isinstance(label, QLabel) and label.property("role") == "hint" and label.wordWrap()
    set_role(label, "error")
    assert label.property("role") == "error"
    set_role(label, "error")  # the same again: nothing to do
    assert label.property("role") == "error"
