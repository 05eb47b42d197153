"""Our indexes on home-log's users and user_passwords on a PostgreSQL server are built CONCURRENTLY, outside
the migrations' transaction: home-log's inserts go on while they build, and an INVALID index that an
interrupted build left behind is dropped and built again at the next open."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, event

from homelog_desktop.data.database import Database
from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.postgres_schema import TRIGRAM_INDEXES, USER_TABLE_INDEXES
from tests.helpers.postgres import admin_connect, create_homelog_schema, fresh_database

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres]

_ON_HOME_LOG_TABLES = re.compile(r"CREATE\s+(UNIQUE\s+)?INDEX\b.*\bON\s+(users|user_passwords)\b", re.I | re.S)
USERS = 200_000


@contextlib.contextmanager
def recorded_statements() -> Iterator[list[tuple[float, float, str]]]:
    """Every statement any engine sends while the block runs, as (started, ended, text)."""
    statements: list[tuple[float, float, str]] = []
    started: dict[int, float] = {}

    def before(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        started[id(cursor)] = time.monotonic()

    def after(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        statements.append((started.pop(id(cursor), 0.0), time.monotonic(), statement))

    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "after_cursor_execute", after)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", before)
        event.remove(Engine, "after_cursor_execute", after)


def index_validity(location: DatabaseLocation) -> dict[str, bool]:
    with admin_connect(location) as connection:
        rows = connection.execute(
            "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE c.relname LIKE 'ix\\_homelog\\_desktop\\_%'"
        ).fetchall()
    return {name: valid for name, valid in rows}


async def test_every_index_of_ours_on_home_log_s_tables_is_built_concurrently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        with recorded_statements() as statements:
            database = await Database.open(location)
            await database.close()
        builds = [sql for _, _, sql in statements if _ON_HOME_LOG_TABLES.search(sql)]
        assert len(builds) == len(USER_TABLE_INDEXES) + len(TRIGRAM_INDEXES)
        assert all("CONCURRENTLY" in sql for sql in builds), builds
        validity = index_validity(location)
        assert all(validity[name] for name in {**USER_TABLE_INDEXES, **TRIGRAM_INDEXES})
        with recorded_statements() as statements:  # built once: the next open only looks
            database = await Database.open(location)
            await database.close()
        assert not [sql for _, _, sql in statements if "CREATE INDEX" in sql.upper()]


def _insert_while_building(conninfo: str, start: threading.Event, stop: threading.Event,
                           done: list[float], refused: list[str]) -> None:
    """home-log's kind of writer: one insert after another, each its own transaction, waiting at most
    200 ms for a lock (a plain CREATE INDEX holds a SHARE lock on users for its whole build)."""
    start.wait(timeout=600)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("SET lock_timeout = '200ms'")
        number = 0
        while not stop.is_set():
            number += 1
            try:
                connection.execute(
                    "INSERT INTO users (email, username, created_at, updated_at) VALUES (%s, 'New', now(), now())",
                    (f"new{number}@example.org",),
                )
            except psycopg.errors.LockNotAvailable as error:
                refused.append(str(error))
                continue
            done.append(time.monotonic())


async def test_home_log_s_inserts_go_on_while_our_indexes_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        database = await Database.open(location)  # migrated; now the indexes go, and users grows large
        await database.close()
        with admin_connect(location) as connection:
            for name in {**USER_TABLE_INDEXES, **TRIGRAM_INDEXES}:
                connection.execute(f"DROP INDEX {name}")
            # Loaded as a restore would be (triggers off), the keys filled in SQL: quick to set up.
            connection.execute("SET session_replication_role = replica")
            connection.execute(
                "INSERT INTO users (email, username, created_at, updated_at) SELECT 'user' || g || '@example.org', "
                "'User ' || g, now(), now() FROM generate_series(1, %s) g", (USERS,),
            )
            connection.execute("INSERT INTO homelog_desktop_email_key SELECT id, email, lower(email) FROM users "
                               "ON CONFLICT (user_id) DO NOTHING")
            connection.execute("RESET session_replication_role")
            connection.execute("ANALYZE")
            conninfo = connection.info.dsn
        start, stop = threading.Event(), threading.Event()
        done: list[float] = []
        refused: list[str] = []
        writer = threading.Thread(target=_insert_while_building, args=(conninfo, start, stop, done, refused))
        writer.start()

        def first_build(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if _ON_HOME_LOG_TABLES.search(statement):
                start.set()

        event.listen(Engine, "before_cursor_execute", first_build)
        try:
            with recorded_statements() as statements:
                database = await Database.open(location)
                await database.close()
        finally:
            event.remove(Engine, "before_cursor_execute", first_build)
            start.set()
            stop.set()
            writer.join()
        builds = [(began, ended) for began, ended, sql in statements if _ON_HOME_LOG_TABLES.search(sql)]
        assert len(builds) == len(USER_TABLE_INDEXES) + len(TRIGRAM_INDEXES)
        during = [moment for moment in done if builds[0][0] <= moment <= builds[-1][1]]
        assert refused == []
        assert len(during) >= 3  # home-log's writes went on while the indexes were being built
        assert all(index_validity(location)[name] for name in {**USER_TABLE_INDEXES, **TRIGRAM_INDEXES})


async def test_an_invalid_index_left_by_an_interrupted_build_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "ix_homelog_desktop_users_username_lower"
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        database = await Database.open(location)
        await database.close()
        with admin_connect(location) as connection:
            connection.execute(f"DROP INDEX {name}")
            connection.execute("UPDATE users SET username = 'Same'")
            # A concurrent build that fails half-way (a duplicate) leaves its index behind, INVALID.
            with pytest.raises(psycopg.errors.UniqueViolation):
                connection.execute(f"CREATE UNIQUE INDEX CONCURRENTLY {name} ON users (username)")
        assert index_validity(location)[name] is False
        database = await Database.open(location)
        repairs = [repair.describe() for repair in database.repairs]
        await database.close()
        assert index_validity(location)[name] is True
        with admin_connect(location) as connection:
            definition = connection.execute("SELECT pg_get_indexdef(%s::regclass)", (name,)).fetchone()
        assert definition is not None and "UNIQUE" not in definition[0] and "lower((username)" in definition[0]
        assert repairs and "1 index or trigger re-created" in repairs[0]
