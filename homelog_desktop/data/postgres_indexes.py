"""Our indexes on home-log's users and user_passwords on a PostgreSQL server, built with CREATE INDEX
CONCURRENTLY so that home-log's inserts and updates go on while a large table is indexed. PostgreSQL only.

A concurrent build cannot run inside a transaction, so it is not part of a migration: the migrations
commit under our write lock (all or nothing), then this step runs outside any transaction, at every
writable open by the tables' owner (and so in `homelog-admin migrate`). It is idempotent: an index that
is there and valid is left alone; one that is missing is built; one that an interrupted build left INVALID
(pg_index.indisvalid false) is dropped and built again. Builders of ours serialise on a session-level
advisory lock of their own, not the write lock, so our own writers are not held back either; a session
that finds another one building leaves the work to it.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from homelog_desktop.data.backends.postgres import WRITE_LOCK_KEY, sqlstate
from homelog_desktop.data.postgres_schema import TRIGRAM_INDEXES, USER_TABLE_INDEXES

log = logging.getLogger(__name__)

INDEX_BUILD_LOCK_KEY = WRITE_LOCK_KEY + 1
# A concurrent build waits for transactions that started before it (home-log's among them); longer than our
# writers' 5 s, as it holds nobody back while it waits. Past it the build gives up until the next open.
BUILD_LOCK_TIMEOUT = "60s"
# A build that ran out of time or was cancelled: an INVALID index is left, rebuilt at the next open.
_GAVE_UP = frozenset({"55P03", "57014", "40P01"})

_OUR_INDEXES = text(
    "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(:names)"
)


def expected_user_table_indexes(connection: Any) -> dict[str, str]:
    """Name -> definition of every index of ours on home-log's tables (the trigram ones where pg_trgm is)."""
    trigram = connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
    return {**USER_TABLE_INDEXES, **(TRIGRAM_INDEXES if trigram is not None else {})}


def unusable_user_table_indexes(connection: Any) -> dict[str, bool]:
    """The indexes of ours on home-log's tables that are missing (False) or INVALID (True): one catalog read."""
    expected = expected_user_table_indexes(connection)
    present = dict(connection.execute(_OUR_INDEXES, {"names": list(expected)}).all())
    return {name: name in present for name in expected if present.get(name) is not True}


def build_user_table_indexes(connection: Any) -> tuple[str, ...]:
    """Build, CONCURRENTLY, the indexes of ours on home-log's tables that are missing or INVALID, on a
    synchronous connection in autocommit mode; the names built. Nothing when another session of ours
    is building them."""
    if not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": INDEX_BUILD_LOCK_KEY}).scalar():
        return ()
    built: list[str] = []
    try:
        connection.exec_driver_sql(f"SET lock_timeout = '{BUILD_LOCK_TIMEOUT}'")
        expected = expected_user_table_indexes(connection)
        for name, invalid in unusable_user_table_indexes(connection).items():
            try:
                if invalid:  # left by an interrupted concurrent build: it is not used, and not complete
                    connection.exec_driver_sql(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
                connection.exec_driver_sql(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} {expected[name]}")
            except DBAPIError as error:
                if sqlstate(error) not in _GAVE_UP:
                    raise
                log.warning("Building the index %s gave up (%s); the next open builds it again", name,
                            sqlstate(error))
                continue
            built.append(name)
    finally:
        connection.exec_driver_sql("RESET lock_timeout")
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": INDEX_BUILD_LOCK_KEY})
    return tuple(built)


async def build_missing_indexes(engine: AsyncEngine) -> tuple[str, ...]:
    """build_user_table_indexes on a connection of `engine` outside any transaction."""
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        return await connection.run_sync(build_user_table_indexes)
