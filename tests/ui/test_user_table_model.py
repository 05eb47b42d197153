"""The paged accounts model: every row exactly once under each order and search, bounded memory,
stale searches cancelled, one statement per page whatever its size."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from homelog_desktop.services.accounts import AccountService, SortColumn
from homelog_desktop.ui.async_tools import OwnedTasks
from homelog_desktop.ui.user_table_model import COLUMNS, PLACEHOLDER, UserTableModel
from tests.conftest import TEST_BCRYPT_COST
from tests.ui.conftest import run

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
def service(qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path):  # type: ignore[no-untyped-def]
    accounts = run(qtbot, AccountService.open(db_path, bcrypt_cost=TEST_BCRYPT_COST))
    fill_database(db_path, ACCOUNTS)
    yield accounts
    run(qtbot, accounts.close())


@pytest.fixture
def model(qtbot: QtBot, service: AccountService):  # type: ignore[no-untyped-def]
    tasks = OwnedTasks(show_error=lambda text: pytest.fail(text))
    table_model = UserTableModel(tasks=tasks, page_size=97, max_pages=4)
    table_model.set_service(service)
    qtbot.waitUntil(lambda: not table_model.loading)
    yield table_model
    run(qtbot, tasks.cancel_all())


def scroll_through(qtbot: QtBot, model: UserTableModel, rows: range) -> list[int]:
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


@pytest.mark.parametrize("column", range(len(COLUMNS)))
@pytest.mark.parametrize("descending", [False, True])
def test_every_row_once_in_every_order(qtbot: QtBot, model: UserTableModel, column: int, descending: bool) -> None:
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


def test_order_matches_the_column(qtbot: QtBot, model: UserTableModel) -> None:
    model.sort(1)
    qtbot.waitUntil(lambda: not model.loading)
    emails = [model.account_at(row).email for row in range(10) if model.account_at(row)]  # type: ignore[union-attr]
    assert emails == sorted(emails, key=str.lower)
    assert model.data(model.index(0, 1)) == emails[0]


def test_search_pages_hold_only_matches(qtbot: QtBot, model: UserTableModel, service: AccountService) -> None:
    model.set_search("home.NET")
    qtbot.waitUntil(lambda: not model.loading)
    expected = run(qtbot, service.count("home.net"))
    assert model.rowCount() == expected == len(range(0, ACCOUNTS, 3))
    ids = scroll_through(qtbot, model, range(model.rowCount()))
    assert len(set(ids)) == expected
    assert all(model.account_at(row) is None or "home.net" in model.account_at(row).email  # type: ignore[union-attr]
               for row in range(model.rowCount()))


def test_unloaded_rows_show_a_placeholder_then_fill_in(qtbot: QtBot, model: UserTableModel) -> None:
    far = model.index(ACCOUNTS // 2, 1)
    assert model.data(far) == PLACEHOLDER
    qtbot.waitUntil(lambda: model.data(far) != PLACEHOLDER)
    assert "@" in model.data(far)


def test_a_newer_search_cancels_an_older_one(qtbot: QtBot, model: UserTableModel) -> None:
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
    qtbot: QtBot, service: AccountService, page_size: int
) -> None:
    statements: list[str] = []
    engine = service.database.engine.sync_engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        tasks = OwnedTasks(show_error=lambda text: pytest.fail(text))
        model = UserTableModel(tasks=tasks, page_size=page_size)
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
    finally:
        event.remove(engine, "before_cursor_execute", listener)
