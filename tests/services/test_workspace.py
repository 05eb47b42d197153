"""Workspace: one database with every service wired once (one hasher, one audit trail), the acting
administrator, the outside-change watch that never reports the app's own writes."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from homelog_desktop.errors import DatabaseClosedError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.transfer import OnExisting
from homelog_desktop.services.workspace import DatabaseLocation, Workspace
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
    ann = await workspace.accounts.create_first_administrator("ann@example.org", None, GOOD_PASSWORD)
    assert not await workspace.changed_elsewhere()
    bob = await workspace.accounts.create("bob@example.org", None, GOOD_PASSWORD)
    writes = [
        workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR),
        workspace.roles.disable(bob.id),
        workspace.roles.enable(bob.id),
        workspace.roles.unlock(bob.id),
        workspace.accounts.set_password(bob.id, "Temporary7pass", temporary=True),
        workspace.sign_in.check_password(bob.id, "Wrong7password"),
        workspace.sign_in.sign_in("bob@example.org", "Temporary7pass"),
        workspace.accounts.replace_temporary_password(bob.id, "Chosen7byBob"),
        workspace.sign_in.sign_in("nobody@example.org", "Wrong7password"),
        workspace.sign_in.sign_in("bob@example.org", "Wrong7password"),
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


@pytest.mark.asyncio
async def test_every_write_holds_the_write_lock_from_its_first_statement(workspace: Workspace, tmp_path: Path) -> None:
    """Watched on the engine itself: every transaction that writes began with BEGIN IMMEDIATE (the write
    lock before its first read, through Database.writing()), whatever service wrote."""
    transactions: list[list[str]] = []
    current: dict[int, list[str]] = {}

    def began(connection: Any) -> None:
        current.setdefault(id(connection), [])  # our own BEGIN IMMEDIATE may have been recorded already

    def statement(connection: Any, _cursor: Any, text: str, *_args: Any) -> None:
        current.setdefault(id(connection), []).append(text.split(None, 2)[0].upper() + (
            " IMMEDIATE" if text.upper().startswith("BEGIN IMMEDIATE") else ""))

    def ended(connection: Any) -> None:
        transactions.append(current.pop(id(connection), []))

    engine = workspace.database.engine.sync_engine
    for name, listener in (("begin", began), ("before_cursor_execute", statement), ("commit", ended),
                           ("rollback", ended)):
        event.listen(engine, name, listener)
    ann = await workspace.accounts.create_first_administrator("ann@example.org", None, GOOD_PASSWORD)
    workspace.act_as(ann)
    bob = await workspace.accounts.create("bob@example.org", "Bob", GOOD_PASSWORD)
    await workspace.accounts.update(bob.id, email="robert@example.org", username="Bob", based_on=bob)
    for write in (
        workspace.roles.set_role(bob.id, ROLE_ADMINISTRATOR), workspace.roles.set_role(bob.id, "member"),
        workspace.roles.disable(bob.id), workspace.roles.enable(bob.id), workspace.roles.unlock(bob.id),
        workspace.accounts.set_password(bob.id, "Temporary7pass", temporary=True),
        workspace.sign_in.check_password(bob.id, "Wrong7password"),
        workspace.sign_in.sign_in("robert@example.org", "Temporary7pass"),
        workspace.accounts.replace_temporary_password(bob.id, "Chosen7byBob"),
        workspace.sign_in.sign_in("nobody@example.org", "Wrong7password"),
        workspace.hash_scheme.set_scheme("bcrypt"), workspace.accounts.clear_password(bob.id),
    ):
        await write
    await workspace.accounts.undo_delete(await workspace.accounts.delete(bob.id))
    source = tmp_path / "in.csv"
    source.write_text("email\ncarl@example.org\n", encoding="utf-8")
    await workspace.transfer.import_file(source, OnExisting.SKIP)
    for name, listener in (("begin", began), ("before_cursor_execute", statement), ("commit", ended),
                           ("rollback", ended)):
        event.remove(engine, name, listener)
    writing = [statements for statements in transactions if {"INSERT", "UPDATE", "DELETE"} & set(statements)]
    assert len(writing) >= 20
    assert all(statements[0] == "BEGIN IMMEDIATE" for statements in writing), writing


@pytest.mark.asyncio
async def test_the_first_reads_side_by_side_find_their_connections_made(backend: DatabaseLocation) -> None:
    # A window reads its first page and its count side by side: both connections are made while the
    # database opens, not when the list is first read (a new server connection costs tens of ms).
    async with open_workspace(backend) as opened:
        pool = opened.database.engine.pool
        made: list[object] = []
        event.listen(opened.database.engine.sync_engine, "connect", lambda *_: made.append(None))
        assert pool.checkedin() >= 2  # type: ignore[attr-defined]
        await asyncio.gather(opened.accounts.count(), opened.accounts.list_page(limit=20))
        assert made == []
