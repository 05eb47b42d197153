"""SettingsDao: settings read on any database (even one without our tables), written with their audit
entry in one transaction."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from homelog_desktop.data.audit_dao import AuditDao, AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.settings_dao import SettingsDao
from tests.helpers.homelog_schema import sample_homelog_database

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)


@pytest.mark.asyncio
async def test_settings(database: Database) -> None:
    dao = SettingsDao(database)
    assert await dao.get("x") is None
    await dao.set("x", "1")
    await dao.set("x", "2")
    assert await dao.get("x") == "2"


@pytest.mark.asyncio
async def test_set_setting_with_its_audit_entry(database: Database) -> None:
    dao, audit = SettingsDao(database), AuditDao(database)
    await dao.set("password.scheme", "argon2id", AuditDraft(NOW, "hash_scheme", fields=("scheme",)))
    assert await dao.get("password.scheme") == "argon2id"
    [entry] = await audit.page()
    assert (entry.action, entry.fields, entry.target_id) == ("hash_scheme", ("scheme",), None)
    await dao.set("password.scheme", "bcrypt")
    assert await dao.get("password.scheme") == "bcrypt"
    assert len(await audit.page()) == 1


@pytest.mark.asyncio
async def test_read_setting_on_a_database_without_our_tables(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    database = await Database.open_sqlite(path, read_only=True)
    try:
        assert await SettingsDao(database).get("password.scheme") is None
    finally:
        await database.close()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'homelog%'").fetchone() == (0,)
