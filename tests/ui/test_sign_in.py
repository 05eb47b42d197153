"""The gate: signing in before any account is shown, the first-run dialog, temporary passwords: real
databases, real bcrypt, real dialogs driven through qtbot."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.sign_in import WRONG_CREDENTIALS
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.dialogs.first_run import FirstRunDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.sign_in import NOT_AN_ADMINISTRATOR
from homelog_desktop.ui.views.history import HistoryView
from homelog_desktop.ui.views.readiness import ReadinessView
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.homelog_schema import sample_homelog_database
from tests.helpers.sign_in import (
    ADMIN,
    MEMBER,
    audit_actions,
    open_in,
    prepare,
    shown_emails,
    sign_in_as_admin,
    sign_in_with,
)
from tests.helpers.ui import error_shown, run, settle_view, wait_for
from tests.helpers.workspaces import open_workspace


def test_a_database_with_an_administrator_shows_nothing_before_a_sign_in(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    opening = open_in(gated, db_path)
    dialog = wait_for(qtbot, gated, SignInDialog)
    assert gated.workspace is None and gated.model.rowCount() == 0  # nothing shown yet
    assert not gated.action("new_user").isEnabled()

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
    assert gated.status.signed_in_label.text() == f"Signed in as {ADMIN}"
    assert gated.workspace is not None and gated.workspace.actor is not None
    assert gated.workspace.actor.email == ADMIN
    actions = audit_actions(db_path)
    assert ("sign_in_failed", None, ADMIN) in actions
    assert ("sign_in", ADMIN, ADMIN) in actions  # who signed in did it themselves


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
    # The door says what it says to a wrong password: a lock is not told to whoever types an address.
    qtbot.waitUntil(lambda: dialog.error_label.text() == WRONG_CREDENTIALS)
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
    assert gated.status.signed_in_label.text() == f"Signed in as {ADMIN}"
    assert audit_actions(db_path) == [
        ("create", None, ADMIN), ("make_administrator", ADMIN, ADMIN), ("sign_in", ADMIN, ADMIN),
    ]
    assert account.last_sign_in_at is not None  # the sign-in it performed: not "never"


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
    dialog.password_field.setText("Temporary7pass")  # the temporary one again: refused, the dialog stays
    dialog.confirm_field.setText("Temporary7pass")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "must differ from the temporary one" in dialog.error_label.text(), timeout=10_000)
    assert dialog.isVisible() and not opening.done()
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


def test_a_read_only_database_without_an_administrator_opens_for_browsing(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (MEMBER, GOOD_PASSWORD, None))
    assert run(qtbot, gated.session.open(db_path, read_only=True))  # nobody can set one up: no dialog
    assert "no administrator" in gated.statusBar().currentMessage()
    assert gated.status.signed_in_label.text() == "Not signed in"
    qtbot.waitUntil(lambda: shown_emails(gated) == [MEMBER])


def test_no_password_or_hash_reaches_a_log_or_a_message(
    qtbot: QtBot, gated: MainWindow, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, SQLAlchemy's and aiosqlite's included
    said: list[str] = []
    gated.statusBar().messageChanged.connect(said.append)
    gated.operations.failed.connect(said.append)
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
    gated.action("sign_out").trigger()
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
    told = [caplog.text, " ".join(said), error_shown(gated), audit]
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
    sample_homelog_database(db_path)
    with sqlite3.connect(db_path) as connection:
        expected = [row[0] for row in connection.execute("SELECT email FROM users ORDER BY id")]
        hashes = connection.execute("SELECT count(*) FROM user_passwords").fetchone()[0]
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert run(qtbot, gated.session.open(db_path, read_only=True))
    assert "no administrator" in gated.statusBar().currentMessage()
    qtbot.waitUntil(lambda: shown_emails(gated) == expected)
    assert gated.model.account_at(0).role == "member"  # type: ignore[union-attr]
    gated.table.selectRow(0)
    gated.action("readiness").trigger()
    readiness = wait_for(qtbot, gated, ReadinessView)
    settle_view(qtbot, readiness)
    assert readiness.model.rowCount() >= len(expected) and hashes >= 1
    gated.action("history").trigger()
    history = wait_for(qtbot, gated, HistoryView)
    settle_view(qtbot, history)
    assert history.model.rowCount() == 0  # nothing recorded: our tables are not in the file
    run(qtbot, gated.session.close())
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before  # home-log's file untouched


def test_after_a_cancelled_sign_in_the_window_offers_to_sign_in_again_or_open_another(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR))
    assert not gated.model.loading  # an empty window is not "loading" (quitting waits for nothing)
    cancelled = open_in(gated, db_path)
    dialog = wait_for(qtbot, gated, SignInDialog)
    assert gated.status.count_label.text() == ""  # not "No database open" beside "Waiting for a sign-in…"
    assert "Waiting for a sign-in" in gated.status.activity_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(cancelled.done)
    assert gated.session.waiting == DatabaseLocation.file(db_path)
    assert gated.action("sign_in").isEnabled() and gated.action("open_database").isEnabled()
    panel = gated.no_database
    assert panel.isVisible() and db_path.name in panel.label.text()
    assert panel.sign_in_button.isVisible() and panel.open_button.isVisible()
    assert gated.status.count_label.text() == "No database open"
    assert not gated.search_row.field.isEnabled() and not gated.search_row.filter_box.isEnabled()

    qtbot.mouseClick(panel.sign_in_button, Qt.MouseButton.LeftButton)  # File > Sign in, by its button
    sign_in_with(qtbot, wait_for(qtbot, gated, SignInDialog), ADMIN, GOOD_PASSWORD)
    qtbot.waitUntil(lambda: shown_emails(gated) == [ADMIN], timeout=10_000)
    assert gated.session.waiting is None and not gated.action("sign_in").isEnabled()
    assert not panel.isVisible() and not panel.sign_in_button.isVisible()
    assert gated.search_row.field.isEnabled() and gated.search_row.filter_box.isEnabled()


OTHER_ADMIN = "other@example.org"


@pytest.mark.parametrize("change", ["made a member", "disabled", "deleted", "locked after failed sign-ins"])
def test_an_administrator_changed_elsewhere_is_signed_out_saying_why(
    qtbot: QtBot, gated: MainWindow, db_path: Path, change: str
) -> None:
    """A second workspace (another program) takes the signed-in administrator's role away while the window
    is open: the window notices (its outside-change poll), signs out and says why."""
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR),
            (OTHER_ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=3)

    async def elsewhere() -> None:
        async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as other:
            admin = await other.accounts.find(ADMIN)
            if change == "made a member":
                await other.roles.set_role(admin.id, "member")
            elif change == "disabled":
                await other.roles.disable(admin.id)
            elif change == "deleted":
                await other.accounts.delete(admin.id)
            else:
                for _ in range(5):
                    await other.sign_in.sign_in(ADMIN, "Wrong7password")

    run(qtbot, elsewhere())
    dialog = wait_for(qtbot, gated, SignInDialog, timeout=10_000)
    assert error_shown(gated) == f"Signed out: {ADMIN} is no longer an enabled administrator here ({change})."
    assert gated.workspace is None and gated.model.rowCount() == 0
    dialog.reject()


def test_a_write_refused_for_an_administrator_demoted_meanwhile_signs_out(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR),
            (OTHER_ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, GOOD_PASSWORD, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=3)
    gated.watch.stop()  # no poll: the write's own check inside its transaction is what notices

    async def demote() -> None:
        async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as other:
            await other.roles.set_role((await other.accounts.find(ADMIN)).id, "member")

    run(qtbot, demote())
    gated.table.select_account(gated.model.account_at(shown_emails(gated).index(MEMBER)).id)  # type: ignore[union-attr]
    gated.action("disable").trigger()
    dialog = wait_for(qtbot, gated, SignInDialog, timeout=10_000)
    assert error_shown(gated) == (
        f"Signed out: {ADMIN} is no longer an enabled administrator here (made a member); nothing was changed."
    )
    with sqlite3.connect(db_path) as connection:
        assert connection.execute(
            "SELECT count(*) FROM homelog_desktop_account_state WHERE disabled"
        ).fetchone() == (0,)
    assert ("disable", ADMIN, MEMBER) not in audit_actions(db_path)
    dialog.reject()
