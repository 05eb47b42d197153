"""Our objects on a PostgreSQL server after home-log drops and re-creates its tables (its tests and reset
scripts: SQLAlchemy's drop_all / create_all): put back at the next open, or before the next write of a
window that stayed open, under our write lock and recorded; a role that may not make them again opens
read-only with a sentence naming what is missing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.postgres_objects import FUNCTIONS, NOTIFY, ROW_TRIGGERS
from homelog_desktop.data.postgres_schema import TRIGRAM_INDEXES, USER_TABLE_INDEXES
from homelog_desktop.errors import DatabaseReadOnlyError
from homelog_desktop.server_errors import ServerObjectsMissingError
from homelog_desktop.services.workspace import Workspace
from tests.helpers.postgres import HOMELOG_POSTGRES_DDL, admin_connect, create_homelog_schema, fresh_database
from tests.helpers.workspaces import open_workspace

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres]

CLERK_PASSWORD = "clerk-test-password"  # a throwaway role on the test server


def home_log_resets(location: DatabaseLocation) -> None:
    """What home-log's test fixture does as the tables' owner: drop_all (no CASCADE, children first), then
    create_all, then its own users (ids from 1 again, new created_at)."""
    with admin_connect(location) as connection:
        connection.execute("SET ROLE homelog")
        with connection.transaction():
            for table in ("readings", "data_sources", "user_passwords", "users"):
                connection.execute(f"DROP TABLE {table}")
            for statement in HOMELOG_POSTGRES_DDL:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO users (email, username, created_at, updated_at) VALUES "
                "('zoe.garcia@example.org', 'Zoe', now(), now()), ('yan@example.org', 'Yan', now(), now())"
            )


def missing_objects(location: DatabaseLocation) -> set[str]:
    """Which of our functions, triggers and (valid) indexes on home-log's tables are not there."""
    with admin_connect(location) as connection:
        present = {row[0] for row in connection.execute(
            "SELECT proname::text FROM pg_proc UNION ALL "
            "SELECT c.relname || ' ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid UNION ALL "
            "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid"
        ).fetchall()}
    expected = {*FUNCTIONS, *USER_TABLE_INDEXES, *TRIGRAM_INDEXES, f"users {NOTIFY}", f"user_passwords {NOTIFY}",
                *(f"{table} {trigger}" for table, trigger in ROW_TRIGGERS.items())}
    return expected - present


def plan_of(location: DatabaseLocation, query: str, *scans: str) -> str:
    """The plan of `query` where a sequential scan (and `scans`) are the last resort (a tiny table would
    choose one)."""
    with admin_connect(location) as connection:
        for scan in ("seqscan", *scans):
            connection.execute(f"SET enable_{scan} = off")
        return "\n".join(row[0] for row in connection.execute(f"EXPLAIN {query}").fetchall())


async def until_changed(workspace: Workspace) -> bool:
    for _ in range(100):
        if await workspace.changed_elsewhere():
            return True
        await asyncio.sleep(0.05)
    return False


def make_administrator(location: DatabaseLocation, user_id: int) -> None:
    with admin_connect(location) as connection:
        connection.execute(
            "INSERT INTO homelog_desktop_account_state (user_id, role) VALUES (%s, 'administrator')", (user_id,)
        )


async def test_after_home_log_re_created_its_tables_the_next_open_puts_our_objects_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location) as workspace:
            make_administrator(location, 2)  # Harry, who goes with home-log's reset
            home_log_resets(location)  # while the window is open
        assert "users homelog_desktop_users_changed" in missing_objects(location)
        async with open_workspace(location) as workspace:
            assert missing_objects(location) == set()
            assert len(workspace.repairs) == 1 and "indexes and triggers re-created" in workspace.repairs[0]
            assert "the state of 1 deleted account removed" in workspace.repairs[0]
            assert not workspace.read_only
            found = await workspace.accounts.list_page(search="garc")
            assert [account.email for account in found] == ["zoe.garcia@example.org"]
            assert "ix_homelog_desktop_users_email_trgm" in plan_of(
                location, "SELECT id FROM users WHERE email ILIKE '%garc%'", "indexscan", "indexonlyscan")
            assert "ix_homelog_desktop_users_email_lower" in plan_of(
                location, "SELECT id FROM users ORDER BY lower(email), id LIMIT 20")
            assert await workspace.changed_elsewhere() is False  # starts watching
            with admin_connect(location) as other:
                other.execute("UPDATE users SET username = 'Zoë' WHERE email = 'zoe.garcia@example.org'")
            assert await until_changed(workspace)  # the notifying triggers are back
        with admin_connect(location) as connection:
            removed = connection.execute(
                "SELECT target_id FROM homelog_desktop_audit WHERE action = 'state_removed'").fetchall()
            states = connection.execute("SELECT count(*) FROM homelog_desktop_account_state").fetchone()
            keys = connection.execute("SELECT count(*) FROM homelog_desktop_email_key").fetchone()
        assert removed == [(2,)] and states == (0,) and keys == (2,)
        async with open_workspace(location) as workspace:
            assert workspace.repairs == []  # nothing left to repair


