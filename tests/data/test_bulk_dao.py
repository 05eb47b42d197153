"""BulkDao on real SQLite files: set-based state changes a chunk of ids at a time, with the guards of a
change of one (stale rows of a reused id, the last administrator over the whole set, unknown ids)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from homelog_desktop.data.audit_dao import AuditDraft
from homelog_desktop.data.bulk_dao import CHUNK, BulkDao
from homelog_desktop.data.database import Database
from homelog_desktop.errors import DuplicateEmailError, LastAdministratorError, NotFoundError
from tests.helpers.workspaces import rows

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STAMP = "2026-03-01 11:00:00.000000"
STATE = "homelog_desktop_account_state"
AUDITED = "SELECT target_id FROM homelog_desktop_audit WHERE action = ? ORDER BY id"


def draft(action: str, *fields: str) -> AuditDraft:
    return AuditDraft(NOW, action, fields=fields)


def add_users(path: Path, count: int, *, first: int = 1, stamp: str = STAMP) -> list[int]:
    """`count` accounts written with plain SQL, as home-log writes them (ids from `first`)."""
    ids = list(range(first, first + count))
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.executemany(
            "INSERT INTO users (id, email, username, created_at, updated_at) VALUES (?, ?, '', ?, ?)",
            ((user_id, f"user{user_id}@example.org", stamp, stamp) for user_id in ids),
        )
    return ids


def set_state(path: Path, user_id: int, role: str, disabled: bool = False) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            f"INSERT INTO {STATE} (user_id, role, disabled, must_change_password, failed_attempts)"
            " VALUES (?, ?, ?, 0, 0)", (user_id, role, disabled),
        )


def states(path: Path) -> list[tuple[object, ...]]:
    return rows(path, f"SELECT user_id, role, disabled, must_change_password FROM {STATE} ORDER BY user_id")


@pytest.fixture
def dao(database: Database) -> BulkDao:
    return BulkDao(database)


@pytest.mark.asyncio
async def test_a_stale_state_row_of_a_reused_id_is_never_applied_nor_counted(
    db_path: Path, dao: BulkDao
) -> None:
    add_users(db_path, 1)
    set_state(db_path, 1, "administrator")
    add_users(db_path, 1, first=2, stamp="2026-03-01 11:30:00.000000")
    # A row left under id 2 by an earlier holder of the id (the created_at it copied is not this one's).
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute(
            f"INSERT INTO {STATE} (user_id, role, disabled, must_change_password, failed_attempts,"
            " account_created_at) VALUES (2, 'administrator', 0, 0, 0, ?)", (STAMP,),
        )
    # Account 2 is no administrator: demoting both would lose the last one (account 1).
    with pytest.raises(LastAdministratorError):
        await dao.update_states([1, 2], {"role": "member"}, draft("role", "role"))
    assert states(db_path) == [(1, "administrator", 0, 0), (2, "administrator", 0, 0)]  # nothing written
    changed = await dao.update_states([2], {"must_change_password": True}, draft("must_change"))
    assert [(row.id, row.role, row.must_change_password) for row in changed] == [(2, "member", True)]
    assert states(db_path) == [(1, "administrator", 0, 0), (2, "member", 0, 1)]
    assert rows(db_path, f"SELECT account_created_at FROM {STATE} WHERE user_id = 2") == [
        ("2026-03-01 11:30:00.000000",)
    ]


@pytest.mark.asyncio
async def test_the_last_administrators_are_refused_over_the_whole_set_and_nothing_is_written(
    db_path: Path, dao: BulkDao
) -> None:
    ids = add_users(db_path, CHUNK + 20)
    set_state(db_path, ids[3], "administrator")
    set_state(db_path, ids[-1], "administrator")  # in the second chunk
    set_state(db_path, ids[10], "administrator", disabled=True)  # no enabled administrator
    before = states(db_path)
    for changes, change in (({"disabled": True}, "disabled"), ({"role": "member"}, "demoted")):
        with pytest.raises(LastAdministratorError) as refused:
            await dao.update_states(ids, changes, draft("bulk", *changes))
        assert refused.value.change == change
        assert states(db_path) == before
        assert rows(db_path, "SELECT count(*) FROM homelog_desktop_audit WHERE action = 'bulk'") == [(0,)]
    # One enabled administrator left outside the set: the others may go.
    changed = await dao.update_states(ids[:-1], {"disabled": True}, draft("disable", "disabled"))
    assert [row.id for row in changed] == [user_id for user_id in ids[:-1] if user_id != ids[10]]


@pytest.mark.asyncio
async def test_accounts_already_in_the_state_are_not_written_nor_audited(db_path: Path, dao: BulkDao) -> None:
    ids = add_users(db_path, 6)
    set_state(db_path, ids[1], "member", disabled=True)
    set_state(db_path, ids[4], "member", disabled=True)
    changed = await dao.update_states(ids, {"disabled": True}, draft("disable", "disabled"))
    assert [row.id for row in changed] == [ids[0], ids[2], ids[3], ids[5]]
    assert all(row.disabled and row.email == f"user{row.id}@example.org" for row in changed)
    assert rows(db_path, AUDITED, "disable") == [(user_id,) for user_id in (ids[0], ids[2], ids[3], ids[5])]
    assert await dao.update_states(ids, {"disabled": True}, draft("again", "disabled")) == []
    assert rows(db_path, AUDITED, "again") == []


@pytest.mark.asyncio
async def test_more_than_two_chunks_are_all_written_with_one_entry_each(db_path: Path, dao: BulkDao) -> None:
    ids = add_users(db_path, 1_200)
    given = ids[::-1]  # the result follows the order given
    changed = await dao.update_states(given, {"must_change_password": True}, draft("must_change"))
    assert [row.id for row in changed] == given
    assert all(row.must_change_password and row.role == "member" and not row.disabled for row in changed)
    assert rows(db_path, f"SELECT count(*) FROM {STATE} WHERE must_change_password") == [(1_200,)]
    assert rows(db_path, f"SELECT count(*) FROM {STATE} WHERE account_created_at IS NOT ?", STAMP) == [(0,)]
    assert rows(db_path, AUDITED, "must_change") == [(user_id,) for user_id in given]


@pytest.mark.asyncio
async def test_a_missing_id_is_refused_and_nothing_is_written(db_path: Path, dao: BulkDao) -> None:
    ids = add_users(db_path, 700)
    with pytest.raises(NotFoundError):
        await dao.update_states([*ids, 9_999], {"disabled": True}, draft("disable", "disabled"))
    with pytest.raises(NotFoundError):
        await dao.update_states([ids[0], 0, 2**70], {"disabled": True}, draft("disable", "disabled"))
    with pytest.raises(ValueError):
        await dao.update_states(ids, {"colour": "red"}, draft("paint"))
    assert states(db_path) == []
    assert rows(db_path, AUDITED, "disable") == []


USERS_AS_STORED = "SELECT id, email, username, created_at, updated_at FROM users ORDER BY id"
HASHES = "SELECT user_id, hashed_password, updated_at FROM user_passwords ORDER BY user_id"
SOURCES = "SELECT id, owner_id FROM data_sources ORDER BY id"


@pytest.mark.asyncio
async def test_a_delete_of_three_chunks_is_put_back_exactly_and_a_reused_id_gets_a_new_one(
    db_path: Path, dao: BulkDao
) -> None:
    ids = add_users(db_path, 1_200)
    keeper = add_users(db_path, 1, first=5_000)
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("CREATE TABLE data_sources (id INTEGER PRIMARY KEY, owner_id INTEGER "
                           "REFERENCES users(id) ON DELETE SET NULL)")
        connection.executemany("INSERT INTO data_sources (owner_id) VALUES (?)",
                               [(user_id,) for user_id in (ids[0], ids[0], ids[700], keeper[0])])
        connection.executemany("INSERT INTO user_passwords (user_id, hashed_password, updated_at) VALUES (?, ?, ?)",
                               [(user_id, f"$2b$04$hash{user_id}", STAMP) for user_id in ids[::3]])
    set_state(db_path, ids[1], "administrator", disabled=True)
    set_state(db_path, ids[1_100], "member", disabled=True)
    set_state(db_path, keeper[0], "administrator")
    before = rows(db_path, USERS_AS_STORED), rows(db_path, HASHES), states(db_path), rows(db_path, SOURCES)

    given = ids[::-1]
    deleted = await dao.delete_many(given, draft("delete"))
    assert [snapshot.id for snapshot in deleted] == given
    assert rows(db_path, "SELECT id FROM users") == [(keeper[0],)]
    assert rows(db_path, HASHES) == [] and states(db_path) == [(keeper[0], "administrator", 0, 0)]
    assert rows(db_path, SOURCES) == [(1, None), (2, None), (3, None), (4, keeper[0])]
    assert rows(db_path, AUDITED, "delete") == [(user_id,) for user_id in given]

    restored = await dao.restore_many(deleted, draft("restore", "email"))
    assert [row.id for row in restored] == given
    assert (rows(db_path, USERS_AS_STORED), rows(db_path, HASHES), states(db_path), rows(db_path, SOURCES)) == before
    assert rows(db_path, AUDITED, "restore") == [(user_id,) for user_id in given]

    # Deleted again; meanwhile another program takes one of the ids (home-log's own inserts do).
    deleted = await dao.delete_many(ids[:600], draft("delete"))
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("INSERT INTO users (id, email, username, created_at, updated_at) "
                           "VALUES (?, 'newcomer@example.org', '', ?, ?)", (ids[0], STAMP, STAMP))
    restored = await dao.restore_many(deleted, draft("restore", "email"))
    assert restored[0].email == "user1@example.org" and restored[0].id not in ids
    assert [row.id for row in restored[1:]] == ids[1:600]
    assert rows(db_path, "SELECT owner_id FROM data_sources WHERE id IN (1, 2)") == [(restored[0].id,)] * 2
    assert rows(db_path, "SELECT hashed_password FROM user_passwords WHERE user_id = ?", restored[0].id) == [
        (f"$2b$04$hash{ids[0]}",)
    ]
    assert rows(db_path, "SELECT role, disabled FROM homelog_desktop_account_state WHERE user_id = ?", ids[1]) == [
        ("administrator", 1)
    ]


@pytest.mark.asyncio
async def test_a_restore_whose_address_was_taken_meanwhile_puts_nothing_back(db_path: Path, dao: BulkDao) -> None:
    ids = add_users(db_path, 700)
    deleted = await dao.delete_many(ids, draft("delete"))
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("INSERT INTO users (email, username, created_at, updated_at) "
                           "VALUES ('USER650@example.org', '', ?, ?)", (STAMP, STAMP))
    with pytest.raises(DuplicateEmailError):
        await dao.restore_many(deleted, draft("restore", "email"))
    assert rows(db_path, "SELECT email FROM users") == [("USER650@example.org",)]
    assert rows(db_path, AUDITED, "restore") == []
