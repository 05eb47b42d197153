"""PasswordDialog on its own: generator, strength meter, counters, copy with clipboard clearing, schemes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QLineEdit, QProgressBar, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from homelog_desktop.services.passwords.policy import check_rules, password_problems
from homelog_desktop.services.passwords.strength import USER_INPUT_HINT
from homelog_desktop.ui.dialogs.password import PasswordDialog
from tests.conftest import GOOD_PASSWORD

LONG_PASSWORD = "Aa1" + "éb" * 40  # 83 characters, 123 bytes: Argon2id only


@pytest.fixture
def clipboard() -> Iterator[QClipboard]:
    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


def make_dialog(qtbot: QtBot, **options: object) -> PasswordDialog:
    dialog = PasswordDialog(parent=None, account_label="ann@example.org", **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rules_met(dialog: PasswordDialog) -> bool:
    return all(met for _rule, met in check_rules(dialog.password_field.text(), dialog.scheme))


def test_the_new_controls_are_there_by_name(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    spin = dialog.findChild(QSpinBox, "lengthSpin")
    assert (spin.minimum(), spin.maximum(), spin.value()) == (8, 64, 16)
    assert dialog.findChild(QPushButton, "generateButton") is dialog.generate_button
    assert dialog.findChild(QPushButton, "copyButton") is dialog.copy_button
    bar = dialog.findChild(QProgressBar, "strengthBar")
    assert (bar.minimum(), bar.maximum(), bar.value()) == (0, 4, 0)
    assert not dialog.copy_button.isEnabled()  # nothing to copy yet
    assert not dialog.ok_button.isEnabled()


@pytest.mark.parametrize("length", [8, 16, 64])
def test_generate_fills_both_fields_with_a_shown_password_that_meets_every_rule(qtbot: QtBot, length: int) -> None:
    dialog = make_dialog(qtbot)
    dialog.length_spin.setValue(length)
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    password = dialog.password_field.text()
    assert len(password) == length and dialog.confirm_field.text() == password
    assert rules_met(dialog) and password_problems(password) == []
    assert dialog.password_field.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.confirm_field.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.show_toggle.isChecked()
    assert dialog.ok_button.isEnabled() and dialog.password() == password
    assert all(label.text().startswith("✓") for label in dialog.rule_labels)
    assert dialog.match_label.text() == "✓  Both entries match"


def test_generate_twice_gives_two_passwords(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.generate_button.click()
    first = dialog.password_field.text()
    dialog.generate_button.click()
    assert dialog.password_field.text() != first


def test_the_strength_meter_moves_from_weak_to_strong(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.strength_bar.value() == 0
    assert "generate" in dialog.strength_label.text()
    qtbot.keyClicks(dialog.password_field, "password1")
    qtbot.waitUntil(lambda: dialog.strength_label.text().startswith("Weak:"))
    assert dialog.strength_bar.value() == 0
    assert "very common password" in dialog.strength_label.text()
    qtbot.keyClicks(dialog.password_field, "+Zorblax")
    qtbot.waitUntil(lambda: dialog.strength_bar.value() >= 3)
    assert dialog.strength_label.text().startswith(("Strong:", "Very strong:"))
    dialog.generate_button.click()  # at once, no wait for a pause in typing
    assert dialog.strength_bar.value() == 4
    assert dialog.strength_bar.property("strength") == 4
    assert dialog.strength_label.text() == "Very strong: centuries to crack from a stolen database."


def test_the_strength_estimate_waits_for_a_pause_in_typing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PasswordDialog, "STRENGTH_DELAY_MS", 100)
    dialog = make_dialog(qtbot)
    qtbot.keyClicks(dialog.password_field, "correct horse battery staple")
    assert dialog.strength_bar.value() == 0  # not yet
    qtbot.waitUntil(lambda: dialog.strength_bar.value() == 4)


def test_the_accounts_email_and_name_weaken_a_password_built_from_them(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, user_inputs=("zorblax.quimby@example.org", "Zorblax Quimby"))
    dialog.password_field.setText("Quimbyzorblax")
    qtbot.waitUntil(lambda: USER_INPUT_HINT in dialog.strength_label.text())
    assert dialog.strength_bar.value() <= 1
    other = make_dialog(qtbot, user_inputs=(None, ""))
    other.password_field.setText("Quimbyzorblax")
    qtbot.waitUntil(lambda: other.strength_bar.value() == 4)


def test_counters_show_characters_and_utf8_bytes(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.counter_label.text() == "0 characters, 0 bytes in UTF-8"
    dialog.password_field.setText("Aé1€")
    assert dialog.counter_label.text() == "4 characters, 7 bytes in UTF-8"
    dialog.password_field.setText("Aa1" + "x" * 58)
    assert "61 characters, 61 bytes in UTF-8" in dialog.counter_label.text()
    assert "at most 60 characters" in dialog.counter_label.text()


def test_copy_once_then_disabled_until_the_password_changes(qtbot: QtBot, clipboard: QClipboard) -> None:
    dialog = make_dialog(qtbot)
    qtbot.keyClicks(dialog.password_field, GOOD_PASSWORD)
    assert dialog.copy_button.isEnabled()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == GOOD_PASSWORD
    assert not dialog.copy_button.isEnabled() and dialog.copy_button.text() == "Copied"
    qtbot.keyClicks(dialog.confirm_field, GOOD_PASSWORD)  # the confirmation is not the password
    assert not dialog.copy_button.isEnabled()
    qtbot.keyClicks(dialog.password_field, "x")
    assert dialog.copy_button.isEnabled() and "Copy" in dialog.copy_button.text().replace("&", "")
    dialog.password_field.clear()
    assert not dialog.copy_button.isEnabled()


def test_copy_after_generate_copies_the_generated_password(qtbot: QtBot, clipboard: QClipboard) -> None:
    dialog = make_dialog(qtbot)
    dialog.generate_button.click()
    dialog.copy_button.click()
    assert clipboard.text() == dialog.password_field.text()
    dialog.generate_button.click()  # a new password can be copied again
    assert dialog.copy_button.isEnabled()


def test_the_clipboard_is_cleared_after_the_timeout(
    qtbot: QtBot, clipboard: QClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert PasswordDialog.CLIPBOARD_CLEAR_MS == 30_000
    monkeypatch.setattr(PasswordDialog, "CLIPBOARD_CLEAR_MS", 50)
    dialog = make_dialog(qtbot)
    dialog.password_field.setText(GOOD_PASSWORD)
    dialog.copy_button.click()
    assert clipboard.text() == GOOD_PASSWORD
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)
    assert dialog.isVisible() and dialog.password_field.text() == GOOD_PASSWORD


def test_the_timeout_leaves_what_the_user_copied_since(
    qtbot: QtBot, clipboard: QClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PasswordDialog, "CLIPBOARD_CLEAR_MS", 50)
    dialog = make_dialog(qtbot)
    dialog.password_field.setText(GOOD_PASSWORD)
    dialog.copy_button.click()
    clipboard.setText("a shopping list")
    qtbot.wait(200)
    assert clipboard.text() == "a shopping list"


@pytest.mark.parametrize("close", ["reject", "accept_saved"])
def test_closing_clears_the_fields_and_the_copied_password(qtbot: QtBot, clipboard: QClipboard, close: str) -> None:
    dialog = make_dialog(qtbot)
    dialog.generate_button.click()
    dialog.copy_button.click()
    assert clipboard.text()
    getattr(dialog, close)()
    assert clipboard.text() == ""
    assert dialog.password_field.text() == "" and dialog.confirm_field.text() == ""
    assert dialog.strength_bar.value() == 0


def test_closing_leaves_other_clipboard_content(qtbot: QtBot, clipboard: QClipboard) -> None:
    dialog = make_dialog(qtbot)
    dialog.password_field.setText(GOOD_PASSWORD)
    dialog.copy_button.click()
    clipboard.setText("a shopping list")
    dialog.reject()
    assert clipboard.text() == "a shopping list"


def test_the_bcrypt_checklist_limits_bytes_and_refuses_a_long_password(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.scheme == "bcrypt"
    assert any("72 bytes" in label.text() for label in dialog.rule_labels)
    dialog.password_field.setText(LONG_PASSWORD)
    dialog.confirm_field.setText(LONG_PASSWORD)
    assert not dialog.ok_button.isEnabled()
    assert any(label.text() == "✗  At most 72 bytes in UTF-8: not met" for label in dialog.rule_labels)


def test_the_argon2id_checklist_allows_home_logs_255_characters(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, scheme="argon2id")
    texts = [label.text() for label in dialog.rule_labels]
    assert not any("bytes" in text for text in texts)
    dialog.password_field.setText(LONG_PASSWORD)
    dialog.confirm_field.setText(LONG_PASSWORD)
    assert dialog.ok_button.isEnabled()
    assert "✓  At most 255 characters: met" in [label.text() for label in dialog.rule_labels]
    dialog.password_field.setText("Aa1" + "x" * 253)
    assert not dialog.ok_button.isEnabled()
    assert "✗  At most 255 characters: not met" in [label.text() for label in dialog.rule_labels]


def test_generate_meets_the_argon2id_rules_too(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, scheme="argon2id")
    dialog.length_spin.setValue(64)
    dialog.generate_button.click()
    assert rules_met(dialog) and dialog.ok_button.isEnabled()


def test_an_unknown_scheme_is_refused(qtbot: QtBot) -> None:
    with pytest.raises(ValueError, match="scheme"):
        PasswordDialog(parent=None, account_label="ann@example.org", scheme="md5")  # type: ignore[arg-type]


def test_busy_locks_the_generator(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.set_busy(True)
    assert not dialog.generate_button.isEnabled() and not dialog.length_spin.isEnabled()
    dialog.set_busy(False)
    assert dialog.generate_button.isEnabled() and dialog.length_spin.isEnabled()
