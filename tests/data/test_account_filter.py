"""The account-state filters (UserDao with AccountFilter): each filter on states made through the services, with search,
under every order, keyset paging and offset jumps across a filter, position_of, and exact counts."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import event

from homelog_desktop.data.account_filter import AccountFilter
from homelog_desktop.data.user_dao import UserDao, UserSort
from homelog_desktop.services.accounts import Account, AccountService
from homelog_desktop.services.workspace import Workspace
from tests.helpers.account_states import SEEDED_AT, emails_with, emails_without_password, seed_states
from tests.helpers.template_database import built_once, copy_into
from tests.helpers.workspaces import open_workspace

NOW = SEEDED_AT + timedelta(seconds=30)  # while the locks made at SEEDED_AT hold
PAGE = 2
FILLERS = 9  # plain accounts besides the seeded ones, some matching the searches

PREDICATES: dict[AccountFilter, Callable[[Account], bool]] = {
    AccountFilter.ALL: lambda a: True,
    AccountFilter.ADMINISTRATORS: lambda a: a.role == "administrator",
    AccountFilter.DISABLED: lambda a: a.disabled,
    AccountFilter.LOCKED: lambda a: a.locked_at(NOW),
    AccountFilter.MUST_CHANGE_PASSWORD: lambda a: a.must_change_password,
    AccountFilter.NO_PASSWORD: lambda a: not a.has_password,
    AccountFilter.NEVER_SIGNED_IN: lambda a: a.last_sign_in_at is None,
}
ORDERS = [(sort, descending) for sort in UserSort for descending in (False, True)]
SEARCHES = ["example.org", "an", "zz"]  # trigram index, LIKE (two characters), nothing seeded


async def _seed(path: Path) -> dict[str, Account]:
    """The seeded states and the fillers, made through the services (once per test process, see `seeded`)."""
    async with open_workspace(path) as workspace:
        accounts = await seed_states(workspace)
        for n in range(FILLERS):
            await workspace.accounts.create(
                f"filler{n}@{'example.org' if n % 2 else 'home.net'}", f"Anna {n}" if n % 3 else None
            )
    return accounts


@pytest_asyncio.fixture
async def seeded(workspace: Workspace) -> AsyncIterator[dict[str, Account]]:
    """The accounts in every state and the fillers: made once per test process, then copied into the test's
    open database with SQLite's backup API, which every connection of that database then reads."""
    made, accounts = await built_once("account-filter-states", _seed)
    copy_into(made, workspace.path)
    with closing(sqlite3.connect(workspace.path)) as connection:  # not through the DAO: it remembers counts
        assert connection.execute("SELECT count(*) FROM users").fetchone() == (len(accounts) + FILLERS,)
    yield accounts


@pytest.fixture
def dao(workspace: Workspace) -> UserDao:
    return UserDao(workspace.database)


async def listed(dao: UserDao, **query: Any) -> list[Account]:
    return [Account.from_page_row(row) for row in await dao.list_page(**{"limit": 1000, "now": NOW, **query})]


def matches(search: str | None) -> Callable[[Account], bool]:
    if not search:
        return lambda a: True
    return lambda a: search in a.email.lower() or search in (a.username or "").lower()


# What each filter shows


@pytest.mark.asyncio
async def test_each_filter_shows_the_accounts_in_that_state(dao: UserDao, seeded: dict[str, Account]) -> None:
    async def emails(account_filter: AccountFilter) -> set[str]:
        return {a.email for a in await listed(dao, filter=account_filter)} & set(seeded)

    assert await emails(AccountFilter.ADMINISTRATORS) == emails_with("administrator")
    assert await emails(AccountFilter.DISABLED) == emails_with("disabled")
    assert await emails(AccountFilter.LOCKED) == emails_with("locked")
    assert await emails(AccountFilter.MUST_CHANGE_PASSWORD) == emails_with("must_change")
    assert await emails(AccountFilter.NO_PASSWORD) == emails_without_password()
    assert await emails(AccountFilter.NEVER_SIGNED_IN) == set(seeded) - emails_with("signed_in")
    assert await emails(AccountFilter.ALL) == set(seeded)


