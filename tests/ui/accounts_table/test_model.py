"""The paged accounts model: every row exactly once under each order and search, bounded memory,
stale searches cancelled, one statement per page whatever its size; the account-state columns as
shown (greyed disabled rows, not sortable) and filters; `settled` once nothing is read any more."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from homelog_desktop.services.accounts import AccountFilter, AccountService, SortColumn
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.accounts_table.columns import COLUMNS, local_time
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.accounts_table.rows import PLACEHOLDER
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.theme import state_color
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.account_states import emails_with, seed_states
from tests.helpers.template_database import fresh_database_file
from tests.helpers.ui import run

ACCOUNTS = 2_345


def fill_database(path: Path, count: int) -> None:
    """Many accounts fast, with plain sqlite3: repeated names, NULL names, some with a password."""
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [
                (
                    f"user{n:05d}@{'example.org' if n % 3 else 'home.net'}",
                    None if n % 7 == 0 else f"Name {n % 50}",
                    f"2026-0{1 + n % 9}-01 00:00:{n % 60:02d}.000000",
                    None if n % 11 == 0 else "2026-10-01 00:00:00",
                )
                for n in range(count)
            ],
        )
        connection.execute(
            "INSERT INTO user_passwords (user_id, hashed_password) SELECT id, 'x' FROM users WHERE id % 2 = 0"
        )


@pytest.fixture
def workspace(qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path):  # type: ignore[no-untyped-def]
    opened = run(qtbot, Workspace.open(fresh_database_file(db_path), bcrypt_cost=TEST_BCRYPT_COST))
    fill_database(db_path, ACCOUNTS)
    yield opened
    run(qtbot, opened.close())


@pytest.fixture
def service(workspace: Workspace) -> AccountService:
    return workspace.accounts


def quiet_operations() -> tuple[Operations, list[str]]:
    """A runner for a model alone, and the known errors it would have shown (a test expects none)."""
    operations = Operations()
    shown: list[str] = []
    operations.failed.connect(shown.append)
    return operations, shown


@pytest.fixture
def model(qtbot: QtBot, service: AccountService):  # type: ignore[no-untyped-def]
    tasks, shown = quiet_operations()
    table_model = AccountsTableModel(tasks=tasks, page_size=97, max_pages=4)
    table_model.set_service(service)
    qtbot.waitUntil(lambda: not table_model.loading)
    yield table_model
    run(qtbot, tasks.cancel_all())
    assert not shown


def scroll_through(qtbot: QtBot, model: AccountsTableModel, rows: range) -> list[int]:
    """Read every row in order as a view would, waiting for placeholder rows to load."""
    ids = []
    for row in rows:
        if model.account_at(row, fetch=True) is None:
            qtbot.waitUntil(lambda row=row: model.account_at(row) is not None, timeout=5000)
        account = model.account_at(row)
        assert account is not None
        ids.append(account.id)
        assert model.loaded_row_count <= model.max_pages * model.page_size
    return ids


@contextmanager
def recorded_statements(workspace: Workspace) -> Iterator[list[str]]:
    """Every SQL statement the workspace's engine runs meanwhile, in order."""
    statements: list[str] = []
    engine = workspace.database.engine.sync_engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


