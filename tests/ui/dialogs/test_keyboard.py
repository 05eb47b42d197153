"""Every form dialog, with the keyboard alone: the cursor starts in the first field, Tab goes through the
fields before the buttons, Enter means the default button (also after a failed attempt and after the busy
state), Escape cancels, an error is shown next to the field to fix and goes once it is edited, and never
squeezes the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.services.accounts import Account
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.dialogs.check_password import CheckPasswordDialog
from homelog_desktop.ui.dialogs.database_settings import DatabaseSettingsDialog
from homelog_desktop.ui.dialogs.first_run import FirstRunDialog
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.dialogs.new_password import NewPasswordDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from tests.conftest import GOOD_PASSWORD

MOMENT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
BOB = Account(id=4, email="bob@example.org", username="Bob", has_password=True, created_at=MOMENT,
              updated_at=MOMENT)

# Each form dialog, and the objectName of the field the cursor starts in.
DIALOGS: dict[str, tuple[Callable[[], FormDialog], str]] = {
    "new account": (lambda: AccountDialog(parent=None), "emailField"),
    "edit account": (lambda: AccountDialog(parent=None, account=BOB), "emailField"),
    "sign in": (lambda: SignInDialog(parent=None, database_name="home.db"), "signInEmail"),
    "first run": (
        lambda: FirstRunDialog(parent=None, database_name="home.db", has_accounts=False, scheme="bcrypt"),
        "firstRunEmail",
    ),
    "set password": (lambda: PasswordDialog(parent=None, account_label="ann@example.org"), "passwordField"),
    "new password": (
        lambda: NewPasswordDialog(parent=None, account_label="ann@example.org", scheme="bcrypt", user_inputs=()),
        "passwordField",
    ),
    "check password": (lambda: CheckPasswordDialog(parent=None, account_label="ann@example.org"), "checkField"),
    "database settings": (
        lambda: DatabaseSettingsDialog(parent=None, scheme="bcrypt", explicitly_set=False, holds_argon2=False),
        "schemeCombo",
    ),
}


def shown(qtbot: QtBot, make: Callable[[], FormDialog]) -> FormDialog:
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_round(qtbot: QtBot, dialog: QDialog) -> list[QWidget]:
    """Every widget Tab reaches, from where the cursor is until it comes back there."""
    start = focused()
    visited = [start]
    for _ in range(40):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is start:
            return visited
        visited.append(focused())
    raise AssertionError(f"Tab never came back to {start.objectName()}")


@pytest.mark.parametrize("name", DIALOGS)
def test_the_cursor_starts_in_the_first_field_and_tab_visits_fields_before_buttons(qtbot: QtBot, name: str) -> None:
    make, first = DIALOGS[name]
    dialog = shown(qtbot, make)
    assert focused().objectName() == first, name
    assert dialog.ok_button.isDefault() and not dialog.cancel_button.isDefault()
    visited = tab_round(qtbot, dialog)
    top = visited.index(next(widget for widget in dialog.fields() if widget in visited))
    visited = visited[top:] + visited[:top]  # from the top of the form (the first run's choices come first)
    buttons = [index for index, widget in enumerate(visited) if widget.parent() is dialog.buttons]
    fields = [index for index, widget in enumerate(visited) if not isinstance(widget, QPushButton | QToolButton)]
    assert buttons and fields and max(fields) < min(buttons), [w.objectName() for w in visited]
    assert dialog.cancel_button in visited
    eyes = [index for index, widget in enumerate(visited) if isinstance(widget, QToolButton)]
    assert not eyes or max(fields) < min(eyes), "the eye buttons come after every field"


@pytest.mark.parametrize("name", DIALOGS)
def test_escape_cancels(qtbot: QtBot, name: str) -> None:
    dialog = shown(qtbot, DIALOGS[name][0])
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert finished.args == [QDialog.DialogCode.Rejected]


def test_enter_means_ok_also_after_a_failed_attempt_and_the_busy_state(qtbot: QtBot) -> None:
    dialog = shown(qtbot, lambda: AccountDialog(parent=None))
    submitted: list[str] = []
    dialog.submitted.connect(lambda: submitted.append(dialog.values()[0]))
    qtbot.keyClicks(focused(), "ann@example.org")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert submitted == ["ann@example.org"]
    dialog.set_busy(True)  # saving: the fields and OK are locked, the focus went elsewhere
    assert not dialog.email_field.hasFocus()
    dialog.set_busy(False)
    dialog.show_error("An account with the email ann@example.org already exists.")
    assert dialog.email_field.hasFocus() and dialog.email_field.selectedText() == "ann@example.org"
    assert dialog.ok_button.isDefault()
    qtbot.keyClicks(focused(), "bob@example.org")  # typed over the selection
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert submitted == ["ann@example.org", "bob@example.org"]


def test_enter_saves_an_edit_at_once(qtbot: QtBot) -> None:
    dialog = shown(qtbot, lambda: AccountDialog(parent=None, account=BOB))
    with qtbot.waitSignal(dialog.submitted):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_enter_after_the_focus_visited_ok_and_cancel_still_means_ok(qtbot: QtBot) -> None:
    dialog = shown(qtbot, lambda: AccountDialog(parent=None, account=BOB))
    dialog.ok_button.setFocus()
    dialog.cancel_button.setFocus()
    dialog.name_field.setFocus()
    assert dialog.ok_button.isDefault()
    with qtbot.waitSignal(dialog.submitted):
        qtbot.keyClick(focused(), Qt.Key.Key_Enter)


def test_an_error_is_shown_under_its_field_and_goes_once_that_field_is_edited(qtbot: QtBot) -> None:
    dialog = shown(qtbot, lambda: AccountDialog(parent=None, account=BOB))
    dialog.show_error("The name is longer than 60 characters.")
    assert dialog.name_field.hasFocus() and dialog.error_label.isVisible()
    assert dialog.name_field.property("invalid")
    below = dialog.error_label.geometry().top() - dialog.name_field.geometry().bottom()
    assert 0 <= below < dialog.name_field.height()  # right under the name
    qtbot.keyClicks(dialog.email_field, "x")  # another field: the error stays
    assert dialog.error_label.isVisible()
    qtbot.keyClicks(dialog.name_field, "y")
    assert not dialog.error_label.isVisible() and not dialog.name_field.property("invalid")


def test_an_error_of_the_whole_form_goes_once_any_field_is_edited(qtbot: QtBot) -> None:
    dialog = shown(qtbot, lambda: AccountDialog(parent=None, account=BOB))
    dialog.show_error("The account bob@example.org was changed elsewhere since you opened it (name: “Bob” → “B”).")
    assert dialog.error_label.isVisible() and dialog.email_field.hasFocus()
    assert dialog.error_label.geometry().top() > dialog.name_field.geometry().bottom()  # under the form
    qtbot.keyClicks(dialog.name_field, "y")
    assert not dialog.error_label.isVisible()


@pytest.mark.parametrize("name", ["new account", "sign in", "first run", "set password", "check password"])
def test_a_long_error_never_squeezes_the_fields(qtbot: QtBot, name: str) -> None:
    dialog = shown(qtbot, DIALOGS[name][0])
    height = dialog.height()
    dialog.show_error(" ".join(["The database is locked by another program; try again in a moment."] * 4))
    qtbot.waitUntil(lambda: dialog.height() > height)
    for field in dialog.findChildren(QLineEdit):
        if field.isVisible() and not field.objectName().startswith("qt_"):  # not a spin box's own line
            assert field.height() >= field.minimumSizeHint().height(), field.objectName()
    assert dialog.error_label.height() >= dialog.error_label.heightForWidth(dialog.error_label.width())


def test_the_eye_is_a_real_button_reached_by_tab_after_the_fields(qtbot: QtBot) -> None:
    dialog = shown(qtbot, lambda: SignInDialog(parent=None, database_name="home.db"))
    eye = dialog.findChild(QToolButton, "signInPasswordToggleButton")
    assert eye is not None and eye.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert eye.accessibleName() == "Show password"
    assert eye.defaultAction() is dialog.password_field.findChild(QAction, "signInPasswordToggle")
    qtbot.keyClicks(dialog.email_field, "ann@example.org")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert dialog.password_field.hasFocus()  # from field to field
    qtbot.keyClicks(focused(), GOOD_PASSWORD)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is eye
    qtbot.keyClick(eye, Qt.Key.Key_Space)
    assert dialog.password_field.echoMode() == QLineEdit.EchoMode.Normal
    assert eye.accessibleName() == "Hide password"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert isinstance(focused(), QPushButton) and focused() is dialog.ok_button


def test_hints_that_grow_as_the_user_types_never_squeeze_the_form(qtbot: QtBot) -> None:
    dialog = shown(qtbot, DIALOGS["set password"][0])
    dialog.password_field.setText("Aa1" + "éb" * 40)  # a strength hint and a long counter note
    labels = (dialog.strength_label, dialog.counter_label)
    qtbot.waitUntil(lambda: all(label.height() >= label.heightForWidth(label.width()) for label in labels))
    assert dialog.password_field.height() >= dialog.password_field.minimumSizeHint().height()
