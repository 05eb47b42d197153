"""Async data access for each account's state of our own (`homelog_desktop_account_state`): role,
disabled flag, must-change flag, failed sign-ins, lock and last sign-in; and the failed sign-ins of
addresses that belong to no account (`homelog_desktop_sign_in_throttle`).

Every write runs in a writing transaction (Database.writing) that also appends its audit entry, and
checks there, under the write lock, that no change leaves the accounts without an enabled administrator,
that the acting administrator still is one, and (sign-ins) that an attempt is counted before its
password is checked ("count first, settle after").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.account_states import (
    STATE_FIELDS,
    account_row,
    apply_state,
    current_state,
    drop_stale_state,
    enabled_administrators,
    make_first_administrator,
)
from homelog_desktop.data.actor_guard import actor_problem
from homelog_desktop.data.audit_dao import AuditDraft, append_audit, check_draft_actor
from homelog_desktop.data.backends import upsert
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.models import User, UserPassword
from homelog_desktop.data.security_models import (
    ROLE_ADMINISTRATOR,
    ROLE_MEMBER,
    AccountState,
    SignInThrottle,
    state_belongs_to,
)
from homelog_desktop.data.user_queries import AccountRow, find_account, read_account
from homelog_desktop.errors import (
    NotFoundError,
)

# How long an account stays locked after n failed sign-ins in a row, for n = 0, 1, 2...; the last entry
# holds for every n beyond. Plain data (services/sign_in.py decides it), read inside the write.
LockSchedule = tuple[timedelta | None, ...]


@dataclass(frozen=True, slots=True)
class StateSnapshot:
    """An account's state row as it was; `StateSnapshot()` is what an account without a row has."""

    role: str = ROLE_MEMBER
    disabled: bool = False
    must_change_password: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None

    @classmethod
    def of(cls, state: AccountState | None) -> StateSnapshot:
        """The snapshot of a state row (None: no row)."""
        if state is None:
            return cls()
        return cls(**{name: getattr(state, name) for name in STATE_FIELDS})

    def values(self) -> dict[str, Any]:
        """Every field by name, to write the row back."""
        return {name: getattr(self, name) for name in STATE_FIELDS}


@dataclass(frozen=True, slots=True)
class Attempt:
    """A sign-in or counted password check, reserved before its password is checked: the account the
    address or id names (None: no account has the address), its stored hash as it was then, and what the
    reservation did: `refused` ("locked", or "disabled" where that refuses) before counting anything, or
    counted the attempt as a failure in advance (`counted`), locking the account or address when the
    count reached the schedule's first lock (`locked`)."""

    account: AccountRow | None
    hashed_password: str | None = field(repr=False)
    refused: str | None = None
    counted: bool = False
    locked: bool = False
    throttle_key: str | None = None


@dataclass(frozen=True, slots=True)
class SignInOutcome:
    """What settling an attempt wrote: the account after it (None for an address of no account), and
    whether a success replaced its hash."""

    account: AccountRow | None
    rehashed: bool = False


REFUSED_LOCKED = "locked"
REFUSED_DISABLED = "disabled"


