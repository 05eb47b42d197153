"""Async engines on a SQLite file: connection pragmas, transactions we begin ourselves, and stand-ins
for our tables in a home-log file opened read-only. SQLite only.

Python's sqlite3 begins a transaction only before the first write, so a guard that reads before it
writes (the last administrator, a duplicate email) would read without the write lock. Our connections
leave transactions to us instead (isolation_level None): a connection marked as writing begins with
BEGIN IMMEDIATE (the write lock, before its first read); reads stay as sqlite3 ran them, each statement
its own read transaction, which takes no lock a writer waits for and costs no extra statement per page.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiosqlite
import sqlalchemy.dialects.sqlite.aiosqlite  # noqa: F401  (imported by name later, on the loop thread)
from sqlalchemy import Connection, Table, event
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry, NullPool

from homelog_desktop.data.security_models import AccountState, AuditEntry, EmailKey, Setting, SignInThrottle
from homelog_desktop.data.sqlite_files import sqlite_read_only_uri
from homelog_desktop.errors import UndecodableTextError

SQLITE_BUSY_TIMEOUT_MS = 5000
# The execution option that makes a connection's next transaction a writing one (see Database.writing).
WRITE_LOCK_OPTION = "homelog_desktop_write_lock"

# This app's own tables (migrations 0003, 0004, 0005), which a database only home-log wrote does not have.
OWN_TABLES: tuple[Table, ...] = (  # type: ignore[assignment]
    AccountState.__table__, Setting.__table__, AuditEntry.__table__, EmailKey.__table__, SignInThrottle.__table__,
)
# Identity copies (migration 0004) that a file of an older revision, opened read-only, lacks: the TEMP view
# adds them as that revision meant its rows, about the user that has the id now.
_IDENTITY_COLUMNS = {
    (AccountState.__tablename__, "account_created_at"): "user_id",
    (AuditEntry.__tablename__, "target_created_at"): "target_id",
}


def _sqlite_stand_in_ddl(table: Table) -> str:
    """A TEMP table of the same name and columns as one of ours (no constraints, no rows)."""
    dialect = sqlite_dialect()
    columns = ", ".join(f'"{column.name}" {column.type.compile(dialect)}' for column in table.columns)
    keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
    return f'CREATE TEMP TABLE IF NOT EXISTS "{table.name}" ({columns}, PRIMARY KEY ({keys}))'


def _sqlite_stand_in_view_ddl(table: Table, present: list[str]) -> str:
    """A TEMP view of the same name as one of our tables of an older revision: its columns as they are, an
    identity copy it lacks taken from the user that has the id now, and NULL for other columns a later
    revision added (a TEMP name is found before the file's own)."""

    def column_of(name: str) -> str:
        if name in present:
            return f't."{name}"'
        user_column = _IDENTITY_COLUMNS.get((table.name, name))
        if user_column is not None:
            return f'(SELECT u.created_at FROM main.users u WHERE u.id = t."{user_column}") AS "{name}"'
        return f'NULL AS "{name}"'

    columns = ", ".join(column_of(column.name) for column in table.columns)
    return f'CREATE TEMP VIEW IF NOT EXISTS "{table.name}" AS SELECT {columns} FROM main."{table.name}" t'


def _add_sqlite_stand_in_tables(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    """A database only home-log ever wrote, opened read-only, has none of our tables and cannot be given
    them: empty TEMP tables of their names (in this connection's memory, the file untouched) stand in,
    so the same queries answer "nobody is an administrator, nothing was recorded". A table of ours from
    an older revision is read through a TEMP view that adds the columns it lacks."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
        present = {row[0] for row in cursor.fetchall()}
        for table in OWN_TABLES:
            if table.name not in present:
                cursor.execute(_sqlite_stand_in_ddl(table))
                continue
            cursor.execute(f'PRAGMA main.table_info("{table.name}")')
            columns = [row[1] for row in cursor.fetchall()]
            if any(column.name not in columns for column in table.columns):
                cursor.execute(_sqlite_stand_in_view_ddl(table, columns))
    finally:
        cursor.close()


def strict_text(path: Path) -> Callable[[bytes], str]:
    """How a connection decodes the text it reads: UTF-8, and text another program stored in another
    encoding is refused with a sentence (UndecodableTextError) rather than raised as a driver error."""

    def decode(value: bytes) -> str:
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise UndecodableTextError(path) from None

    return decode


def keep_sidecars_private(path: Path) -> None:
    """Take other users' access away from the database's -wal and -shm files.

    SQLite gives them the database file's own permissions, even against the umask: a database left
    readable by all (home-log may leave it 0644) would show every hash written meanwhile in its -wal.
    Only the permissions for "others" are removed, so a group a home-log service shares the file with
    keeps its access. A file of another user's is left as it is (only its owner may change it).
    """
    if os.name != "posix":
        return
    for sidecar in (f"{path}-wal", f"{path}-shm"):
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(sidecar).st_mode)
            if mode & 0o007:
                os.chmod(sidecar, mode & ~0o007)


def _set_sqlite_read_only_pragmas(dbapi_connection: Any, record: ConnectionPoolEntry, *, path: Path) -> None:
    record.driver_connection.text_factory = strict_text(path)  # type: ignore[union-attr]
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA query_only=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _set_sqlite_pragmas(dbapi_connection: Any, record: ConnectionPoolEntry, *, path: Path) -> None:
    """Per-connection SQLite settings: without foreign_keys=ON, ON DELETE CASCADE does nothing."""
    record.driver_connection.text_factory = strict_text(path)  # type: ignore[union-attr]
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # A first read opens the -wal and -shm files (SQLite resets an empty -wal's permissions to the
        # database's each time a connection opens it): made private right after, for every connection.
        cursor.execute("SELECT 1 FROM sqlite_master LIMIT 1")
    finally:
        cursor.close()
    keep_sidecars_private(path)


def _begin(connection: Connection) -> None:
    """Begin a writing transaction ourselves (the driver's isolation_level is None): it takes the write
    lock at once, so everything it reads is read under that lock. Reads need no BEGIN (see above)."""
    if connection.get_execution_options().get(WRITE_LOCK_OPTION, False):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_sqlite_engine(path: Path, *, read_only: bool) -> AsyncEngine:
    """An async engine on the file at `path` whose connections begin their own transactions."""
    # hide_parameters: statements' parameters (password hashes among them) stay out of logs and out of
    # the messages of SQLAlchemy's exceptions, hence out of any traceback a crash report holds.
    if read_only:
        # A fresh connection for every operation, each choosing how to read the file as it is then
        # (see sqlite_read_only_uri): it sees what others write, and leaves no files of ours behind.
        async def connect() -> Any:
            return await aiosqlite.connect(sqlite_read_only_uri(path), uri=True, timeout=5, isolation_level=None)

        engine = create_async_engine(
            "sqlite+aiosqlite://", async_creator=connect, poolclass=NullPool, hide_parameters=True
        )
        # Stand-ins first: query_only refuses even TEMP tables.
        event.listen(engine.sync_engine, "connect", _add_sqlite_stand_in_tables)
        event.listen(engine.sync_engine, "connect", functools.partial(_set_sqlite_read_only_pragmas, path=path))
    else:
        engine = create_async_engine(
            f"sqlite+aiosqlite:///{path}", connect_args={"timeout": 5, "isolation_level": None},
            hide_parameters=True,
        )
        event.listen(engine.sync_engine, "connect", functools.partial(_set_sqlite_pragmas, path=path))
    event.listen(engine.sync_engine, "begin", _begin)
    return engine
