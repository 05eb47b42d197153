"""Widget helpers: a label's stylesheet role, password fields with a show/hide toggle, form fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account_validation import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH
from homelog_desktop.ui.dialogs.export import ExportDialog
from homelog_desktop.ui.widgets import (
    email_field,
    hint_label,
    keep_on_screen,
    name_field,
    password_field,
    set_role,
    title_width,
)


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


def test_a_dialog_is_wide_enough_for_its_whole_title_and_kept_on_its_screen(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent=parent, scope="Exports the 3 accounts, sorted by ID, as shown.")
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.width() >= min(title_width(dialog), area.width())  # once "Export accou...Log Desktop"
    assert area.contains(dialog.frameGeometry())
    too_big = QWidget()
    qtbot.addWidget(too_big)
    too_big.resize(area.width() + 300, area.height() + 300)
    too_big.show()
    keep_on_screen(too_big)
    assert too_big.width() <= area.width() and too_big.height() <= area.height()


def test_the_eye_of_a_password_field_is_a_button_of_its_own(qtbot: QtBot) -> None:
    field = password_field("secret")
    qtbot.addWidget(field)
    button = field.findChild(QToolButton, "secretToggleButton")
    assert button is not None and button.defaultAction() is field.findChild(QAction, "secretToggle")
    assert button.focusPolicy() == Qt.FocusPolicy.TabFocus and button.accessibleName() == "Show password"
    button.click()
    assert field.echoMode() == QLineEdit.EchoMode.Normal and button.accessibleName() == "Hide password"
