"""Async data access for HomeLog Desktop's own security tables: account state, settings, audit trail.

Same contract as user_dao: every call runs in one short session of its own (through `database_call`),
and what it returns can be read after that session closed. Audit entries are appended inside the same
transaction as the change they describe, each chained to the one before by a SHA-256 hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, insert, or_, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.models import User, UserPassword
from homelog_desktop.data.security_models import ROLE_ADMINISTRATOR, AccountState, AuditEntry, Setting
from homelog_desktop.errors import NotFoundError

GENESIS_HASH = "0" * 64
AUDIT_HEAD_KEY = "audit.head"  # "<id> <entry_hash>" of the newest entry: catches a deleted tail
HASH_SCHEME_KEY = "password.scheme"  # "bcrypt" or "argon2id": the scheme of new hashes; absent: detected
STATE_FIELDS = ("role", "disabled", "must_change_password", "failed_attempts", "locked_until", "last_sign_in_at")


@dataclass(frozen=True, slots=True)
class AuditDraft:
    """An audit entry before it is written: who did what to whom, and which fields changed."""

    at: datetime
    action: str
    actor_id: int | None = None
    actor_email: str | None = None
    target_id: int | None = None
    target_email: str | None = None
    fields: tuple[str, ...] = ()


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

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data (the chain hashes included: they are not secrets)."""
        return {
            "id": self.id, "at": self.at.isoformat(), "actor_id": self.actor_id, "actor_email": self.actor_email,
            "target_id": self.target_id, "target_email": self.target_email, "action": self.action,
            "fields": list(self.fields), "previous_hash": self.previous_hash, "entry_hash": self.entry_hash,
        }


@dataclass(frozen=True, slots=True)
class StateSnapshot:
    """An account's security state; `StateSnapshot()` is what an account without a row has."""

    role: str = "member"
    disabled: bool = False
    must_change_password: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None

    @classmethod
    def of(cls, state: AccountState | None) -> StateSnapshot:
        if state is None:
            return cls()
        return cls(**{name: getattr(state, name) for name in STATE_FIELDS})


@dataclass(frozen=True, slots=True)
class ReadinessSource:
    """What the readiness report needs of one account; the hash stays inside the services layer."""

    user_id: int | None  # the user_passwords.user_id for an orphan
    email: str | None  # None: a password row without an account (orphan)
    hashed_password: str | None = field(repr=False)
    state: StateSnapshot


def _timestamp(moment: datetime) -> str:
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat(timespec="microseconds")


def audit_entry_hash(previous_hash: str, entry: AuditRecord | Mapping[str, Any]) -> str:
    """sha256(previous_hash + canonical JSON of the entry's content, its id included)."""
    if isinstance(entry, AuditRecord):
        entry = {
            "id": entry.id, "at": entry.at, "actor_id": entry.actor_id, "actor_email": entry.actor_email,
            "target_id": entry.target_id, "target_email": entry.target_email, "action": entry.action,
            "fields": list(entry.fields),
        }
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
        entry.action, fields, entry.previous_hash, entry.entry_hash,
    )


async def append_audit(session: AsyncSession, draft: AuditDraft) -> AuditRecord:
    """Append an entry inside the caller's transaction. The row is inserted first, so that this
    transaction holds SQLite's write lock before it reads the previous entry: two writers cannot
    chain onto the same entry."""
    entry = AuditEntry(
        at=draft.at, actor_id=draft.actor_id, actor_email=draft.actor_email, target_id=draft.target_id,
        target_email=draft.target_email, action=draft.action, fields=json.dumps(list(draft.fields)),
        previous_hash="", entry_hash="",
    )
    session.add(entry)
    await session.flush()
    previous = await session.scalar(
        select(AuditEntry.entry_hash).where(AuditEntry.id < entry.id).order_by(AuditEntry.id.desc()).limit(1)
    )
    entry.previous_hash = previous or GENESIS_HASH
    record = _record(entry)
    entry.entry_hash = audit_entry_hash(entry.previous_hash, record)
    await _put_setting(session, AUDIT_HEAD_KEY, f"{entry.id} {entry.entry_hash}")
    await session.flush()
    return _record(entry)


async def _put_setting(session: AsyncSession, key: str, value: str | None) -> None:
    statement = sqlite_insert(Setting).values(key=key, value=value)
    await session.execute(statement.on_conflict_do_update(index_elements=[Setting.key], set_={"value": value}))


