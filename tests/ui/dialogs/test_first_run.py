"""The first-run dialog on its own: create a new administrator (with a password that meets the rules,
typed twice) or promote an existing account (its password is checked later)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.first_run import FirstRunDialog
from tests.conftest import GOOD_PASSWORD


def test_creating_asks_for_a_good_password_twice(qtbot: QtBot) -> None:
    dialog = FirstRunDialog(parent=None, database_name="new.db", has_accounts=False, scheme="bcrypt")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.creating and not dialog.promote_choice.isEnabled()
    assert dialog.ok_button.text() == "Create administrator"
    dialog.email_field.setText("not-an-email")
    assert "not a valid email address" in dialog.hint_label.text()
    dialog.email_field.setText("ann@example.org")
    dialog.password_field.setText(GOOD_PASSWORD)
    assert dialog.hint_label.text() == "Type the same password again in Confirm." and not dialog.ok_button.isEnabled()
    dialog.confirm_field.setText(GOOD_PASSWORD)
    dialog.name_field.setText(" Ann ")
    assert dialog.ok_button.isEnabled() and dialog.hint_label.text().startswith("Ready")
    assert dialog.values() == ("ann@example.org", "Ann", GOOD_PASSWORD)
    dialog.reject()
    assert dialog.password_field.text() == dialog.confirm_field.text() == ""


def test_promoting_needs_only_an_email_and_the_accounts_password(qtbot: QtBot) -> None:
    dialog = FirstRunDialog(parent=None, database_name="old.db", has_accounts=True, scheme="bcrypt")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.creating
    assert not dialog.confirm_field.isVisible() and not dialog.name_field.isVisible()
    assert dialog.ok_button.text() == "Check password and continue"
    dialog.email_field.setText("bob@example.org")
    dialog.password_field.setText("anything")
    dialog.name_field.setText("ignored")
    assert dialog.ok_button.isEnabled() and dialog.values() == ("bob@example.org", None, "anything")
