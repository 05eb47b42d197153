"""The audit trail's DAO: entries chained by hash, the head kept as a setting, concurrent appends, many
chained entries in the caller's transaction, pages and filters."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from homelog_desktop.data.audit_dao import (
    GENESIS_HASH,
    AuditDao,
    AuditDraft,
    AuditRecord,
    append_audits,
    audit_entry_hash,
)
from homelog_desktop.data.database import Database

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def dao(database: Database) -> AuditDao:
    return AuditDao(database)


def drafts(count: int, start: int = 0) -> list[AuditDraft]:
    return [
        AuditDraft(NOW + timedelta(microseconds=n), "import", target_id=n, target_email=f"u{n}@example.org",
                   fields=("email", "username"))
        for n in range(start, start + count)
    ]


def check_chain(dao_records: list[AuditRecord], head: tuple[int, str] | None) -> None:
    previous = GENESIS_HASH
    for expected_id, record in enumerate(dao_records, start=1):
        assert record.id == expected_id
        assert record.previous_hash == previous
        assert audit_entry_hash(previous, record) == record.entry_hash
        previous = record.entry_hash
    assert head == (dao_records[-1].id, previous)


def test_a_draft_is_completed_with_the_account_written() -> None:
    draft = AuditDraft(NOW, "update", actor_id=7, fields=("email",))
    about = draft.about(3, "ann@example.org", ["username"])
    assert (about.target_id, about.target_email, about.fields, about.actor_id) == (
        3, "ann@example.org", ("username",), 7
    )
    assert draft.about(3, "ann@example.org").fields == ("email",)


@pytest.mark.asyncio
async def test_audit_entries_chain_and_the_head_is_kept(dao: AuditDao, db_path: Path) -> None:
    first = await dao.append(AuditDraft(NOW, "create", target_id=1, target_email="a@x.org", fields=("email",)))
    second = await dao.append(AuditDraft(NOW + timedelta(seconds=1), "delete", actor_id=7, target_id=1))
    assert (first.id, second.id) == (1, 2)
    assert first.previous_hash == GENESIS_HASH and second.previous_hash == first.entry_hash
    assert audit_entry_hash(first.previous_hash, first) == first.entry_hash
    read = await dao.page()
    assert read == [first, second]  # what is read back hashes the same: the time survives the round trip
    assert audit_entry_hash(read[1].previous_hash, read[1]) == read[1].entry_hash
    assert await dao.head() == (2, second.entry_hash)
    assert await dao.page(target_id=1, after_id=1) == [second]
    assert await dao.page(newest_first=True, limit=1) == [second]
    assert await dao.page(newest_first=True, before_id=2) == [first]
    assert await dao.count() == 2 and await dao.count(actions=["delete"]) == 1
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT fields FROM homelog_desktop_audit WHERE id = 1").fetchone() == ('["email"]',)


@pytest.mark.asyncio
async def test_concurrent_appends_never_fork_the_chain(dao: AuditDao) -> None:
    await asyncio.gather(*[dao.append(AuditDraft(NOW, f"action{n}")) for n in range(20)])
    entries = await dao.page()
    previous = GENESIS_HASH
    for entry in entries:
        assert entry.previous_hash == previous
        previous = entry.entry_hash
    assert len(entries) == 20


@pytest.mark.asyncio
@pytest.mark.parametrize("count", [1, 2, 1001, 2500])
async def test_append_audits_chains_in_order(database: Database, dao: AuditDao, count: int) -> None:
    await dao.append(drafts(1, start=10_000)[0])  # an entry before: the bulk chains onto it
    async with database.writing() as session:
        await append_audits(session, drafts(count))
    records = await dao.page(limit=count + 10)
    assert [record.target_id for record in records] == [10_000, *range(count)]
    assert [record.at for record in records[1:]] == [draft.at for draft in drafts(count)]
    check_chain(records, await dao.head())


@pytest.mark.asyncio
async def test_append_audits_of_nothing_writes_nothing(database: Database, dao: AuditDao) -> None:
    async with database.writing() as session:
        await append_audits(session, [])
    assert await dao.page() == []


@pytest.mark.asyncio
async def test_append_audits_rolls_back_with_its_transaction(database: Database, dao: AuditDao) -> None:
    with pytest.raises(RuntimeError):
        async with database.writing() as session:
            await append_audits(session, drafts(5))
            raise RuntimeError("the caller's change failed")
    assert await dao.page() == []
    assert await dao.head() is None
