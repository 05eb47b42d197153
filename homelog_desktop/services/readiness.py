"""The sign-in readiness report: for every account, can it sign in, and if not why; what should still
be done (a hash to upgrade, a password to change); values another program stored that are not what
they should be (a time that is not one); password rows without an account; and the state of deleted
accounts that opening the database removed."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import argon2

from homelog_desktop.data.database import Database
from homelog_desktop.data.password_dao import PasswordDao, ReadinessSource
from homelog_desktop.data.sqlite_objects import RemovedState
from homelog_desktop.messages import translatable
from homelog_desktop.services.account import ROLE_MEMBER, UnreadableTime
from homelog_desktop.services.audit import Clock
from homelog_desktop.services.passwords.hashing import PasswordHasher, scheme_of
from homelog_desktop.services.sign_in import keeps_argon2, local_time

if TYPE_CHECKING:
    from homelog_desktop.services.tamper_evidence import OutsideChange

__all__ = ["ReadinessRow", "ReadinessService", "hash_readable"]

PAGE_SIZE = 500
_BCRYPT_HASH = re.compile(r"^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$")


def hash_readable(hashed: str) -> bool:
    """Whether a stored hash's header can be read (bcrypt's layout, or Argon2's parameters)."""
    scheme = scheme_of(hashed)
    if scheme == "bcrypt":
        return bool(_BCRYPT_HASH.match(hashed))
    if scheme.startswith("argon2"):
        try:
            argon2.extract_parameters(hashed)
        except (argon2.exceptions.InvalidHashError, ValueError):
            return False
        return True
    return False


@dataclass(frozen=True, slots=True)
class ReadinessRow:
    """Whether one account can sign in, and if not why; also a password row without an account."""

    user_id: int | None
    email: str | None
    can_sign_in: bool
    problems: tuple[str, ...]  # why it cannot sign in
    notes: tuple[str, ...]  # what should still be done (a hash that needs an upgrade)
    hash_scheme: str | None
    role: str = ROLE_MEMBER
    orphan: bool = False
    removed: bool = False  # the state of a deleted account, removed when the database was opened
    # Role, disabled flag or lock not what the audit trail says (changed outside this app), also in `notes`.
    outside_changes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """JSON-ready data (never a hash)."""
        return {
            "id": self.user_id, "email": self.email, "can_sign_in": self.can_sign_in,
            "problems": list(self.problems), "notes": list(self.notes), "hash_scheme": self.hash_scheme,
            "role": self.role, "orphan": self.orphan, "removed": self.removed,
            "outside_changes": list(self.outside_changes),
        }


def removed_row(state: RemovedState) -> ReadinessRow:
    """The report's line about the state of a deleted account that opening the database removed."""
    problem = f"state of a deleted account removed when the database was opened ({state.describe()})"
    return ReadinessRow(state.user_id, state.email, False, (problem,), (), None, state.role, removed=True)


class ReadinessService:
    """Builds the readiness report of one database, a page at a time."""

    def __init__(
        self, *, passwords: PasswordDao, hasher: PasswordHasher, now: Clock, database: Database | None = None,
        outside_changes: Callable[[], Awaitable[list[OutsideChange]]] | None = None,
    ) -> None:
        self._passwords = passwords
        self.hasher = hasher
        self.now = now
        self._database = database
        self._outside_changes = outside_changes

    async def pages(self) -> AsyncIterator[list[ReadinessRow]]:
        """Every account's readiness in id order, then the orphaned password rows, then the state rows of
        deleted accounts that opening the database removed; a page at a time. An account whose role,
        disabled flag or lock differs from what the audit trail says is noted so."""
        now = self.now()
        outside = {change.user_id: change.differences for change in await self._outside_changes()} if (
            self._outside_changes is not None) else {}
        after = 0
        while True:
            page = await self._passwords.readiness_page(after_id=after, limit=PAGE_SIZE)
            if page:
                yield [self._row(source, now, outside.get(source.user_id or 0, ())) for source in page]
            if len(page) < PAGE_SIZE:
                break
            after = page[-1].user_id or 0
        after = -(2**63)
        while True:
            page = await self._passwords.orphan_page(after_id=after, limit=PAGE_SIZE)
            if page:
                yield [self._row(source, now) for source in page]
            if len(page) < PAGE_SIZE:
                break
            after = page[-1].user_id or 0
        removed = [state for repair in (self._database.repairs if self._database else []) for state in
                   repair.removed_states]
        if removed:
            yield [removed_row(state) for state in removed]

    async def report(self) -> list[ReadinessRow]:
        """Every account: can it sign in, and if not why; plus password rows without an account."""
        rows: list[ReadinessRow] = []
        async for page in self.pages():
            rows.extend(page)
        return rows

    def _row(self, source: ReadinessSource, now: datetime, outside: tuple[str, ...] = ()) -> ReadinessRow:
        problems: list[str] = []
        notes: list[str] = []
        hashed = source.hashed_password
        scheme = scheme_of(hashed) if hashed is not None else None
        if source.email is None:
            problems.append(translatable("Readiness", "password without an account (orphan)"))
        if hashed is None:
            problems.append(translatable("Readiness", "no password"))
        elif scheme == "unknown":
            problems.append(translatable("Readiness", "hash format unknown"))
        elif not hash_readable(hashed):
            problems.append(translatable("Readiness", "hash unreadable"))
        elif self.hasher.needs_rehash(hashed) and not keeps_argon2(hashed, self.hasher):
            notes.append(translatable("Readiness", "hash needs an upgrade (done at its next sign-in)"))
        state = source.state
        if state.disabled:
            problems.append(translatable("Readiness", "disabled"))
        if state.locked_until is not None and state.locked_until > now:
            locked = local_time(state.locked_until)
            problems.append(translatable("Readiness", "locked until {time}").filled(time=locked))
        if state.must_change_password:
            notes.append(translatable("Readiness", "must change password"))
        notes.extend(
            translatable("Readiness", "{name} is not a time: “{text}” (stored by another program)").filled(
                name=name, text=moment.text[:40])
            for name, moment in source.times if isinstance(moment, UnreadableTime)
        )
        notes.extend(translatable("Readiness", "changed outside this app: {difference}").filled(difference=difference)
                     for difference in outside)
        return ReadinessRow(
            source.user_id, source.email, not problems, tuple(problems), tuple(notes), scheme,
            state.role, orphan=source.email is None, outside_changes=outside,
        )
