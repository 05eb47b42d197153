"""The SQLite database file: opening it safely, connection pragmas, schema, sessions.

Everything SQLite-specific (pragmas, file permissions) stays in this module behind names that say so,
so that a PostgreSQL engine can be added beside it later.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sqlite3
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event, inspect
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.schema import CreateIndex

from homelog_desktop.data.models import Base
from homelog_desktop.data.sqlite_search import create_sqlite_user_search
from homelog_desktop.errors import DatabaseError

T = TypeVar("T")
SQLITE_BUSY_TIMEOUT_MS = 5000
_SQLITE_HEADER = b"SQLite format 3\x00"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    """Per-connection SQLite settings: without foreign_keys=ON, ON DELETE CASCADE does nothing."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _check_sqlite_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a path that is not a SQLite database we could open."""
    if not path.parent.is_dir():
        raise DatabaseError(f"The folder {path.parent} does not exist.")
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(f"{path} cannot be read: {error.strerror}.") from error
    if header and header != _SQLITE_HEADER:
        raise DatabaseError(f"{path} is not a HomeLog database (it is not an SQLite file).")


def _create_private_sqlite_file(path: Path) -> bool:
    """Create an empty database file readable by its owner only; False when it already existed."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError as error:
        raise DatabaseError(f"{path} cannot be created: {error.strerror}.") from error
    os.close(fd)
    return True


def _missing_sqlite_sidecars(path: Path) -> list[Path]:
    """SQLite's own files beside the database that do not exist yet (a failed first open removes them)."""
    sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
    return [sidecar for sidecar in sidecars if not os.path.lexists(sidecar)]


class Database:
    """One open database file: its async engine and a factory of short-lived sessions."""

    def __init__(self, path: Path, engine: AsyncEngine) -> None:
        self.path = path
        self.engine = engine
        # expire_on_commit=False: objects stay readable after their session has closed.
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.has_sqlite_trigram_search = False
        self._in_flight: set[asyncio.Task[Any]] = set()

    @classmethod
    async def open_sqlite(
        cls, path: Path | str, *, create_folder: bool = False, create: bool = True
    ) -> Database:
        """Open a SQLite database file and make sure the schema exists; a missing file is created
        (readable by its owner only) when `create`, else refused."""
        path = Path(path).expanduser().absolute()
        if create_folder:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _check_sqlite_file(path)
        if not create and not path.exists():
            raise DatabaseError(f"{path} does not exist.")
        sidecars = _missing_sqlite_sidecars(path)
        created = _create_private_sqlite_file(path)
        engine = create_async_engine(f"sqlite+aiosqlite:///{path}", connect_args={"timeout": 5})
        event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
        database = cls(path, engine)
        try:
            await database._ensure_schema()
        except BaseException as error:
            await engine.dispose()
            if created:
                path.unlink(missing_ok=True)
                for sidecar in sidecars:
                    if sidecar.is_file():
                        sidecar.unlink(missing_ok=True)
            if isinstance(error, SQLAlchemyError | sqlite3.Error):
                raise DatabaseError(describe_database_failure(path, error)) from error
            raise
        return database

    async def _ensure_schema(self) -> None:
        """Create missing tables and our own indexes; never alter what home-log created."""
        async with self.engine.begin() as connection:
            await connection.run_sync(_create_missing_schema)
            self.has_sqlite_trigram_search = await connection.run_sync(create_sqlite_user_search)

    async def finish_even_if_cancelled(self, work: Coroutine[Any, Any, T]) -> T:
        """Run one unit of database work so that cancelling the caller cannot interrupt it.

        A task cancelled in the middle of a session would leave its connection checked out and a
        transaction half done; the work runs on in its own task instead, the caller just stops
        waiting, and close() waits for it to end.
        """
        task = asyncio.ensure_future(work)
        self._in_flight.add(task)
        task.add_done_callback(_forget_in_flight(self._in_flight))
        return await asyncio.shield(task)

    async def close(self) -> None:
        """Wait for work in flight, then close every connection; the engine must not outlive the
        event loop that made it."""
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight), return_exceptions=True)
        await self.engine.dispose()


def _forget_in_flight(in_flight: set[asyncio.Task[Any]]) -> Callable[[asyncio.Task[Any]], None]:
    def forget(task: asyncio.Task[Any]) -> None:
        in_flight.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved here: a caller that stopped waiting will not read it

    return forget


def finishes_even_if_cancelled(
    method: Callable[..., Coroutine[Any, Any, T]],
) -> Callable[..., Coroutine[Any, Any, T]]:
    """Decorate a DAO method (of an object with a `database`) with Database.finish_even_if_cancelled."""

    @functools.wraps(method)
    async def guarded(self: Any, *args: Any, **kwargs: Any) -> T:
        return await self.database.finish_even_if_cancelled(method(self, *args, **kwargs))

    return guarded


def _create_missing_schema(connection: Any) -> None:
    existing = inspect(connection)
    tables = set(existing.get_table_names())
    if "users" in tables:
        columns = {column["name"] for column in existing.get_columns("users")}
        missing = {"id", "email", "username"} - columns
        if missing:
            raise DatabaseError("This database has a users table that is not home-log's (no email column).")
    Base.metadata.create_all(connection, checkfirst=True)
    # Tables that home-log created lack our indexes; IF NOT EXISTS because SQLAlchemy cannot reflect
    # expression indexes to check for them.
    for table in Base.metadata.sorted_tables:
        for index in table.indexes:
            connection.execute(CreateIndex(index, if_not_exists=True))


def describe_database_failure(path: Path, error: BaseException) -> str:
    """A sentence for the user about why the database could not be used."""
    original = error.orig if isinstance(error, DBAPIError) else error
    text = str(original).lower()
    if "not a database" in text or "malformed" in text:
        return f"{path} is damaged or is not a HomeLog database."
    if "locked" in text or "busy" in text:
        return f"{path} is locked by another program. Try again in a moment."
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only; changes cannot be saved."
    if "unable to open" in text:
        return f"{path} cannot be opened."
    if "disk" in text and "full" in text:
        return "The disk is full; the change was not saved."
    return f"The database {path.name} reported an error: {original}"
