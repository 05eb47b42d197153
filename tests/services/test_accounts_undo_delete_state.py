"""Undoing a delete puts the account's state back too (ON DELETE CASCADE removed it): an administrator
comes back an administrator, a disabled or locked account comes back disabled or locked."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.clock import CLOCK_START, Clock
from tests.helpers.template_database import fresh_database_file
from tests.helpers.workspaces import open_workspace

NOW = CLOCK_START


@pytest_asyncio.fixture
async def workspace(db_path: Path, clock: Clock) -> AsyncIterator[Workspace]:
    async with open_workspace(fresh_database_file(db_path), now=clock) as opened:
        yield opened


def state_rows(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT * FROM homelog_desktop_account_state ORDER BY user_id").fetchall()


@pytest.mark.asyncio
async def test_undo_restores_role_disabled_flag_lock_and_sign_in_time(
    service: AccountService, workspace: Workspace
) -> None:
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    bob = await service.create("bob@example.org", None, GOOD_PASSWORD)
    await workspace.roles.set_role(ann.id, "administrator")
    await workspace.roles.set_role(bob.id, "administrator")
    assert (await workspace.sign_in.sign_in("bob@example.org", GOOD_PASSWORD)).ok  # last sign-in time
    await workspace.roles.set_must_change_password(bob.id)
    await workspace.roles.disable(bob.id)
    for _ in range(5):  # Ann: five failed checks lock her
        await workspace.sign_in.check_password(ann.id, "Wrong7password")
    before = await workspace.accounts.get(bob.id)
    ann_before = await workspace.accounts.get(ann.id)
    assert ann_before.locked_until is not None and ann_before.failed_attempts == 5
    rows_before = state_rows(service.path)

    deleted_bob = await service.delete(bob.id)
    assert deleted_bob.snapshot.state is not None and deleted_bob.snapshot.state.role == "administrator"
    assert GOOD_PASSWORD not in repr(deleted_bob)
    assert len(state_rows(service.path)) == 1  # the cascade removed Bob's row
    await service.undo_delete(deleted_bob)
    assert await workspace.accounts.get(bob.id) == before
    state = (before.role, before.disabled, before.must_change_password, before.failed_attempts, before.locked_until,
             before.last_sign_in_at)
    assert state == ("administrator", True, True, 0, None, NOW)

    # Ann would be the only enabled administrator: enable Bob again before deleting her.
    await workspace.roles.enable(bob.id)
    deleted_ann = await service.delete(ann.id)
    await service.undo_delete(deleted_ann)
    assert await workspace.accounts.get(ann.id) == ann_before  # still locked, with its failures counted
    assert await workspace.roles.count_administrators() == 2
    after = {row[0]: row for row in state_rows(service.path)}
    assert after[ann.id] == {row[0]: row for row in rows_before}[ann.id]


@pytest.mark.asyncio
async def test_an_account_without_a_state_row_comes_back_without_one(service: AccountService) -> None:
    carl = await service.create("carl@example.org", None)
    deleted = await service.delete(carl.id)
    assert deleted.snapshot.state is None
    restored = await service.undo_delete(deleted)
    assert restored.id == carl.id and state_rows(service.path) == []


@pytest.mark.asyncio
async def test_a_restore_under_a_new_id_takes_its_state_along(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("ann@example.org", None)
    bob = await service.create("bob@example.org", None)
    await workspace.roles.set_role(bob.id, "administrator")
    await workspace.roles.set_role(ann.id, "administrator")
    await workspace.roles.set_must_change_password(bob.id)
    deleted = await service.delete(bob.id)
    # SQLite hands the freed id to the next new account: the undo then uses a new id.
    taken = await service.create("dan@example.org", None)
    assert taken.id == bob.id
    restored = await service.undo_delete(deleted)
    assert restored.id != bob.id
    moved = await workspace.accounts.get(restored.id)
    assert (moved.role, moved.must_change_password) == ("administrator", True)
    assert (await workspace.accounts.get(taken.id)).role == "member"
