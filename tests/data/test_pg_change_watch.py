"""Outside changes on a PostgreSQL server: another session's writes are noticed (LISTEN/NOTIFY from our
statement-level triggers, or the polled fallback where the triggers cannot be added), this app's own
writes are not."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from homelog_desktop.data.pg_change_watch import WATCHED_TABLES, PostgresChangeWatch
from homelog_desktop.services.workspace import Workspace
from tests.helpers.postgres import admin_connect, fresh_database
from tests.helpers.workspaces import open_workspace

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres]


async def _until_changed(workspace: Workspace, attempts: int = 100) -> bool:
    """Ask until the change is seen (the polled fallback's counts are published within about a second)."""
    for _ in range(attempts):
        if await workspace.changed_elsewhere():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_another_session_s_write_is_noticed_and_our_own_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        async with open_workspace(location) as workspace:
            ann = await workspace.accounts.create("ann@example.org", "Ann", None)
            assert await workspace.changed_elsewhere() is False  # starts watching
            watch = workspace.database._change_watch
            assert isinstance(watch, PostgresChangeWatch) and watch.listening  # the owner added the triggers
            await workspace.accounts.create("bob@example.org", "Bob", None)
            assert await workspace.changed_elsewhere() is False  # our own write
            with admin_connect(location) as other:
                other.execute("UPDATE users SET username = 'Annie' WHERE id = %s", (ann.id,))
            assert await _until_changed(workspace)
            assert await workspace.changed_elsewhere() is False  # told once


async def test_the_migration_adds_the_notifying_triggers_before_any_watch_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        async with open_workspace(location):
            pass  # migrated to head, never watched
        with admin_connect(location) as other:
            tables = {row[0] for row in other.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'homelog_desktop_notify_change'"
            ).fetchall()}
    assert {"users", "user_passwords", "homelog_desktop_audit", "homelog_desktop_account_state"} <= tables


async def test_without_triggers_the_fallback_polls_the_server_s_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        async with open_workspace(location) as workspace:
            await workspace.accounts.create("ann@example.org", "Ann", None)
        with admin_connect(location) as other:  # as where they were never added (a pooler, an old database)
            for table in WATCHED_TABLES:
                other.execute(f"DROP TRIGGER IF EXISTS homelog_desktop_notify_change ON {table}")
        watch = await asyncio.to_thread(PostgresChangeWatch, location)  # may not add triggers: none there
        try:
            assert not watch.listening
            with admin_connect(location) as other:
                other.execute("INSERT INTO users (email, username, created_at, updated_at) "
                              "VALUES ('cy@example.org', 'Cy', now(), now())")
            seen = False
            for _ in range(100):
                if await asyncio.to_thread(watch.changed):
                    seen = True
                    break
                await asyncio.sleep(0.05)
            assert seen
        finally:
            watch.close()