@pytest.mark.asyncio
async def test_list_rows_carry_the_account_state(dao: UserDao, seeded: dict[str, Account]) -> None:
    shown = {a.email: a for a in await listed(dao)}
    admin, bob, carl, erin = (shown[f"{n}@example.org"] for n in ("admin", "bob", "carl", "erin"))
    assert (admin.role, admin.is_administrator, admin.last_sign_in_at) == (
        "administrator", True, SEEDED_AT - timedelta(days=1),
    )
    assert bob.disabled and not bob.locked_at(NOW) and bob.role == "member"
    assert carl.locked_until == SEEDED_AT + timedelta(minutes=1) and carl.locked_at(NOW)
    assert not carl.locked_at(SEEDED_AT + timedelta(minutes=2))
    # An account without a state row is an enabled member that never signed in.
    assert (erin.role, erin.disabled, erin.must_change_password, erin.locked_until, erin.last_sign_in_at) == (
        "member", False, False, None, None,
    )


@pytest.mark.asyncio
async def test_locked_follows_the_moment_asked_about(dao: UserDao, seeded: dict[str, Account]) -> None:
    assert await dao.count(filter=AccountFilter.LOCKED, now=NOW) == 2
    later = SEEDED_AT + timedelta(minutes=1, seconds=1)
    assert await dao.count(filter=AccountFilter.LOCKED, now=later) == 0
    assert await dao.list_page(filter=AccountFilter.LOCKED, now=later) == []


# Every filter under every order, with and without a search


@pytest.mark.asyncio
@pytest.mark.parametrize("account_filter", list(AccountFilter), ids=lambda f: f.value)
async def test_a_filtered_list_is_the_full_list_narrowed_in_every_order(
    dao: UserDao, seeded: dict[str, Account], account_filter: AccountFilter
) -> None:
    keep = PREDICATES[account_filter]
    for search in [None, *SEARCHES]:
        wanted = matches(search)
        for sort, descending in ORDERS:
            everyone = await listed(dao, sort=sort, descending=descending)
            expected = [a.id for a in everyone if keep(a) and wanted(a)]
            shown = await listed(dao, sort=sort, descending=descending, search=search, filter=account_filter)
            assert [a.id for a in shown] == expected, (search, sort, descending)
            assert await dao.count(search, filter=account_filter, now=NOW) == len(expected), (search, sort)


@pytest.mark.asyncio
@pytest.mark.parametrize("account_filter", list(AccountFilter), ids=lambda f: f.value)
async def test_keyset_paging_and_jumps_walk_a_filtered_list_exactly(
    dao: UserDao, seeded: dict[str, Account], account_filter: AccountFilter
) -> None:
    for search in (None, "example.org"):
        for sort, descending in ORDERS:
            common: dict[str, Any] = {
                "sort": sort, "descending": descending, "search": search, "filter": account_filter, "now": NOW,
            }
            expected = [a.id for a in await listed(dao, **common)]
            walked: list[int] = []
            rows = await dao.list_page(limit=PAGE, **common)
            while rows:
                walked += [row[0] for row in rows]
                rows = await dao.list_page(limit=PAGE, after=(rows[-1][-1], rows[-1][0]), **common)
            assert walked == expected, (search, sort, descending)
            back: list[int] = []
            rows = await dao.list_page(limit=PAGE, offset=max(0, len(expected) - PAGE), **common)
            while rows:
                back = [row[0] for row in rows] + back
                rows = await dao.list_page(limit=PAGE, before=(rows[0][-1], rows[0][0]), **common)
            assert back == expected, (search, sort, descending)
            for offset in range(len(expected) + 1):
                rows = await dao.list_page(limit=PAGE, offset=offset, **common)
                assert [row[0] for row in rows] == expected[offset : offset + PAGE], (sort, offset)


