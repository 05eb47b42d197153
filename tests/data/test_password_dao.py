"""PasswordDao: stored hashes for checking and exporting, scheme prefixes, readiness and orphan pages;
what it returns never shows a hash in its repr."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from homelog_desktop.data.account_state_dao import AccountStateDao
from homelog_desktop.data.audit_dao import AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.transfer_dao import ImportRecord
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import NotFoundError

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
HASH = "$2b$04$" + "a" * 53


async def make_user(database: Database, email: str, hashed: str | None = None) -> int:
    account = await UserDao(database).create(
        email=email, username=None, hashed_password=hashed, audit=AuditDraft(NOW, "create")
    )
    return account.id


@pytest.mark.asyncio
async def test_hashes_by_account(database: Database) -> None:
    dao = PasswordDao(database)
    with_hash = await make_user(database, "ann@example.org", HASH)
    without = await make_user(database, "bob@example.org")
    assert await dao.get_hash(with_hash) == HASH and await dao.get_hash(without) is None
    with pytest.raises(NotFoundError):
        await dao.get_hash(999)
    assert await dao.hashes([with_hash, without, 999]) == {with_hash: HASH}
    assert await dao.hash_prefixes([with_hash, without]) == {with_hash: HASH[:10]}
    assert not await dao.holds_argon2_hashes()


@pytest.mark.asyncio
async def test_readiness_and_orphan_pages(database: Database, db_path: Path) -> None:
    dao = PasswordDao(database)
    ids = [await make_user(database, f"u{n}@example.org", "$2b$04$x" if n % 2 else None) for n in range(5)]
    await AccountStateDao(database).update_state(ids[1], {"disabled": True}, AuditDraft(NOW, "disable"))
    page = await dao.readiness_page(limit=3)
    assert [source.user_id for source in page] == ids[:3]
    assert [source.hashed_password is not None for source in page] == [False, True, False]
    assert page[1].state.disabled and not page[0].state.disabled
    assert [source.user_id for source in await dao.readiness_page(after_id=ids[2])] == ids[3:]
    assert await dao.orphan_page() == []
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("INSERT INTO user_passwords (user_id, hashed_password) VALUES (42, '$2b$04$y')")
    orphans = await dao.orphan_page()
    assert [(o.user_id, o.email) for o in orphans] == [(42, None)]
    assert "$2b$04$y" not in repr(orphans)


def test_an_import_record_never_shows_its_hash() -> None:
    record = ImportRecord("ann@example.org", "Ann", HASH)
    assert HASH not in repr(record) and "ann@example.org" in repr(record)
