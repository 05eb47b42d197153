"""Our objects on a PostgreSQL server, checked and put back: the counterpart of sqlite_objects.py.

home-log's tests and reset scripts drop and re-create its tables (SQLAlchemy's drop_all / create_all).
On PostgreSQL that takes with users and user_passwords every index and trigger of ours on them (the row
trigger that keeps our rows in step, the notifying triggers of migration 0007); our functions and our own
tables stay (no table of ours refers to home-log's: see migration 0008). So at every writable open, and
before a write once the identity (oid) of home-log's tables changed, two catalog reads check that every
object of ours is there; what is missing is made again under our write lock in one transaction, the
indexes CONCURRENTLY outside it (data/postgres_indexes.py), and the repair is recorded as SQLite's is.
A role that may not (not the owner of home-log's tables, or no CREATE on the schema) opens read-only,
with a sentence naming what is missing; `homelog-admin migrate`, run by the owner, repairs it.
PostgreSQL only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from homelog_desktop.data.email_keys import refill_email_keys
from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.pg_change_watch import NOTIFY_FUNCTION, NOTIFY_TRIGGER, WATCHED_TABLES
from homelog_desktop.data.postgres_indexes import build_missing_indexes, unusable_user_table_indexes
from homelog_desktop.data.postgres_schema import AUDIT_TABLE, FUNCTIONS_AND_TRIGGERS, STATE_TABLE
from homelog_desktop.data.sqlite_engine import WRITE_LOCK_OPTION
from homelog_desktop.data.sqlite_objects import SchemaRepair, remove_stale_states
from homelog_desktop.messages import Number, translatable
from homelog_desktop.server_errors import ServerObjectsMissingError

USERS_TRIGGER = "homelog_desktop_users_changed"
NOTIFY = "homelog_desktop_notify_change"
FUNCTIONS = (USERS_TRIGGER, "homelog_desktop_state_identity", "homelog_desktop_audit_identity", NOTIFY)
# Table -> the row triggers of ours on it (migration 0004).
ROW_TRIGGERS = {
    "users": USERS_TRIGGER,
    STATE_TABLE: "homelog_desktop_account_state_identity",
    AUDIT_TABLE: "homelog_desktop_audit_identity",
}

_PRESENT = text(
    "SELECT 'function', p.proname::text FROM pg_proc p "
    "WHERE p.pronamespace = current_schema()::regnamespace AND p.proname = ANY(:functions) "
    "UNION ALL SELECT 'trigger', c.relname || ' ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE c.relnamespace = current_schema()::regnamespace AND t.tgname = ANY(:triggers) "
    "UNION ALL SELECT 'table', c.relname::text FROM pg_class c "
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname = ANY(:tables) "
    "UNION ALL SELECT 'may repair', (has_schema_privilege(current_schema(), 'CREATE') "
    "AND coalesce(pg_has_role((SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
    "AND tablename = 'users'), 'USAGE'), false))::text"
)
# The identity of home-log's tables: a re-created table has a new oid (read before every write: cheap).
SIGNATURE = "SELECT to_regclass('users')::oid::bigint, to_regclass('user_passwords')::oid::bigint"


@dataclass(frozen=True)
class ServerObjectsCheck:
    """What a look at the server's catalog found missing among our objects."""

    triggers: tuple[str, ...] = ()  # functions and row triggers of ours ("name" or "name on table")
    notify_tables: tuple[str, ...] = ()  # tables without their notifying trigger
    indexes: tuple[str, ...] = ()  # indexes of ours on home-log's tables, missing or INVALID
    may_repair: bool = False  # owner of home-log's tables, with CREATE on the schema

    @property
    def needed(self) -> bool:
        """Whether anything must be made again."""
        return bool(self.triggers or self.notify_tables or self.indexes)

    @property
    def users_trigger_missing(self) -> bool:
        """Rows of users may have been written (or deleted) without our row trigger."""
        return f"{USERS_TRIGGER} on users" in self.triggers

    def missing(self) -> str:
        """The missing objects, named, for a sentence."""
        notify = [f"{NOTIFY} on {table}" for table in self.notify_tables]
        return ", ".join([*self.triggers, *notify, *self.indexes])


def check_server_objects(connection: Any) -> ServerObjectsCheck:
    """Compare our objects on the server with the current revision's (two catalog reads, cheap)."""
    rows = connection.execute(_PRESENT, {
        "functions": list(FUNCTIONS), "triggers": [*ROW_TRIGGERS.values(), NOTIFY],
        "tables": list({*WATCHED_TABLES, *ROW_TRIGGERS}),
    }).all()
    found = {(kind, name) for kind, name in rows}
    tables = {name for kind, name in found if kind == "table"}
    triggers = [name for name in FUNCTIONS if ("function", name) not in found]
    triggers += [f"{trigger} on {table}" for table, trigger in ROW_TRIGGERS.items()
                 if table in tables and ("trigger", f"{table} {trigger}") not in found]
    return ServerObjectsCheck(
        triggers=tuple(triggers),
        notify_tables=tuple(table for table in WATCHED_TABLES
                            if table in tables and ("trigger", f"{table} {NOTIFY}") not in found),
        indexes=tuple(unusable_user_table_indexes(connection)),
        may_repair=("may repair", "true") in found,
    )