async def test_a_window_that_stayed_open_repairs_before_its_next_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location) as workspace:
            home_log_resets(location)
            created = await workspace.accounts.create("new@example.org", "New", None)
            assert missing_objects(location) == set()
            assert [repair.describe() for repair in workspace.database.repairs]
            assert [account.email for account in await workspace.accounts.list_page(search="new@")] == [created.email]
        with admin_connect(location) as connection:
            key = connection.execute(
                "SELECT email FROM homelog_desktop_email_key WHERE user_id = %s", (created.id,)).fetchone()
        assert key == ("new@example.org",)  # written by our trigger, back before the write


def _clerk(location: DatabaseLocation, tmp_path: Path) -> DatabaseLocation:
    """A role that may read and write home-log's tables and ours, but owns none of them."""
    with admin_connect(location) as connection:
        if connection.execute("SELECT 1 FROM pg_roles WHERE rolname = 'homelog_clerk'").fetchone() is None:
            connection.execute(f"CREATE ROLE homelog_clerk LOGIN PASSWORD '{CLERK_PASSWORD}'")
    _grant_clerk(location)
    parts = urlsplit(location.conninfo or "")
    with (tmp_path / "pgpass").open("a", encoding="utf-8") as pgpass:
        pgpass.write(f"{parts.hostname}:{parts.port}:*:homelog_clerk:{CLERK_PASSWORD}\n")
    return DatabaseLocation.parse((location.conninfo or "").replace("://homelog@", "://homelog_clerk@"))


def _grant_clerk(location: DatabaseLocation) -> None:
    with admin_connect(location) as connection:
        connection.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO homelog_clerk")
        connection.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO homelog_clerk")


async def test_a_role_that_may_not_make_them_again_reads_only_and_is_told_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location):
            pass  # prepared by the owner
        clerk = _clerk(location, tmp_path)
        async with open_workspace(clerk) as workspace:
            assert not workspace.read_only and workspace.warnings == ()
            home_log_resets(location)
            _grant_clerk(location)  # the deployment grants its administrators the new tables again
            with pytest.raises(ServerObjectsMissingError) as refused:
                await workspace.accounts.create("new@example.org", "New", None)
            assert "homelog-admin migrate" in str(refused.value) and workspace.read_only
        async with open_workspace(clerk) as workspace:
            assert workspace.read_only
            (warning,) = [w for w in workspace.warnings if "homelog-admin migrate" in w]
            assert "homelog_desktop_users_changed on users" in warning
            assert "ix_homelog_desktop_users_email_lower" in warning
            with pytest.raises(DatabaseReadOnlyError):
                await workspace.accounts.create("new@example.org", "New", None)
            assert [a.email for a in await workspace.accounts.list_page()] == ["zoe.garcia@example.org",
                                                                                "yan@example.org"]
        assert "users homelog_desktop_users_changed" in missing_objects(location)  # nothing was made
        async with open_workspace(location) as workspace:  # the owner
            assert workspace.repairs
        async with open_workspace(clerk) as workspace:
            assert not workspace.read_only
            await workspace.accounts.create("new@example.org", "New", None)


async def test_only_an_index_missing_leaves_a_role_that_may_not_build_it_writable_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        async with open_workspace(location):
            pass  # prepared by the owner
        clerk = _clerk(location, tmp_path)
        with admin_connect(location) as connection:
            connection.execute("DROP INDEX ix_homelog_desktop_users_created_at")
        async with open_workspace(clerk) as workspace:
            assert not workspace.read_only
            (note,) = [w for w in workspace.warnings if "ix_homelog_desktop_users_created_at" in w]
            assert "homelog-admin migrate" in note and "slower" in note
            await workspace.accounts.create("new@example.org", "New", None)
        assert missing_objects(location) == {"ix_homelog_desktop_users_created_at"}
