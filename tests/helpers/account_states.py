"""Accounts in every state, made the way the app makes them: through the workspace's services (roles,
disabling, "must change password"; locks by failed sign-ins on an injected clock)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from homelog_desktop.services.sign_in import LOCKOUT_THRESHOLD
from homelog_desktop.services.workspace import Workspace
from tests.helpers.clock import Clock
from tests.helpers.workspaces import GOOD_PASSWORD

# The clock of the seeded states; locks made at SEEDED_AT last one minute.
SEEDED_AT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# email, name, has a password, and what is done to the account afterwards.
STATES: tuple[tuple[str, str | None, bool, tuple[str, ...]], ...] = (
    ("admin@example.org", "Ada Admin", True, ("administrator", "signed_in")),
    ("ann@example.org", "Ann", True, ("signed_in", "old_password")),
    ("bob@example.org", "Bob", True, ("disabled",)),
    ("carl@example.org", "Carl", True, ("locked",)),
    ("dora@example.org", "Dora", True, ("must_change",)),
    ("erin@example.org", None, False, ()),
    ("frank@example.org", "Frank", True, ()),
    ("gina@example.org", "Gina", True, ("disabled", "must_change")),
    ("hank@example.org", "Hank Helper", True, ("administrator", "disabled")),
    ("ivy@example.org", "Ivy", False, ("must_change",)),
    ("jack@example.org", "Jack", True, ("signed_in", "locked")),
    ("kim@example.org", "Kim", True, ("administrator", "signed_in", "must_change")),
)


async def seed_states(workspace: Workspace, *, at: datetime = SEEDED_AT) -> dict[str, Account]:
    """Create the STATES accounts (in that order) and bring each into its state; their accounts by email.
    Sign-ins happen at `at` minus a day, locks at `at` (so they last until `at` plus a minute): done by
    services wired on the same database with a clock of their own."""
    clock = Clock(at - timedelta(days=1))
    seeding = Workspace.wire(workspace.database, workspace.hasher, now=clock)
    service, roles, sign_in = seeding.accounts, seeding.roles, seeding.sign_in
    accounts = {}
    for email, name, has_password, _steps in STATES:
        accounts[email] = await service.create(email, name, GOOD_PASSWORD if has_password else None)
    for email, _name, _has_password, steps in STATES:
        account = accounts[email]
        if "administrator" in steps:
            await roles.set_role(account.id, ROLE_ADMINISTRATOR)
        if "signed_in" in steps:
            assert (await sign_in.sign_in(email, GOOD_PASSWORD)).ok
        if "must_change" in steps:
            await roles.set_must_change_password(account.id)
    clock.moment = at
    for email, _name, _has_password, steps in STATES:
        if "locked" in steps:
            for _ in range(LOCKOUT_THRESHOLD):
                await sign_in.sign_in(email, "Wrong7password")
        if "disabled" in steps:
            await roles.disable(accounts[email].id)
        if "old_password" in steps:
            with closing(sqlite3.connect(workspace.path)) as connection:
                connection.execute(
                    "UPDATE user_passwords SET updated_at = ? WHERE user_id = ?",
                    ((at - timedelta(days=160)).replace(tzinfo=None).isoformat(sep=" "), accounts[email].id),
                )
                connection.commit()
    return accounts


def emails_with(*steps: str) -> set[str]:
    """The seeded emails whose steps include all of these."""
    return {email for email, _name, _pw, done in STATES if set(steps) <= set(done)}


def emails_without_password() -> set[str]:
    return {email for email, _name, has_password, _done in STATES if not has_password}
