"""Two editors on one file (two engines): an edit or delete based on stale data is refused, naming what
changed; nothing is silently overwritten."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from homelog_desktop.errors import ConflictError
from homelog_desktop.services.accounts import AccountService
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.workspaces import open_workspace


@pytest_asyncio.fixture
async def other(db_path: Path, service: AccountService) -> AsyncIterator[AccountService]:
    """A second editor (its own engine) on the same database file."""
    async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as second_workspace:
        second = second_workspace.accounts
        yield second


@pytest.mark.asyncio
async def test_edit_of_a_changed_account_is_refused_naming_the_change(
    service: AccountService, other: AccountService
) -> None:
    seen = await service.create("ann@example.org", "Ann")
    await other.update(seen.id, email="ann@example.org", username="Annie")
    with pytest.raises(ConflictError) as refused:
        await service.update(seen.id, email="ann.lee@example.org", username="Ann", based_on=seen)
    assert ("username", "Ann", "Annie") in refused.value.changes
    assert "“Ann” → “Annie”" in str(refused.value)
    current = await service.get(seen.id)
    assert (current.email, current.username) == ("ann@example.org", "Annie")  # the other edit stands
    # Based on what is there now, the edit goes through.
    saved = await service.update(seen.id, email="ann.lee@example.org", username="Ann", based_on=current)
    assert saved.email == "ann.lee@example.org"


@pytest.mark.asyncio
async def test_a_password_set_elsewhere_is_a_change_too(service: AccountService, other: AccountService) -> None:
    seen = await service.create("bob@example.org", None)
    await other.set_password(seen.id, GOOD_PASSWORD)
    with pytest.raises(ConflictError) as refused:
        await service.delete(seen.id, based_on=seen)
    assert ("has_password", False, True) in refused.value.changes
    assert await service.count() == 1


@pytest.mark.asyncio
async def test_editing_an_account_deleted_elsewhere_says_so(service: AccountService, other: AccountService) -> None:
    seen = await service.create("carl@example.org", None)
    await other.delete(seen.id)
    with pytest.raises(ConflictError, match="deleted elsewhere"):
        await service.update(seen.id, email="carl@example.org", username="Carl", based_on=seen)
    assert await service.count() == 0


@pytest.mark.asyncio
async def test_a_change_made_by_home_log_itself_is_noticed(service: AccountService, db_path: Path) -> None:
    """home-log's backend does not touch updated_at when it edits; the values themselves are compared."""
    seen = await service.create("dee@example.org", "Dee")
    with contextlib.closing(sqlite3.connect(db_path)) as backend, backend:
        backend.execute("UPDATE users SET username = 'Deirdre' WHERE id = ?", (seen.id,))
    with pytest.raises(ConflictError, match="Deirdre"):
        await service.delete(seen.id, based_on=seen)


@pytest.mark.asyncio
async def test_an_unchanged_account_deletes_normally(service: AccountService) -> None:
    seen = await service.create("eve@example.org", "Eve", GOOD_PASSWORD)
    listed = (await service.list_page())[0]  # what the table showed
    await service.delete(seen.id, based_on=listed)
    assert await service.count() == 0
