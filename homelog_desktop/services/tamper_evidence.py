"""Tamper evidence beyond the hash chain: the audit head kept outside the database, and account states
that differ from what the audit trail says.

What each mechanism covers. The chain (audit.py, `verify_chain`) finds an entry edited or removed by
someone who did not recompute the hashes after it, and a removed tail through the head stored in the file.
Anyone who can write the file can recompute every hash, cut the tail and move that head back, or replace
the whole trail: only a copy of the head kept where they cannot write shows that. The window keeps it in
the user's own settings and homelog-admin in a file of the per-user state folder (`HeadStore`), per
database: on open, the entry it names must still be there, unchanged, or the trail was truncated,
rewritten or replaced since this app last saw it. Someone who can write both the file and that copy (the
same user) can hide anything; `audit head` prints the head to keep elsewhere still. Changes made with plain
SQL leave no entry: roles, disabled flags and locks that differ from what the trail says are listed
(`outside_changes`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from homelog_desktop.data.account_state_dao import AccountStateDao
from homelog_desktop.data.audit_dao import AuditDao, AuditRecord, audit_entry_hash
from homelog_desktop.messages import listed, translatable
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER
from homelog_desktop.services.sign_in import LONGEST_LOCK, local_time

__all__ = ["AuditHead", "HeadStore", "OutsideChange", "TamperEvidence", "TrailChange"]

# The actions that say what an account's role, disabled flag or lock should be.
STATE_ACTIONS = (
    "create", "import", "delete", "restore", "make_administrator", "make_member", "role", "disable", "enable",
    "lock", "unlock", "sign_in", "password_checked",
)
PAGE_SIZE = 1000
LOCK_SLACK = timedelta(minutes=1)  # a lock's end is counted from its reservation, its entry a moment later


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The newest entry of a trail (its id and hash) and the hash of its first: what is kept outside."""

    entry_id: int
    entry_hash: str
    first_hash: str

    def text(self) -> str:
        """The head as kept: "ID HASH FIRST_HASH"."""
        return f"{self.entry_id} {self.entry_hash} {self.first_hash}"

    @classmethod
    def parse(cls, text: str | None) -> AuditHead | None:
        """A kept head read back; None for nothing or anything else (a damaged copy checks nothing)."""
        parts = (text or "").split()
        if len(parts) != 3 or not parts[0].isascii() or not parts[0].isdigit():
            return None
        return cls(int(parts[0]), parts[1], parts[2])


class HeadStore(Protocol):
    """Where a front end keeps the last audit head it saw of each database, outside the database."""

    def kept(self, path: Path) -> str | None:
        """The head kept for the database at `path` (None: none)."""

    def keep(self, path: Path, head: str | None) -> None:
        """Keep this head for the database at `path` (None: forget it)."""


class TrailChange(enum.Enum):
    """How a trail differs from the head kept of it."""

    TRUNCATED = "truncated"
    REWRITTEN = "rewritten"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class OutsideChange:
    """An account whose role, disabled flag or lock is not what the audit trail says (changed with plain
    SQL, or by a program that keeps no trail)."""

    user_id: int
    email: str
    differences: tuple[str, ...]

    def sentence(self) -> str:
        """The account and what differs, for people."""
        return translatable("OutsideChanges", "{email}: {differences}").filled(
            email=self.email, differences=listed(self.differences))


@dataclass
class _Said:
    """What the trail says of one account so far."""

    email: str | None = None
    role: str | None = ROLE_MEMBER  # None: an entry of an older version changed it, to what is not known
    disabled: bool = False
    locked_at: datetime | None = None


def _intact(entry: AuditRecord | None, entry_hash: str) -> bool:
    """Whether this is the entry with that hash, and its content still gives that hash."""
    return (
        entry is not None and entry.entry_hash == entry_hash
        and audit_entry_hash(entry.previous_hash, entry) == entry_hash
    )