class AccountStateDao:
    """Reads and writes account states; one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sessions = database.sessions

    @database_call
    async def count_administrators(self, *, enabled_only: bool = True) -> int:
        """How many accounts are administrators (only the enabled ones, by default)."""
        statement = select(func.count()).select_from(AccountState).join(User, state_belongs_to()).where(
            AccountState.role == ROLE_ADMINISTRATOR
        )
        if enabled_only:
            statement = statement.where(AccountState.disabled.is_(False))
        async with self._sessions() as session:
            return int(await session.scalar(statement) or 0)

    @database_call
    async def is_last_administrator(self, user_id: int) -> bool:
        """Whether this account is the only enabled administrator (to say so before asking anything)."""
        async with self._sessions() as session:
            state = await current_state(session, user_id)
            if state is None or state.role != ROLE_ADMINISTRATOR or state.disabled:
                return False
            return await enabled_administrators(session) <= 1

    @database_call
    async def actor_problem(self, user_id: int, now: datetime) -> str | None:
        """Why this account may not act as an administrator now (None: it may); see actor_guard."""
        async with self._sessions() as session:
            return await actor_problem(session, user_id, now)

    @database_call
    async def update_state(self, user_id: int, changes: Mapping[str, Any], audit: AuditDraft) -> AccountRow:
        """Change an account's state and append its audit entry (about the account as written), in one
        writing transaction; LastAdministratorError when it would leave no enabled administrator. The
        acting administrator is checked first, as they were before the change (which may be their own)."""
        async with self.database.writing() as session:
            await check_draft_actor(session, audit)
            await apply_state(session, user_id, changes)
            account = await account_row(session, user_id)
            await append_audit(session, audit.about(account.id, account.email))
        return account

    @database_call
    async def make_first_administrator(
        self, user_id: int, made: AuditDraft, signed_in: AuditDraft | None = None
    ) -> AccountRow:
        """Make an account the first administrator (and note its sign-in, with `signed_in`), only while
        there is no enabled administrator: checked under the write lock, so two first runs at once make
        one administrator and the other gets AdministratorExistsError."""
        async with self.database.writing() as session:
            await make_first_administrator(session, user_id, made, signed_in)
            return await account_row(session, user_id)

    @database_call
    async def reserve_attempt(
        self, *, schedule: LockSchedule, now: datetime, locked: AuditDraft, email: str | None = None,
        throttle_key: str | None = None, user_id: int | None = None, refuse_disabled: bool = False,
        forget_before: datetime | None = None,
    ) -> Attempt:
        """Reserve a sign-in (by `email`, with the `throttle_key` of an address of no account) or a counted
        check (by `user_id`), before its password is checked, in one writing transaction: refuse it when
        the account or address is locked (or disabled, with `refuse_disabled`), else count it as a failure
        in advance and lock as `schedule` says for that many failures in a row (appending `locked`). So N
        attempts at once check at most as many passwords as the schedule lets through. Throttle rows of
        addresses last failed before `forget_before` are dropped."""
        async with self.database.writing() as session:
            await check_draft_actor(session, locked)  # an administrator's check: still one, before counting
            if user_id is not None:
                row = await read_account(session, user_id)
                if row is None:
                    raise NotFoundError.with_id(user_id)
            else:
                row = await find_account(session, email or "")
            if row is None:
                return await _reserve_address(session, throttle_key or "", schedule, now, locked, forget_before)
            return await _reserve_account(session, row, schedule, now, locked, refuse_disabled=refuse_disabled)

    @database_call
    async def settle_attempt(
        self, attempt: Attempt, *, now: datetime, matched: bool, entries: Sequence[AuditDraft],
        signed_in: bool = False, refund: bool = False, rehash: tuple[str, str] | None = None,
        rehashed: AuditDraft | None = None,
    ) -> SignInOutcome:
        """Settle a reserved attempt once its password was checked, in one writing transaction: a match
        resets the count and the lock (and notes the sign-in, with `signed_in`; replaces the hash with
        `rehash`: old, new, only if the old one is still stored); `refund` takes back the failure counted
        in advance (a hash that could not be checked); then `entries` (and `rehashed`) are appended about
        the account."""
        async with self.database.writing() as session:
            row = attempt.account
            if row is None:
                for entry in entries:
                    await append_audit(session, entry)
                return SignInOutcome(None)
            replaced = False
            if matched:
                reset: dict[str, Any] = {"failed_attempts": 0, "locked_until": None}
                await apply_state(session, row.id, reset | ({"last_sign_in_at": now} if signed_in else {}))
                replaced = rehash is not None and await _rehash(session, row.id, *rehash)
            elif refund and attempt.counted:
                await _refund(session, row.id, unlock=attempt.locked)
            account = await account_row(session, row.id)
            for entry in entries:
                await append_audit(session, entry.about(account.id, account.email))
            if replaced and rehashed is not None:
                await append_audit(session, rehashed.about(account.id, account.email))
        return SignInOutcome(account, rehashed=replaced)

    @database_call
    async def states_of(self, user_ids: Sequence[int]) -> list[tuple[int, str, str, bool, datetime | None]]:
        """(id, email, role, disabled, locked_until) of these accounts that exist (no row: a member)."""
        found: list[tuple[int, str, str, bool, datetime | None]] = []
        async with self._sessions() as session:
            for start in range(0, len(user_ids), 500):
                chunk = list(user_ids[start:start + 500])
                found.extend(_state_tuple(row) for row in await session.execute(
                    _STATE_COLUMNS.where(User.id.in_(chunk)).order_by(User.id)
                ))
        return found

    @database_call
    async def unusual_states(self) -> list[tuple[int, str, str, bool, datetime | None]]:
        """(id, email, role, disabled, locked_until) of every account that is an administrator, disabled,
        or has a lock (running or past)."""
        async with self._sessions() as session:
            rows = await session.execute(_STATE_COLUMNS.where(
                (AccountState.role == ROLE_ADMINISTRATOR) | AccountState.disabled.is_(True)
                | AccountState.locked_until.is_not(None)
            ).order_by(User.id))
            return [_state_tuple(row) for row in rows]


_STATE_COLUMNS = (
    select(User.id, User.email, AccountState.role, AccountState.disabled, AccountState.locked_until)
    .outerjoin(AccountState, state_belongs_to())
)


def _state_tuple(row: Any) -> tuple[int, str, str, bool, datetime | None]:
    return row[0], row[1], row[2] or ROLE_MEMBER, bool(row[3]), row[4]


def _wait(schedule: LockSchedule, failures: int) -> timedelta | None:
    return schedule[min(failures, len(schedule) - 1)] if schedule else None


async def _reserve_account(
    session: AsyncSession, row: AccountRow, schedule: LockSchedule, now: datetime, locked: AuditDraft, *,
    refuse_disabled: bool,
) -> Attempt:
    hashed = await session.scalar(select(UserPassword.hashed_password).where(UserPassword.user_id == row.id))
    if row.locked_until is not None and row.locked_until > now:
        return Attempt(row, hashed, refused=REFUSED_LOCKED)
    if refuse_disabled and row.disabled:
        return Attempt(row, hashed, refused=REFUSED_DISABLED)
    await drop_stale_state(session, row.id)
    statement = upsert(
        session, AccountState, {"user_id": row.id, "failed_attempts": 1},
        keys=[AccountState.user_id], set_={"failed_attempts": AccountState.failed_attempts + 1},
    ).returning(AccountState.failed_attempts)
    failures = int((await session.execute(statement)).scalar_one())
    wait = _wait(schedule, failures)
    if wait is not None:
        await session.execute(
            update(AccountState).where(AccountState.user_id == row.id).values(locked_until=now + wait)
        )
    account = await account_row(session, row.id)
    if wait is not None:
        await append_audit(session, locked.about(account.id, account.email))
    return Attempt(account, hashed, counted=True, locked=wait is not None)


async def _reserve_address(
    session: AsyncSession, key: str, schedule: LockSchedule, now: datetime, locked: AuditDraft,
    forget_before: datetime | None,
) -> Attempt:
    """The same reservation for an address that belongs to no account, counted in the throttle table."""
    if forget_before is not None:
        await session.execute(delete(SignInThrottle).where(SignInThrottle.last_failed_at < forget_before))
    throttle = await session.get(SignInThrottle, key)
    if throttle is not None and throttle.locked_until is not None and throttle.locked_until > now:
        return Attempt(None, None, refused=REFUSED_LOCKED, throttle_key=key)
    if throttle is None:
        throttle = SignInThrottle(key=key, failed_attempts=0, last_failed_at=now)
        session.add(throttle)
    throttle.failed_attempts += 1
    throttle.last_failed_at = now
    wait = _wait(schedule, throttle.failed_attempts)
    if wait is not None:
        throttle.locked_until = now + wait
    await session.flush()
    if wait is not None:
        await append_audit(session, locked)
    return Attempt(None, None, counted=True, locked=wait is not None, throttle_key=key)


async def _rehash(session: AsyncSession, user_id: int, old: str, new: str) -> bool:
    result = await session.execute(
        update(UserPassword)
        .where(UserPassword.user_id == user_id, UserPassword.hashed_password == old)
        # updated_at kept: it is the password's age, and the password is the same
        .values(hashed_password=new, updated_at=UserPassword.updated_at)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def _refund(session: AsyncSession, user_id: int, *, unlock: bool) -> None:
    """Take back a failure counted in advance (and the lock it set)."""
    values: dict[str, Any] = {"failed_attempts": func.max(AccountState.failed_attempts - 1, 0)}
    if unlock:
        values["locked_until"] = None
    await session.execute(update(AccountState).where(AccountState.user_id == user_id).values(**values))
