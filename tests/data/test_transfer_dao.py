"""TransferDao on real SQLite: imports in one writing transaction with their audit entries, all rows or none."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.data.audit_dao import AuditDao, AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.transfer_dao import IMPORT_BATCH, ImportRecord, OnExisting, TransferDao, email_key
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import DuplicateEmailError, ImportCancelledError

HASH_A = "$2b$04$" + "a" * 53
HASH_B = "$2b$04$" + "b" * 53
ARGON2 = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
CREATED = datetime(2023, 5, 1, 12, 30, tzinfo=UTC)
UPDATED = datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC)
IMPORT = AuditDraft(datetime(2026, 3, 1, tzinfo=UTC), "import")


async def import_users(database: Database, records: list[ImportRecord], on_existing: OnExisting,
                       **options: Any) -> Any:
    return await TransferDao(database).import_users(records, on_existing, audit=IMPORT, **options)


async def read_password_hashes(database: Database, ids: list[int]) -> dict[int, str]:
    return await PasswordDao(database).hashes(ids)


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def dump(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    return rows(path, "SELECT * FROM users ORDER BY id"), rows(path, "SELECT * FROM user_passwords ORDER BY user_id")


def many(count: int, prefix: str = "user") -> list[ImportRecord]:
    return [ImportRecord(f"{prefix}{n}@example.org", None, HASH_A if n % 2 else None) for n in range(count)]


def test_email_key_folds_every_case_and_normal_form() -> None:
    assert email_key(" Ann@Example.ORG ") == "ann@example.org"
    assert email_key("ÉLISE@EXAMPLE.org") == "élise@example.org"  # full Unicode folding, not SQLite's lower()
    assert email_key("e\u0301lise@example.org") == email_key("\u00e9lise@example.org")  # decomposed é
    assert email_key("STRASSE@example.org") == email_key("straße@example.org")


@pytest.mark.asyncio
async def test_import_creates_accounts_with_hashes_as_given(database: Database, db_path: Path) -> None:
    records = [
        ImportRecord("ann@example.org", "Ann", HASH_A, CREATED, UPDATED),
        ImportRecord("bob@example.org", None, ARGON2),
        ImportRecord("carl@example.org", "Carl"),
    ]
    result = await import_users(database, records, OnExisting.ABORT)
    assert result.created_ids == (1, 2, 3) and result.updated_ids == () and result.skipped == 0
    users, passwords = dump(db_path)
    assert [(u[1], u[2]) for u in users] == [
        ("ann@example.org", "Ann"), ("bob@example.org", ""), ("carl@example.org", "Carl"),  # no name: ''
    ]
    assert users[0][3].startswith("2023-05-01 12:30:00") and users[0][4].startswith("2024-02-03 04:05:06")
    assert users[1][3] is not None and users[1][4] is not None  # now, when the file gives no time
    assert [(p[0], p[1]) for p in passwords] == [(1, HASH_A), (2, ARGON2)]
    # The search index (kept by triggers) knows the new rows.
    assert await UserDao(database).count("carl") == 1


@pytest.mark.asyncio
async def test_import_of_many_rows_returns_ids_in_record_order(database: Database) -> None:
    records = many(IMPORT_BATCH * 2 + 7)
    progress: list[tuple[int, int]] = []
    result = await import_users(database, records, OnExisting.ABORT, progress=lambda d, t: progress.append((d, t)))
    assert len(result.created_ids) == len(records)
    assert progress[-1] == (len(records), len(records)) and len(progress) == 3
    hashes = await read_password_hashes(database, list(result.created_ids))
    assert set(hashes) == {result.created_ids[n] for n in range(1, len(records), 2)}
    assert set(hashes.values()) == {HASH_A}


@pytest.mark.asyncio
async def test_existing_addresses_are_skipped_updated_or_stop_everything(database: Database, db_path: Path) -> None:
    await import_users(database, [ImportRecord("ann@example.org", "Ann", HASH_A)], OnExisting.ABORT)
    before = dump(db_path)
    incoming = [ImportRecord("ANN@example.org", "Ann Lee", None), ImportRecord("new@example.org", None, None)]

    with pytest.raises(DuplicateEmailError, match=r"ANN@example\.org"):
        await import_users(database, incoming, OnExisting.ABORT)
    assert dump(db_path) == before

    skipped = await import_users(database, incoming, OnExisting.SKIP)
    assert (skipped.created_ids, skipped.updated_ids, skipped.skipped) == ((2,), (), 1)
    assert dump(db_path)[0][0] == before[0][0]

    updated = await import_users(database, [ImportRecord("ann@EXAMPLE.org", "Ann Lee", None)], OnExisting.UPDATE)
    assert updated.updated_ids == (1,)
    users, passwords = dump(db_path)
    assert (users[0][1], users[0][2]) == ("ann@EXAMPLE.org", "Ann Lee")
    assert passwords[0][1] == HASH_A  # no hash in the file: the password is kept

    await import_users(database, [ImportRecord("ann@example.org", "Ann", HASH_B)], OnExisting.UPDATE)
    assert (await read_password_hashes(database, [1])) == {1: HASH_B}


@pytest.mark.asyncio
async def test_the_same_address_twice_writes_nothing(database: Database, db_path: Path) -> None:
    with pytest.raises(DuplicateEmailError):
        await import_users(
            database, [ImportRecord("a@example.org", None), ImportRecord("A@example.org", None)], OnExisting.ABORT
        )
    assert dump(db_path) == ([], [])


@pytest.mark.asyncio
async def test_should_stop_rolls_everything_back(database: Database, db_path: Path) -> None:
    calls: list[int] = []

    def should_stop() -> bool:
        return len(calls) >= 1  # after the first batch was written (but not committed)

    with pytest.raises(ImportCancelledError, match="nothing was written"):
        await import_users(
            database, many(IMPORT_BATCH * 3), OnExisting.ABORT,
            should_stop=should_stop, progress=lambda done, total: calls.append(done),
        )
    assert calls == [IMPORT_BATCH]
    assert dump(db_path) == ([], [])


@pytest.mark.asyncio
async def test_cancelling_the_caller_rolls_back(db_path: Path) -> None:
    database = await Database.open_sqlite(db_path)
    task: asyncio.Task[Any] | None = None

    def cancel_after_first_batch(done: int, total: int) -> None:
        assert task is not None
        task.cancel()

    task = asyncio.ensure_future(
        import_users(database, many(IMPORT_BATCH * 4), OnExisting.ABORT, progress=cancel_after_first_batch)
    )
    with pytest.raises(asyncio.CancelledError):
        await task
    await database.close()  # waits for the write, which rolls back at its next batch
    assert dump(db_path) == ([], [])


@pytest.mark.asyncio
async def test_find_existing_emails_ignores_case(database: Database) -> None:
    await import_users(database, many(3), OnExisting.ABORT)
    found = await TransferDao(database).find_existing_emails(
        ["USER1@example.org", "user2@Example.org", "nobody@example.org"]
    )
    assert found == {"user1@example.org": 2, "user2@example.org": 3}


@pytest.mark.asyncio
async def test_read_password_hashes_only_for_accounts_that_have_one(database: Database) -> None:
    result = await import_users(database, many(1200), OnExisting.ABORT)
    hashes = await read_password_hashes(database, list(result.created_ids))
    assert len(hashes) == 600 and all(value == HASH_A for value in hashes.values())
    assert await read_password_hashes(database, []) == {}


@pytest.mark.asyncio
async def test_every_account_written_gets_its_audit_entry_in_the_import(database: Database) -> None:
    await import_users(database, [ImportRecord("ann@example.org", "Ann", HASH_A)], OnExisting.ABORT)
    result = await import_users(
        database, [ImportRecord("ANN@example.org", "Ann", HASH_B), ImportRecord("bob@example.org", None)],
        OnExisting.UPDATE,
    )
    entries = await AuditDao(database).page()
    assert [(e.action, e.target_id, e.target_email, e.fields) for e in entries] == [
        ("import", 1, "ann@example.org", ("email", "username", "password")),
        ("import", result.created_ids[0], "bob@example.org", ("email", "username")),
        ("import", 1, "ANN@example.org", ("email", "password")),
    ]
