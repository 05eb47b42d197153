"""Backups and restores that fit a server, and import/export on both backends: a backup is a SQLite file in
the backup format (today's checks pass it; the app opens it read-only with the same accounts, roles and an
intact audit trail); a restore into a server is previewed, writes by id without deleting anything, is all
or nothing, and moves the identity on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.transfer_dao import OnExisting
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.backup import describe_backup
from homelog_desktop.services.server_restore import RestoreConflictError, plan_server_restore, restore_to_server
from homelog_desktop.services.transfer.export import ExportOptions
from homelog_desktop.services.transfer.formats import TransferFormat
from homelog_desktop.services.workspace import Workspace
from tests.helpers.homelog_schema import HOMELOG_HASH
from tests.helpers.homelog_writer import create_homelog_tables, homelog_insert_user, raw_connection
from tests.helpers.postgres import fresh_database
from tests.helpers.workspaces import GOOD_PASSWORD, open_workspace

pytestmark = pytest.mark.asyncio


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabaseLocation]:
    """A fresh server database (a file database is restored by replacing the file: tests/services/test_backup.py)."""
    with fresh_database(tmp_path, monkeypatch) as location:
        yield location


async def _accounts(workspace: Workspace) -> list[tuple[int, str, str | None, bool]]:
    return [(a.id, a.email, a.username, a.has_password) for a in await workspace.accounts.list_page(limit=100)]


async def _fill(location: DatabaseLocation) -> list[tuple[int, str, str | None, bool]]:
    """home-log's tables with one account of its own, then accounts, a role and a password by the app."""
    create_homelog_tables(location)
    with raw_connection(location) as connection:
        homelog_insert_user(connection, "harry@example.org", "Harry", HOMELOG_HASH)
    async with open_workspace(location) as workspace:
        ann = await workspace.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
        await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)
        await workspace.accounts.create("bob@example.org", None)
        return await _accounts(workspace)


async def test_a_backup_is_a_file_the_app_opens_read_only_with_everything(
    backend: DatabaseLocation, tmp_path: Path
) -> None:
    before = await _fill(backend)
    target = tmp_path / "backup.db"
    async with open_workspace(backend) as workspace:
        assert await workspace.backups.back_up(target) == target
        history = await workspace.audit.count_history()
    assert target.stat().st_mode & 0o077 == 0
    assert await describe_backup(target) == "3 accounts, 2 with a password"
    async with open_workspace(target, read_only=True) as copy:
        assert await _accounts(copy) == before
        assert await copy.roles.count_administrators() == 1
        assert await copy.audit.count_history() == history
        assert await copy.audit.verify_chain() == (True, None)
        ann = await copy.accounts.find("ann@example.org")
        assert await copy.accounts.check_password(ann.id, GOOD_PASSWORD)


async def test_import_and_export_work_on_both_backends(backend: DatabaseLocation, tmp_path: Path) -> None:
    await _fill(backend)
    exported = tmp_path / "accounts.json"
    async with open_workspace(backend) as workspace:
        assert await workspace.transfer.export_to_file(ExportOptions(format=TransferFormat.JSON), exported) == 3
        records = json.loads(exported.read_text("utf-8"))
        assert sorted(r["email"] for r in records) == ["ann@example.org", "bob@example.org", "harry@example.org"]
        incoming = tmp_path / "incoming.csv"
        incoming.write_text("email,username\ncy@example.org,Cy\nANN@example.org,Ann Renamed\n", "utf-8")
        report = await workspace.transfer.import_file(incoming, OnExisting.UPDATE)
        assert len(report.created_ids) == 1 and len(report.updated_ids) == 1
        assert report.backup is not None and report.backup.is_file()  # the copy made before the import
        assert (await workspace.accounts.find("ann@example.org")).username == "Ann Renamed"
        assert await workspace.accounts.count() == 4
        assert await workspace.audit.verify_chain() == (True, None)


@pytest.mark.postgres
async def test_a_restore_to_a_server_is_previewed_writes_by_id_and_deletes_nothing(
    server: DatabaseLocation, tmp_path: Path
) -> None:
    backend = server
    before = await _fill(backend)
    backup = tmp_path / "backup.db"
    async with open_workspace(backend) as workspace:
        await workspace.backups.back_up(backup)
        ann = await workspace.accounts.find("ann@example.org")
        bob = await workspace.accounts.find("bob@example.org")
        await workspace.accounts.update(ann.id, email=ann.email, username="Ann Changed", based_on=ann)
        await workspace.accounts.delete(bob.id)
        dan = await workspace.accounts.create("dan@example.org", "Dan")
        plan = await plan_server_restore(workspace, backup)
        assert (plan.create, plan.update, len(plan.unchanged), plan.only_on_server) == ([bob.id], [ann.id], 1, 1)
        assert "1 to create, 1 to update, 1 unchanged; 1 only on the server" in plan.summary()
        history = await workspace.audit.count_history()
        done = await restore_to_server(workspace, backup)
        assert done.create == plan.create and done.update == plan.update
        assert await _accounts(workspace) == [*before, (dan.id, "dan@example.org", "Dan", False)]
        assert await workspace.audit.count_history(actions=["restore"]) == 2
        assert await workspace.audit.count_history() == history + 2
        assert await workspace.audit.verify_chain() == (True, None)
    with raw_connection(backend) as connection:  # home-log's next account gets a new id, past the restored ones
        new_id = homelog_insert_user(connection, "eve@example.org", "Eve")
    assert new_id > max(account[0] for account in before) and new_id > dan.id


@pytest.mark.postgres
async def test_a_restore_that_would_take_an_address_is_refused_whole(server: DatabaseLocation, tmp_path: Path) -> None:
    backend = server
    await _fill(backend)
    backup = tmp_path / "backup.db"
    async with open_workspace(backend) as workspace:
        await workspace.backups.back_up(backup)
        ann = await workspace.accounts.find("ann@example.org")
        bob = await workspace.accounts.find("bob@example.org")
        await workspace.accounts.update(ann.id, email=ann.email, username="Ann Changed", based_on=ann)
        await workspace.accounts.delete(bob.id)
        await workspace.accounts.create("Bob@example.org", "Another Bob")  # bob's address, a new id
        now = await _accounts(workspace)
        plan = await plan_server_restore(workspace, backup)
        assert plan.email_conflicts == ["bob@example.org"]
        with pytest.raises(RestoreConflictError) as refused:
            await restore_to_server(workspace, backup)
        assert str(refused.value).startswith("Nothing was restored: the backup's bob@example.org is held by another")
        assert await _accounts(workspace) == now  # Ann's change stands too: all or nothing
