"""Two real windows on one PostgreSQL database in one process (one qasync loop), with home-log writing
beside them from a process of its own (plain SQL on users and user_passwords, as home-log does): each
window edits through its own form, both show the other's and home-log's changes, a stale edit is refused
with its sentence instead of being written over, and after every round no update is lost and the audit
chain verifies."""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.data.server_passwords import forget_password
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.homelog_writer import RawConnection, homelog_insert_user, homelog_rename, homelog_set_hash
from tests.helpers.postgres import admin_connect, fresh_database
from tests.helpers.ui import admit_without_sign_in, run, seed, settle, table_column, wait_for

pytestmark = pytest.mark.postgres
ROUNDS = 3
RENAMES_PER_ROUND = 5  # home-log's blind renames of carl, the last one named homelog-rN
WAIT_MS = 30_000
CHANGED_ELSEWHERE = "was changed elsewhere since you opened it"


def homelog_hash(round_number: int) -> str:
    """The (made-up, Argon2-shaped) hash home-log stores for carl in a round: each round's differs."""
    return f"$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$round{round_number:04d}aGFzaGhhc2hoYXNoaGFzaA"


def homelog_process(location: DatabaseLocation, carl: int, rounds: Any, done: Any) -> None:
    """home-log, in a process of its own: for each round number received, a new user with a password,
    carl renamed several times (blindly, as home-log's update does) and carl's password hash replaced."""
    try:
        connection = RawConnection(location)
        try:
            while (round_number := rounds.get(timeout=120)) is not None:
                homelog_insert_user(connection, f"hl-r{round_number}@example.org", f"HL {round_number}",
                                    homelog_hash(round_number))
                for rename in range(RENAMES_PER_ROUND):
                    last = rename == RENAMES_PER_ROUND - 1
                    homelog_rename(connection, carl, f"homelog-r{round_number}" if last else f"hl-{rename}")
                homelog_set_hash(connection, carl, homelog_hash(round_number))
                done.put(("done", round_number))
        finally:
            connection.close()
    except BaseException:
        done.put(("error", traceback.format_exc()))


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabaseLocation]:
    with fresh_database(tmp_path, monkeypatch) as location:
        yield location
        forget_password(location)


@contextlib.contextmanager
def two_windows(qtbot: QtBot, tmp_path: Path, server: DatabaseLocation) -> Iterator[tuple[MainWindow, MainWindow]]:
    """Two windows on the server database, each with settings of its own (two administrators' apps)."""
    windows = []
    try:
        for name in ("a", "b"):
            settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.Format.IniFormat)
            window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
            windows.append(window)
            window.show()
            assert run(qtbot, window.session.open(server), timeout=WAIT_MS)
            settle(qtbot, window, WAIT_MS)
        yield windows[0], windows[1]
    finally:
        for window in windows:
            window.close()
            run(qtbot, window.shutdown(), timeout=WAIT_MS)
            window.deleteLater()


def open_form(qtbot: QtBot, window: MainWindow, email: str) -> AccountDialog:
    """Select the account in the window's table and open its Edit form (loaded fresh from the server)."""
    def selected() -> bool:  # the table may be reloading for another program's change: select until it holds
        emails = table_column(window, 1)
        account = window.table.selected_account()
        if account is not None and account.email == email:
            return True
        if email in emails:
            window.table.selectRow(emails.index(email))
        return False

    settle(qtbot, window, WAIT_MS)
    qtbot.waitUntil(selected, timeout=WAIT_MS)
    edit = window.action("edit_user")
    qtbot.waitUntil(edit.isEnabled, timeout=WAIT_MS)  # a form closed just now gives it back once its task ended
    edit.trigger()
    dialog = wait_for(qtbot, window, AccountDialog, timeout=WAIT_MS)
    assert email in dialog.windowTitle()  # the form of the account meant, not of a row that moved meanwhile
    return dialog


def submit(qtbot: QtBot, dialog: AccountDialog, name: str) -> None:
    """Type a new name into the form and press OK."""
    dialog.name_field.setText(name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def saved(qtbot: QtBot, dialog: AccountDialog) -> None:
    """Wait until the form closed after its save (deleted on close)."""
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)


