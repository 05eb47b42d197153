"""The Sign-in readiness view on a real database: every account with why it cannot sign in, the summary,
the attention filter, orphaned password rows, pages read with the count so far, refresh, errors."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.account import Account
from homelog_desktop.services.readiness import ReadinessRow
from homelog_desktop.services.sign_in import local_time
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.theme import state_color
from homelog_desktop.ui.views.readiness import CAN_SIGN_IN, ReadinessView
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.security_data import ORPHAN_ID, Clock, all_hashes, db_tweaks, seed_household
from tests.helpers.template_database import fresh_database_file
from tests.helpers.ui import run, settle_view

NEEDS_UPGRADE = "hash needs an upgrade (done at its next sign-in)"


@pytest.fixture
def workspace(qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, clock: Clock) -> Iterator[Workspace]:
    opened = run(qtbot, Workspace.open(fresh_database_file(db_path), bcrypt_cost=TEST_BCRYPT_COST, now=clock))
    yield opened
    run(qtbot, opened.close())


@pytest.fixture
def operations(qtbot: QtBot, loop: qasync.QEventLoop) -> Iterator[Operations]:
    """The runner the views read through; no error may reach the window (a view shows its own)."""
    runner = Operations()
    reached_the_window: list[str] = []
    runner.failed.connect(reached_the_window.append)
    yield runner
    run(qtbot, runner.cancel_all())
    assert not reached_the_window, f"an error reached the window: {reached_the_window}"


@pytest.fixture
def household(qtbot: QtBot, workspace: Workspace, clock: Clock, db_path: Path) -> dict[str, Account]:
    accounts = run(qtbot, seed_household(workspace, clock))
    db_tweaks(db_path, accounts)
    return accounts


_parents: list[QWidget] = []


@pytest.fixture(autouse=True)
def forget_parents() -> Iterator[None]:
    yield
    _parents.clear()


def open_readiness(qtbot: QtBot, workspace: Workspace, operations: Operations) -> ReadinessView:
    parent = QWidget()
    qtbot.addWidget(parent)
    _parents.append(parent)  # qtbot holds it weakly; the dialog lives as long as its parent
    dialog = ReadinessView(parent=parent, operations=operations, readiness=workspace.readiness)
    dialog.show()
    settle_view(qtbot, dialog)
    return dialog


def rows(dialog: ReadinessView, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> list[list[object]]:
    model = dialog.model
    return [
        [model.data(model.index(row, column), role) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_every_account_with_why_it_cannot_sign_in(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account], clock: Clock
) -> None:
    dialog = open_readiness(qtbot, workspace, operations)
    assert dialog.objectName() == "readinessDialog" and dialog.windowTitle() == "Sign-in readiness"
    assert not dialog.isModal()
    locked_until = local_time(clock() + timedelta(minutes=1))
    assert rows(dialog) == [
        ["ann@example.org", "Administrator", "Yes", "", "", "bcrypt"],
        ["bob@example.org", "Member", "No", f"locked until {locked_until}", "", "bcrypt"],
        ["carol@example.org", "Member", "No", "no password", "", "—"],
        ["dave@example.org", "Member", "No", "disabled", "", "bcrypt"],
        ["erin@example.org", "Member", "Yes", "", "must change password", "bcrypt"],
        ["frank@example.org", "Administrator", "Yes", "", "", "bcrypt"],
        ["grace@example.org", "Member", "No", "hash format unknown", "", "unknown"],
        # Argon2 is kept where bcrypt is written (home-log's backend checks Argon2id only): no upgrade.
        ["henry@example.org", "Member", "Yes", "", "", "argon2id"],
        [f"(no account) user id {ORPHAN_ID}", "", "No", "password without an account (orphan)", "", "bcrypt"],
    ]
    assert dialog.summary_label.text() == (
        "4 of 8 accounts can sign in; 4 cannot. 1 more needs attention (see To do). "
        "1 password row belongs to no account."
    )
    colours = [row[CAN_SIGN_IN] for row in rows(dialog, Qt.ItemDataRole.ForegroundRole)]
    no = state_color("error")  # the scheme's red
    assert colours == [None, no, no, no, None, None, no, None, no]
    assert "no account" in str(rows(dialog, Qt.ItemDataRole.ToolTipRole)[-1][0])
    assert not dialog.progress_bar.isVisible()
    # The selected row in full under the table (cells may be too narrow).
    assert not dialog.details_label.isVisible()
    dialog.table.selectRow(1)
    assert dialog.details_label.isVisible()
    assert dialog.details_label.text() == f"bob@example.org cannot sign in: locked until {locked_until}."
    dialog.table.selectRow(7)
    assert dialog.details_label.text() == "henry@example.org can sign in."
    dialog.table.selectRow(8)
    assert dialog.details_label.text().startswith(f"The password row of user id {ORPHAN_ID} belongs to no account")
    dialog.attention_check.click()  # a new list: nothing selected
    assert not dialog.details_label.isVisible()


def test_never_shows_a_hash(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account], db_path: Path
) -> None:
    dialog = open_readiness(qtbot, workspace, operations)
    secrets = all_hashes(db_path)
    cells = [
        str(cell) for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        for row in rows(dialog, role) for cell in row if cell is not None
    ]
    assert len(cells) > 50
    for cell in cells:
        assert "$2b$" not in cell and "$argon2" not in cell and "pbkdf2" not in cell
        assert not any(secret in cell or secret[:16] in cell for secret in secrets), cell


def test_only_accounts_that_need_attention(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_readiness(qtbot, workspace, operations)
    dialog.attention_check.click()
    assert [row[0] for row in rows(dialog)] == [
        "bob@example.org", "carol@example.org", "dave@example.org", "erin@example.org", "grace@example.org",
        f"(no account) user id {ORPHAN_ID}",
    ]
    assert dialog.status_label.text() == "Showing 6 of 9."
    assert dialog.summary_label.text().startswith("4 of 8 accounts can sign in")  # the whole picture stays
    dialog.attention_check.click()
    assert dialog.model.rowCount() == 9 and dialog.status_label.text() == ""


def test_refresh_shows_a_change(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_readiness(qtbot, workspace, operations)
    dialog.attention_check.setChecked(True)
    run(qtbot, workspace.roles.unlock(household["bob"].id))
    run(qtbot, workspace.roles.enable(household["dave"].id))
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    settle_view(qtbot, dialog)
    assert [row[0] for row in rows(dialog)] == [
        "carol@example.org", "erin@example.org", "grace@example.org", f"(no account) user id {ORPHAN_ID}",
    ]
    assert dialog.summary_label.text().startswith("6 of 8 accounts can sign in; 2 cannot.")


def insert_accounts(path: Path, count: int) -> None:
    moment = datetime(2026, 1, 1, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S")
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, NULL, ?, ?)",
            [(f"user{number:05}@example.org", moment, moment) for number in range(count)],
        )


def test_large_databases_are_read_a_page_at_a_time_with_the_count_so_far(
    qtbot: QtBot, workspace: Workspace, operations: Operations, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(qtbot, workspace.accounts.create("first@example.org"))  # creates the tables
    insert_accounts(db_path, 1_100)
    progress: list[str] = []
    read_pages = workspace.readiness.pages

    async def recording_pages() -> AsyncIterator[list[ReadinessRow]]:
        async for page in read_pages():
            yield page
            progress.append(dialog.summary_label.text())  # what the dialog showed after this page

    monkeypatch.setattr(workspace.readiness, "pages", recording_pages)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ReadinessView(parent=parent, operations=operations, readiness=workspace.readiness)
    dialog.show()
    assert dialog.progress_bar.isVisible()
    settle_view(qtbot, dialog)
    assert progress == [
        "Reading the accounts… 500 so far.", "Reading the accounts… 1,000 so far.",
        "Reading the accounts… 1,101 so far.",
    ]
    assert dialog.model.rowCount() == 1_101
    assert dialog.summary_label.text() == "0 of 1,101 accounts can sign in; 1,101 cannot."
    assert not dialog.progress_bar.isVisible()


def test_a_known_error_is_shown_in_the_dialog(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_readiness(qtbot, workspace, operations)

    async def failing_pages() -> AsyncIterator[list[ReadinessRow]]:
        raise HomeLogError("The database is locked by another program. Try again in a moment.")
        yield []  # an async generator

    monkeypatch.setattr(workspace.readiness, "pages", failing_pages)
    dialog.refresh()
    settle_view(qtbot, dialog)
    assert dialog.summary_label.text() == "The accounts could not be read."
    assert dialog.status_label.text() == "The database is locked by another program. Try again in a moment."
    assert dialog.status_label.property("role") == "error"
    assert not dialog.progress_bar.isVisible()
    monkeypatch.undo()
    dialog.refresh()
    settle_view(qtbot, dialog)
    assert dialog.model.rowCount() == 9 and dialog.status_label.property("role") == "hint"


def test_a_new_read_replaces_an_unfinished_one_and_escape_closes(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_readiness(qtbot, workspace, operations)
    for _ in range(3):
        dialog.refresh()  # each read cancels the one before
    settle_view(qtbot, dialog)
    assert dialog.model.rowCount() == 9 and len(dialog.model.rows) == 9
    assert dialog.summary_label.text().startswith("4 of 8")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_empty_database(qtbot: QtBot, workspace: Workspace, operations: Operations) -> None:
    dialog = open_readiness(qtbot, workspace, operations)
    assert dialog.model.rowCount() == 0
    assert dialog.summary_label.text() == "There are no accounts."


def test_the_state_of_a_deleted_account_removed_at_opening_is_a_row_of_its_own() -> None:
    from homelog_desktop.ui.views.readiness import details_text, row_texts

    row = ReadinessRow(5, "bob@example.org", False, ("state of a deleted account removed when the database was "
                                                    "opened (administrator)",), (), None, "administrator", removed=True)
    assert row_texts(row)[:3] == ("(deleted) bob@example.org", "", "No")
    assert details_text(row).startswith("User id 5 (bob@example.org) was deleted by another program: state of")
    unknown = ReadinessRow(6, None, False, ("state of a deleted account removed",), (), None, removed=True)
    assert row_texts(unknown)[0] == "(deleted) user id 6"
