"""Signing in before any account is shown, the first-run dialog, temporary passwords, and the last
administrator in the window: real databases, real bcrypt, real dialogs driven through qtbot."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.sign_in import WRONG_CREDENTIALS
from homelog_desktop.ui.history_dialog import HistoryDialog
from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.password_dialog import PasswordDialog
from homelog_desktop.ui.readiness_dialog import ReadinessDialog
from homelog_desktop.ui.sign_in import NOT_AN_ADMINISTRATOR, FirstRunDialog, SignInDialog
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.data.test_database import make_homelog_database
from tests.helpers.workspaces import open_workspace
from tests.ui.conftest import run, wait_for

ADMIN = "admin@example.org"
MEMBER = "member@example.org"


@pytest.fixture
def gated(qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings) -> Iterator[MainWindow]:
    """A shown window with the real sign-in gate and no database open yet."""
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings)
    window.show()
    yield window
    run(qtbot, window.shutdown())
    window.close()
    window.deleteLater()


def prepare(qtbot: QtBot, path: Path, *accounts: tuple[str, str | None, str | None]) -> None:
    """Make a database with these (email, password, role) accounts, then close it."""

    async def make() -> None:
        async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
            service = workspace.accounts
            for email, password, role in accounts:
                account = await service.create(email, None, password)
                if role:
                    await workspace.roles.set_role(account.id, role)

    run(qtbot, make())


def open_in(window: MainWindow, path: Path) -> asyncio.Task[bool]:
    return asyncio.get_event_loop().create_task(window.open_database(path))


def sign_in_with(qtbot: QtBot, dialog: SignInDialog, email: str, password: str) -> None:
    dialog.email_field.setText(email)
    dialog.password_field.setText(password)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def sign_in_as_admin(qtbot: QtBot, gated: MainWindow, path: Path, *, accounts: int) -> None:
    """Open the database, sign in as ADMIN, and wait until its `accounts` rows are shown."""
    opening = open_in(gated, path)
    sign_in_with(qtbot, wait_for(qtbot, gated, SignInDialog), ADMIN, GOOD_PASSWORD)
    qtbot.waitUntil(opening.done, timeout=10_000)
    assert opening.result() is True
    qtbot.waitUntil(lambda: len(shown_emails(gated)) == accounts)


def shown_emails(window: MainWindow) -> list[str]:
    return [window.model.index(row, 1).data() for row in range(window.model.rowCount())]


def audit_actions(path: Path) -> list[tuple[str, str | None, str | None]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT action, actor_email, target_email FROM homelog_desktop_audit ORDER BY id"
        ).fetchall()


def test_a_database_with_an_administrator_shows_nothing_before_a_sign_in(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    opening = open_in(gated, db_path)
    dialog = wait_for(qtbot, gated, SignInDialog)
    assert gated.workspace is None and gated.model.rowCount() == 0  # nothing shown yet
    assert not gated.action_new_user.isEnabled()

    sign_in_with(qtbot, dialog, ADMIN, "Wrong7password")
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert dialog.error_label.text() == WRONG_CREDENTIALS
    assert dialog.password_field.text() == ""  # typed again, not kept
    assert gated.workspace is None

    sign_in_with(qtbot, dialog, "nobody@example.org", GOOD_PASSWORD)
    qtbot.waitUntil(lambda: dialog.error_label.text() == WRONG_CREDENTIALS and not dialog._busy)

    sign_in_with(qtbot, dialog, MEMBER, GOOD_PASSWORD)  # right password, but not an administrator
    qtbot.waitUntil(lambda: dialog.error_label.text() == NOT_AN_ADMINISTRATOR)
    assert gated.workspace is None

    sign_in_with(qtbot, dialog, ADMIN.upper(), GOOD_PASSWORD)  # emails match in any case
    qtbot.waitUntil(opening.done, timeout=10_000)
    assert opening.result() is True
    qtbot.waitUntil(lambda: sorted(shown_emails(gated)) == [ADMIN, MEMBER])
    assert gated.signed_in_label.text() == f"Signed in as {ADMIN}"
    assert gated.workspace is not None and gated.workspace.actor is not None
    assert gated.workspace.actor.email == ADMIN
    actions = audit_actions(db_path)
    assert ("sign_in_failed", None, ADMIN) in actions
    assert ("sign_in", ADMIN, ADMIN) in actions  # who signed in did it themselves


def test_later_changes_are_recorded_with_the_signed_in_administrator(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)
    gated.select_account(gated.model.account_at(shown_emails(gated).index(MEMBER)).id)
    gated.action_disable.trigger()
    qtbot.waitUntil(lambda: ("disable", ADMIN, MEMBER) in audit_actions(db_path))


def test_cancelling_the_sign_in_opens_nothing_and_keeps_the_open_database(
    qtbot: QtBot, gated: MainWindow, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    prepare(qtbot, first, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    prepare(qtbot, second, (MEMBER, GOOD_PASSWORD, ROLE_ADMINISTRATOR))

    cancelled = open_in(gated, first)
    qtbot.mouseClick(wait_for(qtbot, gated, SignInDialog).cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(cancelled.done)
    assert cancelled.result() is False
    assert gated.workspace is None
    assert "Not signed in" in gated.statusBar().currentMessage()

    opening = open_in(gated, first)
    sign_in_with(qtbot, wait_for(qtbot, gated, SignInDialog), ADMIN, GOOD_PASSWORD)
    qtbot.waitUntil(opening.done, timeout=10_000)
    qtbot.waitUntil(lambda: shown_emails(gated) == [ADMIN])

    switching = open_in(gated, second)  # File > Open of another database, then Cancel
    dialog = wait_for(qtbot, gated, SignInDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(switching.done)
    assert switching.result() is False
    assert gated.workspace is not None and gated.workspace.path == first
    assert shown_emails(gated) == [ADMIN]


def test_a_locked_administrator_is_refused_even_with_the_right_password(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    with sqlite3.connect(db_path) as connection:
        until = (datetime.now(UTC) + timedelta(minutes=10)).strftime("%Y-%m-%d %H:%M:%S.%f")
        connection.execute("UPDATE homelog_desktop_account_state SET locked_until = ?, failed_attempts = 5", (until,))
    opening = open_in(gated, db_path)
    dialog = wait_for(qtbot, gated, SignInDialog)
    sign_in_with(qtbot, dialog, ADMIN, GOOD_PASSWORD)
    qtbot.waitUntil(lambda: "locked" in dialog.error_label.text())
    assert "until" in dialog.error_label.text()
    assert gated.workspace is None
    dialog.reject()
    qtbot.waitUntil(opening.done)


def test_the_window_stays_live_while_a_sign_in_hashes(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    # At the real cost (12, about 0.2 s a check) the hash is slow enough to see whether it blocks.
    window = MainWindow(bcrypt_cost=12, settings=settings)
    window.show()
    try:
        opening = open_in(window, db_path)
        dialog = wait_for(qtbot, window, SignInDialog)
        ticks: list[int] = []
        heartbeat = QTimer()
        heartbeat.setInterval(10)
        heartbeat.timeout.connect(lambda: ticks.append(1))
        # The stored hash was made at cost 4; the unknown email is checked against a cost-12 hash.
        sign_in_with(qtbot, dialog, "nobody@example.org", "Wrong7password")
        heartbeat.start()
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
        heartbeat.stop()
        assert len(ticks) >= 5, "the loop stood still while the password was checked"
        dialog.reject()
        qtbot.waitUntil(opening.done)
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()


def test_first_run_creates_the_first_administrator(qtbot: QtBot, gated: MainWindow, db_path: Path) -> None:
    opening = open_in(gated, db_path)  # a new database: no account, no administrator
    dialog = wait_for(qtbot, gated, FirstRunDialog)
    assert dialog.creating and not dialog.promote_choice.isEnabled()
    dialog.email_field.setText(ADMIN)
    dialog.name_field.setText("Ada")
    dialog.password_field.setText("short")
    assert not dialog.ok_button.isEnabled()
    assert "at least" in dialog.hint_label.text()
    dialog.password_field.setText(GOOD_PASSWORD)
    dialog.confirm_field.setText(GOOD_PASSWORD + "x")
    assert not dialog.ok_button.isEnabled()
    dialog.confirm_field.setText(GOOD_PASSWORD)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opening.done, timeout=10_000)
    assert opening.result() is True
    qtbot.waitUntil(lambda: shown_emails(gated) == [ADMIN])
    workspace = gated.workspace
    assert workspace is not None
    assert run(qtbot, workspace.roles.count_administrators()) == 1
    account = gated.model.account_at(0)
    assert account is not None and account.username == "Ada" and account.has_password
    assert gated.signed_in_label.text() == f"Signed in as {ADMIN}"
    assert ("role", ADMIN, ADMIN) in audit_actions(db_path)


def test_first_run_promotes_an_existing_account_after_checking_its_password(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (MEMBER, GOOD_PASSWORD, None), ("other@example.org", None, None))
    opening = open_in(gated, db_path)
    dialog = wait_for(qtbot, gated, FirstRunDialog)
    assert not dialog.creating  # accounts exist: promoting one is offered first
    assert not dialog.confirm_field.isVisible()
    dialog.email_field.setText(MEMBER)
    dialog.password_field.setText("Wrong7password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.text() == WRONG_CREDENTIALS)
    assert gated.workspace is None

    dialog.email_field.setText("other@example.org")  # no password: cannot prove it is theirs
    dialog.password_field.setText(GOOD_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.text() == WRONG_CREDENTIALS and not dialog._busy)

    dialog.email_field.setText(MEMBER)
    dialog.password_field.setText(GOOD_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opening.done, timeout=10_000)
    assert opening.result() is True
    qtbot.waitUntil(lambda: len(shown_emails(gated)) == 2)
    assert gated.workspace is not None
    assert run(qtbot, gated.workspace.accounts.get(gated.workspace.actor.id)).role == ROLE_ADMINISTRATOR  # type: ignore[union-attr]


def test_cancelling_the_first_run_leaves_the_database_without_an_administrator(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (MEMBER, GOOD_PASSWORD, None))
    opening = open_in(gated, db_path)
    qtbot.mouseClick(wait_for(qtbot, gated, FirstRunDialog).cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opening.done)
    assert opening.result() is False and gated.workspace is None
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM homelog_desktop_account_state").fetchone()[0] == 0


def test_a_temporary_password_must_be_replaced_at_sign_in(qtbot: QtBot, gated: MainWindow, db_path: Path) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))

    async def make_temporary() -> None:
        async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
            service = workspace.accounts
            admin = await service.find(ADMIN)
            await workspace.accounts.set_password(admin.id, "Temporary7pass", temporary=True)

    run(qtbot, make_temporary())
    opening = open_in(gated, db_path)
    sign_in_with(qtbot, wait_for(qtbot, gated, SignInDialog), ADMIN, "Temporary7pass")
    dialog = wait_for(qtbot, gated, PasswordDialog)
    assert dialog.windowTitle() == "Choose a new password"
    assert gated.workspace is None  # still nothing shown
    dialog.password_field.setText("Chosen8byme")
    dialog.confirm_field.setText("Chosen8byme")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opening.done, timeout=10_000)
    assert opening.result() is True
    workspace = gated.workspace
    assert workspace is not None
    admin = run(qtbot, workspace.accounts.find(ADMIN))
    assert not run(qtbot, workspace.accounts.get(admin.id)).must_change_password
    assert run(qtbot, workspace.accounts.check_password(admin.id, "Chosen8byme"))


def test_giving_up_on_the_new_password_opens_nothing(qtbot: QtBot, gated: MainWindow, db_path: Path) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE homelog_desktop_account_state SET must_change_password = 1")
    opening = open_in(gated, db_path)
    sign_in_with(qtbot, wait_for(qtbot, gated, SignInDialog), ADMIN, GOOD_PASSWORD)
    qtbot.mouseClick(wait_for(qtbot, gated, PasswordDialog).cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opening.done)
    assert opening.result() is False and gated.workspace is None


def test_the_window_refuses_to_disable_or_demote_the_last_administrator(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)
    admin_row = shown_emails(gated).index(ADMIN)
    gated.table.selectRow(admin_row)
    assert gated.action_make_member.isEnabled() and not gated.action_make_administrator.isEnabled()

    own_account_questions = (
        (gated.action_make_member, "confirmDemoteSelf"), (gated.action_disable, "confirmDisableSelf"),
    )
    for action, box_name in own_account_questions:
        gated.last_error = ""
        action.trigger()
        box = wait_for(qtbot, gated, QMessageBox, box_name)  # it is your own account: asked first
        qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "last administrator" in gated.last_error)
        error_box = wait_for(qtbot, gated, QMessageBox, "errorMessage")
        assert "Make another account an administrator first" in error_box.text()
        error_box.close()
        qtbot.waitUntil(lambda: gated.action_disable.isEnabled())

    gated.last_error = ""
    gated.action_delete_user.trigger()
    qtbot.waitUntil(lambda: "last administrator" in gated.last_error)
    assert gated.workspace is not None
    assert run(qtbot, gated.workspace.roles.count_administrators()) == 1

    # With a second administrator, the first may step down.
    gated.table.selectRow(shown_emails(gated).index(MEMBER))
    qtbot.waitUntil(gated.action_make_administrator.isEnabled)
    gated.action_make_administrator.trigger()
    qtbot.waitUntil(lambda: run(qtbot, gated.workspace.roles.count_administrators()) == 2)  # type: ignore[union-attr]


def test_sign_out_hides_the_accounts_until_someone_signs_in(qtbot: QtBot, gated: MainWindow, db_path: Path) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    sign_in_as_admin(qtbot, gated, db_path, accounts=1)
    assert shown_emails(gated) == [ADMIN]
    gated.action_sign_out.trigger()
    dialog = wait_for(qtbot, gated, SignInDialog)
    assert gated.workspace is None and gated.model.rowCount() == 0
    sign_in_with(qtbot, dialog, ADMIN, GOOD_PASSWORD)
    qtbot.waitUntil(lambda: shown_emails(gated) == [ADMIN], timeout=10_000)


def test_a_read_only_database_without_an_administrator_opens_for_browsing(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (MEMBER, GOOD_PASSWORD, None))
    assert run(qtbot, gated.open_database(db_path, read_only=True))  # nobody can set one up: no dialog
    assert "no administrator" in gated.statusBar().currentMessage()
    assert gated.signed_in_label.text() == "Not signed in"
    qtbot.waitUntil(lambda: shown_emails(gated) == [MEMBER])


def test_history_and_readiness_open_from_the_window_and_close_with_the_database(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, None, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)

    gated.table.selectRow(shown_emails(gated).index(MEMBER))
    gated.action_account_history.trigger()
    history = wait_for(qtbot, gated, HistoryDialog)
    run(qtbot, history.wait_until_idle())
    assert history.windowTitle() == f"History of {MEMBER}"
    targets = {history.model.index(row, 2).data() for row in range(history.model.rowCount())}
    assert targets == {MEMBER}

    gated.action_readiness.trigger()
    readiness = wait_for(qtbot, gated, ReadinessDialog)
    run(qtbot, readiness.wait_until_idle())
    assert "1 of 2 accounts can sign in" in readiness.summary_label.text()

    # A change made in the window shows in the open views.
    gated.action_disable.trigger()
    qtbot.waitUntil(lambda: any("disabled" in (readiness.model.index(row, 3).data() or "")
                                for row in range(readiness.model.rowCount())))
    qtbot.waitUntil(lambda: any(history.model.index(row, 1).data() == "Account disabled"
                                for row in range(history.model.rowCount())))

    gated.action_sign_out.trigger()  # they showed this database: they go with it
    dialog = wait_for(qtbot, gated, SignInDialog)
    assert gated.views == []
    dialog.reject()


def test_no_password_or_hash_reaches_a_log_or_a_message(
    qtbot: QtBot, gated: MainWindow, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, SQLAlchemy's and aiosqlite's included
    said: list[str] = []
    gated.statusBar().messageChanged.connect(said.append)
    first, temporary, wrong = "First-admin-9x", "Temporary-7yz", "Wrong-guess-4q"
    opening = open_in(gated, db_path)
    dialog = wait_for(qtbot, gated, FirstRunDialog)
    dialog.email_field.setText(ADMIN)
    dialog.password_field.setText(first)
    dialog.confirm_field.setText(first)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(opening.done, timeout=10_000)
    assert dialog_fields_cleared(dialog)

    workspace = gated.workspace
    assert workspace is not None
    member = run(qtbot, workspace.accounts.create(MEMBER, None))
    run(qtbot, workspace.accounts.set_password(member.id, temporary, temporary=True))
    gated.action_sign_out.trigger()
    sign_in = wait_for(qtbot, gated, SignInDialog)
    sign_in_with(qtbot, sign_in, ADMIN, wrong)
    qtbot.waitUntil(sign_in.error_label.isVisible)
    said.append(sign_in.error_label.text())
    sign_in_with(qtbot, sign_in, ADMIN, first)
    qtbot.waitUntil(lambda: gated.workspace is not None, timeout=10_000)
    assert sign_in_fields_cleared(sign_in)

    with sqlite3.connect(db_path) as connection:
        hashes = [row[0] for row in connection.execute("SELECT hashed_password FROM user_passwords")]
        audit = " ".join(str(row) for row in connection.execute("SELECT * FROM homelog_desktop_audit"))
    assert len(hashes) == 2
    told = [caplog.text, " ".join(said), gated.last_error, audit]
    for secret in (first, temporary, wrong, *hashes, *(h[7:27] for h in hashes)):
        for text in told:
            assert secret not in text


def dialog_fields_cleared(dialog: FirstRunDialog) -> bool:
    return not shiboken6.isValid(dialog) or (dialog.password_field.text() == dialog.confirm_field.text() == "")


def sign_in_fields_cleared(dialog: SignInDialog) -> bool:
    return not shiboken6.isValid(dialog) or dialog.password_field.text() == ""


def test_a_home_log_database_opened_read_only_shows_its_accounts(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    """home-log's own file, never opened by this app (none of our tables), that cannot be written."""
    make_homelog_database(db_path)
    with sqlite3.connect(db_path) as connection:
        expected = [row[0] for row in connection.execute("SELECT email FROM users ORDER BY id")]
        hashes = connection.execute("SELECT count(*) FROM user_passwords").fetchone()[0]
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert run(qtbot, gated.open_database(db_path, read_only=True))
    assert "no administrator" in gated.statusBar().currentMessage()
    qtbot.waitUntil(lambda: shown_emails(gated) == expected)
    assert gated.model.account_at(0).role == "member"  # type: ignore[union-attr]
    gated.table.selectRow(0)
    gated.action_readiness.trigger()
    readiness = wait_for(qtbot, gated, ReadinessDialog)
    run(qtbot, readiness.wait_until_idle())
    assert readiness.model.rowCount() >= len(expected) and hashes >= 1
    gated.action_history.trigger()
    history = wait_for(qtbot, gated, HistoryDialog)
    run(qtbot, history.wait_until_idle())
    assert history.model.rowCount() == 0  # nothing recorded: our tables are not in the file
    run(qtbot, gated.close_database())
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before  # home-log's file untouched
