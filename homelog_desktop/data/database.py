"""The SQLite database file: opening it safely, connection pragmas, schema, sessions.

Everything SQLite-specific (pragmas, file permissions) stays in this module behind names that say so,
so that a PostgreSQL engine can be added beside it later.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sqlite3
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite
import sqlalchemy.dialects.sqlite.aiosqlite  # noqa: F401  (imported by name later, on the loop thread)
from sqlalchemy import Table, event, inspect
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry, NullPool

from homelog_desktop.data.schema import VERSION_TABLE, head_revision, known_revisions, upgrade_schema
from homelog_desktop.data.security_models import AccountState, AuditEntry, Setting
from homelog_desktop.data.sqlite_files import sqlite_read_only_uri
from homelog_desktop.data.sqlite_search import SEARCH_TABLE
from homelog_desktop.errors import DatabaseClosedError, DatabaseError

T = TypeVar("T")
SQLITE_BUSY_TIMEOUT_MS = 5000
# After SQLite's own busy timeout, try again this many more times, waiting longer each time.
LOCKED_RETRY_DELAYS = (0.5, 1.5)
_SQLITE_HEADER = b"SQLite format 3\x00"


# This app's own tables (migration 0003), which a database only home-log wrote does not have.
OWN_TABLES: tuple[Table, ...] = (AccountState.__table__, Setting.__table__, AuditEntry.__table__)  # type: ignore[assignment]


def _sqlite_stand_in_ddl(table: Table) -> str:
    """A TEMP table of the same name and columns as one of ours (no constraints, no rows)."""
    dialect = sqlite_dialect()
    columns = ", ".join(f'"{column.name}" {column.type.compile(dialect)}' for column in table.columns)
    keys = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
    return f'CREATE TEMP TABLE IF NOT EXISTS "{table.name}" ({columns}, PRIMARY KEY ({keys}))'


def _add_sqlite_stand_in_tables(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    """A database only home-log ever wrote, opened read-only, has none of our tables and cannot be given
    them: empty TEMP tables of their names (in this connection's memory, the file untouched) stand in,
    so the same queries answer "nobody is an administrator, nothing was recorded"."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
        present = {row[0] for row in cursor.fetchall()}
        for table in OWN_TABLES:
            if table.name not in present:
                cursor.execute(_sqlite_stand_in_ddl(table))
    finally:
        cursor.close()


def _create_sqlite_engine(path: Path, *, read_only: bool) -> AsyncEngine:
    # hide_parameters: statements' parameters (password hashes among them) stay out of logs and out of
    # the messages of SQLAlchemy's exceptions, hence out of any traceback a crash report holds.
    if read_only:
        # A fresh connection for every operation, each choosing how to read the file as it is then
        # (see sqlite_read_only_uri): it sees what others write, and leaves no files of ours behind.
        async def connect() -> Any:
            return await aiosqlite.connect(sqlite_read_only_uri(path), uri=True, timeout=5)

        engine = create_async_engine(
            "sqlite+aiosqlite://", async_creator=connect, poolclass=NullPool, hide_parameters=True
        )
        # Stand-ins first: query_only refuses even TEMP tables.
        event.listen(engine.sync_engine, "connect", _add_sqlite_stand_in_tables)
        event.listen(engine.sync_engine, "connect", _set_sqlite_read_only_pragmas)
    else:
        engine = create_async_engine(
            f"sqlite+aiosqlite:///{path}", connect_args={"timeout": 5}, hide_parameters=True
        )
        event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
    return engine


def _set_sqlite_read_only_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA query_only=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


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


@dataclass(frozen=True)
class SqliteFileState:
    """What a look at an existing file found, before anything could change it."""

    tables: frozenset[str]
    revision: str | None
    writable: bool


def _inspect_sqlite_file(path: Path) -> SqliteFileState:
    """Read an existing database without changing a byte: damage, schema revision, write access.

    Runs in a worker thread. Refuses files that are truncated, damaged, not home-log's, or written by
    a newer version of this app.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) == 100:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        valid_count = header[24:28] == header[92:96]
        if page_size < 512 or size % page_size or (valid_count and size < pages * page_size):
            raise DatabaseError(f"{path} is damaged (the file is shorter than it should be).")
    elif size:
        raise DatabaseError(f"{path} is damaged (the file is shorter than it should be).")
    try:
        with contextlib.closing(sqlite3.connect(sqlite_read_only_uri(path), uri=True)) as connection:
            tables = frozenset(row[0] for row in connection.execute("SELECT name FROM sqlite_master"))
            revision = None
            if VERSION_TABLE in tables:
                row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = row[0] if row else None
            if "users" in tables:
                columns = {row[1] for row in connection.execute("PRAGMA table_info(users)")}
                if not {"id", "email", "username"} <= columns:
                    raise DatabaseError(f"{path} has a users table that is not home-log's (no email column).")
    except sqlite3.Error as error:
        raise DatabaseError(describe_database_failure(path, error)) from error
    if revision is not None and revision not in known_revisions():
        raise DatabaseError(
            f"{path} was written by a newer version of HomeLog Desktop (schema {revision}). "
            "Update the app to open it."
        )
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return SqliteFileState(tables, revision, writable)


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
        self.read_only = False
        self.migration_backup: Path | None = None  # the copy written before the last schema upgrade
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._closed = False

    @classmethod
    async def open_sqlite(
        cls, path: Path | str, *, create_folder: bool = False, create: bool = True, read_only: bool = False
    ) -> Database:
        """Open a SQLite database file, upgrading its schema (after a backup copy) if it is older.

        A missing file is created (readable by its owner only) when `create`, else refused. A file that
        cannot be written is opened read-only. A file that is refused is left byte for byte as it was.
        """
        path = Path(path).expanduser().absolute()
        if create_folder:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _check_sqlite_file(path)
        if not path.exists():
            if not create:
                raise DatabaseError(f"{path} does not exist.")
            if read_only:
                raise DatabaseError(f"{path} does not exist, and a read-only database cannot be created.")
            if not os.access(path.parent, os.W_OK):
                raise DatabaseError(f"{path} cannot be created: the folder is read-only.")
            state = None
        else:
            state = await asyncio.to_thread(_inspect_sqlite_file, path)
            read_only = read_only or not state.writable
        sidecars = _missing_sqlite_sidecars(path)
        created = False if read_only else _create_private_sqlite_file(path)
        database = cls(path, _create_sqlite_engine(path, read_only=read_only))
        database.read_only = read_only
        try:
            if read_only:
                database.has_sqlite_trigram_search = state is not None and SEARCH_TABLE in state.tables
            elif state is not None and state.revision == head_revision():
                database.has_sqlite_trigram_search = SEARCH_TABLE in state.tables
            else:
                if state is not None and state.tables:
                    # Imported here: the backup module uses this module's error sentences.
                    from homelog_desktop.data.sqlite_backup import backup_sqlite_file, timestamped_backup_path

                    database.migration_backup = await asyncio.to_thread(
                        backup_sqlite_file, path, timestamped_backup_path(path, "before-upgrade")
                    )
                await database._upgrade_schema()
        except BaseException as error:
            await database.engine.dispose()
            if created:
                path.unlink(missing_ok=True)
                for sidecar in sidecars:
                    if sidecar.is_file():
                        sidecar.unlink(missing_ok=True)
            if isinstance(error, SQLAlchemyError | sqlite3.Error | OSError):
                raise DatabaseError(describe_database_failure(path, error)) from error
            raise
        return database

    async def _upgrade_schema(self) -> None:
        """Run the migrations this database has not had yet, in one transaction."""
        async with self.engine.begin() as connection:
            await connection.run_sync(upgrade_schema)
            self.has_sqlite_trigram_search = await connection.run_sync(
                lambda sync: inspect(sync).has_table(SEARCH_TABLE)
            )

    async def run(self, make_work: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run one unit of database work: retried while the file is locked, its failures turned into
        DatabaseError sentences, and never interrupted by cancelling the caller.

        A task cancelled in the middle of a session would leave its connection checked out and a
        transaction half done; the work runs on in its own task instead, the caller just stops
        waiting, and close() waits for it to end.
        """
        if self._closed:
            raise DatabaseClosedError(f"{self.path.name} was closed.")
        task = asyncio.ensure_future(self._with_retries(make_work))
        self._in_flight.add(task)
        task.add_done_callback(_forget_in_flight(self._in_flight))
        return await asyncio.shield(task)

    async def _with_retries(self, make_work: Callable[[], Coroutine[Any, Any, T]]) -> T:
        for delay in (*LOCKED_RETRY_DELAYS, None):
            try:
                return await make_work()
            except IntegrityError:
                raise  # the DAO turns the ones it expects into sentences
            except DBAPIError as error:
                if delay is not None and _is_locked(error):
                    await asyncio.sleep(delay)  # another program holds the lock: wait, then try again
                    continue
                raise DatabaseError(describe_database_failure(self.path, error)) from error
        raise AssertionError("unreachable")

    async def close(self) -> None:
        """Wait for work in flight, then close every connection; the engine must not outlive the
        event loop that made it. Work asked for after this raises DatabaseClosedError."""
        self._closed = True
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight), return_exceptions=True)
        # Closing connections half-way would leave them to the garbage collector: a cancelled caller
        # (the window shutting down) still waits until every connection is closed.
        disposing = asyncio.ensure_future(self.engine.dispose())
        try:
            await asyncio.shield(disposing)
        except asyncio.CancelledError:
            await disposing
            raise


def _forget_in_flight(in_flight: set[asyncio.Task[Any]]) -> Callable[[asyncio.Task[Any]], None]:
    def forget(task: asyncio.Task[Any]) -> None:
        in_flight.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved here: a caller that stopped waiting will not read it

    return forget


def database_call(
    method: Callable[..., Coroutine[Any, Any, T]],
) -> Callable[..., Coroutine[Any, Any, T]]:
    """Decorate a DAO method (of an object with a `database`): it runs through Database.run."""

    @functools.wraps(method)
    async def guarded(self: Any, *args: Any, **kwargs: Any) -> T:
        return await self.database.run(lambda: method(self, *args, **kwargs))

    return guarded


def _is_locked(error: DBAPIError) -> bool:
    text = str(error.orig).lower()
    return "locked" in text or "busy" in text


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
