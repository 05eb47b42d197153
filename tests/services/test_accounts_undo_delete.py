"""Deleting an account that home-log's data refers to, and undoing it."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from homelog_desktop.errors import DuplicateEmailError
from homelog_desktop.services.accounts import AccountService
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.homelog_schema import add_data_source, add_reading, sample_homelog_database
from tests.helpers.workspaces import open_workspace


def references(path: Path) -> tuple[list[tuple[int, int | None]], list[tuple[int, int | None]]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return (
            connection.execute("SELECT id, owner_id FROM data_sources ORDER BY id").fetchall(),
            connection.execute("SELECT id, created_by_id FROM readings ORDER BY id").fetchall(),
        )


def password_row(path: Path, user_id: int) -> tuple[str, str] | None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(
            "SELECT hashed_password, updated_at FROM user_passwords WHERE user_id = ?", (user_id,)
        ).fetchone()


@pytest.mark.asyncio
async def test_delete_counts_dependents_and_undo_restores_everything(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    add_data_source(path, 1, "Water meter")
    add_data_source(path, 2, "Other")
    for creator in (1, 1, 2):
        add_reading(path, 1, creator)
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        await service.set_password(1, GOOD_PASSWORD)
        before_refs, before_password = references(path), password_row(path, 1)
        ann = await service.get(1)
        dependents = await service.dependents(1)
        assert (dependents.data_sources, dependents.readings) == (2, 3)
        assert "owns 2 data sources and created 3 readings" in dependents.describe()

        deleted = await service.delete(1, based_on=ann)
        assert GOOD_PASSWORD not in repr(deleted) and "$2b$" not in repr(deleted)
        sources, readings = references(path)
        assert [owner for _id, owner in sources] == [None, None, 2] and len(readings) == 4  # rows stay
        assert password_row(path, 1) is None

        restored = await service.undo_delete(deleted)
        assert (restored.id, restored.email, restored.username) == (1, "ann@example.org", "Ann")
        assert references(path) == before_refs
        assert password_row(path, 1) == before_password
        assert await service.check_password(1, GOOD_PASSWORD)


@pytest.mark.asyncio
async def test_undo_is_refused_when_the_email_was_taken_since(service: AccountService) -> None:
    ann = await service.create("ann@example.org", "Ann")
    deleted = await service.delete(ann.id)
    await service.create("ANN@example.org", "Another Ann")
    with pytest.raises(DuplicateEmailError):
        await service.undo_delete(deleted)
    assert await service.count() == 1


@pytest.mark.asyncio
async def test_a_database_without_home_logs_data_tables_has_no_dependents(service: AccountService) -> None:
    bob = await service.create("bob@example.org", None)
    dependents = await service.dependents(bob.id)
    assert (dependents.data_sources, dependents.readings, dependents.describe()) == (0, 0, "")


@pytest.mark.asyncio
async def test_undo_after_the_id_was_reused_restores_under_a_new_id(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        deleted = await service.delete(2)  # bob, the highest id: SQLite gives it to the next account
        carl = await service.create("carl@example.org", None)
        assert carl.id == 2
        bob = await service.undo_delete(deleted)
        assert bob.email == "bob@example.org" and bob.id not in (1, 2)
        assert (await service.get(2)).email == "carl@example.org"