async def append_audits(session: AsyncSession, drafts: Sequence[AuditDraft]) -> None:
    """Append many entries inside the caller's transaction, chained in order, with one statement per
    thousand (an import audits every account it writes). The first goes in as append_audit does, which
    takes the write lock and gets the next id; the others follow it with the ids after it, which is what
    AUTOINCREMENT would give them, since nobody else can write until this transaction ends."""
    if not drafts:
        return
    first = await append_audit(session, drafts[0])
    entry_id, previous = first.id, first.entry_hash
    rest = drafts[1:]
    connection = await session.connection()
    for start in range(0, len(rest), 1000):
        rows: list[dict[str, Any]] = []
        for draft in rest[start : start + 1000]:
            entry_id += 1
            content = {
                "id": entry_id, "at": draft.at, "actor_id": draft.actor_id, "actor_email": draft.actor_email,
                "target_id": draft.target_id, "target_email": draft.target_email, "action": draft.action,
                "fields": list(draft.fields),
            }
            entry_hash = audit_entry_hash(previous, content)
            stored = {"fields": json.dumps(list(draft.fields)), "previous_hash": previous, "entry_hash": entry_hash}
            rows.append(content | stored)
            previous = entry_hash
        await connection.execute(insert(AuditEntry.__table__), rows)
    if rest:
        await _put_setting(session, AUDIT_HEAD_KEY, f"{entry_id} {previous}")


async def read_setting(database: Database, key: str) -> str | None:
    """A setting's value, None when it is not set, or when the database has no settings table yet (a
    home-log database opened read-only, before this app's tables were added). For opening a database:
    AccountService.open reads the hash scheme with it."""

    async def read() -> str | None:
        async with database.sessions() as session:
            has_table = await session.scalar(
                text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
                {"name": Setting.__tablename__},
            )
            if not has_table:
                return None
            return await session.scalar(select(Setting.value).where(Setting.key == key))

    return await database.run(read)


