"""Async data access for each account's state of our own (`homelog_desktop_account_state`): role,
disabled flag, must-change flag, failed sign-ins, lock and last sign-in.

Every write runs in a writing transaction (Database.writing) that also appends its audit entry, and
checks there, under the write lock, that no change leaves the accounts without an enabled administrator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.audit_dao import AuditDraft, append_audit
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.models import User, UserPassword
from homelog_desktop.data.security_models import ROLE_ADMINISTRATOR, ROLE_MEMBER, AccountState, state_belongs_to
from homelog_desktop.data.user_queries import AccountRow, read_account
from homelog_desktop.errors import LastAdministratorChange, LastAdministratorError, NotFoundError

STATE_FIELDS = ("role", "disabled", "must_change_password", "failed_attempts", "locked_until", "last_sign_in_at")
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
class SignInOutcome:
    """What a counted failure or a success wrote: the account after it, and whether it locked the
    account (a failure) or replaced its hash (a success)."""

    account: AccountRow
    locked: bool = False
    rehashed: bool = False


async def current_state(session: AsyncSession, user_id: int) -> AccountState | None:
    """The account's state row, None when it has none that is about it (see state_belongs_to)."""
    statement = select(AccountState).join(User, state_belongs_to()).where(AccountState.user_id == user_id)
    return (await session.scalars(statement)).first()


async def drop_stale_state(session: AsyncSession, user_id: int) -> None:
    """Remove a state row left under this id by an earlier account (inside a writing transaction), so
    that nothing written now lands in it, nor is it ever applied."""
    owner = select(User.created_at).where(User.id == user_id).scalar_subquery()
    await session.execute(
        delete(AccountState)
        .where(AccountState.user_id == user_id, AccountState.account_created_at.is_distinct_from(owner))
        .execution_options(synchronize_session="fetch")
    )


async def state_for_update(session: AsyncSession, user_id: int) -> AccountState:
    """The account's state row, created (as a plain member) when it has none; NotFoundError without user."""
    if await session.get(User, user_id) is None:
        raise NotFoundError.with_id(user_id)
    await drop_stale_state(session, user_id)
    state = await session.get(AccountState, user_id)
    if state is None:
        state = AccountState(
            user_id=user_id, role=ROLE_MEMBER, disabled=False, must_change_password=False, failed_attempts=0
        )
        session.add(state)
    return state


async def enabled_administrators(session: AsyncSession) -> int:
    """How many accounts are enabled administrators, as this transaction sees it."""
    statement = select(func.count()).select_from(AccountState).join(User, state_belongs_to()).where(
        AccountState.role == ROLE_ADMINISTRATOR, AccountState.disabled.is_(False)
    )
    return int(await session.scalar(statement) or 0)


async def refuse_losing_last_administrator(
    session: AsyncSession, user_id: int, change: LastAdministratorChange
) -> None:
    """LastAdministratorError when this account is the last enabled administrator (call it inside the
    writing transaction that deletes, disables or demotes it: the count cannot change before it commits)."""
    state = await current_state(session, user_id)
    if state is not None and state.role == ROLE_ADMINISTRATOR and not state.disabled:
        if await enabled_administrators(session) <= 1:
            raise LastAdministratorError(change)


def _losing_administrator(changes: Mapping[str, Any]) -> LastAdministratorChange | None:
    if changes.get("role", ROLE_ADMINISTRATOR) != ROLE_ADMINISTRATOR:
        return "demoted"
    if changes.get("disabled") is True:
        return "disabled"
    return None


async def apply_state(session: AsyncSession, user_id: int, changes: Mapping[str, Any]) -> bool:
    """Write these state fields of an account in the caller's writing transaction (refusing to lose the
    last enabled administrator); whether any value changed."""
    unknown = set(changes) - set(STATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown account state fields: {sorted(unknown)}")
    losing = _losing_administrator(changes)
    if losing is not None:
        await refuse_losing_last_administrator(session, user_id, losing)
    state = await state_for_update(session, user_id)
    changed = any(getattr(state, name) != value for name, value in changes.items())
    for name, value in changes.items():
        setattr(state, name, value)
    await session.flush()
    return changed


async def _account(session: AsyncSession, user_id: int) -> AccountRow:
    row = await read_account(session, user_id)
    if row is None:
        raise NotFoundError.with_id(user_id)
    return row


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
    async def update_state(self, user_id: int, changes: Mapping[str, Any], audit: AuditDraft) -> AccountRow:
        """Change an account's state and append its audit entry (about the account as written), in one
        writing transaction; LastAdministratorError when it would leave no enabled administrator."""
        async with self.database.writing() as session:
            await apply_state(session, user_id, changes)
            account = await _account(session, user_id)
            await append_audit(session, audit.about(account.id, account.email))
        return account

    @database_call
    async def register_failure(
        self, user_id: int, schedule: LockSchedule, now: datetime, failed: AuditDraft, locked: AuditDraft
    ) -> SignInOutcome:
        """Count one more failed sign-in, lock the account for as long as `schedule` says for that many
        failures in a row, and append the `failed` entry (and `locked`, when it locks)."""
        async with self.database.writing() as session:
            await drop_stale_state(session, user_id)
            counting = sqlite_insert(AccountState).values(user_id=user_id, failed_attempts=1)
            statement = counting.on_conflict_do_update(
                index_elements=[AccountState.user_id],
                set_={"failed_attempts": AccountState.failed_attempts + 1},
            ).returning(AccountState.failed_attempts)
            failures = int((await session.execute(statement)).scalar_one())
            wait = schedule[min(failures, len(schedule) - 1)] if schedule else None
            if wait is not None:
                await session.execute(
                    update(AccountState).where(AccountState.user_id == user_id).values(locked_until=now + wait)
                )
            account = await _account(session, user_id)
            await append_audit(session, failed.about(account.id, account.email))
            if wait is not None:
                await append_audit(session, locked.about(account.id, account.email))
        return SignInOutcome(account, locked=wait is not None)

    @database_call
    async def register_success(
        self, user_id: int, now: datetime, signed_in: AuditDraft, rehashed: AuditDraft,
        rehash: tuple[str, str] | None = None,
    ) -> SignInOutcome:
        """Reset the failure count, note the sign-in time, maybe replace the hash (`rehash`: old, new;
        only if the old one is still stored), and append `signed_in` (and `rehashed`, when replaced)."""
        async with self.database.writing() as session:
            await apply_state(session, user_id, {"failed_attempts": 0, "locked_until": None, "last_sign_in_at": now})
            replaced = False
            if rehash is not None:
                old, new = rehash
                result = await session.execute(
                    update(UserPassword)
                    .where(UserPassword.user_id == user_id, UserPassword.hashed_password == old)
                    # updated_at kept: it is the password's age, and the password is the same
                    .values(hashed_password=new, updated_at=UserPassword.updated_at)
                    .execution_options(synchronize_session=False)
                )
                replaced = bool(getattr(result, "rowcount", 0))
            account = await _account(session, user_id)
            await append_audit(session, signed_in.about(account.id, account.email))
            if replaced:
                await append_audit(session, rehashed.about(account.id, account.email))
        return SignInOutcome(account, rehashed=replaced)
