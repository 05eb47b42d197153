"""Opening a database on a PostgreSQL server: connect, read the schema revision, run the migrations we
may run (in one transaction under our write lock), or open read-only with a sentence naming the
privilege that is missing. PostgreSQL only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from homelog_desktop.data.backends.postgres import PostgresBackend, create_postgres_engine
from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.postgres_indexes import build_missing_indexes
from homelog_desktop.data.postgres_schema import has_trigram_search
from homelog_desktop.data.schema import VERSION_TABLE, head_revision, known_revisions
from homelog_desktop.errors import NewerSchemaError
from homelog_desktop.server_errors import ServerObjectsMissingError


class _Opening(Protocol):
    """What opening needs of the Database being opened (named so: data/database.py imports this module)."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    read_only: bool
    record_repair: Any
    warnings: tuple[str, ...]

    async def _upgrade_schema(self) -> None: ...
    async def _check_objects(self) -> None: ...
    async def _fill_email_keys(self) -> None: ...


D = TypeVar("D", bound=_Opening)

SLOW_SEARCH_NOTE = (
    "Search on {where} scans every account (slower on large databases): the pg_trgm extension is missing "
    "and this user may not create it."
)


# One round trip for what opening asks of the server (it was seven): home-log's users table and our revision
# table in the current schema, whether the server takes writes, and this role's privileges.
_STATE = """
WITH here AS (
    SELECT c.relname, c.oid, c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND c.relname IN ('users', :version_table))
SELECT
    EXISTS (SELECT 1 FROM here WHERE relname = :version_table) AS has_version,
    EXISTS (SELECT 1 FROM here WHERE relname = 'users') AS has_users,
    NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS may_write,
    coalesce((SELECT pg_has_role(current_user, relowner, 'USAGE') FROM here WHERE relname = 'users'), false)
        AS owns_users,
    coalesce(has_table_privilege(current_user, (SELECT oid FROM here WHERE relname = 'users'),
                                 'INSERT, UPDATE, DELETE'), false) AS may_write_users,
    has_schema_privilege(current_user, current_schema(), 'CREATE') AS may_create
"""


def _state(connection: Any) -> dict[str, Any]:
    """What the server says: our revision, home-log's tables, and whether this role may migrate and write."""
    found = connection.execute(text(_STATE), {"version_table": VERSION_TABLE}).mappings().one()
    revision = None
    if found["has_version"]:
        revision = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return {"revision": revision, "has_users": found["has_users"], "may_write": found["may_write"],
            "may_write_users": found["has_users"] and found["may_write_users"],
            "may_migrate": found["may_create"] and (found["owns_users"] or not found["has_users"])}


async def open_postgres(
    cls: Callable[..., D], location: DatabaseLocation, *, read_only: bool, record_repair: Any,
) -> D:
    """Open the server database at `location` (see Database.open); `cls` makes the Database."""
    backend = PostgresBackend(location)
    engine = create_postgres_engine(location, read_only=read_only)
    database = cls(location.label_path(), engine, read_only=read_only, backend=backend)
    database.record_repair = record_repair
    try:
        async with engine.connect() as connection:
            state = await connection.run_sync(_state)
        revision = state["revision"]
        if revision is not None and revision not in known_revisions():
            raise NewerSchemaError(location.label_path(), str(revision))
        warnings: list[str] = []
        refusal = _why_read_only(location, state)
        if revision != head_revision() and (read_only or refusal is not None):
            if revision is not None:
                raise _not_prepared(location)  # an older revision of ours: only the owner's upgrade reads it
            # Our tables are missing and may not be added: read through empty stand-ins.
            await engine.dispose()
            database.engine = engine = create_postgres_engine(location, read_only=True, stand_ins=True)
            database.sessions = async_sessionmaker(engine, expire_on_commit=False)
        if refusal is not None and not read_only:
            database.read_only = True
            warnings.append(refusal)
        elif not read_only and revision != head_revision():
            await database._upgrade_schema()
            await build_missing_indexes(engine)  # the migrations' concurrent step, outside their transaction
        if not database.read_only:
            try:
                await database._check_objects()  # what home-log's re-created tables took of ours
            except ServerObjectsMissingError as missing:
                warnings.append(str(missing))
        async with engine.connect() as connection:
            search = await connection.run_sync(has_trigram_search)
        if not search:
            warnings.append(SLOW_SEARCH_NOTE.format(where=location))
        if not database.read_only:
            await database._fill_email_keys()
        database.warnings = (*warnings, *database.warnings)
    except BaseException as error:
        await engine.dispose()
        known = backend.known_failure(error)
        if known is None:
            raise
        raise known from error
    return database


def _why_read_only(location: DatabaseLocation, state: dict[str, Any]) -> str | None:
    """The sentence naming what this role or server lacks to write (None: it may write)."""
    if not state["may_write"]:
        return f"{location} accepts no changes (a read-only server or session): opened read-only."
    if state["has_users"] and not state["may_write_users"]:
        return (f"{location} is open read-only: the user it was opened as lacks the INSERT, UPDATE and DELETE "
                "privileges on home-log's users table.")
    if state["revision"] != head_revision() and not state["may_migrate"]:
        return (f"{location} is open read-only: HomeLog Desktop's tables are not there yet, and adding them needs "
                "the owner of home-log's tables (with CREATE on the schema); the owner can run homelog-admin "
                "migrate once.")
    return None


def _not_prepared(location: DatabaseLocation) -> Exception:
    from homelog_desktop.server_errors import ServerPrivilegeError

    return ServerPrivilegeError(
        str(location), "to add HomeLog Desktop's tables and indexes the owner of home-log's tables must open it "
        "once, or run homelog-admin migrate",
    )
