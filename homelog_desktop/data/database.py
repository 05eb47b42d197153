"""One open database: opening it safely, its sessions, the one way to write, retries while locked.

A database is at a DatabaseLocation (a SQLite file or a PostgreSQL server database) and runs on its
Backend (data/backends/): which failures are worth trying again and which driver errors are known
failures. The SQLite specifics (file checks, pragmas, error codes, backups, the change watch) live in the
sqlite_* modules; the PostgreSQL ones in data/postgres_*.py. A writing transaction takes the database's
write lock first (SQLite: BEGIN IMMEDIATE; PostgreSQL: pg_advisory_xact_lock).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import importlib
import os
import shlex
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from homelog_desktop.connection_errors import CommitOutcomeUnknownError, ServerGoneError
from homelog_desktop.data.backends import connect_ahead
from homelog_desktop.data.backends.base import Backend
from homelog_desktop.data.backends.sqlite import SqliteBackend
from homelog_desktop.data.email_keys import fill_pending_keys
from homelog_desktop.data.location import BackendKind, DatabaseLocation
from homelog_desktop.data.schema import head_revision, upgrade_schema
from homelog_desktop.data.sqlite_backup import backup_sqlite_file, sqlite_file_size, timestamped_backup_path
from homelog_desktop.data.sqlite_change_watch import SqliteChangeWatch
from homelog_desktop.data.sqlite_engine import WRITE_LOCK_OPTION, create_sqlite_engine
from homelog_desktop.data.sqlite_files import (
    SqliteFileState,
    check_sqlite_path,
    create_private_file,
    inspect_sqlite_file,
    missing_sqlite_sidecars,
    readable_by_others,
)
from homelog_desktop.data.sqlite_objects import SchemaRepair, check_sqlite_objects, repair_sqlite_objects
from homelog_desktop.data.sqlite_search import SEARCH_TABLE
from homelog_desktop.errors import DatabaseClosedError, DatabaseReadOnlyError, readable_by_others_warning
from homelog_desktop.file_errors import CannotCreateError, MissingFileError
from homelog_desktop.messages import translatable
from homelog_desktop.server_errors import ServerConnectionLostError, ServerUnreachableError

if TYPE_CHECKING:  # psycopg is imported only where a server is opened: a SQLite file never loads it
    from homelog_desktop.data.pg_change_watch import PostgresChangeWatch

T = TypeVar("T")
P = ParamSpec("P")
S = TypeVar("S", bound="HasDatabase")
# After SQLite's own busy timeout, try again this many more times, waiting longer each time.
LOCKED_RETRY_DELAYS = (0.5, 1.5)
# Records a schema repair in its own transaction (the audit trail's entries about removed state rows).
RepairRecorder = Callable[[AsyncSession, SchemaRepair], Awaitable[None]]


# A commit that failed with one of these may have been kept by the server, or not.
_CONNECTION_LOST = (ServerConnectionLostError, ServerUnreachableError)


def _change_watch_of(location: DatabaseLocation, *, writable: bool) -> SqliteChangeWatch | PostgresChangeWatch:
    """The watch of outside writes that fits the backend (blocking: run it in a thread)."""
    if location.is_file:
        return SqliteChangeWatch(location.file_path())
    from homelog_desktop.data.pg_change_watch import PostgresChangeWatch

    return PostgresChangeWatch(location, may_add_triggers=writable)


class Database:
    """One open database: its async engine, a factory of short-lived sessions, and `writing()`.

    `path` is the SQLite file; on a server it is only a label (the displayed location) for sentences."""

    def __init__(
        self, path: Path, engine: AsyncEngine, *, read_only: bool = False, backend: Backend | None = None
    ) -> None:
        self.path = path
        self.backend: Backend = backend if backend is not None else SqliteBackend(path)
        self.location: DatabaseLocation = self.backend.location
        self.engine = engine
        # expire_on_commit=False: objects stay readable after their session has closed.
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.has_sqlite_trigram_search = False
        self.read_only = read_only
        self.migration_backup: Path | None = None  # the copy written before the last schema upgrade
        self.repairs: list[SchemaRepair] = []  # what the checks of our objects repaired, oldest first
        self.repair_backup: Path | None = None  # the copy written before the last repair
        self.record_repair: RepairRecorder | None = None
        self._schema_version: object = None  # PRAGMA schema_version (a server: oids) at the last check
        self.created = False  # whether opening it created the file
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._closed = False
        self._change_watch: SqliteChangeWatch | PostgresChangeWatch | None = None
        # What the user should know about the file, though it opened (a file others can read).
        self.warnings: tuple[str, ...] = ()

    @classmethod
    async def open(
        cls, location: DatabaseLocation, *, create_folder: bool = False, create: bool = True,
        read_only: bool = False, record_repair: RepairRecorder | None = None,
    ) -> Database:
        """Open the database at `location` on its backend (see open_sqlite and open_postgres)."""
        if location.is_file:
            return await cls.open_sqlite(
                location.file_path(), create_folder=create_folder, create=create, read_only=read_only,
                record_repair=record_repair,
            )
        await asyncio.to_thread(importlib.import_module, "homelog_desktop.data.postgres_open")  # psycopg off the loop
        from homelog_desktop.data.postgres_open import open_postgres
        return await open_postgres(cls, location, read_only=read_only, record_repair=record_repair)

    @classmethod
    async def open_sqlite(
        cls, path: Path | str, *, create_folder: bool = False, create: bool = True, read_only: bool = False,
        record_repair: RepairRecorder | None = None,
    ) -> Database:
        """Open a SQLite database file, upgrading its schema (after a backup copy) if it is older, and
        repairing what another program removed of ours (after a backup copy; see `repairs`). A missing
        file is created (owner-only) when `create`, else refused. A file that cannot be written is opened
        read-only; a file refused is left byte for byte as it was. `record_repair` appends the audit
        entries of a repair in its transaction."""
        path = Path(path).expanduser().absolute()
        if create_folder:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        check_sqlite_path(path, create=create and not read_only)
        state: SqliteFileState | None = None
        if not path.exists():
            if not create:
                raise MissingFileError(path)
            if read_only:
                raise MissingFileError(path, translatable("Files", "a read-only database cannot be created"))
            if not os.access(path.parent, os.W_OK):
                raise CannotCreateError(path, "the folder is read-only")
        else:
            state = await asyncio.to_thread(inspect_sqlite_file, path)
            read_only = read_only or not state.writable
        sidecars = missing_sqlite_sidecars(path)
        created = False if read_only else create_private_file(path, exist_ok=True)
        database = cls(path, create_sqlite_engine(path, read_only=read_only), read_only=read_only)
        database.record_repair = record_repair
        try:
            await database._prepare(state)
        except BaseException as error:
            await database.engine.dispose()
            if database.migration_backup is not None:  # the upgrade rolled back: the copy is the file itself
                database.migration_backup.unlink(missing_ok=True)
            if created:
                path.unlink(missing_ok=True)
                for sidecar in sidecars:
                    if sidecar.is_file():
                        sidecar.unlink(missing_ok=True)
            known = database.backend.known_failure(error)
            if known is None:
                raise
            raise known from error
        if readable_by_others(path):
            database.warnings = (readable_by_others_warning(path, f"chmod 600 {shlex.quote(str(path))}"),)
        database.created = created
        return database

    async def _prepare(self, state: SqliteFileState | None) -> None:
        """Bring a writable file's schema up to date (after a backup copy of a file that had one), then
        check our objects and repair what is missing."""
        if self.read_only:
            self.has_sqlite_trigram_search = state is not None and SEARCH_TABLE in state.tables
            return
        upgraded = False
        if state is None or state.revision != head_revision():
            if state is not None and state.tables:
                self.migration_backup = await self._back_up_before("before-upgrade")
                upgraded = True
            await self._upgrade_schema()
        # After an upgrade, rows of ours from before it that belong to no account are removed too.
        await self._check_objects(after_upgrade=upgraded)
        if not self.has_sqlite_trigram_search:  # a file at the current revision with nothing to repair
            await self._note_search()
        await self._fill_email_keys()

    async def _fill_email_keys(self) -> None:
        """Compute the email keys of rows others wrote since our last write (see email_keys)."""
        await fill_pending_keys(
            self.sessions, write_lock={WRITE_LOCK_OPTION: True}, is_retryable=self.backend.is_retryable
        )

    async def _back_up_before(self, reason: str) -> Path:
        """A copy next to the file before our own schema work, which may write as much again (indexes, the
        search index, email keys)."""
        target = timestamped_backup_path(self.path, reason)
        return await self.back_up(target, work_bytes=sqlite_file_size(self.path))

    async def _upgrade_schema(self) -> None:
        """Run the migrations this database has not had yet, in one writing transaction."""
        async with self.engine.connect() as connection:
            await connection.execution_options(**{WRITE_LOCK_OPTION: True})
            async with connection.begin():
                await connection.run_sync(upgrade_schema)
        await self._note_search()

    async def _note_search(self) -> None:
        async with self.engine.connect() as connection:
            self.has_sqlite_trigram_search = await connection.run_sync(
                lambda sync: inspect(sync).has_table(SEARCH_TABLE)
            )

    async def _schema_changed(self) -> bool:
        """Whether the schema changed since our last check (SQLite's schema_version; a server's table oids)."""
        return await self._read_schema_version() != self._schema_version

    async def _check_objects(self, *, after_upgrade: bool = False) -> None:
        """Check that every object of ours is there as defined; if not, back the file up and repair it
        in one writing transaction (checking again under the write lock), recording what was done."""
        if self.backend.kind is BackendKind.POSTGRESQL:
            from homelog_desktop.data.postgres_objects import check_server_objects_of

            note = await check_server_objects_of(self)
            self.warnings += (note,) if note is not None and note not in self.warnings else ()
            return
        async with self.engine.connect() as connection:
            check = await connection.run_sync(check_sqlite_objects)
        if not check.needed and not after_upgrade:
            self._schema_version = await self._read_schema_version()
            self.has_sqlite_trigram_search = check.search_present
            return
        if check.needed and self.migration_backup is None:
            self.repair_backup = await self._back_up_before("before-repair")
        async with self.sessions() as session:
            async with session.begin():
                connection = await session.connection(execution_options={WRITE_LOCK_OPTION: True})
                check = await connection.run_sync(check_sqlite_objects)
                if after_upgrade:
                    check = dataclasses.replace(check, remove_stale_states=True)
                repair = await connection.run_sync(repair_sqlite_objects, check)
                if self.record_repair is not None:
                    await self.record_repair(session, repair)
                self._schema_version = (await connection.exec_driver_sql("PRAGMA schema_version")).scalar()
        if repair.done:
            self.repairs.append(repair)
        await self._note_search()

    async def _read_schema_version(self) -> object:
        if self.backend.kind is BackendKind.POSTGRESQL:
            from homelog_desktop.data.postgres_objects import read_signature

            return await read_signature(self.engine)
        async with self.engine.connect() as connection:
            version = (await connection.exec_driver_sql("PRAGMA schema_version")).scalar()
        return int(version) if version is not None else None

    @contextlib.asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        """A session in a writing transaction: it holds the database's write lock from its start, before
        its first read, so a rule checked in it (the last administrator, a duplicate email, a stale
        edit) still holds when it commits. Commits when the block ends, rolls back on an error; marks
        the commit as this app's own, so `changed_elsewhere` does not report it back. DatabaseReadOnlyError
        on a database opened read-only. Run it inside `run` (a DAO method decorated with `database_call`),
        which tries again while another program holds the lock."""
        if self.read_only:
            raise DatabaseReadOnlyError(self.path)
        if await self._schema_changed():
            await self._check_objects()  # another program re-created its tables meanwhile: repair first
        async with self.sessions() as session:
            committing = False
            try:
                async with session.begin():
                    connection = await session.connection(execution_options={WRITE_LOCK_OPTION: True})
                    watch = self._change_watch
                    if watch is not None and not isinstance(watch, SqliteChangeWatch):  # notified: our own
                        driver = (await connection.get_raw_connection()).driver_connection
                        if driver is not None:
                            watch.note_own_writer(driver.info.backend_pid)
                    yield session
                    committing = True
            except DBAPIError as error:
                if committing and isinstance(self.backend.known_failure(error), _CONNECTION_LOST):
                    raise CommitOutcomeUnknownError(self.location.display()) from error
                raise
            await self._mark_own_write()

    async def _mark_own_write(self) -> None:
        if self._change_watch is not None:
            with contextlib.suppress(ServerGoneError):  # the watch catches up when it reconnects
                await asyncio.to_thread(self._change_watch.changed)

    async def changed_elsewhere(self) -> bool:
        """Whether another program (home-log, another window, homelog-admin) committed since the last
        call; the first call starts watching and answers False. Our own writes are never reported."""
        if self._closed:
            raise DatabaseClosedError(self.path)
        if self._change_watch is None:
            watch = await asyncio.to_thread(_change_watch_of, self.location, writable=not self.read_only)
            if self._closed:  # closed meanwhile (mypy forgets the await): nothing else would close the watch
                watch.close()  # type: ignore[unreachable]
                raise DatabaseClosedError(self.path)
            self._change_watch = watch
            return False
        try:
            return await asyncio.to_thread(self._change_watch.changed)
        except ServerGoneError as error:
            raise ServerConnectionLostError(self.location.display()) from error

    async def back_up(self, target: Path, *, work_bytes: int = 0) -> Path:
        """Copy this database consistently into a new file `target` (owner-only), even while it is in use;
        DiskFullError, nothing written, when the disk has not room for the copy and `work_bytes` more.
        On a server: a snapshot (one read-only repeatable-read transaction) into a SQLite file of the app's
        schema, the backup format (see data/server_backup.py)."""
        if self.backend.kind is BackendKind.POSTGRESQL:
            from homelog_desktop.data.server_backup import back_up_server

            async with self.engine.connect() as server:
                return await back_up_server(server, Database.open_sqlite, target, work_bytes=work_bytes)
        return await asyncio.to_thread(functools.partial(backup_sqlite_file, work_bytes=work_bytes), self.path, target)

    async def run(self, make_work: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run one unit of database work: retried while the file is locked, known failures turned
        into their sentences, and never interrupted by cancelling the caller.

        A task cancelled in the middle of a session would leave its connection checked out and a
        transaction half done; the work runs on in its own task instead, the caller just stops
        waiting, and close() waits for it to end.
        """
        if self._closed:
            raise DatabaseClosedError(self.path)
        task = asyncio.ensure_future(self._with_retries(make_work))
        self._in_flight.add(task)
        task.add_done_callback(_forget_in_flight(self._in_flight))
        return await asyncio.shield(task)

    async def _with_retries(self, make_work: Callable[[], Coroutine[Any, Any, T]]) -> T:
        for delay in (*LOCKED_RETRY_DELAYS, None):
            try:
                return await make_work()
            except IntegrityError:
                raise  # the DAO turns the ones it expects into sentences; the others are bugs
            except DBAPIError as error:
                if delay is not None and self.backend.is_retryable(error):
                    await asyncio.sleep(delay)  # another program holds the lock: wait, then try again
                    continue
                known = self.backend.known_failure(error)
                if known is None:
                    raise  # a bug: reported as one, never as the user's problem
                raise known from error
        raise AssertionError("unreachable")

    async def connect_ahead(self) -> None:
        """Connect now the connections a window's first reads use side by side (the first page, the count)."""
        await connect_ahead(self.engine, 2)

    async def close(self) -> None:
        """Wait for work in flight, then close every connection; the engine must not outlive the
        event loop that made it. Work asked for after this raises DatabaseClosedError."""
        self._closed = True
        while self._in_flight:
            await asyncio.gather(*list(self._in_flight), return_exceptions=True)
        if self._change_watch is not None:
            self._change_watch.close()
            self._change_watch = None
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


class HasDatabase(Protocol):
    """What `database_call` needs of a DAO: its database."""

    @property
    def database(self) -> Database: ...


def database_call(
    method: Callable[Concatenate[S, P], Coroutine[Any, Any, T]],
) -> Callable[Concatenate[S, P], Awaitable[T]]:
    """Decorate a DAO method (of an object with a `database`): it runs through Database.run."""

    @functools.wraps(method)
    async def guarded(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.database.run(lambda: method(self, *args, **kwargs))

    return guarded