class TamperEvidence:
    """The kept head and the outside changes of one database."""

    def __init__(self, *, audit: AuditDao, states: AccountStateDao, now: Callable[[], datetime], path: Path) -> None:
        self._audit = audit
        self._states = states
        self.now = now
        self.path = path

    async def head(self) -> AuditHead | None:
        """The trail's newest entry and the hash of its first (None: the trail is empty)."""
        newest = await self._audit.page(newest_first=True, limit=1)
        first = await self._audit.page(limit=1)
        if not newest or not first:
            return None
        return AuditHead(newest[0].id, newest[0].entry_hash, first[0].entry_hash)

    async def compare(self, kept: AuditHead) -> TrailChange | None:
        """How the trail changed since `kept` was its head (None: it still holds that entry unchanged)."""
        if not _intact(await self._audit.entry(1), kept.first_hash):
            return TrailChange.REPLACED
        entry = await self._audit.entry(kept.entry_id)
        if entry is None:
            return TrailChange.TRUNCATED
        return None if _intact(entry, kept.entry_hash) else TrailChange.REWRITTEN

    async def contains(self, entry_hash: str) -> bool:
        """Whether the trail holds, unchanged, the entry with this hash (a head kept elsewhere)."""
        return _intact(await self._audit.with_hash(entry_hash.strip().lower()), entry_hash.strip().lower())

    async def check_on_open(self, store: HeadStore, *, new_file: bool = False) -> str | None:
        """Compare the trail with the head kept for this database, then keep its current head. A warning
        sentence when it was truncated, rewritten or replaced since (said once: the new head is kept)."""
        kept = None if new_file else AuditHead.parse(store.kept(self.path))
        change = await self.compare(kept) if kept is not None else None
        current = await self._keepable_head()
        store.keep(self.path, current.text() if current is not None else None)
        if change is None or kept is None:
            return None
        return self.warning(change, kept)

    async def keep_on_close(self, store: HeadStore) -> None:
        """Keep the current head, unless the one kept no longer matches (then the next open warns)."""
        kept = AuditHead.parse(store.kept(self.path))
        if kept is not None and await self.compare(kept) is not None:
            return
        current = await self._keepable_head()
        if current is not None:
            store.keep(self.path, current.text())

    async def _keepable_head(self) -> AuditHead | None:
        """The current head, if its entries still give their hashes (a damaged one is the chain check's
        to report: kept, it would be reported again at every opening)."""
        head = await self.head()
        if head is None or await self.compare(head) is not None:
            return None
        return head

    def warning(self, change: TrailChange, kept: AuditHead) -> str:
        """The sentence that says how the trail changed since `kept` was seen."""
        name = self.path.name
        what = {
            TrailChange.TRUNCATED: f"was cut short: entry {kept.entry_id} and those after it are gone",
            TrailChange.REWRITTEN: f"was rewritten: entry {kept.entry_id} is not what it was",
            TrailChange.REPLACED: "was replaced: its first entry is not the one it had",
        }[change]
        return (
            f"The audit trail of {name} {what} since this app last saw it. Someone who could write the file "
            "changed it; what it says may not be what was done."
        )

    async def outside_changes(self) -> list[OutsideChange]:
        """Accounts whose role, disabled flag or lock differs from what the trail says, in id order."""
        said = await self._replay()
        now = self.now()
        unusual = await self._states.unusual_states()
        told = [user_id for user_id, state in said.items() if _unusual(state)]
        seen = {row[0] for row in unusual}
        rows = unusual + await self._states.states_of([user_id for user_id in told if user_id not in seen])
        changes = []
        for user_id, email, role, disabled, locked_until in sorted(rows):
            state = said.get(user_id)
            if state is None or (state.email or "").casefold() != email.casefold():
                state = _Said(email)  # the trail knows nothing of this account as it is now
            differences = _differences(state, role, disabled, locked_until, now)
            if differences:
                changes.append(OutsideChange(user_id, email, tuple(differences)))
        return changes

    async def _replay(self) -> dict[int, _Said]:
        """What the trail says of each account it names, entry by entry."""
        said: dict[int, _Said] = {}
        deleted: dict[int, _Said] = {}
        after = 0
        while True:
            page = await self._audit.page(after_id=after, limit=PAGE_SIZE, actions=STATE_ACTIONS)
            for entry in page:
                _apply(said, deleted, entry)
            if len(page) < PAGE_SIZE:
                return said
            after = page[-1].id


def _apply(said: dict[int, _Said], deleted: dict[int, _Said], entry: AuditRecord) -> None:
    if entry.target_id is None:
        return
    target = entry.target_id
    if entry.action == "delete":
        deleted[target] = said.pop(target, _Said(entry.target_email))
        return
    if entry.action == "create":
        said[target] = _Said()
    elif entry.action == "restore":
        said[target] = deleted.pop(target, _Said())
    state = said.setdefault(target, _Said())
    state.email = entry.target_email or state.email
    _apply_state(state, entry.action, entry.fields, entry.at)


def _apply_state(state: _Said, action: str, fields: Iterable[str], at: datetime) -> None:
    if action == "make_administrator":
        state.role = ROLE_ADMINISTRATOR
    elif action == "make_member":
        state.role = ROLE_MEMBER
    elif action == "role":
        state.role = None
    elif action in ("disable", "enable"):
        state.disabled = action == "disable"
    elif action == "lock":
        state.locked_at = at
    elif action in ("unlock", "sign_in") or (action == "password_checked" and "match" in fields):
        state.locked_at = None


def _unusual(state: _Said) -> bool:
    return state.role != ROLE_MEMBER or state.disabled or state.locked_at is not None


def _differences(
    said: _Said, role: str, disabled: bool, locked_until: datetime | None, now: datetime
) -> list[str]:
    found: list[str] = []
    if said.role is not None and role != said.role:
        found.append(translatable("OutsideChanges", "is {role}, the trail says {said}").filled(
            role=_role(role), said=_role(said.role)))
    if disabled != said.disabled:
        found.append(translatable("OutsideChanges", "is disabled, the trail says enabled") if disabled
            else translatable("OutsideChanges", "is enabled, the trail says disabled"))
    if locked_until is not None and locked_until > now:
        until = local_time(locked_until)
        if said.locked_at is None:
            found.append(translatable("OutsideChanges", "is locked until {until}, the trail shows no lock").filled(
                until=until))
        elif locked_until > said.locked_at + LONGEST_LOCK + LOCK_SLACK:
            found.append(translatable("OutsideChanges", "is locked until {until}, longer than the lock the trail "
                "shows").filled(until=until))
    return found


def _role(role: str) -> str:
    if role == ROLE_ADMINISTRATOR:
        return translatable("OutsideChanges", "an administrator")
    return translatable("OutsideChanges", "a member")

