"""The account state rows inside a caller's writing transaction: the row about an account (never one an
earlier holder of its id left), applying changes to it, and the administrator guards (the last enabled
administrator kept, the first one made only while there is none)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.audit_dao import AuditDraft, append_audit
from homelog_desktop.data.models import User
from homelog_desktop.data.security_models import (
    ROLE_ADMINISTRATOR,
    ROLE_MEMBER,
    AccountState,
    state_belongs_to,
)
from homelog_desktop.data.user_queries import AccountRow, read_account
from homelog_desktop.errors import (
    AdministratorExistsError,
    LastAdministratorChange,
    LastAdministratorError,
    NotFoundError,
)

STATE_FIELDS = ("role", "disabled", "must_change_password", "failed_attempts", "locked_until", "last_sign_in_at")


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


async def drop_stale_states(session: AsyncSession, user_ids: Sequence[int]) -> None:
    """drop_stale_state for many ids in one statement (keep the list within SQLite's bound variables)."""
    owner = select(User.created_at).where(User.id == AccountState.user_id).scalar_subquery()
    await session.execute(
        delete(AccountState)
        .where(AccountState.user_id.in_(user_ids), AccountState.account_created_at.is_distinct_from(owner))
        .execution_options(synchronize_session=False)
    )


async def enabled_administrators_among(session: AsyncSession, user_ids: Sequence[int]) -> int:
    """How many of these accounts are enabled administrators (as enabled_administrators counts)."""
    statement = select(func.count()).select_from(AccountState).join(User, state_belongs_to()).where(
        AccountState.role == ROLE_ADMINISTRATOR, AccountState.disabled.is_(False),
        AccountState.user_id.in_(user_ids),
    )
    return int(await session.scalar(statement) or 0)


async def refuse_losing_administrators(
    session: AsyncSession, chunks: Sequence[Sequence[int]], change: LastAdministratorChange
) -> None:
    """LastAdministratorError when the set (given in chunks of distinct ids) holds an enabled
    administrator and no enabled administrator remains outside it: what refusing account by account
    amounts to, in one count per chunk."""
    inside = 0
    for chunk in chunks:
        inside += await enabled_administrators_among(session, chunk)
    if inside > 0 and await enabled_administrators(session) - inside <= 0:
        raise LastAdministratorError(change)


def check_state_fields(changes: Mapping[str, Any]) -> None:
    """ValueError when a change names a field that is not an account state field."""
    unknown = set(changes) - set(STATE_FIELDS)
    if unknown:
        raise ValueError(f"unknown account state fields: {sorted(unknown)}")


def losing_administrator(changes: Mapping[str, Any]) -> LastAdministratorChange | None:
    """How a change loses an administrator ("demoted", "disabled"), None when it cannot."""
    if changes.get("role", ROLE_ADMINISTRATOR) != ROLE_ADMINISTRATOR:
        return "demoted"
    if changes.get("disabled") is True:
        return "disabled"
    return None


async def apply_state(session: AsyncSession, user_id: int, changes: Mapping[str, Any]) -> bool:
    """Write these state fields of an account in the caller's writing transaction (refusing to lose the
    last enabled administrator); whether any value changed."""
    check_state_fields(changes)
    losing = losing_administrator(changes)
    if losing is not None:
        await refuse_losing_last_administrator(session, user_id, losing)
    state = await state_for_update(session, user_id)
    changed = any(getattr(state, name) != value for name, value in changes.items())
    for name, value in changes.items():
        setattr(state, name, value)
    await session.flush()
    return changed


async def account_row(session: AsyncSession, user_id: int) -> AccountRow:
    row = await read_account(session, user_id)
    if row is None:
        raise NotFoundError.with_id(user_id)
    return row


async def make_first_administrator(
    session: AsyncSession, user_id: int, made: AuditDraft, signed_in: AuditDraft | None
) -> None:
    """Inside a writing transaction: AdministratorExistsError when an enabled administrator exists, else
    make this account one (noting its sign-in, with `signed_in`) and append the entries about it, done
    by the account itself."""
    if await enabled_administrators(session) > 0:
        raise AdministratorExistsError
    changes: dict[str, Any] = {"role": ROLE_ADMINISTRATOR}
    if signed_in is not None:
        changes |= {"last_sign_in_at": signed_in.at, "failed_attempts": 0, "locked_until": None}
    await apply_state(session, user_id, changes)
    account = await account_row(session, user_id)
    for entry in (made, signed_in):
        if entry is not None:
            await append_audit(session, entry.about(account.id, account.email).by(account.id, account.email))
