"""RoleService: roles and states, and the last enabled administrator, which no change may remove, even
two changes at once from two programs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from homelog_desktop.errors import HomeLogError, InvalidInputError, LastAdministratorError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.workspaces import open_workspace, rows


@pytest.mark.asyncio
async def test_the_last_administrator_is_protected(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("ann@example.org", password=GOOD_PASSWORD)
    bob = await service.create("bob@example.org")
    assert await workspace.roles.count_administrators() == 0
    await service.delete(bob.id)  # no administrator at all: nothing to protect
    bob = await service.create("bob@example.org")
    assert (await workspace.roles.set_role(ann.id, "administrator")).role == "administrator"
    assert await workspace.roles.count_administrators() == 1
    for attempt, word in (
        (workspace.roles.disable(ann.id), "disabled"),
        (workspace.roles.set_role(ann.id, "member"), "member"),
        (service.delete(ann.id), "deleted"),
        (workspace.roles.check_can_delete(ann.id), "deleted"),
    ):
        with pytest.raises(HomeLogError, match=f"last administrator: it cannot (be|become a) {word}"):
            await attempt
    assert (await service.get(ann.id)).email == "ann@example.org"
    assert (await workspace.accounts.get(ann.id)).role == "administrator"
    with pytest.raises(InvalidInputError, match="administrator or member"):
        await workspace.roles.set_role(bob.id, "root")

    await workspace.roles.set_role(bob.id, "administrator")
    await workspace.roles.disable(bob.id)  # a disabled administrator does not count
    with pytest.raises(HomeLogError, match="last administrator"):
        await workspace.roles.set_role(ann.id, "member")
    await workspace.roles.enable(bob.id)
    await workspace.roles.set_role(ann.id, "member")
    await service.delete(ann.id)
    assert await workspace.roles.count_administrators() == 1


@pytest.mark.asyncio
async def test_each_change_returns_the_account_with_its_state(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("ann@example.org", password=GOOD_PASSWORD)
    made = await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)
    assert (made.id, made.email, made.is_administrator, made.has_password) == (ann.id, ann.email, True, True)
    assert (await workspace.roles.set_must_change_password(ann.id)).must_change_password
    assert not (await workspace.roles.set_must_change_password(ann.id, False)).must_change_password


@pytest.mark.asyncio
async def test_a_read_only_database_refuses_every_change(service: AccountService, db_path: Path) -> None:
    ann = await service.create("ann@example.org")
    async with open_workspace(db_path, read_only=True) as read_only:
        for change in (read_only.roles.set_role(ann.id, ROLE_ADMINISTRATOR), read_only.roles.disable(ann.id)):
            with pytest.raises(HomeLogError, match="read-only"):
                await change
    assert rows(db_path, "SELECT count(*) FROM homelog_desktop_account_state") == [(0,)]


async def _two_administrators(path: Path) -> tuple[int, int]:
    async with open_workspace(path) as workspace:
        first = await workspace.accounts.create("first@example.org")
        second = await workspace.accounts.create("second@example.org")
        await workspace.roles.set_role(first.id, ROLE_ADMINISTRATOR)
        await workspace.roles.set_role(second.id, ROLE_ADMINISTRATOR)
    return first.id, second.id


@pytest.mark.asyncio
@pytest.mark.parametrize("change", ["disable", "demote", "delete"])
async def test_two_programs_removing_the_last_two_administrators_at_once_leave_one(
    tmp_path: Path, change: str
, workspace: Workspace) -> None:
    """Two workspaces (two engines, as two programs) each take away one of the two administrators at the
    same moment: the guard runs under the write lock, so one of them is refused. Repeated 10 times."""
    for round_number in range(10):
        path = tmp_path / f"race-{round_number}.db"
        ids = await _two_administrators(path)
        async with open_workspace(path) as one, open_workspace(path) as two:
            async def remove(workspace: Workspace, account_id: int) -> None:
                if change == "disable":
                    await workspace.roles.disable(account_id)
                elif change == "demote":
                    await workspace.roles.set_role(account_id, "member")
                else:
                    await workspace.accounts.delete(account_id)

            results = await asyncio.gather(remove(one, ids[0]), remove(two, ids[1]), return_exceptions=True)
            assert sorted(type(result).__name__ for result in results) == ["LastAdministratorError", "NoneType"]
            assert all(result is None or isinstance(result, LastAdministratorError) for result in results)
            assert await one.roles.count_administrators() == 1