@pytest.mark.parametrize("column", [number for number, column in enumerate(COLUMNS) if column.sort is not None])
@pytest.mark.parametrize("descending", [False, True])
def test_every_row_once_in_every_order(qtbot: QtBot, model: AccountsTableModel, column: int, descending: bool) -> None:
    model.sort(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == ACCOUNTS
    forward = scroll_through(qtbot, model, range(ACCOUNTS))
    assert sorted(forward) == list(range(1, ACCOUNTS + 1))
    # Backwards from the end (keyset "before" paging and jumps counted from the end) gives the same order.
    model.reload()
    qtbot.waitUntil(lambda: not model.loading)
    backward = scroll_through(qtbot, model, range(ACCOUNTS - 1, -1, -1))
    assert backward[::-1] == forward


def test_order_matches_the_column(qtbot: QtBot, model: AccountsTableModel) -> None:
    model.sort(1)
    qtbot.waitUntil(lambda: not model.loading)
    emails = [model.account_at(row).email for row in range(10) if model.account_at(row)]  # type: ignore[union-attr]
    assert emails == sorted(emails, key=str.lower)
    assert model.data(model.index(0, 1)) == emails[0]


def test_search_pages_hold_only_matches(qtbot: QtBot, model: AccountsTableModel, service: AccountService) -> None:
    model.set_search("home.NET")
    qtbot.waitUntil(lambda: not model.loading)
    expected = run(qtbot, service.count("home.net"))
    assert model.rowCount() == expected == len(range(0, ACCOUNTS, 3))
    ids = scroll_through(qtbot, model, range(model.rowCount()))
    assert len(set(ids)) == expected
    assert all(model.account_at(row) is None or "home.net" in model.account_at(row).email  # type: ignore[union-attr]
               for row in range(model.rowCount()))


def test_unloaded_rows_show_a_placeholder_then_fill_in(qtbot: QtBot, model: AccountsTableModel) -> None:
    far = model.index(ACCOUNTS // 2, 1)
    assert model.data(far) == PLACEHOLDER
    qtbot.waitUntil(lambda: model.data(far) != PLACEHOLDER)
    assert "@" in model.data(far)


def test_a_newer_search_cancels_an_older_one(qtbot: QtBot, model: AccountsTableModel) -> None:
    model.set_search("user0000")
    first = model._reload_task
    model.set_search("user01")
    qtbot.waitUntil(lambda: not model.loading)
    assert first is not None and first.cancelled()
    assert model.query.search == "user01"
    assert model.rowCount() == 1000  # user01000 .. user01999
    assert model.account_at(0).email.startswith("user01")  # type: ignore[union-attr]


@pytest.mark.parametrize("page_size", [20, 500])
def test_one_statement_per_page_whatever_its_size(
    qtbot: QtBot, workspace: Workspace, service: AccountService, page_size: int
) -> None:
    with recorded_statements(workspace) as statements:
        tasks, shown = quiet_operations()
        model = AccountsTableModel(tasks=tasks, page_size=page_size)
        model.set_service(service)
        qtbot.waitUntil(lambda: not model.loading)
        for sort in (SortColumn.ID, SortColumn.EMAIL, SortColumn.HAS_PASSWORD):
            model.query = type(model.query)(sort, False, "")
            model.reload()
            qtbot.waitUntil(lambda: not model.loading)
            for page in (1, 2, 3):  # keyset from the page before
                statements.clear()
                assert model.account_at(page * page_size, fetch=True) is None
                qtbot.waitUntil(lambda page=page: model.account_at(page * page_size) is not None)
                assert len(statements) == 1, statements
        run(qtbot, tasks.cancel_all())
        assert not shown


def test_a_new_sort_order_reads_no_count_and_a_change_counts_again(
    qtbot: QtBot, workspace: Workspace, service: AccountService, db_path: Path
) -> None:
    with recorded_statements(workspace) as statements:
        tasks, shown = quiet_operations()
        model = AccountsTableModel(tasks=tasks, page_size=50)
        model.set_service(service)
        qtbot.waitUntil(lambda: not model.loading)
        assert model.total == ACCOUNTS
        counts = lambda: [sql for sql in statements if "count(" in sql.lower()]  # noqa: E731
        statements.clear()
        email = next(number for number, column in enumerate(COLUMNS) if column.sort == SortColumn.EMAIL)
        model.sort(email, Qt.SortOrder.DescendingOrder)  # the same accounts in another order
        qtbot.waitUntil(lambda: not model.loading)
        assert counts() == [] and model.total == ACCOUNTS
        assert model.account_at(0) is not None and model.account_at(0).email == "user02344@example.org"
        # Another program adds an account: a reload (what a change brings) counts again, and a later
        # sort keeps that new count.
        with sqlite3.connect(db_path) as connection:
            connection.execute("INSERT INTO users (email, username, created_at, updated_at) "
                               "VALUES ('zz@example.org', '', '2026-01-01', '2026-01-01')")
        model.reload()
        qtbot.waitUntil(lambda: not model.loading)
        assert len(counts()) == 1 and model.total == ACCOUNTS + 1
        statements.clear()
        model.sort(email, Qt.SortOrder.AscendingOrder)
        qtbot.waitUntil(lambda: not model.loading)
        assert counts() == [] and model.total == ACCOUNTS + 1
        # A search is counted (another set of accounts), and so is a sort of locked accounts (locks run out).
        model.set_search("home.net")
        qtbot.waitUntil(lambda: not model.loading)
        assert len(counts()) == 2 and model.total < ACCOUNTS
        statements.clear()
        model.set_search("")
        model.set_filter(AccountFilter.LOCKED)
        qtbot.waitUntil(lambda: not model.loading)
        statements.clear()
        model.sort(email, Qt.SortOrder.DescendingOrder)
        qtbot.waitUntil(lambda: not model.loading)
        assert len(counts()) == 2
        run(qtbot, tasks.cancel_all())
        assert not shown


# Account-state columns and filters


def title_column(title: str) -> int:
    return [column.title for column in COLUMNS].index(title)


@pytest.fixture
def states(qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path) -> Iterator[tuple[AccountsTableModel, datetime]]:
    """A model (pages of 5) over the seeded account states, locked a moment ago; and that moment."""
    workspace = run(qtbot, Workspace.open(fresh_database_file(tmp_path / "states.db"), bcrypt_cost=TEST_BCRYPT_COST))
    accounts = workspace.accounts
    seeded_at = datetime.now(UTC)
    run(qtbot, seed_states(workspace, at=seeded_at))
    tasks, shown = quiet_operations()
    model = AccountsTableModel(tasks=tasks, page_size=5, max_pages=4)
    model.set_service(accounts)
    qtbot.waitUntil(lambda: not model.loading)
    yield model, seeded_at
    run(qtbot, tasks.cancel_all())
    assert not shown
    run(qtbot, workspace.close())


def rows_by_email(qtbot: QtBot, model: AccountsTableModel, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> dict:
    """Each shown row's data of `role` per column, by email, waiting for pages to load."""
    rows = {}
    for row in range(model.rowCount()):
        qtbot.waitUntil(lambda row=row: model.account_at(row, fetch=True) is not None, timeout=5000)
        email = model.data(model.index(row, 1))
        rows[email] = [model.data(model.index(row, column), role) for column in range(len(COLUMNS))]
    return rows


def test_state_columns_show_role_status_last_sign_in_and_password_age(
    qtbot: QtBot, states: tuple[AccountsTableModel, datetime]
) -> None:
    model, seeded_at = states
    rows = rows_by_email(qtbot, model)
    role, status, last, age = (title_column(t) for t in ("Role", "Status", "Last sign-in", "Password age"))
    assert COLUMNS[role - 1].title == "Password"  # the new columns follow Password
    signed_in = local_time(seeded_at - timedelta(days=1))
    lock_ends = seeded_at + timedelta(minutes=1)
    until = {f"Locked until {lock_ends.astimezone():%H:%M}", f"Locked until {local_time(lock_ends)}"}  # midnight
    assert [rows["admin@example.org"][c] for c in (role, status, last, age)] == [
        "Administrator", "", signed_in, "today"]
    assert [rows["ann@example.org"][c] for c in (role, status, last, age)] == ["Member", "", signed_in, "5 months"]
    assert rows["bob@example.org"][status] == "Disabled"
    assert rows["carl@example.org"][status] in until
    assert rows["gina@example.org"][status] == "Disabled, must change password"
    assert [rows["hank@example.org"][c] for c in (role, status)] == ["Administrator", "Disabled"]
    assert [rows["erin@example.org"][c] for c in (3, status, last, age)] == ["none", "", "never", ""]
    assert rows["kim@example.org"][status] == "Must change password"


def test_disabled_rows_are_grey_in_every_column_and_locks_stand_out(
    qtbot: QtBot, states: tuple[AccountsTableModel, datetime]
) -> None:
    model, _seeded_at = states
    colors = rows_by_email(qtbot, model, Qt.ItemDataRole.ForegroundRole)
    muted = state_color("muted")  # the scheme's grey, readable on its backgrounds
    status, last = title_column("Status"), title_column("Last sign-in")
    for email in emails_with("disabled"):
        assert colors[email] == [muted] * len(COLUMNS), email
    assert colors["ann@example.org"] == [None] * len(COLUMNS)  # signed in, has a password, nothing wrong
    carl = colors["carl@example.org"]
    assert carl[status] is not None and carl[status] != muted
    assert [color for n, color in enumerate(carl) if n not in (status, last)] == [None] * (len(COLUMNS) - 2)
    assert carl[last] == muted  # "never"
    assert colors["erin@example.org"][3] == muted  # no password
    tips = rows_by_email(qtbot, model, Qt.ItemDataRole.ToolTipRole)
    assert "until" in tips["carl@example.org"][status] and "failed sign-ins" in tips["carl@example.org"][status]
    assert tips["bob@example.org"][status].startswith("Disabled")
    assert tips["ann@example.org"][title_column("Password age")].startswith("Password set ")


def test_state_columns_do_not_sort_and_keep_the_order(
    qtbot: QtBot, states: tuple[AccountsTableModel, datetime]
) -> None:
    model, _seeded_at = states
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.loading)
    before = list(rows_by_email(qtbot, model))
    kept: list[tuple[int, Qt.SortOrder]] = []
    model.sort_kept.connect(lambda column, order: kept.append((column, order)))
    for title in ("Role", "Status", "Last sign-in", "Password age"):
        model.sort(title_column(title), Qt.SortOrder.AscendingOrder)
        assert not model.loading  # nothing read again
    assert (model.query.sort, model.query.descending) == (SortColumn.EMAIL, True)
    assert kept == [(1, Qt.SortOrder.DescendingOrder)] * 4  # the header shows Email, descending, again
    assert list(rows_by_email(qtbot, model)) == before == sorted(before, reverse=True)


def test_set_filter_narrows_the_rows_with_the_search(qtbot: QtBot, states: tuple[AccountsTableModel, datetime]) -> None:
    model, _seeded_at = states
    model.set_filter(AccountFilter.DISABLED)
    qtbot.waitUntil(lambda: not model.loading)
    assert (model.total, model.total_unfiltered) == (3, 12)
    assert set(rows_by_email(qtbot, model)) == emails_with("disabled")
    assert model.filter_choice.label == "Disabled"
    model.set_search("GINA")
    qtbot.waitUntil(lambda: not model.loading)
    assert list(rows_by_email(qtbot, model)) == ["gina@example.org"]
    model.set_filter(AccountFilter.LOCKED)
    qtbot.waitUntil(lambda: not model.loading)
    assert model.total == 0
    model.set_search("")
    qtbot.waitUntil(lambda: not model.loading)
    assert set(rows_by_email(qtbot, model)) == emails_with("locked")
    model.sort(1, Qt.SortOrder.DescendingOrder)  # a new order keeps the filter
    qtbot.waitUntil(lambda: not model.loading)
    assert list(rows_by_email(qtbot, model)) == sorted(emails_with("locked"), reverse=True)
    model.set_filter(AccountFilter.ALL)
    qtbot.waitUntil(lambda: not model.loading)
    assert model.total == model.total_unfiltered == 12


def test_settled_is_said_once_nothing_is_read_any_more(qtbot: QtBot, service: AccountService) -> None:
    tasks, shown = quiet_operations()
    model = AccountsTableModel(tasks=tasks, page_size=97, max_pages=4)
    with qtbot.waitSignal(model.settled, timeout=5000):
        model.set_service(service)
    assert not model.loading and model.pending_pages == 0 and model.rowCount() == ACCOUNTS
    with qtbot.waitSignal(model.settled, timeout=5000):
        assert model.data(model.index(ACCOUNTS // 2, 1)) == PLACEHOLDER  # asks for a page
    assert model.pending_pages == 0 and model.data(model.index(ACCOUNTS // 2, 1)) != PLACEHOLDER
    run(qtbot, tasks.cancel_all())
    assert not shown


def test_without_a_database_reading_again_leaves_nothing_loading(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    tasks, shown = quiet_operations()
    model = AccountsTableModel(tasks=tasks, page_size=97, max_pages=4)
    with qtbot.waitSignal(model.settled, timeout=5000):
        model.set_search("someone")  # typed before any database is open: a read again with nothing to read
    assert not model.loading and model.pending_pages == 0 and model.rowCount() == 0
    run(qtbot, tasks.cancel_all())
    assert not shown
