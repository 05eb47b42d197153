"""append_audits (many chained entries in the caller's transaction), read_setting on any database,
set_setting with its audit entry, and an import record that never shows its hash."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from homelog_desktop.data.database import Database
from homelog_desktop.data.security_dao import (
    AUDIT_HEAD_KEY,
    GENESIS_HASH,
    AuditDraft,
    AuditRecord,
    SecurityDao,
    append_audits,
    audit_entry_hash,
    read_setting,
)
from homelog_desktop.data.transfer_dao import ImportRecord
from tests.data.test_schema import home_log_database

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
HASH = "$2b$04$" + "a" * 53


def drafts(count: int, start: int = 0) -> list[AuditDraft]:
    return [
        AuditDraft(NOW + timedelta(microseconds=n), "import", target_id=n, target_email=f"u{n}@example.org",
                   fields=("email", "username"))
        for n in range(start, start + count)
    ]


def check_chain(dao_records: list[AuditRecord], head: str | None) -> None:
    previous = GENESIS_HASH
    for expected_id, record in enumerate(dao_records, start=1):
        assert record.id == expected_id
        assert record.previous_hash == previous
        assert audit_entry_hash(previous, record) == record.entry_hash
        previous = record.entry_hash
    assert head == f"{dao_records[-1].id} {previous}"


@pytest.mark.asyncio
@pytest.mark.parametrize("count", [1, 2, 1001, 2500])
async def test_append_audits_chains_in_order(database: Database, count: int) -> None:
    dao = SecurityDao(database)
    await dao.append_audit(drafts(1, start=10_000)[0])  # an entry before: the bulk chains onto it
    async with database.sessions() as session, session.begin():
        await append_audits(session, drafts(count))
    records = await dao.audit_page(limit=count + 10)
    assert [record.target_id for record in records] == [10_000, *range(count)]
    assert [record.at for record in records[1:]] == [draft.at for draft in drafts(count)]
    check_chain(records, await dao.get_setting(AUDIT_HEAD_KEY))


@pytest.mark.asyncio
async def test_append_audits_of_nothing_writes_nothing(database: Database) -> None:
    async with database.sessions() as session, session.begin():
        await append_audits(session, [])
    assert await SecurityDao(database).audit_page() == []


@pytest.mark.asyncio
async def test_append_audits_rolls_back_with_its_transaction(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.sessions() as session, session.begin():
            await append_audits(session, drafts(5))
            raise RuntimeError("the caller's change failed")
    assert await SecurityDao(database).audit_page() == []
    assert await SecurityDao(database).get_setting(AUDIT_HEAD_KEY) is None


@pytest.mark.asyncio
async def test_set_setting_with_its_audit_entry(database: Database) -> None:
    dao = SecurityDao(database)
    await dao.set_setting("password.scheme", "argon2id", AuditDraft(NOW, "hash_scheme", fields=("scheme",)))
    assert await read_setting(database, "password.scheme") == "argon2id"
    [entry] = await dao.audit_page()
    assert (entry.action, entry.fields, entry.target_id) == ("hash_scheme", ("scheme",), None)
    await dao.set_setting("password.scheme", "bcrypt")
    assert await read_setting(database, "password.scheme") == "bcrypt"
    assert len(await dao.audit_page()) == 1


@pytest.mark.asyncio
async def test_read_setting_on_a_database_without_our_tables(tmp_path: Path) -> None:
    path = home_log_database(tmp_path / "home-log.db")
    database = await Database.open_sqlite(path, read_only=True)
    try:
        assert await read_setting(database, "password.scheme") is None
    finally:
        await database.close()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'homelog%'").fetchone() == (0,)


def test_an_import_record_never_shows_its_hash() -> None:
    record = ImportRecord("ann@example.org", "Ann", HASH)
    assert HASH not in repr(record) and "ann@example.org" in repr(record)
