"""SecurityDao on real SQLite files: account state rows, atomic failure counting, conditional rehash,
the audit chain's links, readiness and orphan pages, settings."""

from __future__ import annotations

import asyncio
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
    SecurityDao,
    StateSnapshot,
    audit_entry_hash,
)
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import NotFoundError

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def dao(database: Database) -> SecurityDao:
    return SecurityDao(database)


async def make_user(database: Database, email: str, hashed: str | None = None) -> int:
    return (await UserDao(database).create(email=email, username=None, hashed_password=hashed)).id


def lock_after_two(failures: int) -> timedelta | None:
    return timedelta(minutes=failures) if failures >= 2 else None


@pytest.mark.asyncio
async def test_an_account_without_a_row_is_a_plain_enabled_member(database: Database, dao: SecurityDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    assert await dao.get_state(user_id) == StateSnapshot()
    assert await dao.get_states([user_id]) == {}
    assert await dao.count_administrators() == 0


@pytest.mark.asyncio
async def test_update_state_creates_the_row_and_audits_in_one_transaction(
    database: Database, dao: SecurityDao, db_path: Path
) -> None:
    user_id = await make_user(database, "ann@example.org")
    draft = AuditDraft(NOW, "role", target_id=user_id, target_email="ann@example.org", fields=("role",))
    state = await dao.update_state(user_id, {"role": "administrator"}, draft)
    assert state.role == "administrator" and not state.disabled
    assert await dao.count_administrators() == 1
    await dao.update_state(user_id, {"disabled": True})
    assert await dao.count_administrators() == 0
    assert await dao.count_administrators(enabled_only=False) == 1
    assert (await dao.get_states([user_id, 999]))[user_id].disabled

    def refuse(state: StateSnapshot, admins: int) -> None:
        raise RuntimeError("refused")

    with pytest.raises(RuntimeError, match="refused"):
        await dao.update_state(user_id, {"role": "member"}, draft, check=refuse)
    assert (await dao.get_state(user_id)).role == "administrator"  # nothing written
    assert len(await dao.audit_page()) == 1
    with pytest.raises(NotFoundError):
        await dao.update_state(999, {"disabled": True})
    with pytest.raises(ValueError, match="unknown"):
        await dao.update_state(user_id, {"password": "x"})


@pytest.mark.asyncio
async def test_state_rows_go_with_their_account(database: Database, dao: SecurityDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    await dao.update_state(user_id, {"role": "administrator"})
    await UserDao(database).delete(user_id)
    assert await dao.get_state(user_id) == StateSnapshot()
    assert await dao.count_administrators() == 0


@pytest.mark.asyncio
async def test_failures_are_counted_atomically_and_lock(database: Database, dao: SecurityDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    audits = [AuditDraft(NOW, "sign_in_failed", target_id=user_id), AuditDraft(NOW, "lock", target_id=user_id)]
    first = await dao.register_failure(user_id, lock_after_two, NOW, audits)
    assert (first.failed_attempts, first.locked_until) == (1, None)
    assert [entry.action for entry in await dao.audit_page()] == ["sign_in_failed"]  # no lock entry yet
    results = await asyncio.gather(*[dao.register_failure(user_id, lock_after_two, NOW, audits) for _ in range(4)])
    assert sorted(state.failed_attempts for state in results) == [2, 3, 4, 5]
    state = await dao.get_state(user_id)
    assert state.failed_attempts == 5 and state.locked_until is not None
    assert [entry.action for entry in await dao.audit_page()].count("lock") == 4


@pytest.mark.asyncio
async def test_success_resets_and_rehashes_only_the_hash_that_was_checked(
    database: Database, dao: SecurityDao
) -> None:
    user_id = await make_user(database, "ann@example.org", "$2b$04$old")
    await dao.register_failure(user_id, lock_after_two, NOW, [])
    await dao.register_failure(user_id, lock_after_two, NOW, [])
    audits = [AuditDraft(NOW, "sign_in"), AuditDraft(NOW, "password_rehashed", fields=("password",))]
    assert await dao.register_success(user_id, NOW, audits, rehash=("$2b$04$other", "$2b$12$new")) is False
    assert await UserDao(database).get_password_hash(user_id) == "$2b$04$old"  # changed since: left alone
    state = await dao.get_state(user_id)
    assert (state.failed_attempts, state.locked_until, state.last_sign_in_at) == (0, None, NOW)
    assert [entry.action for entry in await dao.audit_page()] == ["sign_in"]
    assert await dao.register_success(user_id, NOW, audits, rehash=("$2b$04$old", "$2b$12$new")) is True
    assert await UserDao(database).get_password_hash(user_id) == "$2b$12$new"
    assert await dao.hash_prefixes([user_id, 999]) == {user_id: "$2b$12$new"[:10]}


@pytest.mark.asyncio
async def test_audit_entries_chain_and_the_head_is_kept(dao: SecurityDao, db_path: Path) -> None:
    first = await dao.append_audit(AuditDraft(NOW, "create", target_id=1, target_email="a@x.org", fields=("email",)))
    second = await dao.append_audit(AuditDraft(NOW + timedelta(seconds=1), "delete", actor_id=7, target_id=1))
    assert (first.id, second.id) == (1, 2)
    assert first.previous_hash == GENESIS_HASH and second.previous_hash == first.entry_hash
    assert audit_entry_hash(first.previous_hash, first) == first.entry_hash
    read = await dao.audit_page()
    assert read == [first, second]  # what is read back hashes the same: the time survives the round trip
    assert audit_entry_hash(read[1].previous_hash, read[1]) == read[1].entry_hash
    assert await dao.get_setting(AUDIT_HEAD_KEY) == f"2 {second.entry_hash}"
    assert await dao.audit_page(target_id=1, after_id=1) == [second]
    assert await dao.audit_page(newest_first=True, limit=1) == [second]
    assert await dao.audit_page(newest_first=True, before_id=2) == [first]
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT fields FROM homelog_desktop_audit WHERE id = 1").fetchone() == ('["email"]',)


@pytest.mark.asyncio
async def test_concurrent_appends_never_fork_the_chain(dao: SecurityDao) -> None:
    await asyncio.gather(*[dao.append_audit(AuditDraft(NOW, f"action{n}")) for n in range(20)])
    entries = await dao.audit_page()
    previous = GENESIS_HASH
    for entry in entries:
        assert entry.previous_hash == previous
        previous = entry.entry_hash
    assert len(entries) == 20


@pytest.mark.asyncio
async def test_settings(dao: SecurityDao) -> None:
    assert await dao.get_setting("x") is None
    await dao.set_setting("x", "1")
    await dao.set_setting("x", "2")
    assert await dao.get_setting("x") == "2"


@pytest.mark.asyncio
async def test_readiness_and_orphan_pages(database: Database, dao: SecurityDao, db_path: Path) -> None:
    ids = [await make_user(database, f"u{n}@example.org", "$2b$04$x" if n % 2 else None) for n in range(5)]
    await dao.update_state(ids[1], {"disabled": True})
    page = await dao.readiness_page(limit=3)
    assert [source.user_id for source in page] == ids[:3]
    assert [source.hashed_password is not None for source in page] == [False, True, False]
    assert page[1].state.disabled and not page[0].state.disabled
    assert [source.user_id for source in await dao.readiness_page(after_id=ids[2])] == ids[3:]
    assert await dao.orphan_password_page() == []
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("INSERT INTO user_passwords (user_id, hashed_password) VALUES (42, '$2b$04$y')")
    orphans = await dao.orphan_password_page()
    assert [(o.user_id, o.email) for o in orphans] == [(42, None)]
    assert "$2b$04$y" not in repr(orphans)
