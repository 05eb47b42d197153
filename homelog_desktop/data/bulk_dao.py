"""Async data access for changes to many accounts at once: one writing transaction for the whole set,
with one audit entry per account changed, and the same guards as a change of one (the last enabled
administrator, the acting administrator). A failure part way rolls everything back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from homelog_desktop.data.account_states import apply_state, refuse_losing_last_administrator
from homelog_desktop.data.audit_dao import AuditDraft, append_audits, check_draft_actor
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.deleted_users import DeletedUser, forget_user, put_back_user
from homelog_desktop.data.email_keys import fill_email_keys, ids_with_key
from homelog_desktop.data.user_queries import AccountRow, read_account
from homelog_desktop.errors import DuplicateEmailError, NotFoundError


class BulkDao:
    """Writes the same change to many accounts, all or nothing; one writing transaction per call."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @database_call
    async def update_states(
        self, user_ids: Sequence[int], changes: Mapping[str, Any], audit: AuditDraft
    ) -> list[AccountRow]:
        """Write these state fields of every account (LastAdministratorError, nothing written, when the
        set holds every enabled administrator and the change loses them); an entry is appended per
        account whose state changed. The accounts that changed, as written."""
        async with self.database.writing() as session:
            await check_draft_actor(session, audit)  # as they were before: the change may be their own
            changed: list[AccountRow] = []
            for user_id in user_ids:
                if await apply_state(session, user_id, changes):
                    changed.append(await _account(session, user_id))
            await append_audits(session, [audit.about(row.id, row.email) for row in changed])
        return changed

    @database_call
    async def delete_many(self, user_ids: Sequence[int], audit: AuditDraft) -> list[DeletedUser]:
        """Remove every account (each as UserDao.delete does: password, state; home-log's references set
        to NULL) with an entry each, all or nothing; what `restore_many` needs to undo it, in order."""
        async with self.database.writing() as session:
            await check_draft_actor(session, audit)
            deleted: list[DeletedUser] = []
            entries: list[AuditDraft] = []
            for user_id in user_ids:
                row = await _account(session, user_id)
                await refuse_losing_last_administrator(session, user_id, "deleted")
                entries.append(audit.about(row.id, row.email))
                deleted.append(await forget_user(session, user_id))
            await append_audits(session, entries)
        return deleted

    @database_call
    async def restore_many(self, deleted: Sequence[DeletedUser], audit: AuditDraft) -> list[AccountRow]:
        """Put deleted accounts back as they were (see UserDao.restore_deleted), all or nothing
        (DuplicateEmailError when an address was taken meanwhile)."""
        async with self.database.writing() as session:
            await check_draft_actor(session, audit)
            await fill_email_keys(session)
            restored: list[AccountRow] = []
            for snapshot in deleted:
                if await ids_with_key(session, snapshot.email):
                    raise DuplicateEmailError(snapshot.email)
                restored.append(await _account(session, await put_back_user(session, snapshot)))
            entries = [
                audit.about(row.id, row.email, ["email", "username"] + (["password"] if was.hashed_password else []))
                for row, was in zip(restored, deleted, strict=True)
            ]
            await append_audits(session, entries)
        return restored


async def _account(session: Any, user_id: int) -> AccountRow:
    row = await read_account(session, user_id)
    if row is None:
        raise NotFoundError.with_id(user_id)
    return row