async def _state_for_update(session: AsyncSession, user_id: int) -> AccountState:
    """The account's state row, created (as a plain member) when it has none; NotFoundError without user."""
    if await session.get(User, user_id) is None:
        raise NotFoundError(f"with id {user_id}")
    state = await session.get(AccountState, user_id)
    if state is None:
        state = AccountState(
            user_id=user_id, role="member", disabled=False, must_change_password=False, failed_attempts=0
        )
        session.add(state)
    return state


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _audit_conditions(
    target_id: int | None, actions: Collection[str] | None, email: str | None
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of an audit query's filters (none: every entry)."""
    conditions: list[ColumnElement[bool]] = []
    if target_id is not None:
        conditions.append(AuditEntry.target_id == target_id)
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


class SecurityDao:
    """Reads and writes the account state, settings and audit tables; one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sessions = database.sessions

    # account state

    @database_call
    async def get_state(self, user_id: int) -> StateSnapshot:
        """The account's state (a plain enabled member when it has no row)."""
        async with self._sessions() as session:
            return StateSnapshot.of(await session.get(AccountState, user_id))

    @database_call
    async def get_states(self, user_ids: Sequence[int]) -> dict[int, StateSnapshot]:
        """The state of each of these accounts that has a row (others are plain members)."""
        found: dict[int, StateSnapshot] = {}
        async with self._sessions() as session:
            for start in range(0, len(user_ids), 500):
                rows = await session.scalars(
                    select(AccountState).where(AccountState.user_id.in_(list(user_ids[start:start + 500])))
                )
                found.update({row.user_id: StateSnapshot.of(row) for row in rows})
        return found

    @database_call
    async def count_administrators(self, *, enabled_only: bool = True) -> int:
        """How many accounts are administrators (only the enabled ones, by default)."""
        statement = select(func.count()).select_from(AccountState).where(AccountState.role == ROLE_ADMINISTRATOR)
        if enabled_only:
            statement = statement.where(AccountState.disabled.is_(False))
        async with self._sessions() as session:
            return int(await session.scalar(statement) or 0)

    @database_call
    async def update_state(
        self,
        user_id: int,
        changes: Mapping[str, Any],
        audit: AuditDraft | None = None,
        *,
        check: Callable[[StateSnapshot, int], None] | None = None,
    ) -> StateSnapshot:
        """Change an account's state and append its audit entry, in one transaction.

        `check(current_state, enabled_administrators)` runs inside the transaction before the change
        (after this transaction took the write lock) and may raise to refuse it."""
        unknown = set(changes) - set(STATE_FIELDS)
        if unknown:
            raise ValueError(f"unknown account state fields: {sorted(unknown)}")
        async with self._sessions() as session, session.begin():
            state = await _state_for_update(session, user_id)
            if check is not None:
                await session.flush()  # takes the write lock before counting
                admins = int(await session.scalar(
                    select(func.count()).select_from(AccountState)
                    .where(AccountState.role == ROLE_ADMINISTRATOR, AccountState.disabled.is_(False))
                ) or 0)
                check(StateSnapshot.of(state), admins)
            for name, value in changes.items():
                setattr(state, name, value)
            if audit is not None:
                await append_audit(session, audit)
            await session.flush()
            return StateSnapshot.of(state)

    @database_call
    async def register_failure(
        self, user_id: int, lock_for: Callable[[int], timedelta | None], now: datetime, audits: Sequence[AuditDraft]
    ) -> StateSnapshot:
        """Count one more failed sign-in (atomically), lock the account for `lock_for(failures)` if that
        says so, and append the audit entries (the lock entry only when it locks)."""
        async with self._sessions() as session, session.begin():
            statement = sqlite_insert(AccountState).values(user_id=user_id, failed_attempts=1)
            statement = statement.on_conflict_do_update(
                index_elements=[AccountState.user_id],
                set_={"failed_attempts": AccountState.failed_attempts + 1},
            ).returning(AccountState.failed_attempts)
            failures = int((await session.execute(statement)).scalar_one())
            wait = lock_for(failures)
            if wait is not None:
                await session.execute(
                    update(AccountState).where(AccountState.user_id == user_id).values(locked_until=now + wait)
                )
            for draft in audits:
                if draft.action == "lock" and wait is None:
                    continue
                await append_audit(session, draft)
            state = await session.get(AccountState, user_id, populate_existing=True)
            return StateSnapshot.of(state)

    @database_call
    async def register_success(
        self, user_id: int, now: datetime, audits: Sequence[AuditDraft], rehash: tuple[str, str] | None = None
    ) -> bool:
        """Reset the failure count, note the sign-in time, maybe replace the hash (only if it is still
        the one that was checked), and append the audit entries. True when the hash was replaced."""
        rehashed = False
        async with self._sessions() as session, session.begin():
            state = await _state_for_update(session, user_id)
            state.failed_attempts = 0
            state.locked_until = None
            state.last_sign_in_at = now
            if rehash is not None:
                old, new = rehash
                result = await session.execute(
                    update(UserPassword)
                    .where(UserPassword.user_id == user_id, UserPassword.hashed_password == old)
                    # updated_at kept: it is the password's age, and the password is the same
                    .values(hashed_password=new, updated_at=UserPassword.updated_at)
                    .execution_options(synchronize_session=False)
                )
                rehashed = bool(result.rowcount)  # type: ignore[attr-defined]
            for draft in audits:
                if draft.action == "password_rehashed" and not rehashed:
                    continue
                await append_audit(session, draft)
        return rehashed

    # audit trail

    @database_call
    async def append_audit(self, draft: AuditDraft) -> AuditRecord:
        """Append one audit entry in a transaction of its own."""
        async with self._sessions() as session, session.begin():
            return await append_audit(session, draft)

    @database_call
    async def audit_page(
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
    async def count_audit(
        self, *, target_id: int | None = None, actions: Collection[str] | None = None, email: str | None = None
    ) -> int:
        """How many audit entries there are, or how many pass the same filters as audit_page's."""
        statement = select(func.count()).select_from(AuditEntry).where(
            *_audit_conditions(target_id, actions, email)
        )
        async with self._sessions() as session:
            return int(await session.scalar(statement) or 0)

    @database_call
    async def get_setting(self, key: str) -> str | None:
        """A setting's value, None when it is not set."""
        async with self._sessions() as session:
            return await session.scalar(select(Setting.value).where(Setting.key == key))

    @database_call
    async def set_setting(self, key: str, value: str | None, audit: AuditDraft | None = None) -> None:
        """Store a setting (replacing its value), and append its audit entry in the same transaction."""
        async with self._sessions() as session, session.begin():
            await _put_setting(session, key, value)
            if audit is not None:
                await append_audit(session, audit)

    @database_call
    async def hash_prefixes(self, user_ids: Sequence[int]) -> dict[int, str]:
        """The first 10 characters of each of these accounts' hashes (enough to name the scheme,
        too few to be of use to anyone), for the accounts that have one."""
        found: dict[int, str] = {}
        async with self._sessions() as session:
            for start in range(0, len(user_ids), 500):
                rows = await session.execute(
                    select(UserPassword.user_id, func.substr(UserPassword.hashed_password, 1, 10))
                    .where(UserPassword.user_id.in_(list(user_ids[start:start + 500])))
                )
                found.update({row[0]: row[1] for row in rows})
        return found

    # readiness

    @database_call
    async def readiness_page(self, *, after_id: int = 0, limit: int = 500) -> list[ReadinessSource]:
        """A page of accounts in id order with their hash and state (one statement)."""
        statement = (
            select(User.id, User.email, UserPassword.hashed_password, AccountState)
            .outerjoin(UserPassword, UserPassword.user_id == User.id)
            .outerjoin(AccountState, AccountState.user_id == User.id)
            .where(User.id > after_id)
            .order_by(User.id)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(statement)).all()
        return [ReadinessSource(row[0], row[1], row[2], StateSnapshot.of(row[3])) for row in rows]

    @database_call
    async def orphan_password_page(self, *, after_id: int = -(2**63), limit: int = 500) -> list[ReadinessSource]:
        """Password rows whose account does not exist (user_passwords LEFT JOIN users), in id order."""
        statement = (
            select(UserPassword.user_id, UserPassword.hashed_password)
            .outerjoin(User, User.id == UserPassword.user_id)
            .where(User.id.is_(None), UserPassword.user_id > after_id)
            .order_by(UserPassword.user_id)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(statement)).all()
        return [ReadinessSource(row[0], None, row[1], StateSnapshot()) for row in rows]
