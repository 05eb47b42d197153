"""The account form on its own: new or edit, validated as the user types, values trimmed."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from homelog_desktop.services.accounts import Account
from homelog_desktop.ui.dialogs.account import AccountDialog

MOMENT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def test_a_new_account_complains_about_the_email_only_once_typing_started(qtbot: QtBot) -> None:
    dialog = AccountDialog(parent=None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "New account" and dialog.ok_button.text() == "Create"
    assert not dialog.email_hint.isVisible() and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.email_field, "ann@")
    assert dialog.email_hint.isVisible() and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.email_field, "example.org ")
    qtbot.keyClicks(dialog.name_field, " Ann ")
    assert not dialog.email_hint.isVisible() and dialog.ok_button.isEnabled()
    assert dialog.values() == ("ann@example.org", "Ann")


def test_editing_shows_the_account_and_an_empty_name_is_none(qtbot: QtBot) -> None:
    account = Account(id=4, email="bob@example.org", username="Bob", has_password=True, created_at=MOMENT,
                      updated_at=MOMENT)
    dialog = AccountDialog(parent=None, account=account)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Edit bob@example.org" and dialog.ok_button.text() == "Save"
    assert (dialog.email_field.text(), dialog.name_field.text()) == ("bob@example.org", "Bob")
    dialog.name_field.clear()
    assert dialog.ok_button.isEnabled() and dialog.values() == ("bob@example.org", None)
    dialog.email_field.clear()
    assert dialog.email_hint.isVisible() and not dialog.ok_button.isEnabled()  # an edit's email was touched


def test_an_address_home_log_cannot_serve_shows_email_validators_reason(qtbot: QtBot) -> None:
    dialog = AccountDialog(parent=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email_field, "ann@exa_mple.org")
    assert dialog.email_hint.isVisible() and not dialog.ok_button.isEnabled()
    assert dialog.email_hint.text() == (
        "“ann@exa_mple.org” is not a valid email address: The part after the @-sign contains invalid characters: '_'."
    )


def test_an_address_mixing_scripts_is_warned_about_but_allowed(qtbot: QtBot) -> None:
    dialog = AccountDialog(parent=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email_field, "admin@example.org")
    assert not dialog.script_warning.isVisible()
    dialog.email_field.setText("\u0430dmin@example.org")  # a Cyrillic а
    assert dialog.script_warning.isVisible() and "mixes Latin letters with Cyrillic" in dialog.script_warning.text()
    assert dialog.ok_button.isEnabled() and not dialog.email_hint.isVisible()
