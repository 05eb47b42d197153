"""The hash-chained audit trail (`homelog_desktop_audit`): appending entries inside a write's own
transaction, reading pages of them.

Each entry carries sha256(hash of the entry before + its own content); the newest entry's id and hash
are also kept as the "head" setting, so a deleted tail is noticed too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, insert, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.actor_guard import check_actor
from homelog_desktop.data.backends import upsert
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.models import User
from homelog_desktop.data.security_models import AuditEntry, Setting

GENESIS_HASH = "0" * 64
AUDIT_HEAD_KEY = "audit.head"  # "<id> <entry_hash>" of the newest entry: catches a deleted tail
BULK_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class AuditDraft:
    """An audit entry before it is written: who did what to whom, and which fields changed.

    A DAO completes a draft whose target it writes (`about`), so the entry names the row as written.
    `checks_actor`: the actor is an administrator acting on accounts, checked inside the write (see
    actor_guard.py); `actor_via`: how the actor was named when not by signing in."""

    at: datetime
    action: str
    actor_id: int | None = None
    actor_email: str | None = None
    target_id: int | None = None
    target_email: str | None = None
    fields: tuple[str, ...] = ()
    checks_actor: bool = False
    actor_via: str | None = None

    def about(self, target_id: int, target_email: str, fields: Sequence[str] | None = None) -> AuditDraft:
        """The same entry about this account (and with these changed fields, when given)."""
        changed = self.fields if fields is None else tuple(fields)
        return dataclasses.replace(self, target_id=target_id, target_email=target_email, fields=changed)

    def by(self, actor_id: int, actor_email: str) -> AuditDraft:
        """The same entry done by this account (one that did not exist before the write, e.g. a first
        administrator who creates their own account): an account acting for itself, not checked as an
        acting administrator."""
        return dataclasses.replace(
            self, actor_id=actor_id, actor_email=actor_email, checks_actor=False, actor_via=None
        )


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One written audit entry, as read back (never a password or hash of one)."""

    id: int
    at: datetime
    actor_id: int | None
    actor_email: str | None
    target_id: int | None
    target_email: str | None
    action: str
    fields: tuple[str, ...]
    previous_hash: str
    entry_hash: str
    actor_via: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data (the chain hashes included: they are not secrets)."""
        return {
            "id": self.id, "at": self.at.isoformat(), "actor_id": self.actor_id, "actor_email": self.actor_email,
            "actor_via": self.actor_via, "target_id": self.target_id, "target_email": self.target_email,
            "action": self.action, "fields": list(self.fields), "previous_hash": self.previous_hash,
            "entry_hash": self.entry_hash,
        }


def _timestamp(moment: datetime) -> str:
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat(timespec="microseconds")


def _content(entry_id: int, entry: AuditDraft | AuditRecord) -> dict[str, Any]:
    content = {
        "id": entry_id, "at": entry.at, "actor_id": entry.actor_id, "actor_email": entry.actor_email,
        "target_id": entry.target_id, "target_email": entry.target_email, "action": entry.action,
        "fields": list(entry.fields),
    }
    if entry.actor_via is not None:  # only where set: entries written before it existed verify as they did
        content["actor_via"] = entry.actor_via
    return content


def audit_entry_hash(previous_hash: str, entry: AuditRecord | Mapping[str, Any]) -> str:
    """sha256(previous_hash + canonical JSON of the entry's content, its id included)."""
    if isinstance(entry, AuditRecord):
        entry = _content(entry.id, entry)
    content = {**entry, "at": _timestamp(entry["at"]), "fields": list(entry["fields"])}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((previous_hash + canonical).encode("utf-8")).hexdigest()


def _record(entry: AuditEntry) -> AuditRecord:
    try:
        fields = tuple(str(name) for name in json.loads(entry.fields))
    except (ValueError, TypeError):
        fields = (str(entry.fields),)  # tampered: shown as stored, and the chain check fails on it
    return AuditRecord(
        entry.id, entry.at, entry.actor_id, entry.actor_email, entry.target_id, entry.target_email,
        entry.action, fields, entry.previous_hash, entry.entry_hash, entry.actor_via,
    )


async def _put_head(session: AsyncSession, entry_id: int, entry_hash: str) -> None:
    value = f"{entry_id} {entry_hash}"
    await session.execute(
        upsert(session, Setting, {"key": AUDIT_HEAD_KEY, "value": value}, keys=[Setting.key], set_={"value": value})
    )


async def check_draft_actor(session: AsyncSession, draft: AuditDraft) -> None:
    """ActorRefusedError when the draft's acting administrator may not act (any more); see actor_guard.
    append_audit calls it; a write that changes the actor's own state calls it first, before the change."""
    await check_actor(
        session, actor_id=draft.actor_id, actor_email=draft.actor_email, now=draft.at,
        checks_actor=draft.checks_actor,
    )


async def append_audit(session: AsyncSession, draft: AuditDraft) -> AuditRecord:
    """Append an entry inside the caller's writing transaction (Database.writing), which holds the
    write lock: no other writer can chain onto the same entry meanwhile. Every write appends its entry:
    its acting administrator is checked here (once per transaction), so no write skips that check."""
    await check_draft_actor(session, draft)
    previous = await session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1))
    entry = AuditEntry(
        at=draft.at, actor_id=draft.actor_id, actor_email=draft.actor_email, actor_via=draft.actor_via,
        target_id=draft.target_id, target_email=draft.target_email, action=draft.action,
        fields=json.dumps(list(draft.fields)), previous_hash=previous or GENESIS_HASH, entry_hash="",
    )
    session.add(entry)
    await session.flush()
    entry.entry_hash = audit_entry_hash(entry.previous_hash, _record(entry))
    await _put_head(session, entry.id, entry.entry_hash)
    await session.flush()
    return _record(entry)


