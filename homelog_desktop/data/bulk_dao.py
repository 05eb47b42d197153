"""Async data access for changes to many accounts at once: one writing transaction for the whole set,
with one audit entry per account changed, and the same guards as a change of one (the last enabled
administrator, the acting administrator). A failure part way rolls everything back.

State changes are set-based: a constant number of statements per chunk of ids (an IN list within
SQLite's bound variables), not per account."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import exists, false, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.account_states import (
    check_state_fields,
    drop_stale_states,
    losing_administrator,
    refuse_losing_administrators,
)
from homelog_desktop.data.audit_dao import AuditDraft, append_audits, check_draft_actor
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.deleted_users import DeletedUser, forget_users, put_back_users
from homelog_desktop.data.email_keys import email_key, fill_email_keys, ids_with_keys
from homelog_desktop.data.models import User
from homelog_desktop.data.security_models import ROLE_MEMBER, AccountState
from homelog_desktop.data.user_queries import MAX_USER_ID, AccountRow, read_accounts
from homelog_desktop.errors import DuplicateEmailError, NotFoundError

CHUNK = 500  # ids per IN list: well within SQLite's bound variables (999 in old builds)


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
        check_state_fields(changes)
        ids = list(dict.fromkeys(user_ids))
        async with self.database.writing() as session:
            await check_draft_actor(session, audit)  # as they were before: the change may be their own
            await _check_exist(session, ids)
            for chunk in _chunks(ids):
                await drop_stale_states(session, chunk)  # never applied, never written into
            losing = losing_administrator(changes)
            if losing is not None:
                await refuse_losing_administrators(session, list(_chunks(ids)), losing)
            changed_ids: set[int] = set()
            for chunk in _chunks(ids):
                changed_ids.update(await _write_states(session, chunk, changes))
            changed = await _accounts(session, [user_id for user_id in ids if user_id in changed_ids])
            await append_audits(session, [audit.about(row.id, row.email) for row in changed])
        return changed

    @database_call
    async def delete_many(self, user_ids: Sequence[int], audit: AuditDraft) -> list[DeletedUser]:
        """Remove every account (each as UserDao.delete does: password, state; home-log's references set
        to NULL) with an entry each, all or nothing; what `restore_many` needs to undo it, in order."""
        async with self.database.writing() as session:
            await check_draft_actor(session, audit)
            ids = list(user_ids)
            rows = await _accounts(session, ids)
            _refuse_repeated(ids)  # the second time, the account is already gone
            await refuse_losing_administrators(session, list(_chunks(ids)), "deleted")
            deleted = await forget_users(session, ids)
            await append_audits(session, [audit.about(row.id, row.email) for row in rows])
        return deleted

    @database_call
    async def restore_many(self, deleted: Sequence[DeletedUser], audit: AuditDraft) -> list[AccountRow]:
        """Put deleted accounts back as they were (see UserDao.restore_deleted), all or nothing
        (DuplicateEmailError when an address was taken meanwhile)."""
        async with self.database.writing() as session:
            await check_draft_actor(session, audit)
            await fill_email_keys(session)
            keys = {email_key(snapshot.email): snapshot.email for snapshot in deleted}
            taken = await ids_with_keys(session, keys)
            if taken:  # an address was taken meanwhile: nothing is put back
                raise DuplicateEmailError(keys[sorted(taken)[0]])
            restored = await _accounts(session, await put_back_users(session, deleted))
            entries = [
                audit.about(row.id, row.email, ["email", "username"] + (["password"] if was.hashed_password else []))
                for row, was in zip(restored, deleted, strict=True)
            ]
            await append_audits(session, entries)
        return restored


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


async def _check_exist(session: AsyncSession, ids: Sequence[int]) -> None:
    """NotFoundError about the first of these ids (in their order) that no account has."""
    found: set[int] = set()
    for chunk in _chunks([user_id for user_id in ids if 0 < user_id <= MAX_USER_ID]):
        found.update((await session.scalars(select(User.id).where(User.id.in_(chunk)))).all())
    for user_id in ids:
        if user_id not in found:
            raise NotFoundError.with_id(user_id)


async def _write_states(session: AsyncSession, chunk: Sequence[int], changes: Mapping[str, Any]) -> list[int]:
    """Give the accounts of a chunk without a state row one (a plain member; the trigger notes whose it
    is), then write the changes where a value differs: the ids changed."""
    missing = select(User.id, literal(ROLE_MEMBER), false(), false(), literal(0)).where(
        User.id.in_(chunk), ~exists().where(AccountState.user_id == User.id)
    )
    columns = ["user_id", "role", "disabled", "must_change_password", "failed_attempts"]
    await session.execute(insert(AccountState).from_select(columns, missing))
    if not changes:
        return []
    differs = or_(*(getattr(AccountState, name).is_distinct_from(value) for name, value in changes.items()))
    statement = (
        update(AccountState)
        .where(AccountState.user_id.in_(chunk), differs)
        .values(dict(changes))
        .returning(AccountState.user_id)
        .execution_options(synchronize_session=False)
    )
    return list((await session.scalars(statement)).all())


def _refuse_repeated(ids: Sequence[int]) -> None:
    seen: set[int] = set()
    for user_id in ids:
        if user_id in seen:
            raise NotFoundError.with_id(user_id)
        seen.add(user_id)


async def _accounts(session: AsyncSession, ids: Sequence[int]) -> list[AccountRow]:
    """The accounts with these ids, in their order, read a chunk at a time (NotFoundError for none)."""
    found: dict[int, AccountRow] = {}
    for chunk in _chunks(ids):
        found.update(await read_accounts(session, chunk))
    for user_id in ids:
        if user_id not in found:
            raise NotFoundError.with_id(user_id)
    return [found[user_id] for user_id in ids]
