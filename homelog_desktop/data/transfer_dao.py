"""Bulk writes for import: many accounts at once, in one writing transaction with their audit entries.

`TransferDao.import_users` writes every row in one transaction, or none: it checks `should_stop`
between batches and just before committing, and rolls back when asked to stop or when its caller is
cancelled. Hashes are stored exactly as given (never re-hashed). The records are read a batch at a time,
and each batch is written with its audit entries before the next is read: an import of any size holds
a batch, and the ids it wrote.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.audit_dao import BULK_CHUNK, AuditDraft, append_audits
from homelog_desktop.data.backends import is_unique_violation
from homelog_desktop.data.database import Database
from homelog_desktop.data.email_keys import email_key, fill_email_keys, ids_with_keys
from homelog_desktop.data.models import User, UserPassword, utc_now
from homelog_desktop.errors import DuplicateEmailError, ImportCancelledError, ImportOvertakenError

T = TypeVar("T")
# Ids or emails per IN (...) list: well under SQLite's limit on bound parameters.
LOOKUP_CHUNK = 500
IMPORT_BATCH = 250
# Records whose addresses are looked up at once: a few batches (each lookup statement costs).
LOOKUP_WINDOW = 4 * IMPORT_BATCH
__all__ = ["ImportChange", "ImportRecord", "ImportResult", "OnExisting", "TransferDao", "email_key"]


class OnExisting(enum.Enum):
    """What an import does with a row whose email address already has an account."""

    SKIP = "skip"
    UPDATE = "update"
    ABORT = "abort"


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One account to write: fields already validated; a hash stored as it is (never in its repr)."""

    email: str
    username: str | None
    hashed_password: str | None = field(default=None, repr=False)
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ImportChange:
    """One account an import created or updated, and the names of the fields it changed (never values):
    what its audit entry records."""

    user_id: int
    email: str
    created: bool
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote: ids of the accounts created and updated (in record order), and how many rows
    were skipped."""

    created_ids: tuple[int, ...]
    updated_ids: tuple[int, ...]
    skipped: int


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


async def _existing(session: AsyncSession, emails: Sequence[str]) -> dict[str, int]:
    """The lowest id of the account of each address that exists, keyed by `email_key`."""
    found = await ids_with_keys(session, (email_key(email) for email in emails))
    return {key: ids[0] for key, ids in found.items()}


class TransferDao:
    """Bulk lookups and writes of accounts for import; one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def find_existing_emails(self, emails: Sequence[str]) -> dict[str, int]:
        """The id of the account of each of these addresses that exists, keyed by `email_key`."""

        async def read() -> dict[str, int]:
            async with self.database.sessions() as session:
                return await _existing(session, emails)

        return await self.database.run(read)

    async def import_users(
        self,
        records: Collection[ImportRecord],
        on_existing: OnExisting,
        *,
        audit: AuditDraft,
        should_stop: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Create (or, as `on_existing` says, skip or update) these accounts in ONE writing transaction,
        with an audit entry per account written: `audit` completed with the account and its changed fields.

        `records` is read a batch at a time (and again from the start if the write is tried again).
        Existing addresses are looked up inside the transaction, under the write lock. `ABORT` raises
        DuplicateEmailError at the first existing address, as does an address given twice;
        `should_stop()` returning true raises ImportCancelledError; either way, and on any error, nothing
        is written. Cancelling the caller rolls back the same way. `progress(done, total)` is called
        after every batch.
        """
        stop_requested = False

        def stopping() -> bool:
            return stop_requested or (should_stop is not None and should_stop())

        try:
            # Database.run: the write is never abandoned half done, and is tried again if the file was locked.
            return await self.database.run(lambda: self._import(records, on_existing, stopping, progress, audit))
        except asyncio.CancelledError:
            stop_requested = True  # the write goes on in its own task: make it roll back at the next batch
            raise

    async def _import(
        self,
        records: Collection[ImportRecord],
        on_existing: OnExisting,
        stopping: Callable[[], bool],
        progress: Callable[[int, int], None] | None,
        audit: AuditDraft,
    ) -> ImportResult:
        total = len(records)
        created: list[int] = []
        updated: list[int] = []
        handled: set[int] = set()  # accounts written or skipped: an address given twice finds its account here
        audits: list[AuditDraft] = []  # appended a thousand at a time: each append_audits call costs
        skipped = done = 0
        try:
            async with self.database.writing() as session:
                for window in _batches(records, LOOKUP_WINDOW):
                    # Keys of rows others wrote, and of the rows of the windows before: compared too.
                    await fill_email_keys(session)
                    existing = await _existing(session, [record.email for record in window])
                    seen: set[str] = set()
                    for batch in _chunks(window, IMPORT_BATCH):
                        _check(stopping)
                        creates, updates, skips = _sort_out(batch, existing, on_existing, (seen, handled))
                        ids = await _insert(session, creates) if creates else []
                        changes = [_created(user_id, record) for user_id, record in zip(ids, creates, strict=True)]
                        if updates:
                            changes.extend(await _update(session, updates))
                        audits.extend(audit.about(c.user_id, c.email, c.fields) for c in changes)
                        if len(audits) >= BULK_CHUNK:
                            await append_audits(session, audits)
                            audits = []
                        created.extend(ids)
                        updated.extend(user_id for user_id, _ in updates)
                        handled.update(change.user_id for change in changes)
                        skipped += skips
                        done += len(batch)
                        if progress is not None:
                            progress(done, total)
                await fill_email_keys(session)
                await append_audits(session, audits)
                _check(stopping)
        except IntegrityError as error:  # an address taken in a way the lookup could not see
            if is_unique_violation(error):
                raise ImportOvertakenError from error
            raise
        return ImportResult(tuple(created), tuple(updated), skipped)


def _sort_out(
    records: Sequence[ImportRecord],
    existing: dict[str, int],
    on_existing: OnExisting,
    given: tuple[set[str], set[int]],
) -> tuple[list[ImportRecord], list[tuple[int, ImportRecord]], int]:
    """The records of a batch to create, to update (with the id of their account) and how many to skip.
    An address given twice is one already `seen` since `existing` was looked up, or one whose account
    this import already created, updated or skipped (`handled`; skipped ones are added here)."""
    seen, handled = given
    creates: list[ImportRecord] = []
    updates: list[tuple[int, ImportRecord]] = []
    skipped = 0
    for record in records:
        key = email_key(record.email)
        user_id = existing.get(key)
        if key in seen or user_id in handled:
            raise DuplicateEmailError(record.email)
        seen.add(key)
        if user_id is None:
            creates.append(record)
        elif on_existing is OnExisting.ABORT:
            raise DuplicateEmailError(record.email)
        elif on_existing is OnExisting.UPDATE:
            updates.append((user_id, record))
        else:
            skipped += 1
            handled.add(user_id)
    return creates, updates, skipped


def _check(stopping: Callable[[], bool]) -> None:
    if stopping():
        raise ImportCancelledError


def _created(user_id: int, record: ImportRecord) -> ImportChange:
    # The fields AccountService.create records.
    fields = ("email", "username", "password") if record.hashed_password else ("email", "username")
    return ImportChange(user_id, record.email, True, fields)


async def _insert(session: AsyncSession, batch: Sequence[ImportRecord]) -> list[int]:
    """Insert a batch with one executemany per table; the new ids are read back by (unique) email."""
    now = utc_now()
    connection = await session.connection()
    await connection.execute(
        insert(User),
        [
            {
                "email": record.email,
                "username": record.username or "",
                "created_at": record.created_at or now,
                "updated_at": record.updated_at or record.created_at or now,
            }
            for record in batch
        ],
    )
    emails = [record.email for record in batch]
    ids_by_email: dict[str, int] = {}
    for chunk in _chunks(emails, LOOKUP_CHUNK):
        rows = await connection.execute(select(User.id, User.email).where(User.email.in_(chunk)))
        ids_by_email.update({email: user_id for user_id, email in rows})
    ids = [ids_by_email[email] for email in emails]
    passwords = [
        {"user_id": user_id, "hashed_password": record.hashed_password, "updated_at": now}
        for user_id, record in zip(ids, batch, strict=True)
        if record.hashed_password
    ]
    if passwords:
        await connection.execute(insert(UserPassword), passwords)
    return ids


async def _update(session: AsyncSession, batch: Sequence[tuple[int, ImportRecord]]) -> list[ImportChange]:
    """Email spelling and name as in the file; the hash only when the file has one (else kept).
    What changed in each account, compared with what it held before."""
    now = utc_now()
    before = {
        user_id: (email, username, hashed)
        for user_id, email, username, hashed in await session.execute(
            select(User.id, User.email, User.username, UserPassword.hashed_password)
            .outerjoin(UserPassword, UserPassword.user_id == User.id)
            .where(User.id.in_([user_id for user_id, _ in batch]))
        )
    }
    changes = []
    for user_id, record in batch:
        email, username, hashed = before[user_id]
        fields = [
            name for name, changed in (
                ("email", email != record.email),
                ("username", (username or None) != (record.username or None)),
                ("password", bool(record.hashed_password) and hashed != record.hashed_password),
            ) if changed
        ]
        changes.append(ImportChange(user_id, record.email, False, tuple(fields)))
    await session.execute(
        update(User),
        [
            {"id": user_id, "email": record.email, "username": record.username or "", "updated_at": now}
            for user_id, record in batch
        ],
    )
    rehashed = [(user_id, record.hashed_password) for user_id, record in batch if record.hashed_password]
    if rehashed:
        await session.execute(delete(UserPassword).where(UserPassword.user_id.in_([i for i, _ in rehashed])))
        await session.execute(
            insert(UserPassword),
            [{"user_id": user_id, "hashed_password": hashed, "updated_at": now} for user_id, hashed in rehashed],
        )
    return changes