def refused(qtbot: QtBot, dialog: AccountDialog) -> str:
    """Wait until the form shows why its save was refused; the sentence. The form stays open."""
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and bool(dialog.error_label.text()), timeout=WAIT_MS)
    assert dialog.isVisible()
    return dialog.error_label.text()


def names(window: MainWindow) -> dict[str, str]:
    """The table's email -> name, as the window shows them."""
    return dict(zip(table_column(window, 1), table_column(window, 2), strict=True))


def homelog_finished(qtbot: QtBot, done: Any, round_number: int) -> None:
    """Wait for home-log's report of the round (its traceback fails the test)."""
    reports: list[tuple[str, object]] = []

    def reported() -> bool:
        with contextlib.suppress(queue.Empty):
            reports.append(done.get_nowait())
        return bool(reports)

    qtbot.waitUntil(reported, timeout=WAIT_MS)
    assert reports[0] == ("done", round_number), reports[0]


def play_round(qtbot: QtBot, a: MainWindow, b: MainWindow, rounds: Any, done: Any, number: int) -> dict[str, str]:
    """One round; the names every window must show afterwards."""
    carl_form = open_form(qtbot, a, "carl@example.org")  # loaded before home-log renames carl
    bob_form_b = open_form(qtbot, b, "bob@example.org")  # loaded before window A saves bob
    rounds.put(number)  # home-log writes from now on, while the windows save theirs
    bob_form_b.reject()
    ann_form = open_form(qtbot, b, "ann@example.org")
    submit(qtbot, ann_form, f"B-r{number}")
    saved(qtbot, ann_form)
    homelog_finished(qtbot, done, number)
    submit(qtbot, carl_form, f"A-carl-r{number}")  # stale: home-log renamed carl after the form was loaded
    assert CHANGED_ELSEWHERE in refused(qtbot, carl_form)
    carl_form.reject()
    bob_form_b = open_form(qtbot, b, "bob@example.org")  # B's form on bob, then A saves bob first
    bob_form_a = open_form(qtbot, a, "bob@example.org")
    submit(qtbot, bob_form_a, f"A-r{number}")
    saved(qtbot, bob_form_a)
    submit(qtbot, bob_form_b, f"B-bob-r{number}")
    assert CHANGED_ELSEWHERE in refused(qtbot, bob_form_b)  # not written over A's name
    bob_form_b.reject()
    return {"ann@example.org": f"B-r{number}", "bob@example.org": f"A-r{number}",
            "carl@example.org": f"homelog-r{number}", f"hl-r{number}@example.org": f"HL {number}"}


def test_two_windows_and_homelog_edit_one_server_database_and_nothing_is_lost(
    qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path, server: DatabaseLocation
) -> None:
    context = multiprocessing.get_context("spawn")
    rounds, done = context.Queue(), context.Queue()
    with two_windows(qtbot, tmp_path, server) as (a, b):
        seed(qtbot, a, ("ann@example.org", "Ann", None), ("bob@example.org", "Bob", None),
             ("carl@example.org", "Carl", None))
        assert a.workspace is not None
        carl = run(qtbot, a.workspace.accounts.find("carl@example.org")).id
        homelog = context.Process(target=homelog_process, args=(server, carl, rounds, done), daemon=True)
        homelog.start()
        try:
            expected: dict[str, str] = {}
            for number in range(1, ROUNDS + 1):
                expected.update(play_round(qtbot, a, b, rounds, done, number))
                for window in (a, b):  # each shows the other's and home-log's changes
                    qtbot.waitUntil(lambda w=window: names(w) == expected, timeout=WAIT_MS)  # type: ignore[misc]
            rounds.put(None)
            homelog.join(timeout=WAIT_MS / 1000)
            assert homelog.exitcode == 0
        finally:
            if homelog.is_alive():
                homelog.kill()
        ok, broken = run(qtbot, a.workspace.audit.verify_chain(), timeout=WAIT_MS)
        assert ok, f"the audit chain breaks at entry {broken}"
    with admin_connect(server) as admin:  # what the server holds: every saved change, none written over
        stored = dict(admin.execute("SELECT email, username FROM users").fetchall())
        carl_hash = admin.execute("SELECT hashed_password FROM user_passwords WHERE user_id = %s", (carl,)).fetchone()
    assert stored == expected
    assert carl_hash is not None and carl_hash[0] == homelog_hash(ROUNDS)
