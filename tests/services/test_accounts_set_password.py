"""AccountService.set_password(temporary=...): a temporary password asks for a change at the next sign-in,
one the user chose ends that request; the password and the flag are one transaction, both audited, never
with a password or hash in the trail."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from homelog_desktop.errors import DatabaseError, InvalidInputError, NotFoundError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.workspaces import open_workspace

TEMPORARY = "Temporary7pass"
CHOSEN = "Chosen8byuser"


def audit_trail(path: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT action, fields FROM homelog_desktop_audit ORDER BY id").fetchall()


def audit_text(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return repr(connection.execute("SELECT * FROM homelog_desktop_audit").fetchall())


@pytest.mark.asyncio
async def test_temporary_then_chosen_password(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    start = len(audit_trail(service.path))

    account = await workspace.accounts.set_password(ann.id, TEMPORARY, temporary=True)
    assert account.id == ann.id and account.has_password
    assert (await workspace.accounts.get(ann.id)).must_change_password
    assert await service.check_password(ann.id, TEMPORARY)
    result = await workspace.sign_in.sign_in("ann@example.org", TEMPORARY)
    assert result.ok and result.must_change_password

    await workspace.accounts.set_password(ann.id, CHOSEN, temporary=False)  # the user picks their own at sign-in
    assert not (await workspace.accounts.get(ann.id)).must_change_password
    assert await service.check_password(ann.id, CHOSEN)
    assert not (await workspace.sign_in.sign_in("ann@example.org", CHOSEN)).must_change_password

    actions = [action for action, _fields in audit_trail(service.path)[start:]]
    assert actions == [
        "password_set", "must_change_password", "sign_in", "password_set", "must_change_password", "sign_in",
    ]
    trail = audit_text(service.path)
    assert TEMPORARY not in trail and CHOSEN not in trail and "$2b$" not in trail


@pytest.mark.asyncio
async def test_the_flag_is_only_written_when_it_changes(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("ann@example.org", None)
    await workspace.accounts.set_password(ann.id, CHOSEN, temporary=False)
    assert [action for action, _ in audit_trail(service.path)] == ["create", "password_set"]
    await workspace.accounts.set_password(ann.id, TEMPORARY, temporary=True)
    await workspace.accounts.set_password(ann.id, CHOSEN + "x", temporary=True)
    assert [action for action, _ in audit_trail(service.path)][2:] == [
        "password_set", "must_change_password", "password_set",
    ]


@pytest.mark.asyncio
async def test_a_refused_password_leaves_the_flag_and_the_password_as_they_were(
    service: AccountService, workspace: Workspace
) -> None:
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    with pytest.raises(InvalidInputError):
        await workspace.accounts.set_password(ann.id, "short", temporary=True)
    assert not (await workspace.accounts.get(ann.id)).must_change_password
    assert await service.check_password(ann.id, GOOD_PASSWORD)
    with pytest.raises(NotFoundError):
        await workspace.accounts.set_password(ann.id + 1, TEMPORARY, temporary=True)


@pytest.mark.asyncio
async def test_a_read_only_database_refuses(service: AccountService) -> None:
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    async with open_workspace(service.path, read_only=True) as read_only:
        with pytest.raises(DatabaseError, match="read-only"):
            await read_only.accounts.set_password(ann.id, TEMPORARY, temporary=True)


@pytest.mark.asyncio
async def test_the_password_and_its_flag_are_one_transaction(service: AccountService, workspace: Workspace) -> None:
    """A state table that refuses the flag refuses the password with it: nothing half written."""
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    with contextlib.closing(sqlite3.connect(service.path)) as connection, connection:
        before = connection.execute("SELECT hashed_password, updated_at FROM user_passwords").fetchall()
        connection.execute(
            "CREATE TRIGGER refuse_state BEFORE INSERT ON homelog_desktop_account_state "
            "BEGIN SELECT RAISE(ABORT, 'state refused'); END"
        )
    with pytest.raises(Exception, match="state refused"):
        await workspace.accounts.set_password(ann.id, TEMPORARY, temporary=True)
    with contextlib.closing(sqlite3.connect(service.path)) as connection:
        assert connection.execute("SELECT hashed_password, updated_at FROM user_passwords").fetchall() == before
    assert await service.check_password(ann.id, GOOD_PASSWORD)
    assert [action for action, _ in audit_trail(service.path)] == ["create"]


@pytest.mark.asyncio
async def test_without_temporary_the_flag_is_left_as_it_is(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    await workspace.roles.set_must_change_password(ann.id)
    assert (await service.set_password(ann.id, CHOSEN)).must_change_password  # as homelog-admin set-password
    assert [action for action, _ in audit_trail(service.path)][-1] == "password_set"
