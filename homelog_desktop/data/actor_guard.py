"""The acting administrator, checked inside every write made in their name: still an enabled, unlocked
administrator, as the writing transaction sees it (under the write lock, so it cannot change before the
write commits). An administrator demoted, disabled, locked or deleted by another program meanwhile acts
no more: their write is refused (ActorRefusedError) and nothing of it is saved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.models import User
from homelog_desktop.data.security_models import ROLE_ADMINISTRATOR, AccountState, state_belongs_to
from homelog_desktop.errors import ActorRefusedError

# Set on a writing session once its actor was checked: each transaction checks its actor once, first.
_ACTOR_CHECKED = "homelog_desktop_actor_checked"

DELETED = "deleted"
MADE_MEMBER = "made a member"
DISABLED = "disabled"
LOCKED = "locked after failed sign-ins"


async def actor_problem(session: AsyncSession, user_id: int, now: datetime) -> str | None:
    """Why this account may not act as an administrator now (None: it may): deleted, made a member,
    disabled, or locked after failed sign-ins."""
    row = (await session.execute(
        select(AccountState.role, AccountState.disabled, AccountState.locked_until)
        .select_from(User)
        .outerjoin(AccountState, state_belongs_to())  # a row an earlier holder of the id left is not theirs
        .where(User.id == user_id)
    )).first()
    if row is None:
        return DELETED
    role, disabled, locked_until = row
    if role != ROLE_ADMINISTRATOR:
        return MADE_MEMBER
    if disabled:
        return DISABLED
    if locked_until is not None and locked_until > now:
        return LOCKED
    return None


async def check_actor(
    session: AsyncSession, *, actor_id: int | None, actor_email: str | None, now: datetime, checks_actor: bool
) -> None:
    """ActorRefusedError when the administrator acting in this writing transaction may not act (any more).
    Only for an actor that is to be checked (an administrator acting on others, not an account signing
    itself in); once per transaction, so a write that then changes the actor's own role still goes through."""
    if not checks_actor or actor_id is None or session.info.get(_ACTOR_CHECKED):
        return
    why = await actor_problem(session, actor_id, now)
    if why is not None:
        raise ActorRefusedError(actor_email or f"account {actor_id}", why)
    session.info[_ACTOR_CHECKED] = True
