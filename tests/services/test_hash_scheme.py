"""HashSchemeService: the per-database hash scheme setting: detection without it, setting it (validated,
audited, used at once and after reopening), the bcrypt-among-Argon2 warning, upgrades at sign-in,
read-only databases."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import argon2
import pytest

from homelog_desktop.data.settings_dao import HASH_SCHEME_KEY
from homelog_desktop.errors import DatabaseError, InvalidInputError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.hash_scheme import (
    BCRYPT_ON_ARGON2_WARNING,
    HashSchemeSetting,
    describe_hash_scheme_choice,
    hash_scheme_warning,
)
from homelog_desktop.services.passwords.hashing import scheme_of
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.homelog_schema import sample_homelog_database
from tests.helpers.workspaces import open_workspace, store_hash
from tests.helpers.workspaces import stored_hash as stored_hash_in

CHEAP_ARGON2 = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def stored_setting(path: Path) -> str | None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        row = connection.execute(
            "SELECT value FROM homelog_desktop_settings WHERE key = ?", (HASH_SCHEME_KEY,)
        ).fetchone()
    return row[0] if row else None


def audit_actions(path: Path) -> list[tuple[str, str, int | None]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT action, fields, target_id FROM homelog_desktop_audit ORDER BY id").fetchall()


async def stored_hash(service: AccountService, account_id: int) -> str:
    hashed = stored_hash_in(service.path, account_id)
    assert hashed is not None
    return hashed


def test_the_warning_and_the_explanations() -> None:
    assert BCRYPT_ON_ARGON2_WARNING == (
        "home-log's backend checks Argon2id only: accounts given a bcrypt password here cannot sign in to home-log."
    )
    assert hash_scheme_warning("bcrypt", True) == BCRYPT_ON_ARGON2_WARNING
    assert hash_scheme_warning("bcrypt", False) is None
    assert hash_scheme_warning("argon2id", True) is None
    assert "never turned into bcrypt" in describe_hash_scheme_choice("bcrypt", True)
    assert "never" not in describe_hash_scheme_choice("bcrypt", False)
    assert "cost 12" in describe_hash_scheme_choice("bcrypt", False)
    assert "replaced by an Argon2id one" in describe_hash_scheme_choice("argon2id", False)
    setting = HashSchemeSetting("bcrypt", True, True)
    assert setting.warning == BCRYPT_ON_ARGON2_WARNING and setting.detected == "argon2id"
    assert setting.describe() == "bcrypt (set for this database)"
    assert HashSchemeSetting("argon2id", False, True).describe() == (
        "argon2id (detected: the database holds Argon2 hashes)"
    )


@pytest.mark.asyncio
async def test_a_new_database_is_bcrypt_by_detection(service: AccountService, workspace: Workspace) -> None:
    setting = await workspace.hash_scheme.setting()
    assert setting == HashSchemeSetting("bcrypt", explicitly_set=False, holds_argon2=False)
    assert setting.warning is None and service.hasher.scheme == "bcrypt"


@pytest.mark.asyncio
async def test_setting_argon2id_is_audited_used_at_once_and_after_reopening(
    service: AccountService, workspace: Workspace
) -> None:
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)  # bcrypt
    cost = service.hasher.cost
    setting = await workspace.hash_scheme.set_scheme("argon2id")
    assert setting == HashSchemeSetting("argon2id", explicitly_set=True, holds_argon2=False)
    assert stored_setting(service.path) == "argon2id"
    assert audit_actions(service.path)[-1] == ("hash_scheme", '["scheme"]', None)
    assert service.hasher.scheme == "argon2id" and workspace.hasher is service.hasher
    assert service.hasher.cost == cost  # the bcrypt cost is kept for a later switch back

    bob = await service.create("bob@example.org", None, GOOD_PASSWORD)
    assert scheme_of(await stored_hash(service, bob.id)) == "argon2id"
    # The existing bcrypt hash is upgraded at its next sign-in.
    assert scheme_of(await stored_hash(service, ann.id)) == "bcrypt"
    result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and result.rehashed
    assert scheme_of(await stored_hash(service, ann.id)) == "argon2id"
    # Unknown emails now cost an Argon2id check (the dummy hash follows the scheme).
    assert not (await workspace.sign_in.sign_in("nobody@example.org", GOOD_PASSWORD)).ok
    dummy = workspace.sign_in._dummy
    assert dummy is not None and scheme_of(dummy[1]) == "argon2id"

    path = service.path
    await workspace.close()
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as reopened:
        assert reopened.hasher.scheme == "argon2id"


@pytest.mark.asyncio
async def test_bcrypt_among_argon2_hashes_warns_and_never_downgrades_them(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        assert service.hasher.scheme == "argon2id"  # detected: home-log's hashes are there
        before = await workspace.hash_scheme.setting()
        assert before == HashSchemeSetting("argon2id", explicitly_set=False, holds_argon2=True)
        assert before.warning is None

        argon2_hash = CHEAP_ARGON2.hash(GOOD_PASSWORD)
        store_hash(path, 1, argon2_hash)
        setting = await workspace.hash_scheme.set_scheme("bcrypt")
        assert setting.warning == BCRYPT_ON_ARGON2_WARNING
        assert (setting.scheme, setting.explicitly_set, setting.holds_argon2) == ("bcrypt", True, True)
        assert service.hasher.scheme == "bcrypt"

        # Ann's Argon2 hash stays Argon2 after a sign-in (home-log checks Argon2id only) ...
        result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
        assert result.ok and not result.rehashed
        assert await stored_hash(service, 1) == argon2_hash
        # ... but a password set now is bcrypt.
        await service.set_password(2, GOOD_PASSWORD)
        assert scheme_of(await stored_hash(service, 2)) == "bcrypt"
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as reopened:
        assert reopened.hasher.scheme == "bcrypt"  # the setting wins over the detection


@pytest.mark.asyncio
async def test_an_unknown_scheme_is_refused_and_nothing_is_written(
    service: AccountService, workspace: Workspace
) -> None:
    with pytest.raises(InvalidInputError, match="bcrypt or argon2id, not 'md5'"):
        await workspace.hash_scheme.set_scheme("md5")
    assert stored_setting(service.path) is None and audit_actions(service.path) == []
    assert service.hasher.scheme == "bcrypt"


@pytest.mark.asyncio
async def test_a_tampered_setting_falls_back_to_detection(db_path: Path) -> None:
    async with open_workspace(db_path):
        pass
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("INSERT INTO homelog_desktop_settings (key, value) VALUES (?, 'md5')", (HASH_SCHEME_KEY,))
    async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as reopened:
        assert reopened.hasher.scheme == "bcrypt"
        assert not (await reopened.hash_scheme.setting()).explicitly_set


@pytest.mark.asyncio
async def test_a_read_only_database_refuses_the_change(service: AccountService, workspace: Workspace) -> None:
    await workspace.hash_scheme.set_scheme("argon2id")
    async with open_workspace(service.path, read_only=True) as read_only:
        assert read_only.hasher.scheme == "argon2id"  # read from the setting
        with pytest.raises(DatabaseError, match="is open read-only: changes cannot be saved"):
            await read_only.hash_scheme.set_scheme("bcrypt")
        assert read_only.hasher.scheme == "argon2id"
    assert stored_setting(service.path) == "argon2id"


@pytest.mark.asyncio
async def test_a_read_only_home_log_database_without_our_tables_still_opens(tmp_path: Path) -> None:
    path = sample_homelog_database(tmp_path / "home-log.db")
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST, read_only=True) as workspace:
        service = workspace.accounts
        assert service.read_only and service.hasher.scheme == "argon2id"
        setting = await workspace.hash_scheme.setting()
        assert setting == HashSchemeSetting("argon2id", explicitly_set=False, holds_argon2=True)
    with contextlib.closing(sqlite3.connect(path)) as connection:  # still home-log's file, untouched
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "homelog_desktop_settings" not in tables
