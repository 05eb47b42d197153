"""Database: the file open_sqlite makes, the pragmas of its connections, the schema, home-log's files,
the one way to write (the write lock before the first read, own writes never reported as outside ones)."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
from collections.abc import AsyncIterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from homelog_desktop.data.audit_dao import AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.sqlite_engine import SQLITE_BUSY_TIMEOUT_MS
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import DatabaseClosedError, DatabaseError
from tests.helpers.homelog_schema import HOMELOG_TABLES, create_homelog_database, sample_homelog_database

AUDIT = AuditDraft(datetime(2026, 3, 1, tzinfo=UTC), "test")

OUR_INDEXES = {
    "ix_homelog_desktop_users_email_lower",
    "ix_homelog_desktop_users_username_lower",
    "ix_homelog_desktop_users_created_at",
    "ix_homelog_desktop_users_updated_at",
}

def sqlite_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one statement, read with plain sqlite3 (no SQLAlchemy, no pragmas of ours)."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def table_names(path: Path) -> set[str]:
    return {name for (name,) in sqlite_rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def index_names(path: Path) -> set[str]:
    return {name for (name,) in sqlite_rows(path, "SELECT name FROM sqlite_master WHERE type = 'index'")}


def columns_of(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {table: sqlite_rows(path, f"PRAGMA table_info({table})") for table in HOMELOG_TABLES}


def write_file(path: Path, content: bytes) -> None:
    path.write_bytes(content)


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def make_folder(path: Path) -> None:
    path.mkdir()


async def pragma(database: Database, name: str) -> Any:
    async with database.engine.connect() as connection:
        return (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()


@pytest_asyncio.fixture
async def homelog_database(db_path: Path) -> AsyncIterator[Database]:
    """A database file that home-log made, opened by us."""
    sample_homelog_database(db_path)
    opened = await Database.open_sqlite(db_path)
    try:
        yield opened
    finally:
        await opened.close()


# A new file


@pytest.mark.asyncio
async def test_new_file_is_readable_by_its_owner_only(database: Database) -> None:
    assert stat.S_IMODE(database.path.stat().st_mode) == 0o600


@pytest.mark.asyncio
async def test_new_file_has_home_logs_two_tables(database: Database) -> None:
    assert {"users", "user_passwords"} <= table_names(database.path)


@pytest.mark.asyncio
async def test_new_file_has_our_indexes(database: Database) -> None:
    assert OUR_INDEXES <= index_names(database.path)


@pytest.mark.asyncio
async def test_new_file_is_a_real_sqlite_file_on_disk(database: Database) -> None:
    assert database.path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert sqlite_rows(database.path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.asyncio
async def test_create_folder_makes_the_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "homelog.db"
    database = await Database.open_sqlite(path, create_folder=True)
    await database.close()
    assert "users" in table_names(path)


@pytest.mark.asyncio
async def test_an_empty_existing_file_gets_the_schema(db_path: Path) -> None:
    write_file(db_path, b"")
    database = await Database.open_sqlite(db_path)
    await database.close()
    assert {"users", "user_passwords"} <= table_names(db_path)


# Connection pragmas


@pytest.mark.asyncio
async def test_connections_enforce_foreign_keys(database: Database) -> None:
    assert await pragma(database, "foreign_keys") == 1


@pytest.mark.asyncio
async def test_connections_use_write_ahead_logging(database: Database) -> None:
    assert (await pragma(database, "journal_mode")).lower() == "wal"


@pytest.mark.asyncio
async def test_connections_wait_at_least_five_seconds_for_a_lock(database: Database) -> None:
    assert await pragma(database, "busy_timeout") >= SQLITE_BUSY_TIMEOUT_MS >= 5000


@pytest.mark.asyncio
async def test_every_pooled_connection_gets_the_pragmas(database: Database) -> None:
    async with database.engine.connect() as first, database.engine.connect() as second:
        values = [(await c.exec_driver_sql("PRAGMA foreign_keys")).scalar() for c in (first, second)]
    assert values == [1, 1]


@pytest.mark.asyncio
async def test_sessions_enforce_foreign_keys(database: Database) -> None:
    async with database.sessions() as session:
        assert (await session.execute(text("PRAGMA foreign_keys"))).scalar() == 1


# A database that home-log created


@pytest.mark.asyncio
async def test_opens_a_database_home_log_created(homelog_database: Database) -> None:
    user = await UserDao(homelog_database).get(1)
    assert (user.email, user.username) == ("ann@example.org", "Ann")
    assert user.has_password
    bob = await UserDao(homelog_database).get(2)
    assert (bob.email, bob.username) == ("bob@example.org", None)  # home-log stores no name as ''""


@pytest.mark.asyncio
async def test_reads_home_logs_timestamps_as_aware_utc(homelog_database: Database) -> None:
    (raw,) = sqlite_rows(homelog_database.path, "SELECT created_at FROM users WHERE id = 1")[0]
    user = await UserDao(homelog_database).get(1)
    written = datetime.strptime(raw, "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)  # home-log's text
    assert user.created_at == written
    assert user.created_at.utcoffset() == timedelta(0)
    assert user.updated_at is not None and user.updated_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - user.created_at) < timedelta(minutes=5)


@pytest.mark.asyncio
async def test_leaves_home_logs_columns_unchanged(db_path: Path) -> None:
    sample_homelog_database(db_path)
    before = columns_of(db_path)
    database = await Database.open_sqlite(db_path)
    await database.close()
    assert columns_of(db_path) == before


@pytest.mark.asyncio
async def test_adds_our_indexes_to_home_logs_tables(homelog_database: Database) -> None:
    assert OUR_INDEXES <= index_names(homelog_database.path)


@pytest.mark.asyncio
async def test_home_logs_rows_stay_readable_by_plain_sqlite(db_path: Path) -> None:
    sample_homelog_database(db_path)
    before = {table: sqlite_rows(db_path, f"SELECT * FROM {table}") for table in HOMELOG_TABLES}
    database = await Database.open_sqlite(db_path)
    await UserDao(database).create(email="carl@example.org", username=None, audit=AUDIT)
    await database.close()
    after = {table: sqlite_rows(db_path, f"SELECT * FROM {table}") for table in HOMELOG_TABLES}
    assert {table: rows for table, rows in after.items() if table != "users"} == {
        table: rows for table, rows in before.items() if table != "users"
    }
    assert after["users"][0] == before["users"][0]
    assert [row[1:3] for row in after["users"]] == [("ann@example.org", "Ann"), ("bob@example.org", ""),
                                                    ("carl@example.org", "")]  # no name: '' as home-log stores
    assert sqlite_rows(db_path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.asyncio
async def test_deleting_a_user_sets_home_logs_references_to_null(homelog_database: Database) -> None:
    await UserDao(homelog_database).delete(1, audit=AUDIT)
    assert sqlite_rows(homelog_database.path, "SELECT owner_id FROM data_sources") == [(None,)]
    assert sqlite_rows(homelog_database.path, "SELECT created_by_id FROM readings") == [(None,)]
    assert sqlite_rows(homelog_database.path, "SELECT COUNT(*) FROM user_passwords") == [(0,)]


# Refusing what is not a HomeLog database


@pytest.mark.asyncio
async def test_a_text_file_is_refused_and_left_byte_for_byte_unchanged(db_path: Path) -> None:
    content = b"Shopping list\nmilk\neggs\n"
    write_file(db_path, content)
    with pytest.raises(DatabaseError):
        await Database.open_sqlite(db_path)
    assert file_bytes(db_path) == content
    assert sorted(os.listdir(db_path.parent)) == [db_path.name]


@pytest.mark.asyncio
async def test_a_damaged_sqlite_file_is_refused_and_left_unchanged(db_path: Path) -> None:
    content = b"SQLite format 3\x00" + bytes(range(256)) * 8
    write_file(db_path, content)
    with pytest.raises(DatabaseError, match="damaged"):
        await Database.open_sqlite(db_path)
    assert file_bytes(db_path) == content


@pytest.mark.asyncio
async def test_a_users_table_of_another_program_is_refused(db_path: Path) -> None:
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT)")
        connection.commit()
    with pytest.raises(DatabaseError):
        await Database.open_sqlite(db_path)
    assert table_names(db_path) == {"users"}


@pytest.mark.asyncio
async def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    folder = tmp_path / "missing"
    with pytest.raises(DatabaseError, match="does not exist"):
        await Database.open_sqlite(folder / "homelog.db")
    assert not folder.exists()


@pytest.mark.asyncio
async def test_a_folder_is_refused_as_a_database_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="folder"):
        await Database.open_sqlite(tmp_path)


@pytest.mark.asyncio
async def test_a_failed_open_leaves_no_new_file_behind(db_path: Path) -> None:
    # A folder where SQLite wants its rollback journal makes the first write fail after the file exists.
    make_folder(Path(f"{db_path}-journal"))
    before = sorted(os.listdir(db_path.parent))
    with pytest.raises(DatabaseError):
        await Database.open_sqlite(db_path)
    assert sorted(os.listdir(db_path.parent)) == before


@pytest.mark.asyncio
async def test_a_failed_open_removes_the_log_files_it_made(db_path: Path) -> None:
    # A folder where SQLite wants its shared memory file: the write-ahead log exists when this fails.
    make_folder(Path(f"{db_path}-shm"))
    before = sorted(os.listdir(db_path.parent))
    with pytest.raises(DatabaseError):
        await Database.open_sqlite(db_path)
    assert sorted(os.listdir(db_path.parent)) == before


# Opening again


@pytest.mark.asyncio
async def test_opening_twice_is_idempotent(db_path: Path) -> None:
    first = await Database.open_sqlite(db_path)
    await UserDao(first).create(email="anna@example.com", username="Anna", audit=AUDIT)
    await first.close()
    schema = sqlite_rows(db_path, "SELECT type, name, sql FROM sqlite_master ORDER BY name")

    second = await Database.open_sqlite(db_path)
    try:
        user = await UserDao(second).get_by_email("anna@example.com")
    finally:
        await second.close()
    assert user is not None and user.username == "Anna"
    assert sqlite_rows(db_path, "SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema


@pytest.mark.asyncio
async def test_two_databases_open_on_the_same_file_at_once(database: Database) -> None:
    other = await Database.open_sqlite(database.path)
    try:
        await UserDao(database).create(email="anna@example.com", username=None, audit=AUDIT)
        assert await UserDao(other).count() == 1
    finally:
        await other.close()


@pytest.mark.asyncio
async def test_cancelling_a_caller_does_not_interrupt_its_database_work(db_path: Path) -> None:
    """A cancelled task (a newer search, quitting) must not leave a session half done."""
    database = await Database.open_sqlite(db_path)
    task = asyncio.ensure_future(UserDao(database).create(email="late@example.org", username=None, audit=AUDIT))
    await asyncio.sleep(0)  # the work has started
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await database.close()  # waits for the work in flight, then closes every connection
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("SELECT email FROM users").fetchall() == [("late@example.org",)]


@pytest.mark.asyncio
async def test_work_asked_after_close_is_refused_without_opening_a_connection(db_path: Path) -> None:
    database = await Database.open_sqlite(db_path)
    users = UserDao(database)
    assert await users.count() == 0
    await database.close()
    with pytest.raises(DatabaseClosedError, match="was closed"):
        await users.count()  # a view still reading after its database closed: no new connection
    assert database.engine.pool.checkedin() == 0 and database.engine.pool.checkedout() == 0


# The one way to write


def another_writer_can_begin(path: Path) -> bool:
    """Whether another program could begin a write on the file right now (without waiting)."""
    with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as other:
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            assert error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
            return False
        other.execute("ROLLBACK")
        return True


@pytest.mark.asyncio
async def test_a_writing_transaction_holds_the_write_lock_before_its_first_read(database: Database) -> None:
    """Two programs on one file: a writing transaction that has only read so far already keeps the other
    from writing, so what it read (the last administrator, a free email) still holds when it writes."""
    assert another_writer_can_begin(database.path)
    async with database.writing() as session:
        assert (await session.execute(text("SELECT count(*) FROM users"))).scalar() == 0
        assert not another_writer_can_begin(database.path)
    assert another_writer_can_begin(database.path)


@pytest.mark.asyncio
async def test_a_reading_session_does_not_take_the_write_lock(database: Database) -> None:
    async with database.sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM users"))).scalar() == 0
        assert another_writer_can_begin(database.path)


@pytest.mark.asyncio
async def test_a_writing_transaction_rolls_back_on_an_error(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.writing() as session:
            await session.execute(text("INSERT INTO users (email, username, created_at) VALUES ('a@b.org', '', 0)"))
            raise RuntimeError("the rule refused it")
    assert sqlite_rows(database.path, "SELECT count(*) FROM users") == [(0,)]
    assert another_writer_can_begin(database.path)


@pytest.mark.asyncio
async def test_a_read_only_database_refuses_to_begin_a_write(db_path: Path) -> None:
    await (await Database.open_sqlite(db_path)).close()
    read_only = await Database.open_sqlite(db_path, read_only=True)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            async with read_only.writing():
                pass
    finally:
        await read_only.close()


@pytest.mark.asyncio
async def test_own_writes_are_never_reported_as_changes_made_elsewhere(database: Database) -> None:
    assert not await database.changed_elsewhere()  # starts watching
    await UserDao(database).create(email="ann@example.org", username=None, audit=AUDIT)
    assert not await database.changed_elsewhere()
    with closing(sqlite3.connect(database.path)) as other, other:
        other.execute("INSERT INTO users (email, username, created_at) VALUES ('bob@example.org', '', 0)")
    assert await database.changed_elsewhere()
    assert not await database.changed_elsewhere()


@pytest.mark.asyncio
async def test_a_bug_in_a_statement_is_not_turned_into_a_sentence(database: Database) -> None:
    """An error SQLite reports about our own SQL (no such column) is a bug: it stays the exception it is."""
    async def broken() -> None:
        async with database.sessions() as session:
            await session.execute(text("SELECT no_such_column FROM users"))

    with pytest.raises(OperationalError, match="no such column") as raised:
        await database.run(broken)
    assert not isinstance(raised.value, DatabaseError)


# Issue 11, item 4: a database others can read gets a warning with the command that fixes it.


@pytest.mark.asyncio
@pytest.mark.parametrize(("permissions", "warned"), [(0o644, True), (0o640, True), (0o600, False)])
async def test_a_database_others_can_read_is_warned_about(db_path: Path, permissions: int, warned: bool) -> None:
    create_homelog_database(db_path)
    db_path.chmod(permissions)
    database = await Database.open_sqlite(db_path)
    try:
        expected = (
            f"{db_path} can be read by other users of this computer, password hashes included; "
            f"run chmod 600 {db_path} to make it yours only.",
        )
        assert database.warnings == (expected if warned else ())
    finally:
        await database.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == permissions  # told, not changed behind the user's back


@pytest.mark.asyncio
async def test_the_fixing_command_quotes_an_awkward_path(tmp_path: Path) -> None:
    path = tmp_path / "Bob's accounts.db"
    create_homelog_database(path)
    path.chmod(0o644)
    database = await Database.open_sqlite(path)
    await database.close()
    assert f"""run chmod 600 '{tmp_path}/Bob'"'"'s accounts.db' to""" in database.warnings[0]


@pytest.mark.asyncio
async def test_a_failed_upgrade_leaves_no_before_upgrade_copy(db_path: Path) -> None:
    """The upgrade is one transaction: when it fails, the file is as it was, and its copy is not kept."""
    create_homelog_database(db_path)
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("CREATE TABLE homelog_desktop_audit (unexpected TEXT)")  # in the migration's way
        connection.commit()
    before = sorted(os.listdir(db_path.parent))
    with pytest.raises(OperationalError):  # a table the app did not make: not a known failure
        await Database.open_sqlite(db_path)
    assert sorted(os.listdir(db_path.parent)) == before
