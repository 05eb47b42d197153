"""Schema migrations: one test per revision, each starting from a database at the revision before it;
home-log's tables are never altered; newer or damaged files are refused untouched."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from homelog_desktop.data.audit_dao import AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.models import Base
from homelog_desktop.data.schema import VERSION_TABLE, head_revision, known_revisions, upgrade_schema
from homelog_desktop.data.sqlite_objects import ARGON2_HASHES
from homelog_desktop.data.sqlite_search import SEARCH_TABLE
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import DatabaseError
from tests.helpers.homelog_schema import homelog_connection, homelog_time, sample_homelog_database


@contextlib.contextmanager
def sync_connection(path: Path) -> Iterator[object]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def table_columns(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {
            table: connection.execute(f"PRAGMA table_info({table})").fetchall()
            for table in ("users", "user_passwords", "data_sources", "readings")
        }


def names(path: Path, kind: str) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def revision_of(path: Path) -> str | None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        return row[0] if row else None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_revisions_form_one_line_ending_at_head() -> None:
    assert known_revisions() == {"0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009"}
    assert head_revision() == "0009"


def test_0001_from_a_home_log_database_adds_only_indexes(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    before = table_columns(path)
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0001")
    assert revision_of(path) == "0001"
    assert table_columns(path) == before  # home-log's tables and columns untouched
    assert {"ix_homelog_desktop_users_email_lower", "ix_homelog_desktop_users_username_lower",
            "ix_homelog_desktop_users_created_at", "ix_homelog_desktop_users_updated_at"} <= names(path, "index")
    assert SEARCH_TABLE not in names(path, "table")


def test_0001_on_an_empty_file_creates_home_logs_tables(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0001")
    assert {"users", "user_passwords", VERSION_TABLE} <= names(path, "table")


def test_0002_from_0001_indexes_existing_rows_for_search(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0001")
    before = table_columns(path)
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0002")
    assert revision_of(path) == "0002"
    assert table_columns(path) == before
    with contextlib.closing(sqlite3.connect(path)) as connection:
        found = connection.execute(f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH '\"exam\"'")
        assert sorted(row[0] for row in found) == [1, 2]


SECURITY_TABLES = {"homelog_desktop_account_state", "homelog_desktop_settings", "homelog_desktop_audit"}


def test_0003_from_0002_adds_only_security_tables_of_our_own(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0002")
    before_columns, before_tables = table_columns(path), names(path, "table")
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0003")
    assert revision_of(path) == "0003"
    assert table_columns(path) == before_columns  # home-log's tables untouched
    assert names(path, "table") - before_tables == SECURITY_TABLES | {"sqlite_sequence"}
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys=ON")
        columns = {row[1]: row for row in connection.execute("PRAGMA table_info(homelog_desktop_account_state)")}
        assert set(columns) == {"user_id", "role", "disabled", "must_change_password", "failed_attempts",
                                "locked_until", "last_sign_in_at"}
        connection.execute("INSERT INTO homelog_desktop_account_state (user_id) VALUES (1)")
        row = connection.execute(
            "SELECT role, disabled, must_change_password, failed_attempts, locked_until, last_sign_in_at "
            "FROM homelog_desktop_account_state"
        ).fetchone()
        assert row == ("member", 0, 0, 0, None, None)
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("INSERT INTO homelog_desktop_account_state (user_id, role) VALUES (2, 'root')")
        audit_columns = {row[1] for row in connection.execute("PRAGMA table_info(homelog_desktop_audit)")}
        assert audit_columns == {"id", "at", "actor_id", "actor_email", "target_id", "target_email", "action",
                                 "fields", "previous_hash", "entry_hash"}
        connection.execute("DELETE FROM users WHERE id = 1")  # the state row goes with its account
        assert connection.execute("SELECT count(*) FROM homelog_desktop_account_state").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM readings").fetchone() == (1,)


def test_0005_from_0004_adds_the_throttle_table_and_the_audit_actor_via(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0004")
    before_columns, before_tables = table_columns(path), names(path, "table")
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "INSERT INTO homelog_desktop_audit (at, action, previous_hash, entry_hash) VALUES ('2026-01-01', 'x', "
            "'0', '1')"
        )
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0005")
    assert revision_of(path) == "0005"
    assert table_columns(path) == before_columns  # home-log's tables untouched
    assert names(path, "table") - before_tables == {"homelog_desktop_sign_in_throttle"}
    with contextlib.closing(sqlite3.connect(path)) as connection:
        audit_columns = [row[1] for row in connection.execute("PRAGMA table_info(homelog_desktop_audit)")]
        assert audit_columns[-1] == "actor_via"
        assert connection.execute("SELECT action, actor_via FROM homelog_desktop_audit").fetchall() == [("x", None)]
        throttle = {row[1] for row in connection.execute("PRAGMA table_info(homelog_desktop_sign_in_throttle)")}
        assert throttle == {"key", "failed_attempts", "locked_until", "last_failed_at"}


def test_0006_from_0005_adds_only_the_argon2_index_which_answers_without_reading_every_hash(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0005")
    with contextlib.closing(sqlite3.connect(path)) as connection:  # 0004 makes every current index; 0005's had not it
        connection.execute("DROP INDEX ix_homelog_desktop_user_passwords_argon2")
    before_columns, before_indexes = table_columns(path), names(path, "index")
    with sync_connection(path) as connection:
        upgrade_schema(connection, "0006")
    assert revision_of(path) == "0006"
    assert table_columns(path) == before_columns  # home-log's tables untouched
    assert names(path, "index") - before_indexes == {"ix_homelog_desktop_user_passwords_argon2"}
    with contextlib.closing(sqlite3.connect(path)) as connection:
        question = "SELECT EXISTS (SELECT 1 FROM user_passwords WHERE " + ARGON2_HASHES + ")"
        plan = " ".join(str(row[-1]) for row in connection.execute("EXPLAIN QUERY PLAN " + question))
        assert "ix_homelog_desktop_user_passwords_argon2" in plan, plan
        connection.execute("DELETE FROM user_passwords")
        ids = [row[0] for row in connection.execute("SELECT id FROM users ORDER BY id LIMIT 2")]
        connection.execute("INSERT INTO user_passwords (user_id, hashed_password, updated_at) "
                           "VALUES (?, '$2b$04$abcdefghijklmnopqrstuu', '2026-01-01')", (ids[0],))
        assert connection.execute(question).fetchone() == (0,)  # bcrypt only
        connection.execute("INSERT INTO user_passwords (user_id, hashed_password, updated_at) "
                           "VALUES (?, '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', '2026-01-01')",
                           (ids[1],))
        assert connection.execute(question).fetchone() == (1,)


def test_the_models_indexes_are_the_migrated_ones(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with sync_connection(path) as connection:
        upgrade_schema(connection)
    import homelog_desktop.data.security_models  # noqa: F401  (registers its tables on Base)

    declared = {index.name for table in Base.metadata.tables.values() for index in table.indexes}
    assert declared <= names(path, "index")
    assert SECURITY_TABLES <= names(path, "table")


@pytest.mark.asyncio
async def test_opening_an_old_database_backs_it_up_first(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    original = sha256(path)
    database = await Database.open_sqlite(path)
    try:
        backup = database.migration_backup
        assert backup is not None and backup.parent == path.parent and backup.stat().st_mode & 0o777 == 0o600
        assert revision_of(path) == head_revision()
        assert revision_of(backup) is None if VERSION_TABLE in names(backup, "table") else True
        assert names(backup, "table") == {"users", "user_passwords", "data_sources", "readings"}
        assert original  # the backup holds the data as it was:
        with contextlib.closing(sqlite3.connect(backup)) as connection:
            assert connection.execute("SELECT count(*) FROM readings").fetchone() == (1,)
    finally:
        await database.close()
    again = await Database.open_sqlite(path)  # at head now: no second backup
    try:
        assert again.migration_backup is None
    finally:
        await again.close()


@pytest.mark.asyncio
async def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    database = await Database.open_sqlite(path)
    await database.close()
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(f"UPDATE {VERSION_TABLE} SET version_num = '9999'")
    checksum = sha256(path)
    with pytest.raises(DatabaseError, match="newer version of HomeLog Desktop"):
        await Database.open_sqlite(path)
    assert sha256(path) == checksum


@pytest.mark.asyncio
async def test_a_truncated_database_is_refused_untouched(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "cut.db")
    with homelog_connection(path) as connection:
        now = homelog_time()
        connection.executemany("INSERT INTO users (email, username, created_at, updated_at) VALUES (?, '', ?, ?)",
                               [(f"u{n}@example.org", now, now) for n in range(2000)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    checksum = sha256(path)
    with pytest.raises(DatabaseError, match="damaged"):
        await Database.open_sqlite(path)
    assert sha256(path) == checksum
    assert list(tmp_path.iterdir()) == [path]  # no backup, no -wal or -shm left behind


@pytest.mark.asyncio
async def test_a_read_only_request_changes_nothing_and_refuses_writes(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    checksum = sha256(path)
    database = await Database.open_sqlite(path, read_only=True)
    try:
        assert database.read_only
        dao = UserDao(database)
        assert await dao.count() == 2
        assert await dao.count("example") == 2  # no trigram index in a read-only file: LIKE
        with pytest.raises(DatabaseError, match="read-only"):
            await dao.create(email="new@example.org", username=None, audit=AuditDraft(datetime.now(UTC), "create"))
    finally:
        await database.close()
    assert sha256(path) == checksum


def test_the_revisions_read_from_the_migration_files_are_alembics() -> None:
    # The app reads the revisions as text, so that Alembic loads only for an upgrade; Alembic must agree.
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "homelog_desktop.data:migrations")
    scripts = ScriptDirectory.from_config(config)
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {script.revision for script in scripts.walk_revisions()}
    assert len(known_revisions()) >= 5
