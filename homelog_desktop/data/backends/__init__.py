"""The backends a Database runs on (SQLite files, PostgreSQL servers) and what every DAO may ask of
either without knowing which one it has."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.dml import Insert

from homelog_desktop.data.backends.base import Backend
from homelog_desktop.data.sqlite_errors import SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE, sqlite_error_code

__all__ = ["Backend", "connect_ahead", "dialect_name", "is_unique_violation", "upsert"]

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE for a UNIQUE or PRIMARY KEY refusal


def dialect_name(session: AsyncSession) -> str:
    """"sqlite" or "postgresql": the dialect of the engine `session` is bound to."""
    bind = session.bind
    assert bind is not None, "a session of ours is always bound to its database's engine"
    return bind.dialect.name


def upsert(
    session: AsyncSession, table: Any, values: dict[str, Any], *, keys: list[Any], set_: dict[Any, Any]
) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET set_, in the dialect of the database `session` is on
    (both have the same clause; SQLAlchemy's constructs for it are per dialect)."""
    if dialect_name(session) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert  # its dialect only on a server

        return postgresql_insert(table).values(**values).on_conflict_do_update(index_elements=keys, set_=set_)
    return sqlite_insert(table).values(**values).on_conflict_do_update(index_elements=keys, set_=set_)


def is_unique_violation(error: BaseException) -> bool:
    """Whether a write was refused by a UNIQUE or PRIMARY KEY constraint, on either backend."""
    if sqlite_error_code(error) in (SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY):
        return True
    original = getattr(error, "orig", error)
    return getattr(original, "sqlstate", None) == UNIQUE_VIOLATION


async def connect_ahead(engine: AsyncEngine, connections: int) -> None:
    """Open `connections` connections side by side and leave them in the pool, so that reads made side by side
    later (a list's first page and its count) need not wait to connect first: a server's new connection
    costs a process on the server and a sign-in, tens of ms. Nothing where the pool keeps none."""
    if isinstance(engine.pool, NullPool):
        return
    async with contextlib.AsyncExitStack() as held:
        await asyncio.gather(*(held.enter_async_context(engine.connect()) for _ in range(connections)))