@pytest.mark.asyncio
@pytest.mark.parametrize("account_filter", list(AccountFilter), ids=lambda f: f.value)
async def test_position_of_under_a_filter(
    dao: UserDao, seeded: dict[str, Account], account_filter: AccountFilter
) -> None:
    for search in (None, "an"):
        for sort, descending in ORDERS:
            common: dict[str, Any] = {
                "sort": sort, "descending": descending, "search": search, "filter": account_filter, "now": NOW,
            }
            shown = [a.id for a in await listed(dao, **common)]
            for user_id in [a.id for a in seeded.values()]:
                position = await dao.position_of(user_id, **common)
                assert position == (shown.index(user_id) if user_id in shown else None), (sort, user_id)


# Counts stay exact where they are counted by merging tables


def raw(path: Any, *statements: tuple[str, tuple[Any, ...]]) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")  # as a program that never turns them on
        for sql, parameters in statements:
            connection.execute(sql, parameters)
        connection.commit()


@pytest.mark.asyncio
async def test_counts_ignore_rows_left_behind_by_a_deleted_account(
    dao: UserDao, seeded: dict[str, Account], service: AccountService
) -> None:
    before = {f: await dao.count(filter=f, now=NOW) for f in AccountFilter}
    # Written without foreign keys: a password row and a state row whose account is gone.
    gone = 999_999
    stamp = SEEDED_AT.replace(tzinfo=None).isoformat(sep=" ")
    raw(
        service.path,
        ("INSERT INTO user_passwords (user_id, hashed_password, updated_at) VALUES (?, 'x', ?)", (gone, stamp)),
        (
            "INSERT INTO homelog_desktop_account_state (user_id, role, disabled, must_change_password,"
            " failed_attempts, last_sign_in_at) VALUES (?, 'administrator', 1, 1, 0, ?)",
            (gone, stamp),
        ),
    )
    assert {f: await dao.count(filter=f, now=NOW) for f in AccountFilter} == before
    assert before[AccountFilter.NO_PASSWORD] == len(emails_without_password()) + FILLERS  # fillers have none


@pytest.mark.asyncio
async def test_filters_of_an_empty_database_are_empty(dao: UserDao) -> None:
    now = datetime.now(SEEDED_AT.tzinfo)
    for account_filter in AccountFilter:
        assert await dao.count(filter=account_filter, now=now) == 0
        assert await dao.list_page(filter=account_filter, now=now) == []


@pytest.mark.asyncio
async def test_a_state_shared_by_most_accounts_is_read_by_walking_the_order(
    dao: UserDao, seeded: dict[str, Account], workspace: Workspace
) -> None:
    everyone = await listed(dao)
    for account in everyone:
        await workspace.roles.set_must_change_password(account.id)
    statements: list[str] = []
    engine = workspace.database.engine.sync_engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    # Before any count the state is taken to be rare (an IN list); after the counts, as common as it is.
    for counted in (False, True):
        if counted:
            assert await dao.count(now=NOW) == await dao.count(filter=AccountFilter.MUST_CHANGE_PASSWORD, now=NOW)
        event.listen(engine, "before_cursor_execute", listener)
        try:
            statements.clear()
            await dao.list_page(filter=AccountFilter.MUST_CHANGE_PASSWORD, now=NOW, limit=PAGE)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert ("EXISTS (SELECT" in statements[-1]) == counted, statements[-1]
        for sort, descending in ORDERS:
            common: dict[str, Any] = {
                "sort": sort, "descending": descending, "filter": AccountFilter.MUST_CHANGE_PASSWORD, "now": NOW,
            }
            expected = [a.id for a in await listed(dao, sort=sort, descending=descending)]
            walked: list[int] = []
            rows = await dao.list_page(limit=PAGE, **common)
            while rows:
                walked += [row[0] for row in rows]
                rows = await dao.list_page(limit=PAGE, after=(rows[-1][-1], rows[-1][0]), **common)
            assert walked == expected, (sort, descending)
            for offset in (0, 5, len(expected) - 1):
                rows = await dao.list_page(limit=PAGE, offset=offset, **common)
                assert [row[0] for row in rows] == expected[offset : offset + PAGE], (sort, offset)
