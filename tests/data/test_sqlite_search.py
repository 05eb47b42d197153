"""The SQLite trigram index: same answers as a LIKE scan, kept in step with writes from anywhere."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from homelog_desktop.data.audit_dao import AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.models import User
from homelog_desktop.data.sqlite_search import SEARCH_TABLE
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.data.user_queries import like_condition
from tests.helpers.homelog_schema import create_homelog_database

NAMES = ["Ann Lee", "ANNIKA", None, "Bob_by", "100% Joe", 'Say "hi"', "back\\slash", "Zoë"]


async def ids_matching(database: Database, condition) -> set[int]:  # type: ignore[no-untyped-def]
    async with database.sessions() as session:
        return set(await session.scalars(select(User.id).where(condition)))


@pytest.mark.asyncio
async def test_trigram_search_agrees_with_like(db_path: Path) -> None:
    database = await Database.open_sqlite(db_path)
    try:
        assert database.has_sqlite_trigram_search
        dao = UserDao(database)
        for n, name in enumerate(NAMES * 3):
            email = f"user{n}@{'example.org' if n % 2 else 'Home.NET'}"
            await dao.create(email=email, username=name, audit=AuditDraft(datetime.now(UTC), "create"))
        for search in ["ann", "ANN", "home.net", "er1", "_by", "0% ", '"hi"', "k\\s", "user1", "nothing"]:
            trigram = await ids_matching(database, dao.search_condition(search))
            assert trigram == await ids_matching(database, like_condition(search)), search
            assert await dao.count(search) == len(trigram)
    finally:
        await database.close()


@pytest.mark.asyncio
async def test_index_follows_writes_made_outside_the_app(db_path: Path) -> None:
    database = await Database.open_sqlite(db_path)
    await database.close()
    with sqlite3.connect(db_path) as outside:  # home-log's backend writing the same file
        insert = "INSERT INTO users (email, username, created_at) VALUES (?, ?, '2026-01-01')"
        outside.execute(insert, ("kim@garden.org", "Kim"))
        outside.execute(insert, ("lou@garden.org", "Lou"))
        outside.execute("UPDATE users SET email = 'kim@orchard.org' WHERE username = 'Kim'")
        outside.execute("DELETE FROM users WHERE username = 'Lou'")
        outside.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('integrity-check')")
    outside.close()
    database = await Database.open_sqlite(db_path)
    try:
        dao = UserDao(database)
        assert await dao.count("garden") == 0
        assert await dao.count("orchard") == 1
    finally:
        await database.close()


@pytest.mark.asyncio
async def test_existing_home_log_rows_are_indexed_on_first_open(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db",
                                   [(f"member{n}@family.org", f"Member {n}") for n in range(50)])
    database = await Database.open_sqlite(path)
    try:
        dao = UserDao(database)
        assert await dao.count("member4") == 11  # member4, member40..member49
        async with database.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(User)) == 50
    finally:
        await database.close()