def repair_server_objects(connection: Any, check: ServerObjectsCheck) -> SchemaRepair:
    """Make again the functions and triggers `check` found missing, and what rows written without them
    need, on a synchronous connection inside the caller's writing transaction (the indexes are built
    outside it)."""
    done: list[str] = []
    if check.triggers:
        for statement in FUNCTIONS_AND_TRIGGERS:  # idempotent: CREATE OR REPLACE, DROP IF EXISTS + CREATE
            connection.exec_driver_sql(statement)
    if check.notify_tables:
        connection.exec_driver_sql(NOTIFY_FUNCTION)
        for table in check.notify_tables:
            connection.exec_driver_sql(NOTIFY_TRIGGER.format(table=table))
    if check.users_trigger_missing:
        keys = refill_email_keys(connection)
        done.append(translatable("Schema", "the email keys of 1 account computed") if keys == 1
            else translatable("Schema", "the email keys of {count} accounts computed").filled(count=Number(keys)))
    removed = remove_stale_states(connection) if check.users_trigger_missing else []
    if removed:
        done.append(translatable("Schema", "the state of 1 deleted account removed") if len(removed) == 1
            else translatable("Schema", "the state of {count} deleted accounts removed").filled(
                count=Number(len(removed))))
    return SchemaRepair(tuple(done), tuple(removed))


def _objects_re_created(count: int) -> str:
    return (translatable("Schema", "1 index or trigger re-created") if count == 1
            else translatable("Schema", "{count} indexes and triggers re-created").filled(count=Number(count)))


def missing_objects_sentence(where: str, check: ServerObjectsCheck) -> str:
    """Why a database whose objects of ours are missing opened read-only, and what repairs it."""
    return translatable(
        "Schema", "{where} is open read-only: objects of HomeLog Desktop on home-log's tables are missing "
        "({missing}; home-log re-created its tables), and only the owner of those tables may make them again. "
        "The owner can run homelog-admin migrate to repair it.").filled(where=where, missing=check.missing())


class _Checked(Protocol):
    """What checking needs of the Database (named so: data/database.py imports this module)."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    record_repair: Any
    repairs: list[SchemaRepair]
    location: DatabaseLocation
    read_only: bool
    _schema_version: object


async def read_signature(engine: AsyncEngine) -> tuple[int | None, ...]:
    """The oids of home-log's users and user_passwords now."""
    async with engine.connect() as connection:
        row = (await connection.exec_driver_sql(SIGNATURE)).one()
    return tuple(row)


async def check_and_repair(database: _Checked) -> ServerObjectsCheck | None:
    """Check our objects; make again what is missing when this role may (recording the repair in
    `database.repairs` and through `record_repair`). The check that found objects missing that this role
    may not make again (None: nothing is missing any more)."""
    async with database.engine.connect() as connection:
        check = await connection.run_sync(check_server_objects)
    if not check.needed:
        return None
    if not check.may_repair:
        return check
    built = await build_missing_indexes(database.engine)
    async with database.sessions() as session:
        async with session.begin():
            connection = await session.connection(execution_options={WRITE_LOCK_OPTION: True})
            check = await connection.run_sync(check_server_objects)  # again, under the write lock
            repair = await connection.run_sync(repair_server_objects, check)
            if database.record_repair is not None:
                await database.record_repair(session, repair)
    count = len(built) + len(check.triggers) + len(check.notify_tables)
    repair = SchemaRepair(((_objects_re_created(count),) if count else ()) + repair.done, repair.removed_states)
    if repair.done:
        database.repairs.append(repair)
    return None


async def check_server_objects_of(database: _Checked) -> str | None:
    """At a writable open, and before a write once home-log's tables changed: check_and_repair. Triggers
    missing that this role may not make again turn the database read-only (our rows would no longer
    follow home-log's): ServerObjectsMissingError with the sentence (an open keeps it as a warning).
    Only indexes or notifying triggers missing: a note (slower, changes polled), and it stays writable."""
    missing = await check_and_repair(database)
    database._schema_version = await read_signature(database.engine)
    if missing is None:
        return None
    if missing.triggers:
        database.read_only = True
        raise ServerObjectsMissingError(missing_objects_sentence(database.location.display(), missing))
    return translatable(
        "Schema", "Indexes or triggers of HomeLog Desktop on home-log's tables are missing on {where} ({missing}; "
        "home-log re-created its tables): lists and searches are slower, and changes made elsewhere show later. "
        "The owner of those tables can run homelog-admin migrate to make them again.").filled(
        where=database.location.display(), missing=missing.missing())
