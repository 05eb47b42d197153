"""RoleService: roles and states, and the last enabled administrator, which no change may remove (two
changes at once from two programs: tests/services/test_two_writers.py and test_two_writer_processes.py);
the first administrator of a database; whether the acting administrator still is one."""

from __future__ import annotations

from pathlib import Path

import pytest

from homelog_desktop.errors import (
    ActorRefusedError,
    AdministratorExistsError,
    HomeLogError,
    InvalidInputError,
)
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


@pytest.mark.asyncio
async def test_the_trail_says_which_role(service: AccountService, workspace: Workspace, db_path: Path) -> None:
    ann = await service.create("ann@example.org")
    bob = await service.create("bob@example.org")
    await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)
    await workspace.roles.set_role(bob.id, ROLE_ADMINISTRATOR)
    await workspace.roles.set_role(bob.id, "member")
    assert rows(db_path, "SELECT action, fields FROM homelog_desktop_audit WHERE id > 2") == [
        ("make_administrator", '["role"]'), ("make_administrator", '["role"]'), ("make_member", '["role"]'),
    ]


@pytest.mark.asyncio
async def test_a_first_administrator_only_while_there_is_none(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("ann@example.org", password=GOOD_PASSWORD)
    bob = await service.create("bob@example.org", password=GOOD_PASSWORD)
    made = await workspace.roles.make_first_administrator(ann.id)
    assert made.is_administrator and await workspace.roles.count_administrators() == 1
    with pytest.raises(AdministratorExistsError, match="has an administrator now"):
        await workspace.roles.make_first_administrator(bob.id)
    with pytest.raises(AdministratorExistsError):
        await service.create_first_administrator("carl@example.org", None, GOOD_PASSWORD)
    assert (await service.count(), (await service.get(bob.id)).role) == (2, "member")  # nothing written


@pytest.mark.asyncio
async def test_creating_the_first_administrator_signs_it_in(workspace: Workspace, db_path: Path) -> None:
    created = await workspace.accounts.create_first_administrator(" Ada@example.org ", "Ada", GOOD_PASSWORD)
    assert (created.email, created.username, created.is_administrator) == ("Ada@example.org", "Ada", True)
    assert created.last_sign_in_at is not None  # the sign-in it performs: Last sign-in is not "never"
    assert created == await workspace.accounts.get(created.id)
    assert rows(db_path, "SELECT action, actor_id, target_id FROM homelog_desktop_audit") == [
        ("create", None, created.id), ("make_administrator", created.id, created.id),
        ("sign_in", created.id, created.id),
    ]


@pytest.mark.asyncio
async def test_the_acting_administrator_is_checked(service: AccountService, workspace: Workspace) -> None:
    ann = await workspace.roles.set_role((await service.create("ann@example.org")).id, ROLE_ADMINISTRATOR)
    bob = await workspace.roles.set_role(
        (await service.create("bob@example.org", None, GOOD_PASSWORD)).id, ROLE_ADMINISTRATOR
    )
    assert await workspace.roles.actor_problem() is None  # nobody acts
    workspace.act_as(ann)
    assert await workspace.roles.actor_problem() is None
    for change, why in (
        (lambda: workspace.roles.disable(ann.id), "disabled"),
        (lambda: workspace.roles.enable(ann.id), None),
        (lambda: workspace.roles.set_role(ann.id, "member"), "made a member"),
    ):
        workspace.act_as(bob)
        await change()
        workspace.act_as(ann)
        assert await workspace.roles.actor_problem() == why
    with pytest.raises(ActorRefusedError, match=r"ann@example.org is no longer an enabled administrator here "
                                                r"\(made a member\); nothing was changed"):
        await service.create("carl@example.org")
    with pytest.raises(ActorRefusedError):  # a check is refused before it is counted
        await workspace.sign_in.check_password(bob.id, "Wrong7password")
    assert (await service.get(bob.id)).failed_attempts == 0
    workspace.act_as(bob)
    await service.delete(ann.id)
    workspace.act_as(ann)
    assert await workspace.roles.actor_problem() == "deleted"
