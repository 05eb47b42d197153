"""Accounts in every state, made the way the app makes them: through AccountService and SecurityService
(roles, disabling, "must change password"; locks by failed sign-ins on an injected clock)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from homelog_desktop.services.accounts import Account, AccountService
from homelog_desktop.services.security import LOCKOUT_THRESHOLD, ROLE_ADMINISTRATOR, SecurityService
from tests.conftest import GOOD_PASSWORD

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


@dataclass
class Clock:
    """A settable `now` for SecurityService."""

    now: datetime = SEEDED_AT

    def __call__(self) -> datetime:
        return self.now


async def seed_states(service: AccountService, *, at: datetime = SEEDED_AT) -> dict[str, Account]:
    """Create the STATES accounts (in that order) and bring each into its state; their accounts by email.
    Sign-ins happen at `at` minus a day, locks at `at` (so they last until `at` plus a minute)."""
    clock = Clock(at - timedelta(days=1))
    security = SecurityService(service, now=clock, attach=False)
    accounts = {}
    for email, name, has_password, _steps in STATES:
        accounts[email] = await service.create(email, name, GOOD_PASSWORD if has_password else None)
    for email, _name, _has_password, steps in STATES:
        account = accounts[email]
        if "administrator" in steps:
            await security.set_role(account.id, ROLE_ADMINISTRATOR)
        if "signed_in" in steps:
            assert (await security.sign_in(email, GOOD_PASSWORD)).ok
        if "must_change" in steps:
            await security.set_must_change_password(account.id)
    clock.now = at
    for email, _name, _has_password, steps in STATES:
        if "locked" in steps:
            for _ in range(LOCKOUT_THRESHOLD):
                await security.sign_in(email, "Wrong7password")
        if "disabled" in steps:
            await security.disable(accounts[email].id)
        if "old_password" in steps:
            with closing(sqlite3.connect(service.path)) as connection:
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
