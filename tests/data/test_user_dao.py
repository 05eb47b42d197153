"""UserDao: every operation on real SQLite, keyset paging, literal search, and eager password loading."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, InvalidRequestError

from homelog_desktop.data.audit_dao import AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.models import User
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.user_dao import UserDao, UserSort
from homelog_desktop.data.user_queries import ACCOUNT_COLUMNS, AccountRow
from homelog_desktop.errors import DuplicateEmailError, NotFoundError
from tests.helpers.template_database import built_once, copy_into

HASH_A = "$2b$04$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
HASH_B = "$2b$04$bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
PAGE = 7
MISSING_ID = 999_999
AUDIT = AuditDraft(datetime(2026, 3, 1, tzinfo=UTC), "test")


@pytest.fixture
def dao(database: Database) -> UserDao:
    return UserDao(database)


def raw_rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read with plain sqlite3, bypassing the ORM."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql, params).fetchall()


def raw_execute(path: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(sql, params)
        connection.commit()


def password_rows(path: Path, user_id: int) -> int:
    return raw_rows(path, "SELECT COUNT(*) FROM user_passwords WHERE user_id = ?", (user_id,))[0][0]


def ids(rows: list[tuple[Any, ...]]) -> list[int]:
    return [row[0] for row in rows]


# Round trips


@pytest.mark.asyncio
async def test_create_then_get_returns_the_same_fields(dao: UserDao) -> None:
    created = await dao.create(email="Anna@Example.com", username="Anna", audit=AUDIT)
    read = await dao.get(created.id)
    assert (read.id, read.email, read.username) == (created.id, "Anna@Example.com", "Anna")


@pytest.mark.asyncio
async def test_create_stamps_aware_utc_times(dao: UserDao) -> None:
    user = await dao.get((await dao.create(email="anna@example.com", username=None, audit=AUDIT)).id)
    assert user.created_at.utcoffset() == timedelta(0)
    assert user.updated_at == user.created_at


@pytest.mark.asyncio
async def test_create_without_a_hash_stores_no_password_row(dao: UserDao, db_path: Path) -> None:
    user = await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    assert not user.has_password and user.password_updated_at is None
    assert password_rows(db_path, user.id) == 0
    assert await PasswordDao(dao.database).get_hash(user.id) is None


@pytest.mark.asyncio
async def test_create_with_a_hash_stores_it_in_the_same_call(dao: UserDao, db_path: Path) -> None:
    user = await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    assert user.has_password and user.password_updated_at is not None
    assert raw_rows(db_path, "SELECT hashed_password FROM user_passwords WHERE user_id = ?", (user.id,)) == [
        (HASH_A,)
    ]
    assert await PasswordDao(dao.database).get_hash(user.id) == HASH_A


@pytest.mark.asyncio
async def test_get_by_email_ignores_case_and_surrounding_spaces(dao: UserDao) -> None:
    created = await dao.create(email="Anna@Example.com", username=None, audit=AUDIT)
    found = await dao.get_by_email("  aNNA@example.COM ")
    assert found is not None and found.id == created.id


@pytest.mark.asyncio
async def test_get_by_email_finds_an_address_with_non_ascii_capitals(dao: UserDao) -> None:
    created = await dao.create(email="Émile@Exämple.de", username=None, audit=AUDIT)
    found = await dao.get_by_email("Émile@Exämple.de")
    assert found is not None and found.id == created.id


@pytest.mark.asyncio
async def test_get_by_email_returns_none_for_an_unknown_address(dao: UserDao) -> None:
    await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    assert await dao.get_by_email("bob@example.com") is None


@pytest.mark.asyncio
async def test_count_without_search_counts_everyone(dao: UserDao) -> None:
    for n in range(3):
        await dao.create(email=f"user{n}@example.com", username=None, audit=AUDIT)
    assert await dao.count() == 3


@pytest.mark.asyncio
async def test_count_with_search_matches_email_or_name_without_case(dao: UserDao) -> None:
    await dao.create(email="anna@example.com", username="Anna", audit=AUDIT)
    await dao.create(email="bob@example.com", username="Bob the Builder", audit=AUDIT)
    await dao.create(email="carol@build.org", username=None, audit=AUDIT)
    assert await dao.count("BUILD") == 2
    assert await dao.count("anna") == 1
    assert await dao.count("nobody") == 0


@pytest.mark.asyncio
async def test_update_changes_email_and_name(dao: UserDao) -> None:
    user = await dao.create(email="anna@example.com", username="Anna", audit=AUDIT)
    updated = await dao.update(user.id, email="anna.b@example.com", username=None, audit=AUDIT)
    read = await dao.get(user.id)
    assert (updated.email, updated.username) == ("anna.b@example.com", None)
    assert (read.email, read.username) == ("anna.b@example.com", None)
    assert read.updated_at is not None and read.updated_at >= user.created_at


@pytest.mark.asyncio
async def test_update_may_change_only_the_case_of_the_own_email(dao: UserDao) -> None:
    user = await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    await dao.update(user.id, email="ANNA@example.com", username=None, audit=AUDIT)
    assert (await dao.get(user.id)).email == "ANNA@example.com"


@pytest.mark.asyncio
async def test_update_keeps_the_password(dao: UserDao) -> None:
    user = await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    await dao.update(user.id, email="anna@example.org", username="Anna", audit=AUDIT)
    assert await PasswordDao(dao.database).get_hash(user.id) == HASH_A


@pytest.mark.asyncio
async def test_delete_removes_the_user(dao: UserDao) -> None:
    user = await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    await dao.delete(user.id, audit=AUDIT)
    assert await dao.count() == 0
    with pytest.raises(NotFoundError):
        await dao.get(user.id)


@pytest.mark.asyncio
async def test_delete_removes_the_password_row_by_cascade(dao: UserDao, db_path: Path) -> None:
    user = await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    assert password_rows(db_path, user.id) == 1
    await dao.delete(user.id, audit=AUDIT)
    assert password_rows(db_path, user.id) == 0


@pytest.mark.asyncio
async def test_delete_leaves_other_users_alone(dao: UserDao, db_path: Path) -> None:
    anna = await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    bob = await dao.create(email="bob@example.com", username=None, hashed_password=HASH_B, audit=AUDIT)
    await dao.delete(anna.id, audit=AUDIT)
    assert ids(await dao.list_page()) == [bob.id]
    assert await PasswordDao(dao.database).get_hash(bob.id) == HASH_B


@pytest.mark.asyncio
async def test_set_password_inserts_a_row_for_a_user_without_one(dao: UserDao, db_path: Path) -> None:
    user = await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    returned = await dao.set_password(user.id, HASH_A, audit=AUDIT)
    assert returned.has_password and returned.password_updated_at is not None
    assert password_rows(db_path, user.id) == 1
    assert await PasswordDao(dao.database).get_hash(user.id) == HASH_A


@pytest.mark.asyncio
async def test_set_password_replaces_the_old_hash(dao: UserDao, db_path: Path) -> None:
    user = await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    first_stamp = (await dao.get(user.id)).password_updated_at
    await dao.set_password(user.id, HASH_B, audit=AUDIT)
    read = await dao.get(user.id)
    assert password_rows(db_path, user.id) == 1
    assert read.has_password and await PasswordDao(dao.database).get_hash(user.id) == HASH_B
    assert first_stamp is not None and read.password_updated_at is not None
    assert read.password_updated_at >= first_stamp


@pytest.mark.asyncio
async def test_clear_password_removes_the_row(dao: UserDao, db_path: Path) -> None:
    user = await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    returned = await dao.clear_password(user.id, audit=AUDIT)
    assert not returned.has_password
    assert password_rows(db_path, user.id) == 0
    assert await PasswordDao(dao.database).get_hash(user.id) is None


@pytest.mark.asyncio
async def test_clear_password_keeps_the_account(dao: UserDao) -> None:
    user = await dao.create(email="anna@example.com", username="Anna", hashed_password=HASH_A, audit=AUDIT)
    await dao.clear_password(user.id, audit=AUDIT)
    assert (await dao.get(user.id)).email == "anna@example.com"


@pytest.mark.asyncio
async def test_clear_password_of_a_user_without_one_is_harmless(dao: UserDao) -> None:
    user = await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    assert not (await dao.clear_password(user.id, audit=AUDIT)).has_password


@pytest.mark.asyncio
async def test_get_many_returns_the_existing_users_in_id_order(dao: UserDao) -> None:
    made = [await dao.create(email=f"user{n}@example.com", username=None, audit=AUDIT) for n in range(4)]
    wanted = [made[3].id, MISSING_ID, made[0].id, made[2].id]
    assert [user.id for user in await dao.get_many(wanted)] == [made[0].id, made[2].id, made[3].id]


@pytest.mark.asyncio
async def test_get_many_of_nothing_is_empty(dao: UserDao) -> None:
    await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    assert await dao.get_many([]) == []


# Refusals


@pytest.mark.asyncio
@pytest.mark.parametrize("email", ["anna@example.com", "ANNA@EXAMPLE.COM", "Anna@Example.Com"])
async def test_create_with_a_taken_email_in_any_case_raises_duplicate(dao: UserDao, email: str) -> None:
    await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    with pytest.raises(DuplicateEmailError) as raised:
        await dao.create(email=email, username=None, audit=AUDIT)
    assert not isinstance(raised.value, IntegrityError)
    assert raised.value.email == email
    assert await dao.count() == 1


@pytest.mark.asyncio
async def test_create_with_a_taken_non_ascii_email_raises_duplicate(dao: UserDao) -> None:
    await dao.create(email="Émile@example.com", username=None, audit=AUDIT)
    with pytest.raises(DuplicateEmailError):
        await dao.create(email="Émile@example.com", username=None, audit=AUDIT)
    assert await dao.count() == 1


@pytest.mark.asyncio
async def test_create_with_a_taken_email_writes_no_password(dao: UserDao, db_path: Path) -> None:
    await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    with pytest.raises(DuplicateEmailError):
        await dao.create(email="ANNA@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    assert raw_rows(db_path, "SELECT COUNT(*) FROM user_passwords") == [(0,)]


@pytest.mark.asyncio
@pytest.mark.parametrize("email", ["bob@example.com", "BOB@example.com"])
async def test_update_to_another_users_email_raises_duplicate(dao: UserDao, email: str) -> None:
    anna = await dao.create(email="anna@example.com", username="Anna", audit=AUDIT)
    await dao.create(email="bob@example.com", username=None, audit=AUDIT)
    with pytest.raises(DuplicateEmailError):
        await dao.update(anna.id, email=email, username="Changed", audit=AUDIT)
    read = await dao.get(anna.id)
    assert (read.email, read.username) == ("anna@example.com", "Anna")


MISSING_ID_CALLS: dict[str, Callable[[UserDao], Awaitable[Any]]] = {
    "get": lambda dao: dao.get(MISSING_ID),
    "update": lambda dao: dao.update(MISSING_ID, email="x@example.com", username=None, audit=AUDIT),
    "delete": lambda dao: dao.delete(MISSING_ID, audit=AUDIT),
    "set_password": lambda dao: dao.set_password(MISSING_ID, HASH_A, audit=AUDIT),
    "clear_password": lambda dao: dao.clear_password(MISSING_ID, audit=AUDIT),
    "get_password_hash": lambda dao: PasswordDao(dao.database).get_hash(MISSING_ID),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("call", MISSING_ID_CALLS.values(), ids=MISSING_ID_CALLS.keys())
async def test_a_missing_id_raises_not_found(dao: UserDao, call: Callable[[UserDao], Awaitable[Any]]) -> None:
    await dao.create(email="anna@example.com", username=None, audit=AUDIT)
    with pytest.raises(NotFoundError):
        await call(dao)
    assert await dao.count() == 1


@pytest.mark.asyncio
async def test_set_password_on_a_missing_id_writes_no_row(dao: UserDao, db_path: Path) -> None:
    with pytest.raises(NotFoundError):
        await dao.set_password(MISSING_ID, HASH_A, audit=AUDIT)
    assert raw_rows(db_path, "SELECT COUNT(*) FROM user_passwords") == [(0,)]


# What a call returns holds everything callers read (User.user_password is lazy="raise")


async def _returned_by_every_call(dao: UserDao) -> dict[str, list[AccountRow]]:
    with_password = await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)
    without = await dao.create(email="bob@example.com", username=None, audit=AUDIT)
    found = await dao.get_by_email("ANNA@example.com")
    assert found is not None
    return {
        "create with hash": [with_password],
        "create without hash": [without],
        "get": [await dao.get(with_password.id), await dao.get(without.id)],
        "get_by_email": [found],
        "get_many": await dao.get_many([with_password.id, without.id]),
        "update": [await dao.update(without.id, email="bob@example.org", username="Bob", audit=AUDIT)],
        "set_password (insert)": [await dao.set_password(without.id, HASH_A, audit=AUDIT)],
        "set_password (replace)": [await dao.set_password(with_password.id, HASH_B, audit=AUDIT)],
        "clear_password": [await dao.clear_password(without.id, audit=AUDIT)],
    }


@pytest.mark.asyncio
async def test_every_account_returned_tells_whether_it_has_a_password(dao: UserDao) -> None:
    returned = await _returned_by_every_call(dao)
    # Each list was read when it was returned; later calls read into new objects of their own.
    expected_hash = {
        "create with hash": [HASH_A],
        "create without hash": [None],
        "get": [HASH_A, None],
        "get_by_email": [HASH_A],
        "get_many": [HASH_A, None],
        "update": [None],
        "set_password (insert)": [HASH_A],
        "set_password (replace)": [HASH_B],
        "clear_password": [None],
    }
    # Every session has closed by now: the rows are plain values, read without the database.
    seen = {call: [(user.has_password, user.password_updated_at is not None) for user in users]
            for call, users in returned.items()}
    assert seen == {call: [(h is not None, h is not None) for h in hashes] for call, hashes in expected_hash.items()}


@pytest.mark.asyncio
async def test_a_user_loaded_without_selectinload_refuses_lazy_loading(
    database: Database, dao: UserDao
) -> None:
    user_id = (await dao.create(email="anna@example.com", username=None, hashed_password=HASH_A, audit=AUDIT)).id
    async with database.sessions() as session:
        user = await session.scalar(select(User).where(User.id == user_id))
        assert user is not None
        with pytest.raises(InvalidRequestError, match="lazy='raise'"):
            _ = user.user_password


# Search: case-insensitive, and %, _ and \ mean themselves


@pytest_asyncio.fixture
async def wildcard_users(dao: UserDao) -> dict[str, int]:
    people = {
        "percent": ("sale100%@example.com", "Half % off"),
        "underscore": ("first_last@example.com", "snake_case"),
        "backslash": ("domain@example.com", "CORP\\anna"),
        "plain": ("sale1000@example.com", "firstXlast"),
        "other": ("corpXanna@example.com", "Half-price"),
    }
    return {
        key: (await dao.create(email=email, username=name, audit=AUDIT)).id for key, (email, name) in people.items()
    }


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("%", ["percent"]),
        ("0%", ["percent"]),
        ("_", ["underscore"]),
        ("t_l", ["underscore"]),
        ("\\", ["backslash"]),
        ("corp\\", ["backslash"]),
        ("\\%", []),
        ("HALF", ["percent", "other"]),
    ],
)
async def test_search_treats_wildcards_literally(
    dao: UserDao, wildcard_users: dict[str, int], search: str, expected: list[str]
) -> None:
    wanted = sorted(wildcard_users[key] for key in expected)
    assert ids(await dao.list_page(search=search)) == wanted
    assert await dao.count(search) == len(wanted)


@pytest.mark.asyncio
async def test_search_finds_text_with_non_ascii_capitals(dao: UserDao) -> None:
    user = await dao.create(email="emile@example.com", username="Émile Zola", audit=AUDIT)
    assert ids(await dao.list_page(search="Émile")) == [user.id]
    assert await dao.count("ÉMILE ZOLA") == 1


# Sorting and paging over ~60 users with duplicate and missing names and timestamps


NAMES = ["Anna", "anna", "ANNA", None, "Bob", "", None, "carol", "Carol", "dave", None, "Émile", "zoë"]
HOMELOG_TIME = "2024-03-01 08:00:00"  # what home-log's CURRENT_TIMESTAMP writes
SAME_TIME = "2024-05-05 12:00:00.000000"


async def _fill_many_users(dao: UserDao, path: Path) -> None:
    """The 61 users, as `many_users` has them (made once per test process, see there)."""
    for n in range(61):
        await dao.create(
            email=f"{'ABCDE'[n % 5]}user{n % 7}.{n}@example.com",
            username=NAMES[n % len(NAMES)],
            hashed_password=HASH_A if n % 3 == 0 else None,
            audit=AUDIT,
        )
    # Some rows as home-log writes them (no fraction, no updated_at), some with equal times.
    raw_execute(
        path, "UPDATE users SET created_at = ?, updated_at = NULL WHERE id % 4 = 0", (HOMELOG_TIME,)
    )
    raw_execute(path, "UPDATE users SET created_at = ?1, updated_at = ?1 WHERE id % 5 = 0", (SAME_TIME,))


async def _made_many_users(path: Path) -> None:
    made = await Database.open_sqlite(path)
    try:
        await _fill_many_users(UserDao(made), path)
    finally:
        await made.close()


@pytest_asyncio.fixture
async def many_users(database: Database, db_path: Path) -> list[dict[str, Any]]:
    """61 users; their fields as plain sqlite3 reads them, to compute the expected orders in Python.

    Made once per test process through the DAO (61 writing transactions), then copied into the test's open
    database with SQLite's backup API, which every connection of that database then reads."""
    made, _ = await built_once("many-users", _made_many_users)
    copy_into(made, db_path)
    assert raw_rows(db_path, "SELECT count(*) FROM users") == [(61,)]
    rows = raw_rows(
        db_path,
        "SELECT u.id, u.email, u.username, p.user_id IS NOT NULL, u.created_at, u.updated_at"
        " FROM users u LEFT JOIN user_passwords p ON p.user_id = u.id",
    )
    keys = ("id", "email", "username", "has_password", "created_at", "updated_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def python_key(sort: UserSort, user: dict[str, Any]) -> Any:
    """The sort key computed in Python (ASCII case folding only, like SQLite's lower())."""
    ascii_lower = {ord(c): ord(c) + 32 for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    return {
        UserSort.ID: user["id"],
        UserSort.EMAIL: user["email"].translate(ascii_lower),
        UserSort.USERNAME: (user["username"] or "").translate(ascii_lower),
        UserSort.HAS_PASSWORD: bool(user["has_password"]),
        UserSort.CREATED_AT: user["created_at"],
        UserSort.UPDATED_AT: user["updated_at"] or "",
    }[sort]


def expected_ids(users: list[dict[str, Any]], sort: UserSort, descending: bool) -> list[int]:
    ordered = sorted(users, key=lambda user: (python_key(sort, user), user["id"]), reverse=descending)
    return [user["id"] for user in ordered]


def page_key(row: tuple[Any, ...]) -> tuple[Any, int]:
    return (row[-1], row[0])


ORDERS = [(sort, descending) for sort in UserSort for descending in (False, True)]
ORDER_IDS = [f"{sort.value}-{'desc' if descending else 'asc'}" for sort, descending in ORDERS]


@pytest.mark.asyncio
async def test_list_page_rows_have_the_list_columns_and_the_sort_key(
    dao: UserDao, many_users: list[dict[str, Any]]
) -> None:
    rows = await dao.list_page(sort=UserSort.EMAIL, limit=3)
    assert all(len(row) == len(ACCOUNT_COLUMNS) + 1 for row in rows)
    assert [row[-1] for row in rows] == [row[1].lower() for row in rows]


@pytest.mark.asyncio
async def test_list_page_reports_passwords_and_aware_times(
    dao: UserDao, many_users: list[dict[str, Any]]
) -> None:
    rows = await dao.list_page(limit=100)
    assert [row[3] for row in rows] == [bool(user["has_password"]) for user in many_users]
    assert all(row[4].tzinfo is UTC for row in rows)
    assert all(row[6] is None for row in rows if not row[3])
    assert all(row[6] is not None and row[6].tzinfo is UTC for row in rows if row[3])


@pytest.mark.asyncio
@pytest.mark.parametrize(("sort", "descending"), ORDERS, ids=ORDER_IDS)
async def test_list_page_sorts_like_the_sort_key(
    dao: UserDao, many_users: list[dict[str, Any]], sort: UserSort, descending: bool
) -> None:
    rows = await dao.list_page(sort=sort, descending=descending, limit=1000)
    assert ids(rows) == expected_ids(many_users, sort, descending)


@pytest.mark.asyncio
@pytest.mark.parametrize(("sort", "descending"), ORDERS, ids=ORDER_IDS)
async def test_list_page_offset_jumps_into_the_order(
    dao: UserDao, many_users: list[dict[str, Any]], sort: UserSort, descending: bool
) -> None:
    expected = expected_ids(many_users, sort, descending)
    for offset in (0, 1, 30, 56, 60, 61):
        rows = await dao.list_page(sort=sort, descending=descending, offset=offset, limit=PAGE)
        assert ids(rows) == expected[offset : offset + PAGE]


@pytest.mark.asyncio
@pytest.mark.parametrize(("sort", "descending"), ORDERS, ids=ORDER_IDS)
async def test_walking_forward_with_after_yields_every_row_once(
    dao: UserDao, many_users: list[dict[str, Any]], sort: UserSort, descending: bool
) -> None:
    walked: list[int] = []
    rows = await dao.list_page(sort=sort, descending=descending, limit=PAGE)
    while rows:
        assert len(rows) <= PAGE
        walked += ids(rows)
        rows = await dao.list_page(sort=sort, descending=descending, limit=PAGE, after=page_key(rows[-1]))
    assert walked == expected_ids(many_users, sort, descending)


@pytest.mark.asyncio
@pytest.mark.parametrize(("sort", "descending"), ORDERS, ids=ORDER_IDS)
async def test_walking_backward_with_before_yields_every_row_once(
    dao: UserDao, many_users: list[dict[str, Any]], sort: UserSort, descending: bool
) -> None:
    total = len(many_users)
    walked: list[int] = []
    rows = await dao.list_page(sort=sort, descending=descending, limit=PAGE, offset=total - PAGE)
    while rows:
        assert len(rows) <= PAGE
        walked = ids(rows) + walked
        rows = await dao.list_page(sort=sort, descending=descending, limit=PAGE, before=page_key(rows[0]))
    assert walked == expected_ids(many_users, sort, descending)


@pytest.mark.asyncio
@pytest.mark.parametrize("sort", [UserSort.USERNAME, UserSort.HAS_PASSWORD, UserSort.UPDATED_AT])
async def test_walking_a_searched_list_yields_every_match_once(
    dao: UserDao, many_users: list[dict[str, Any]], sort: UserSort
) -> None:
    matching = [user for user in many_users if "user3" in user["email"].lower()]
    walked: list[int] = []
    rows = await dao.list_page(sort=sort, search="USER3", limit=PAGE)
    while rows:
        walked += ids(rows)
        rows = await dao.list_page(sort=sort, search="USER3", limit=PAGE, after=page_key(rows[-1]))
    assert walked == expected_ids(matching, sort, descending=False)


@pytest.mark.asyncio
@pytest.mark.parametrize(("sort", "descending"), ORDERS, ids=ORDER_IDS)
async def test_position_of_agrees_with_the_index_in_the_full_list(
    dao: UserDao, many_users: list[dict[str, Any]], sort: UserSort, descending: bool
) -> None:
    listed = ids(await dao.list_page(sort=sort, descending=descending, limit=1000))
    positions = [await dao.position_of(user_id, sort=sort, descending=descending) for user_id in listed]
    assert positions == list(range(len(listed)))


@pytest.mark.asyncio
@pytest.mark.parametrize("sort", [UserSort.EMAIL, UserSort.HAS_PASSWORD, UserSort.CREATED_AT])
async def test_position_of_agrees_with_the_index_in_a_searched_list(
    dao: UserDao, many_users: list[dict[str, Any]], sort: UserSort
) -> None:
    listed = ids(await dao.list_page(sort=sort, descending=True, search="anna", limit=1000))
    assert listed, "the search should match someone"
    positions = [await dao.position_of(uid, sort=sort, descending=True, search="anna") for uid in listed]
    assert positions == list(range(len(listed)))


@pytest.mark.asyncio
async def test_position_of_a_user_outside_the_search_is_none(
    dao: UserDao, many_users: list[dict[str, Any]]
) -> None:
    outsider = next(user["id"] for user in many_users if "anna" not in str(user["username"]).lower())
    assert await dao.position_of(outsider, sort=UserSort.ID, descending=False, search="anna") is None


@pytest.mark.asyncio
async def test_position_of_a_missing_user_is_none(dao: UserDao, many_users: list[dict[str, Any]]) -> None:
    assert await dao.position_of(MISSING_ID, sort=UserSort.EMAIL, descending=False) is None
