"""Beside the real home-log: its deletes (foreign keys off) take our rows with them, a reused id inherits
nothing, its reset of its tables is repaired on the next open, and its connections (no functions of ours)
can still write users through our triggers. Databases are home-log's real schema (tests/helpers)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from homelog_desktop.data.schema import upgrade_schema
from homelog_desktop.data.sqlite_search import SEARCH_TABLE
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from tests.helpers.homelog_schema import (
    HOMELOG_HASH,
    create_homelog_database,
    delete_user,
    homelog_connection,
    homelog_rows,
    insert_user,
    reset_homelog_tables,
    update_user,
)
from tests.helpers.workspaces import GOOD_PASSWORD, open_workspace

STATE = "homelog_desktop_account_state"


async def give_every_state(path: Path, user_id: int) -> None:
    """Administrator, disabled, locked, must change password, signed in: everything a state row holds."""
    async with open_workspace(path) as workspace:
        await workspace.accounts.set_password(user_id, GOOD_PASSWORD, temporary=True)
        await workspace.sign_in.sign_in((await workspace.accounts.get(user_id)).email, GOOD_PASSWORD)
        await workspace.roles.set_role(user_id, ROLE_ADMINISTRATOR)
        for _ in range(5):
            await workspace.sign_in.sign_in((await workspace.accounts.get(user_id)).email, "Wrong-pass-1")
        await workspace.roles.disable(user_id)
        account = await workspace.accounts.get(user_id)
    assert account.is_administrator and account.disabled and account.locked_until is not None
    assert account.must_change_password and account.last_sign_in_at is not None


def assert_plain_member(account: Account) -> None:
    assert not account.is_administrator
    assert (account.disabled, account.must_change_password) == (False, False)
    assert (account.failed_attempts, account.locked_until, account.last_sign_in_at) == (0, None, None)


@pytest.mark.asyncio
async def test_a_user_home_log_deletes_takes_our_state_and_its_id_inherits_nothing(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db", [("keeper@example.org", "Keeper"),
                                                             ("ann@example.org", "Ann"), ("bob@example.org", "Bob")])
    async with open_workspace(path) as workspace:
        await workspace.roles.set_role(1, ROLE_ADMINISTRATOR)  # so that the others may be disabled
    await give_every_state(path, 2)
    await give_every_state(path, 3)  # bob: the highest id, which SQLite hands out again
    delete_user(path, 3)  # home-log's delete: foreign keys off, its ORM removes the password row itself
    assert homelog_rows(path, f"SELECT user_id FROM {STATE} ORDER BY user_id") == [(1,), (2,)]
    carl = insert_user(path, "carl@example.org", "Carl")
    assert carl == 3
    async with open_workspace(path) as workspace:
        account = await workspace.accounts.get(3)
        assert account.email == "carl@example.org"
        assert_plain_member(account)
        listed = await workspace.accounts.list_page()
        assert [(a.id, a.is_administrator, a.disabled) for a in listed] == [
            (1, True, False), (2, True, True), (3, False, False)]
        assert await workspace.roles.count_administrators() == 1
        history = await workspace.audit.history(3)
        assert history == []  # bob's entries are not carl's
        everything = [entry for entry in await workspace.audit.history() if entry.target_id == 3]
        assert everything and {entry.target_email for entry in everything} == {"bob@example.org"}
        await workspace.roles.set_role(3, ROLE_ADMINISTRATOR)
        assert [entry.action for entry in await workspace.audit.history(3)] == ["make_administrator"]


@pytest.mark.asyncio
async def test_home_logs_connections_write_users_through_our_triggers(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann")])
    async with open_workspace(path) as workspace:  # our triggers, indexes and tables are added
        await workspace.roles.set_role(1, ROLE_ADMINISTRATOR)
    triggers = homelog_rows(path, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'users'")
    assert len(triggers) >= 7
    # A connection as home-log's: plain sqlite3, no function registered, foreign keys off.
    with homelog_connection(path) as connection:
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (0,)
        connection.execute("INSERT INTO users (email, username, created_at, updated_at) VALUES "
                           "('bob@example.org', '', '2026-12-02 01:18:03.123456', '2026-12-02 01:18:03.123456')")
        connection.execute("UPDATE users SET email = 'Bobby@example.org', username = 'Bob', created_at = 'x' "
                           "WHERE id = 2")
        connection.execute("INSERT INTO user_passwords VALUES (2, ?, '2026-12-02 01:18:03.123456')", (HOMELOG_HASH,))
        connection.execute("DELETE FROM user_passwords WHERE user_id = 1")
        connection.execute("DELETE FROM users WHERE id = 1")
    assert homelog_rows(path, f"SELECT count(*) FROM {STATE}") == [(0,)]
    async with open_workspace(path) as workspace:
        assert [a.email for a in await workspace.accounts.list_page(search="bobby")] == ["Bobby@example.org"]
        assert (await workspace.accounts.find("BOBBY@EXAMPLE.ORG")).id == 2


@pytest.mark.asyncio
async def test_a_changed_creation_time_keeps_the_accounts_state(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann")])
    async with open_workspace(path) as workspace:
        await workspace.roles.set_role(1, ROLE_ADMINISTRATOR)
    update_user(path, 1, created_at="2020-01-01 00:00:00.000000")
    async with open_workspace(path) as workspace:
        assert (await workspace.accounts.get(1)).is_administrator
        assert len(await workspace.audit.history(1)) == 1


@pytest.mark.asyncio
async def test_home_logs_reset_of_its_tables_is_repaired_on_open(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann"), ("bob@example.org", "Bob")])
    async with open_workspace(path) as workspace:
        await workspace.roles.set_role(1, ROLE_ADMINISTRATOR)
        await workspace.roles.set_role(2, ROLE_ADMINISTRATOR)
        await workspace.roles.disable(2)
    reset_homelog_tables(path)  # its tests and scripts: drop and re-create its tables
    insert_user(path, "dora@example.org", "Dora")
    insert_user(path, "erik@example.org", "Erik")
    assert homelog_rows(path, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'users' AND type = 'trigger'") == [
        (0,)]
    async with open_workspace(path) as workspace:
        assert workspace.repairs and "the search index rebuilt" in workspace.repairs[0]
        assert "the state of 2 deleted accounts removed" in workspace.repairs[0]
        backup = workspace.repair_backup
        assert backup is not None and backup.exists() and backup.stat().st_mode & 0o777 == 0o600
        assert [a.email for a in await workspace.accounts.list_page(search="example")] == [
            "dora@example.org", "erik@example.org"]
        assert [a.email for a in await workspace.accounts.list_page(search="eri")] == ["erik@example.org"]
        for account in await workspace.accounts.list_page():
            assert_plain_member(account)
        assert await workspace.roles.count_administrators() == 0  # a first-run asks for one, with a password
        report = await workspace.readiness.report()
        removed = [row for row in report if row.removed]
        assert [(row.user_id, row.email, row.role) for row in removed] == [
            (1, "ann@example.org", "administrator"), (2, "bob@example.org", "administrator")]
        assert "disabled" in removed[1].problems[0]
        entries = [entry for entry in await workspace.audit.history() if entry.action == "state_removed"]
        assert [(entry.target_id, entry.target_email) for entry in entries] == [
            (1, "ann@example.org"), (2, "bob@example.org")]
        assert await workspace.audit.history(1) == []  # about ann, never about dora
        assert await workspace.audit.verify_chain() == (True, None)
    async with open_workspace(path) as workspace:  # repaired once: the next open finds nothing to do
        assert workspace.repairs == [] and workspace.repair_backup is None
    with sqlite3.connect(path) as connection:
        connection.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rank) VALUES ('integrity-check', 1)")


@pytest.mark.asyncio
async def test_a_reset_while_the_database_is_open_is_repaired_before_the_next_write(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann")])
    async with open_workspace(path) as workspace:
        await workspace.roles.set_role(1, ROLE_ADMINISTRATOR)
        reset_homelog_tables(path)
        insert_user(path, "Dora@example.org", "Dora")
        assert not (await workspace.accounts.get(1)).is_administrator  # never applied, even before a repair
        with pytest.raises(Exception, match="already exists"):
            await workspace.accounts.create("dora@EXAMPLE.org", "Twin")  # the keys were computed first
        assert workspace.repairs and "re-created" in workspace.repairs[0]
        assert [a.email for a in await workspace.accounts.list_page(search="dora")] == ["Dora@example.org"]


@pytest.mark.asyncio
async def test_an_object_of_ours_changed_or_dropped_by_another_program_is_made_again(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann")])
    async with open_workspace(path) as workspace:
        await workspace.roles.set_role(1, ROLE_ADMINISTRATOR)
    with homelog_connection(path) as connection:
        connection.execute("DROP TRIGGER homelog_desktop_users_deleted")
        connection.execute("CREATE TRIGGER homelog_desktop_users_deleted AFTER DELETE ON users BEGIN SELECT 1; END")
        connection.execute("DROP INDEX ix_homelog_desktop_users_email_lower")
        connection.execute("DROP TABLE homelog_desktop_settings")
    async with open_workspace(path) as workspace:
        assert "2 indexes and triggers re-created" in workspace.repairs[0]
        assert "1 table of ours re-created (homelog_desktop_settings)" in workspace.repairs[0]
        assert (await workspace.accounts.get(1)).is_administrator  # nothing else was lost
    delete_user(path, 1)
    assert homelog_rows(path, f"SELECT count(*) FROM {STATE}") == [(0,)]


@pytest.mark.asyncio
async def test_a_file_damaged_by_earlier_deletes_heals_on_upgrade(tmp_path: Path) -> None:
    """A file of revision 0003, where home-log deleted an administrator and gave its id to a new user."""
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann"), ("bob@example.org", "Bob")])
    long_ago = (datetime.now(UTC) - timedelta(days=30)).replace(tzinfo=None).isoformat(" ", "microseconds")
    update_user(path, 1, created_at=long_ago)
    update_user(path, 2, created_at=long_ago)
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade_schema(connection, "0003")
    engine.dispose()
    with homelog_connection(path) as connection:
        for user_id in (1, 2):
            connection.execute(f"INSERT INTO {STATE} (user_id, role) VALUES (?, 'administrator')", (user_id,))
            connection.execute(
                "INSERT INTO homelog_desktop_audit (at, target_id, target_email, action, fields, previous_hash, "
                "entry_hash) VALUES (?, ?, ?, 'role', '[\"role\"]', '', '')",
                ((datetime.now(UTC) - timedelta(days=2)).replace(tzinfo=None).isoformat(" "), user_id,
                 f"user{user_id}@example.org"),
            )
    delete_user(path, 2)
    assert insert_user(path, "carl@example.org", "Carl") == 2  # today: after everything recorded about id 2
    async with open_workspace(path) as workspace:
        assert workspace.migration_backup is not None
        assert (await workspace.accounts.get(1)).is_administrator  # ann's own state stays
        assert_plain_member(await workspace.accounts.get(2))
        assert [row.user_id for row in await workspace.readiness.report() if row.removed] == [2]


@pytest.mark.asyncio
async def test_read_only_files_of_home_log_and_of_an_older_revision_can_be_browsed(tmp_path: Path) -> None:
    only_home_log = create_homelog_database(tmp_path / "home-log.db", [("\u00c9mile@example.org", "Émile")])
    async with open_workspace(only_home_log, read_only=True) as workspace:
        assert (await workspace.accounts.find("Émile@example.org")).id == 1
        assert (await workspace.accounts.get(1)).username == "Émile"
    older = create_homelog_database(tmp_path / "older.db", [("ann@example.org", "Ann")])
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{older}")
    with engine.begin() as connection:
        upgrade_schema(connection, "0003")
    engine.dispose()
    with homelog_connection(older) as connection:
        connection.execute(f"INSERT INTO {STATE} (user_id, role) VALUES (1, 'administrator')")
        connection.execute("INSERT INTO homelog_desktop_audit (at, target_id, target_email, action, fields, "
                           "previous_hash, entry_hash) VALUES ('2026-01-01 00:00:00', 1, 'ann@example.org', 'role', "
                           "'[\"role\"]', '', '')")
    older.chmod(0o444)
    async with open_workspace(older, read_only=True) as workspace:
        assert workspace.read_only
        assert (await workspace.accounts.get(1)).is_administrator
        assert (await workspace.accounts.find("ANN@example.org")).id == 1
        assert [entry.action for entry in await workspace.audit.history(1)] == ["role"]
        assert await workspace.roles.count_administrators() == 1
