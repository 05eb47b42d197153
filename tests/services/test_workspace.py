"""Workspace: one database with every service wired once (one hasher, one audit trail), the acting
administrator, the outside-change watch that never reports the app's own writes."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from homelog_desktop.errors import DatabaseClosedError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.workspaces import open_workspace, rows


@pytest.mark.asyncio
async def test_every_service_shares_one_hasher_and_one_audit_trail(workspace: Workspace) -> None:
    assert workspace.accounts.hasher is workspace.hasher
    assert workspace.sign_in.hasher is workspace.hasher
    assert workspace.readiness.hasher is workspace.hasher
    assert workspace.hash_scheme.hasher is workspace.hasher
    await workspace.hash_scheme.set_scheme("argon2id")
    assert workspace.accounts.hasher.scheme == "argon2id"  # the one hasher followed the setting


@pytest.mark.asyncio
async def test_the_acting_administrator_is_recorded_in_every_write(workspace: Workspace, db_path: Path) -> None:
    admin = await workspace.accounts.create("admin@example.org", None, GOOD_PASSWORD)
    admin = await workspace.roles.set_role(admin.id, ROLE_ADMINISTRATOR)  # only an administrator acts
    assert workspace.actor is None
    workspace.act_as(admin)
    assert workspace.actor == admin and workspace.audit.actor == admin
    ann = await workspace.accounts.create("ann@example.org")
    await workspace.roles.disable(ann.id)
    await workspace.accounts.set_password(ann.id, GOOD_PASSWORD, temporary=True)
    workspace.act_as(None)
    await workspace.roles.enable(ann.id)
    actors = rows(db_path, "SELECT action, actor_email FROM homelog_desktop_audit ORDER BY id")
    assert actors == [
        ("create", None), ("make_administrator", None), ("create", "admin@example.org"),
        ("disable", "admin@example.org"),
        ("password_set", "admin@example.org"), ("must_change_password", "admin@example.org"), ("enable", None),
    ]


@pytest.mark.asyncio
async def test_no_write_of_the_app_is_reported_as_a_change_made_elsewhere(workspace: Workspace, db_path: Path) -> None:
    """Every kind of write the window makes, each followed by a poll: none comes back as an outside change
    (each would cost a second full reload of the table)."""
    assert not await workspace.changed_elsewhere()  # starts watching
    ann = await workspace.accounts.create("ann@example.org", None, GOOD_PASSWORD)
    bob = await workspace.accounts.create("bob@example.org", None, GOOD_PASSWORD)
    writes = [
        workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR),
        workspace.roles.disable(bob.id),
        workspace.roles.enable(bob.id),
        workspace.roles.unlock(bob.id),
        workspace.accounts.set_password(bob.id, "Temporary7pass", temporary=True),
        workspace.sign_in.check_password(bob.id, "Wrong7password"),
        workspace.sign_in.sign_in("bob@example.org", "Temporary7pass"),
        workspace.sign_in.sign_in("nobody@example.org", "Wrong7password"),
        workspace.hash_scheme.set_scheme("bcrypt"),
        workspace.accounts.update(bob.id, email="robert@example.org", username="Bob"),
        workspace.accounts.clear_password(bob.id),
    ]
    for write in writes:
        await write
        assert not await workspace.changed_elsewhere()
    deleted = await workspace.accounts.delete(bob.id)
    assert not await workspace.changed_elsewhere()
    await workspace.accounts.undo_delete(deleted)
    assert not await workspace.changed_elsewhere()
    with contextlib.closing(sqlite3.connect(db_path)) as other, other:
        other.execute("UPDATE users SET username = 'Changed elsewhere' WHERE id = ?", (ann.id,))
    assert await workspace.changed_elsewhere()


@pytest.mark.asyncio
async def test_a_closed_workspace_refuses_work(db_path: Path) -> None:
    async with open_workspace(db_path) as workspace:
        await workspace.accounts.create("ann@example.org")
    with pytest.raises(DatabaseClosedError, match="was closed"):
        await workspace.accounts.count()
    with pytest.raises(DatabaseClosedError):
        await workspace.changed_elsewhere()


@pytest.mark.asyncio
async def test_wire_builds_another_set_of_services_on_the_same_database(workspace: Workspace) -> None:
    other = Workspace.wire(workspace.database, workspace.hasher)
    created = await other.accounts.create("ann@example.org")
    assert (await workspace.accounts.get(created.id)).email == "ann@example.org"
    assert other.audit is not workspace.audit and other.path == workspace.path
