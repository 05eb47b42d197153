"""Undoing a delete puts the account's state back too (ON DELETE CASCADE removed it): an administrator
comes back an administrator, a disabled or locked account comes back disabled or locked."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.security import AccountSecurity, SecurityService
from tests.conftest import GOOD_PASSWORD

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def state_rows(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT * FROM homelog_desktop_account_state ORDER BY user_id").fetchall()


@pytest.mark.asyncio
async def test_undo_restores_role_disabled_flag_lock_and_sign_in_time(service: AccountService) -> None:
    security = SecurityService(service, now=lambda: NOW)
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    bob = await service.create("bob@example.org", None, GOOD_PASSWORD)
    await security.set_role(ann.id, "administrator")
    await security.set_role(bob.id, "administrator")
    assert (await security.sign_in("bob@example.org", GOOD_PASSWORD)).ok  # last sign-in time
    await security.set_must_change_password(bob.id)
    await security.disable(bob.id)
    for _ in range(5):  # Ann: five failed checks lock her
        await security.check_password(ann.id, "Wrong7password")
    before = await security.security_of(bob.id)
    ann_before = await security.security_of(ann.id)
    assert ann_before.locked_until is not None and ann_before.failed_attempts == 5
    rows_before = state_rows(service.path)

    deleted_bob = await service.delete(bob.id)
    assert deleted_bob.snapshot.state is not None and deleted_bob.snapshot.state["role"] == "administrator"
    assert GOOD_PASSWORD not in repr(deleted_bob)
    assert len(state_rows(service.path)) == 1  # the cascade removed Bob's row
    await service.undo_delete(deleted_bob)
    assert await security.security_of(bob.id) == before
    assert before == AccountSecurity("administrator", True, True, 0, None, NOW)

    # Ann would be the only enabled administrator: enable Bob again before deleting her.
    await security.enable(bob.id)
    deleted_ann = await service.delete(ann.id)
    await service.undo_delete(deleted_ann)
    assert await security.security_of(ann.id) == ann_before  # still locked, with its failures counted
    assert await security.count_administrators() == 2
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
async def test_a_restore_under_a_new_id_takes_its_state_along(service: AccountService) -> None:
    security = SecurityService(service, now=lambda: NOW)
    ann = await service.create("ann@example.org", None)
    bob = await service.create("bob@example.org", None)
    await security.set_role(bob.id, "administrator")
    await security.set_role(ann.id, "administrator")
    await security.set_must_change_password(bob.id)
    deleted = await UserDao(service.database).delete(bob.id)
    # SQLite hands the freed id to the next new account: the undo then uses a new id.
    taken = await service.create("dan@example.org", None)
    assert taken.id == bob.id
    restored = await UserDao(service.database).restore_deleted(deleted)
    assert restored.id != bob.id
    moved = await security.security_of(restored.id)
    assert (moved.role, moved.must_change_password) == ("administrator", True)
    assert (await security.security_of(taken.id)).role == "member"
