"""The audit entries of a schema repair: one per state row it removed, about the account that row was
written for (its old id and identity), never about the account that has that id now."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.audit_dao import AuditDraft, append_audits
from homelog_desktop.data.backends import dialect_name
from homelog_desktop.data.models import utc_now
from homelog_desktop.data.security_models import AuditEntry
from homelog_desktop.data.sqlite_objects import SchemaRepair

STATE_REMOVED = "state_removed"
# The identity of an entry about an account whose created_at was never copied: a value no created_at
# can equal (an empty BLOB), so that no account's History claims it.
UNKNOWN_IDENTITY = b""


async def audit_schema_repair(session: AsyncSession, repair: SchemaRepair) -> None:
    """Append, in the repair's own transaction, an entry per state row it removed."""
    if not repair.removed_states:
        return
    before = int(await session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)
    now = utc_now()
    await append_audits(session, [
        AuditDraft(at=now, action=STATE_REMOVED, target_id=state.user_id, target_email=state.email,
                   fields=tuple(state.describe().split(", ")))
        for state in repair.removed_states
    ])
    # The identity trigger copied the created_at of whoever has the id now: put the old account's back.
    # On a server the column is a timestamptz: NULL, which no account's created_at (NOT NULL) matches.
    unknown = None if dialect_name(session) == "postgresql" else UNKNOWN_IDENTITY
    for offset, state in enumerate(repair.removed_states, start=1):
        identity = state.identity if state.identity is not None else unknown
        await session.execute(
            update(AuditEntry).where(AuditEntry.id == before + offset).values(target_created_at=identity)
            .execution_options(synchronize_session=False)
        )
