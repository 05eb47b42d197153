"""ReadinessService: can each account sign in, and if not why; orphaned password rows. Real SQLite,
real bcrypt at cost 4, an injected clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import bcrypt
import pytest
import pytest_asyncio

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.passwords.hashing import PasswordHasher
from homelog_desktop.services.sign_in import local_time
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.clock import Clock
from tests.helpers.template_database import fresh_database_file
from tests.helpers.workspaces import execute, open_workspace, store_hash

WRONG = "Wrong7password"


@pytest_asyncio.fixture
async def workspace(db_path: Path, clock: Clock) -> AsyncIterator[Workspace]:
    async with open_workspace(fresh_database_file(db_path), now=clock) as opened:
        yield opened


def bcrypt_hash(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(TEST_BCRYPT_COST)).decode()


@pytest.mark.asyncio
async def test_readiness_report(
    service: AccountService, workspace: Workspace, db_path: Path, clock: Clock
) -> None:
    ready = await service.create("ready@example.org", password=GOOD_PASSWORD)
    await service.create("nopassword@example.org")
    disabled = await service.create("disabled@example.org", password=GOOD_PASSWORD)
    await workspace.roles.disable(disabled.id)
    await service.create("locked@example.org", password=GOOD_PASSWORD)
    for _ in range(5):
        await workspace.sign_in.sign_in("locked@example.org", WRONG)
    unknown = await service.create("unknown@example.org")
    store_hash(db_path, unknown.id, "plain-text-password")
    damaged = await service.create("damaged@example.org")
    store_hash(db_path, damaged.id, "$2b$04$tooshort")
    execute(db_path, "INSERT INTO user_passwords (user_id, hashed_password) VALUES (99, ?)",
            bcrypt_hash(GOOD_PASSWORD), foreign_keys=False)
    stronger = Workspace.wire(workspace.database, PasswordHasher(6), now=clock)
    rows = {row.email: row for row in await stronger.readiness.report()}
    assert set(rows) == {
        "ready@example.org", "nopassword@example.org", "disabled@example.org", "locked@example.org",
        "unknown@example.org", "damaged@example.org", None,
    }
    assert rows["ready@example.org"].can_sign_in and rows["ready@example.org"].hash_scheme == "bcrypt"
    assert rows["ready@example.org"].notes == ("hash needs an upgrade (done at its next sign-in)",)
    assert rows["ready@example.org"].user_id == ready.id
    assert rows["nopassword@example.org"].problems == ("no password",)
    assert rows["disabled@example.org"].problems == ("disabled",)
    assert rows["locked@example.org"].problems == (f"locked until {local_time(clock() + timedelta(minutes=1))}",)
    assert rows["unknown@example.org"].problems == ("hash format unknown",)
    assert rows["damaged@example.org"].problems == ("hash unreadable",)
    orphan = rows[None]
    assert (orphan.user_id, orphan.orphan, orphan.can_sign_in) == (99, True, False)
    assert "plain-text-password" not in repr(rows) and "$2b$" not in repr(rows)
    clock.advance(minutes=2)
    rows = {row.email: row for row in await workspace.readiness.report()}
    assert rows["locked@example.org"].can_sign_in  # the lock ran out
    assert rows["ready@example.org"].notes == ()  # cost 4 is this service's cost
