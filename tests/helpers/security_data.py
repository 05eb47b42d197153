"""A household of accounts in every security state, made with the real services (and, for what the app
itself never writes, with sqlite3): shared by the History and Sign-in readiness tests and screenshots."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import argon2

from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.clock import Clock
from tests.helpers.workspaces import execute

__all__ = ["ORPHAN_ID", "UNKNOWN_HASH", "WRONG", "Clock", "all_hashes", "db_tweaks", "execute", "seed_household"]

WRONG = "Wrong7password"
ORPHAN_ID = 999
UNKNOWN_HASH = "pbkdf2_sha256$600000$c2FsdA$aGFzaA=="


def all_hashes(path: Path) -> set[str]:
    """Every password hash and audit chain hash in the file (none may ever be shown)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        found = {row[0] for row in connection.execute("SELECT hashed_password FROM user_passwords")}
        for previous, entry in connection.execute("SELECT previous_hash, entry_hash FROM homelog_desktop_audit"):
            found |= {previous, entry}
    return found - {"0" * 64}


async def seed_household(workspace: Workspace, clock: Clock) -> dict[str, Account]:
    """Eight accounts, made by a workspace whose clock is `clock`: an administrator who signed in, a locked
    one, one without a password, a disabled one, one that must change its password, a second administrator,
    and two whose hashes db_tweaks() changes."""
    accounts: dict[str, Account] = {}
    service, roles, sign_in = workspace.accounts, workspace.roles, workspace.sign_in
    ann = accounts["ann"] = await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
    await roles.set_role(ann.id, ROLE_ADMINISTRATOR)
    workspace.act_as(ann)
    for name in ("bob", "carol", "dave", "erin", "frank", "grace", "henry"):
        clock.advance(minutes=3)
        password = None if name == "carol" else GOOD_PASSWORD
        accounts[name] = await service.create(f"{name}@example.org", name.title(), password)
    await roles.disable(accounts["dave"].id)
    await roles.set_must_change_password(accounts["erin"].id)
    await roles.set_role(accounts["frank"].id, ROLE_ADMINISTRATOR)
    await service.update(accounts["grace"].id, email="grace@example.org", username="Grace Hopper")
    workspace.act_as(None)
    clock.advance(hours=1)
    await sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    for _ in range(5):
        clock.advance(seconds=20)
        await sign_in.sign_in("bob@example.org", WRONG)
    await sign_in.sign_in("dave@example.org", GOOD_PASSWORD)
    await sign_in.sign_in("nobody@example.org", WRONG)
    return accounts


def db_tweaks(path: Path, accounts: dict[str, Account]) -> None:
    """What only another program writes: a hash of an unknown format, an Argon2id hash (home-log's), and a
    password row whose account is gone."""
    execute(path, "UPDATE user_passwords SET hashed_password = ? WHERE user_id = ?", UNKNOWN_HASH, accounts["grace"].id)
    cheap_argon2 = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    execute(
        path, "UPDATE user_passwords SET hashed_password = ? WHERE user_id = ?",
        cheap_argon2.hash(GOOD_PASSWORD), accounts["henry"].id,
    )
    execute(
        path, "INSERT INTO user_passwords (user_id, hashed_password) VALUES (?, ?)",
        ORPHAN_ID, "$2b$04$" + "a" * 53, foreign_keys=False,
    )
