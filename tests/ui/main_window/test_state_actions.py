"""Account > Make administrator, Make member, Disable, Enable, Unlock, driven through the window and
checked in the database afterwards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD
from tests.helpers.sign_in import ADMIN, MEMBER, audit_actions, prepare, shown_emails, sign_in_as_admin
from tests.helpers.ui import error_shown, run, seed, select_email, table_column, visible, wait_for

STATUS = 5  # the Status column


def test_disable_enable_and_unlock_from_the_account_menu(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", None, GOOD_PASSWORD))
    select_email(qtbot, window, "bob@example.org")
    assert window.action("disable").isEnabled() and not window.action("enable").isEnabled()
    assert not window.action("unlock").isEnabled()
    window.action("disable").trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["", "Disabled"])
    select_email(qtbot, window, "bob@example.org")
    qtbot.waitUntil(window.action("enable").isEnabled)
    assert not window.action("disable").isEnabled()
    window.action("enable").trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["", ""])

    assert window.workspace is not None
    for attempt in range(5):  # as homelog-admin verify or a sign-in would
        run(qtbot, window.workspace.sign_in.sign_in("bob@example.org", f"Wrong7guess{attempt}"))
    window.action("refresh").trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS)[1].startswith("Locked until"), timeout=5000)
    select_email(qtbot, window, "bob@example.org")
    qtbot.waitUntil(window.action("unlock").isEnabled)
    window.action("unlock").trigger()
    qtbot.waitUntil(lambda: table_column(window, STATUS) == ["", ""])
    with sqlite3.connect(db_path) as connection:
        assert connection.execute(
            "SELECT failed_attempts, locked_until FROM homelog_desktop_account_state WHERE user_id = 2"
        ).fetchone() == (0, None)


def test_the_window_refuses_to_disable_or_demote_the_last_administrator(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)
    admin_row = shown_emails(gated).index(ADMIN)
    gated.table.selectRow(admin_row)
    assert gated.action("make_member").isEnabled() and not gated.action("make_administrator").isEnabled()

    # As for a delete: the window says why at once, before asking anything (even "your own account?").
    for action in (gated.action("make_member"), gated.action("disable")):
        assert error_shown(gated) == ""  # no message box left over
        action.trigger()
        qtbot.waitUntil(lambda: "last administrator" in error_shown(gated))
        error_box = wait_for(qtbot, gated, QMessageBox, "errorMessage")
        assert "Make another account an administrator first" in error_box.text()
        assert visible(gated, QMessageBox, "confirmDemoteSelf") is None
        assert visible(gated, QMessageBox, "confirmDisableSelf") is None
        error_box.close()
        qtbot.waitUntil(lambda: gated.action("disable").isEnabled())
    assert [entry for entry in audit_actions(db_path) if entry[1] == ADMIN and entry[0] in ("role", "disable")] == []

    assert error_shown(gated) == ""  # no message box left over
    gated.action("delete_user").trigger()
    qtbot.waitUntil(lambda: "last administrator" in error_shown(gated))
    assert gated.workspace is not None
    assert run(qtbot, gated.workspace.roles.count_administrators()) == 1

    # With a second administrator, the first may step down.
    gated.table.selectRow(shown_emails(gated).index(MEMBER))
    qtbot.waitUntil(gated.action("make_administrator").isEnabled)
    gated.action("make_administrator").trigger()
    qtbot.waitUntil(lambda: run(qtbot, gated.workspace.roles.count_administrators()) == 2)  # type: ignore[union-attr]


def test_later_changes_are_recorded_with_the_signed_in_administrator(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)
    gated.table.select_account(gated.model.account_at(shown_emails(gated).index(MEMBER)).id)
    gated.action("disable").trigger()
    qtbot.waitUntil(lambda: ("disable", ADMIN, MEMBER) in audit_actions(db_path))


def test_changing_ones_own_account_asks_first_when_another_administrator_remains(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)
    before = audit_actions(db_path)
    for key, box_name in (("make_member", "confirmDemoteSelf"), ("disable", "confirmDisableSelf")):
        gated.table.selectRow(shown_emails(gated).index(ADMIN))
        qtbot.waitUntil(gated.action(key).isEnabled)
        gated.action(key).trigger()
        box = wait_for(qtbot, gated, QMessageBox, box_name)  # your own account: asked first
        assert "your own account" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda box=box: not box.isVisible())
    assert audit_actions(db_path) == before and error_shown(gated) == ""  # cancelled: nothing done
    assert gated.workspace is not None  # still signed in (confirming signs out: see the test below)


def test_a_mixed_script_address_becomes_an_administrator_only_after_confirming(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    look_alike = "\u0430dmin@example.org"
    seed(qtbot, window, (look_alike, None, GOOD_PASSWORD))
    for answer, role in ((QMessageBox.StandardButton.Cancel, None), ("confirmButton", ROLE_ADMINISTRATOR)):
        select_email(qtbot, window, look_alike)
        qtbot.waitUntil(window.action("make_administrator").isEnabled)
        window.action("make_administrator").trigger()
        box = wait_for(qtbot, window, QMessageBox, "mixedScriptConfirmation")
        assert "mixes Latin letters with Cyrillic ones" in box.text()
        button = box.button(answer) if isinstance(answer, QMessageBox.StandardButton) else box.findChild(
            QPushButton, answer)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        expected = [(role,)] if role else []
        qtbot.waitUntil(lambda expected=expected: role_rows(db_path) == expected)


def role_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT role FROM homelog_desktop_account_state WHERE role = 'administrator'"
        ).fetchall()


def test_demoting_oneself_signs_out_at_once(qtbot: QtBot, gated: MainWindow, db_path: Path) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR),
            ("other@example.org", GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)
    gated.table.selectRow(shown_emails(gated).index(ADMIN))
    qtbot.waitUntil(gated.action("make_member").isEnabled)
    gated.action("make_member").trigger()
    box = wait_for(qtbot, gated, QMessageBox, "confirmDemoteSelf")
    assert "signed out at once" in box.informativeText()
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    dialog = wait_for(qtbot, gated, SignInDialog, timeout=10_000)
    assert error_shown(gated) == f"Signed out: {ADMIN} is no longer an enabled administrator here (made a member)."
    assert ("make_member", ADMIN, ADMIN) in audit_actions(db_path)  # done while still an administrator
    dialog.reject()