async def append_audits(session: AsyncSession, drafts: Sequence[AuditDraft]) -> None:
    """Append many entries inside the caller's writing transaction, chained in order, one statement per
    thousand (an import audits every account it writes). The first goes in as append_audit does, which
    gets the next id; the others follow it with the ids after it, which is what AUTOINCREMENT would give
    them, since nobody else can write until this transaction ends."""
    if not drafts:
        return
    first = await append_audit(session, drafts[0])
    entry_id, previous = first.id, first.entry_hash
    rest = drafts[1:]
    connection = await session.connection()
    for start in range(0, len(rest), BULK_CHUNK):
        rows: list[dict[str, Any]] = []
        for draft in rest[start : start + BULK_CHUNK]:
            entry_id += 1
            content = _content(entry_id, draft)
            entry_hash = audit_entry_hash(previous, content)
            stored = {
                "fields": json.dumps(list(draft.fields)), "previous_hash": previous, "entry_hash": entry_hash,
                "actor_via": draft.actor_via,
            }
            rows.append(content | stored)
            previous = entry_hash
        await connection.execute(insert(AuditEntry), rows)
    if rest:
        await _put_head(session, entry_id, previous)
        if connection.dialect.name == "postgresql":
            # Explicit ids leave a serial column's sequence behind: the next append would reuse an id.
            await connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{AuditEntry.__tablename__}', 'id'), :last)"),
                {"last": entry_id},
            )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _audit_conditions(
    target_id: int | None, actions: Collection[str] | None, email: str | None
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of an audit query's filters (none: every entry)."""
    conditions: list[ColumnElement[bool]] = []
    if target_id is not None:
        # The id AND the identity of the account that has it now: never an earlier holder's entries.
        identity = select(User.created_at).where(User.id == target_id).scalar_subquery()
        conditions.append(AuditEntry.target_id == target_id)
        conditions.append(AuditEntry.target_created_at.is_not_distinct_from(identity))
    if actions is not None:
        conditions.append(AuditEntry.action.in_(sorted(set(actions))))  # an empty collection matches nothing
    if email:
        # SQLite's lower() folds ASCII only: fold the pattern with it too, so both sides fold alike.
        pattern = func.lower(f"%{_escape_like(email)}%")
        conditions.append(or_(
            func.lower(AuditEntry.target_email).like(pattern, escape="\\"),
            func.lower(AuditEntry.actor_email).like(pattern, escape="\\"),
        ))
    return conditions


class AuditDao:
    """Appends to and reads the audit trail; one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sessions = database.sessions

    @database_call
    async def append(self, draft: AuditDraft) -> AuditRecord:
        """Append one audit entry in a writing transaction of its own."""
        async with self.database.writing() as session:
            return await append_audit(session, draft)

    @database_call
    async def page(
        self, *, target_id: int | None = None, after_id: int = 0, limit: int = 500, newest_first: bool = False,
        before_id: int | None = None, actions: Collection[str] | None = None, email: str | None = None,
    ) -> list[AuditRecord]:
        """A page of audit entries in id order (or newest first), optionally only those about one account,
        with one of `actions` (None: any), or whose target or actor email contains `email` (any case)."""
        statement = select(AuditEntry).where(*_audit_conditions(target_id, actions, email))
        if newest_first:
            if before_id is not None:
                statement = statement.where(AuditEntry.id < before_id)
            statement = statement.order_by(AuditEntry.id.desc())
        else:
            statement = statement.where(AuditEntry.id > after_id).order_by(AuditEntry.id)
        async with self._sessions() as session:
            return [_record(entry) for entry in await session.scalars(statement.limit(limit))]

    @database_call
    async def count(
        self, *, target_id: int | None = None, actions: Collection[str] | None = None, email: str | None = None
    ) -> int:
        """How many audit entries there are, or how many pass the same filters as page's."""
        statement = select(func.count()).select_from(AuditEntry).where(
            *_audit_conditions(target_id, actions, email)
        )
        async with self._sessions() as session:
            return int(await session.scalar(statement) or 0)

    @database_call
    async def entry(self, entry_id: int) -> AuditRecord | None:
        """The entry with this id, None when there is none (or the id is out of any row's range)."""
        if not 0 < entry_id < 2**63:
            return None
        async with self._sessions() as session:
            found = await session.get(AuditEntry, entry_id)
            return _record(found) if found is not None else None

    @database_call
    async def with_hash(self, entry_hash: str) -> AuditRecord | None:
        """The first entry whose stored hash is this one, None when none is."""
        async with self._sessions() as session:
            found = await session.scalar(
                select(AuditEntry).where(AuditEntry.entry_hash == entry_hash).order_by(AuditEntry.id).limit(1)
            )
            return _record(found) if found is not None else None

    @database_call
    async def head(self) -> tuple[int, str] | None:
        """The id and hash the newest entry had when it was written (None: nothing was ever written,
        or the head was removed); the id is 0 when the stored head cannot be read."""
        async with self._sessions() as session:
            value = await session.scalar(select(Setting.value).where(Setting.key == AUDIT_HEAD_KEY))
        if value is None:
            return None
        head_id, _, head_hash = value.partition(" ")
        return (int(head_id) if head_id.isascii() and head_id.isdigit() else 0), head_hash
