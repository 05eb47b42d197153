"""The PostgreSQL backend: psycopg 3 (async) engines on a server database, the advisory lock every
writing transaction of ours takes first, and failures told by SQLSTATE. PostgreSQL only.

psycopg rather than asyncpg (home-log's driver): its libpq reads service files, ~/.pgpass, every
sslmode and the PG* environment exactly as psql does, so a location that works in psql works here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import psycopg
from sqlalchemy import Connection, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from homelog_desktop.data.location import BackendKind, DatabaseLocation
from homelog_desktop.data.server_passwords import password_for
from homelog_desktop.data.sqlite_engine import WRITE_LOCK_OPTION
from homelog_desktop.errors import DatabaseError, DiskFullError
from homelog_desktop.server_errors import (
    ServerBusyError,
    ServerConnectionLostError,
    ServerDatabaseMissingError,
    ServerPrivilegeError,
    ServerReadOnlyError,
    ServerServiceMissingError,
    ServerSignInError,
    ServerUnreachableError,
    ServerWithoutSslError,
)

# The key of the transaction-level advisory lock every writing transaction of ours takes first: our
# writers serialise as SQLite's single writer made them (the audit chain, the last administrator, a
# duplicate email, imports). home-log never takes it and need not: it writes none of our tables.
WRITE_LOCK_KEY = 0x486F6D654C6F67  # "HomeLog"
LOCK_TIMEOUT_MS = 5000  # a row or lock held longer than this: 55P03, retried as SQLite's busy timeout is
IDLE_IN_TRANSACTION_TIMEOUT_MS = 60000  # a frozen app cannot hold locks for longer
APPLICATION_NAME = "HomeLog Desktop"

RETRYABLE = frozenset({"55P03", "40P01", "40001"})  # lock timeout, deadlock, serialization failure
_SIGN_IN = frozenset({"28P01", "28000"})
_LOST = frozenset({"57P01", "57P02", "57P03"})


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a psycopg error (wrapped by SQLAlchemy or not), if it has one."""
    original = error.orig if isinstance(error, DBAPIError) else error
    state = getattr(original, "sqlstate", None)
    return state if isinstance(state, str) else None


@dataclasses.dataclass(frozen=True)
class PostgresBackend:
    """A database on a PostgreSQL server."""

    location: DatabaseLocation
    kind: BackendKind = BackendKind.POSTGRESQL

    def is_retryable(self, error: BaseException) -> bool:
        """A lock timeout, a deadlock or a serialization failure: the transaction rolled back whole."""
        return sqlstate(error) in RETRYABLE

    def known_failure(self, error: BaseException) -> DatabaseError | None:
        """SQLSTATEs (and libpq's connection failures, which have none) as sentences naming the location."""
        where = self.location.display()
        state = sqlstate(error)
        original = error.orig if isinstance(error, DBAPIError) else error
        if state in RETRYABLE:
            return ServerBusyError(where)
        if state in _SIGN_IN:
            return ServerSignInError(where)
        if state == "3D000":
            return ServerDatabaseMissingError(where)
        if state == "25006":
            return ServerReadOnlyError(where)
        if state == "42501":
            return ServerPrivilegeError(where, _privilege_of(original))
        if state is not None and state.startswith("53"):
            return DiskFullError()
        if state in _LOST or (state is not None and state.startswith("08")):
            return ServerConnectionLostError(where)
        if state is None and isinstance(original, psycopg.OperationalError):
            return _connection_failure(where, original)
        return None


def _privilege_of(error: object) -> str | None:
    """The server's own words on what was refused ("permission denied for table users"): names only."""
    diag = getattr(error, "diag", None)
    primary = getattr(diag, "message_primary", None)
    return primary if isinstance(primary, str) else None


def _connection_failure(where: str, error: psycopg.OperationalError) -> DatabaseError:
    """libpq's failures to connect carry no SQLSTATE: told apart by libpq's fixed texts."""
    text = str(error)
    if "password authentication failed" in text or "no password supplied" in text or "authentication" in text:
        return ServerSignInError(where)
    if "does not exist" in text and "database" in text:
        return ServerDatabaseMissingError(where)
    if "server closed the connection" in text or "terminating connection" in text:
        return ServerConnectionLostError(where)
    if "does not support SSL" in text:
        return ServerWithoutSslError(where)
    if "definition of service" in text:
        return ServerServiceMissingError(where)
    return ServerUnreachableError(where)


def _take_write_lock(connection: Connection) -> None:
    """Begin a writing transaction with our advisory lock, before its first read (see WRITE_LOCK_KEY)."""
    if connection.get_execution_options().get(WRITE_LOCK_OPTION, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def session_options(*, read_only: bool) -> str:
    """The settings every session of ours starts with (libpq's `options`)."""
    options = [
        f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_MS}",
    ]
    if read_only:
        options.append("-c default_transaction_read_only=on")
    return " ".join(options)


def _add_stand_in_tables(dbapi_connection: Any, _record: Any) -> None:
    """A database we never prepared, opened read-only: empty TEMP tables of our tables' names stand in
    (this session's only, the database untouched), so the same queries answer "nobody is an
    administrator, nothing was recorded"; then the session is made read-only (a read-only transaction
    may not create even TEMP tables, so the order matters)."""
    from sqlalchemy.dialects.postgresql import dialect as postgresql_dialect

    from homelog_desktop.data.sqlite_engine import OWN_TABLES

    dialect = postgresql_dialect()  # type: ignore[no-untyped-call]
    cursor = dbapi_connection.cursor()
    try:
        for table in OWN_TABLES:
            # No constraints: a TEMP table may not refer to a permanent one.
            columns = ", ".join(f'"{column.name}" {column.type.compile(dialect)}' for column in table.columns)
            keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
            cursor.execute(f'CREATE TEMP TABLE IF NOT EXISTS "{table.name}" ({columns}, PRIMARY KEY ({keys}))')
        cursor.execute("SET SESSION default_transaction_read_only = on")
    finally:
        cursor.close()
    dbapi_connection.commit()


def create_postgres_engine(location: DatabaseLocation, *, read_only: bool, stand_ins: bool = False) -> AsyncEngine:
    """An async engine on the server database at `location`; the password comes from libpq (PGPASSWORD,
    ~/.pgpass, a service file), never from the location, so no URL, repr or log line can hold it.
    `stand_ins`: read-only, with empty stand-ins for our tables (a database we never prepared)."""
    conninfo = location.conninfo or ""
    options = session_options(read_only=read_only and not stand_ins)

    async def connect() -> Any:
        # A password asked for or read from the keyring (data/server_passwords.py), else libpq's own.
        password = password_for(location)
        given: dict[str, Any] = {"password": password} if password is not None else {}
        return await psycopg.AsyncConnection.connect(
            conninfo, options=options, application_name=APPLICATION_NAME, **given
        )

    # hide_parameters: statements' parameters (password hashes among them) stay out of logs and messages.
    engine = create_async_engine(
        "postgresql+psycopg://", async_creator=connect, hide_parameters=True, pool_size=2, max_overflow=4,
        pool_pre_ping=True,
    )
    if stand_ins:
        event.listen(engine.sync_engine, "connect", _add_stand_in_tables)
    event.listen(engine.sync_engine, "begin", _take_write_lock)
    return engine
