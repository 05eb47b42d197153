"""Async data access for accounts: home-log's `users` and `user_passwords`, read with their state.

The contract: every call runs in one short session of its own and returns plain rows (AccountRow: the
columns by name), never ORM objects, so callers may read them anywhere, and the garbage collector stays
quiet at a million accounts. Every write runs in a writing transaction (Database.writing): its guards
(duplicate email, stale edit, last administrator) are checked under the write lock, and its audit entry
is appended in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.account_filter import AccountFilter, filter_condition, filter_count, walk_is_cheaper
from homelog_desktop.data.account_states import (
    apply_state,
    make_first_administrator,
    refuse_losing_last_administrator,
)
from homelog_desktop.data.audit_dao import AuditDraft, append_audit
from homelog_desktop.data.backends import dialect_name, is_unique_violation
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.deleted_users import DeletedUser, count_references, forget_user, put_back_user
from homelog_desktop.data.email_keys import email_key, fill_email_keys, ids_with_key
from homelog_desktop.data.location import BackendKind
from homelog_desktop.data.models import User, UserPassword, utc_now
from homelog_desktop.data.sqlite_search import MIN_TRIGRAM_SEARCH, sqlite_trigram_condition, sqlite_trigram_count
from homelog_desktop.data.user_queries import (
    MAX_USER_ID,
    AccountRow,
    EditBasis,
    PageRow,
    UserSort,
    account_rows,
    account_select,
    beyond,
    find_account,
    ilike_condition,
    like_condition,
    page_select,
    read_account,
    sort_key,
)
from homelog_desktop.errors import ConflictError, DuplicateEmailError, NotFoundError


class UserDao:
    """Reads and writes accounts (`users`, `user_passwords`, and their state); one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sessions = database.sessions
        self._trigram_search = database.has_sqlite_trigram_search
        self._postgres = database.backend.kind is BackendKind.POSTGRESQL
        # The latest counts of all users and of each filter (without a search): they only choose how a
        # filtered page is read (see account_filter.walk_is_cheaper), never what it holds.
        self._counted: dict[AccountFilter, int] = {}

    def search_condition(self, text: str) -> ColumnElement[bool]:
        """Accounts whose email or name contains `text`, ignoring case: indexed where possible."""
        if self._postgres:
            return ilike_condition(text)
        if self._trigram_search and len(text) >= MIN_TRIGRAM_SEARCH:
            return sqlite_trigram_condition(text)
        return like_condition(text)

    # Reading

    @database_call
    async def get(self, user_id: int) -> AccountRow:
        """The account with this id; NotFoundError when there is none."""
        async with self._sessions() as session:
            row = await read_account(session, user_id)
        if row is None:
            raise NotFoundError.with_id(user_id)
        return row

    @database_call
    async def get_by_email(self, email: str) -> AccountRow | None:
        """The account with this email address, compared without case."""
        async with self._sessions() as session:
            return await find_account(session, email)

    @database_call
    async def get_many(self, user_ids: Sequence[int]) -> list[AccountRow]:
        """The accounts with these ids that still exist, in id order."""
        async with self._sessions() as session:
            result = await session.execute(
                account_select().where(User.id.in_(list(user_ids))).order_by(User.id)
            )
            return account_rows(result.all())

    def _conditions(
        self, search: str | None, account_filter: AccountFilter, now: datetime | None, *, page_size: int = 0
    ) -> list[ColumnElement[bool]]:
        """The WHERE conditions of a search and a filter (both must hold); for reading pages of
        `page_size`, in the form SQLite reads fastest given the latest counts."""
        conditions = [self.search_condition(search)] if search else []
        if account_filter is not AccountFilter.ALL:
            matching, total = self._counted.get(account_filter), self._counted.get(AccountFilter.ALL)
            walk = bool(page_size and matching and total and walk_is_cheaper(matching, total, page_size))
            condition = filter_condition(account_filter, now or utc_now(), walk=walk)
            if condition is not None:
                conditions.append(condition)
        return conditions

    @database_call
    async def ids_page(
        self, *, search: str | None = None, filter: AccountFilter = AccountFilter.ALL,
        now: datetime | None = None, after: int = 0, limit: int = 1000,
    ) -> list[int]:
        """Ids above `after` of the accounts matching `search` and `filter`, in id order, at most `limit`
        (a selection of every matching account is read this way, a page at a time)."""
        statement = select(User.id).where(User.id > after, *self._conditions(search, filter, now))
        async with self._sessions() as session:
            return list(await session.scalars(statement.order_by(User.id).limit(limit)))

    @database_call
    async def count(
        self, search: str | None = None, *, filter: AccountFilter = AccountFilter.ALL, now: datetime | None = None
    ) -> int:
        """How many users there are, or how many match `search` and `filter` (locks as of `now`)."""
        statement: Any = select(func.count()).select_from(User)
        if filter is AccountFilter.ALL and search and self._trigram_search and len(search) >= MIN_TRIGRAM_SEARCH:
            statement = sqlite_trigram_count(search)  # the index alone: it holds exactly the users
        elif not search and (merged := filter_count(filter)) is not None:
            statement = merged
        else:
            statement = statement.where(*self._conditions(search, filter, now))
        async with self._sessions() as session:
            counted = int(await session.scalar(statement) or 0)
        if not search:
            self._counted[filter] = counted
        return counted

    @database_call
    async def list_page(
        self,
        *,
        sort: UserSort = UserSort.ID,
        descending: bool = False,
        search: str | None = None,
        filter: AccountFilter = AccountFilter.ALL,
        now: datetime | None = None,
        limit: int = 200,
        offset: int = 0,
        after: tuple[Any, int] | None = None,
        before: tuple[Any, int] | None = None,
    ) -> list[PageRow]:
        """One page of account rows with their sort key (`sort_key`), in one statement while scrolling and
        two for a jump; `filter` narrows the list (locks as of `now`), as `search` does.

        `after`/`before` take the sort key and id of a row already shown (keyset paging while
        scrolling); `offset` jumps (scroll bar dragged far): the row there is found by walking the
        sort index alone, without the joins, and the page is read from it. Rows come back in display order.
        """
        key = sort_key(sort)
        conditions = self._conditions(search, filter, now, page_size=limit)
        backwards = before is not None
        forward_desc = descending != backwards
        where = list(conditions)
        if after is not None:
            where.append(beyond(sort, after, later=not descending))
        if before is not None:
            where.append(beyond(sort, before, later=descending))
        order = (key.desc(), User.id.desc()) if forward_desc else (key.asc(), User.id.asc())
        async with self._sessions() as session:
            if offset and after is None and before is None:
                anchor_query = select(key, User.id).where(*conditions).order_by(*order).limit(1).offset(offset)
                anchor = (await session.execute(anchor_query)).first()
                if anchor is None:
                    return []
                where.append(beyond(sort, anchor, later=not descending, inclusive=True))
            statement = page_select(key, where, order, limit, users_first=self._postgres)
            rows: list[Any] = list((await session.execute(statement)).all())
        if backwards:
            rows.reverse()
        return rows

    @database_call
    async def position_of(
        self,
        user_id: int,
        *,
        sort: UserSort,
        descending: bool,
        search: str | None = None,
        filter: AccountFilter = AccountFilter.ALL,
        now: datetime | None = None,
    ) -> int | None:
        """The row number of a user in a sorted, searched, filtered list; None when it is not in it."""
        key = sort_key(sort)
        conditions = self._conditions(search, filter, now)
        async with self._sessions() as session:
            row = (await session.execute(select(key, User.id).where(User.id == user_id))).first()
            if row is None:
                return None
            if conditions and not await session.scalar(
                select(func.count()).select_from(User).where(User.id == user_id, *conditions)
            ):
                return None
            ahead = beyond(sort, row, later=descending)
            statement = select(func.count()).select_from(User).where(ahead, *conditions)
            return int(await session.scalar(statement) or 0)

    # Writing

    @database_call
    async def create(
        self, *, email: str, username: str | None, audit: AuditDraft, hashed_password: str | None = None,
        first_administrator: tuple[AuditDraft, AuditDraft] | None = None,
    ) -> AccountRow:
        """Add a user (and its password hash) and the audit entry about it, in one transaction; no name is
        stored as '' (home-log's schema has username NOT NULL). With
        `first_administrator` (the entries of making it one and of its sign-in, done by the new account
        itself), it becomes the first administrator, signed in, in the same transaction: only while there
        is no enabled administrator (else AdministratorExistsError, nothing written)."""
        async with self.database.writing() as session:
            await _refuse_taken(session, email)
            now = utc_now()
            user = User(email=email, username=username or "", created_at=now, updated_at=now)
            user.user_password = (
                UserPassword(hashed_password=hashed_password, updated_at=now) if hashed_password else None
            )
            session.add(user)
            await _flush(session, email)
            await fill_email_keys(session)
            created = await _written(session, user.id, audit)
            if first_administrator is None:
                return created
            await make_first_administrator(session, created.id, *first_administrator)
            written = await read_account(session, created.id)
            assert written is not None
            return written

    @database_call
    async def update(
        self, user_id: int, *, email: str, username: str | None, audit: AuditDraft,
        expected: EditBasis | None = None,
    ) -> AccountRow:
        """Change a user's email and name; ConflictError if it no longer matches `expected`. The audit
        entry names the fields that changed (none changed: no entry)."""
        async with self.database.writing() as session:
            before = await _current(session, user_id, expected)
            if email_key(email) != email_key(before.email):  # its own address (or a twin home-log holds) is fine
                await _refuse_taken(session, email, user_id)
            changed = [name for name, old, new in (("email", before.email, email), ("username",
                       before.username or None, username or None)) if old != new]
            if changed:
                user = await _user(session, user_id)
                user.email, user.username, user.updated_at = email, username or "", utc_now()
                await _flush(session, email)
                await fill_email_keys(session)
                return await _written(session, user_id, audit, changed)
            return before

    @database_call
    async def delete(self, user_id: int, *, audit: AuditDraft, expected: EditBasis | None = None) -> DeletedUser:
        """Remove a user and its password row; home-log's rows that referred to it keep existing with
        the reference set to NULL (as home-log's ON DELETE SET NULL does). ConflictError if it no longer
        matches `expected`; LastAdministratorError for the last enabled administrator. Returns what
        `restore_deleted` needs to undo it."""
        async with self.database.writing() as session:
            current = await _current(session, user_id, expected)
            await refuse_losing_last_administrator(session, user_id, "deleted")
            await append_audit(session, audit.about(current.id, current.email))
            return await forget_user(session, user_id)

    @database_call
    async def restore_deleted(self, deleted: DeletedUser, *, audit: AuditDraft) -> AccountRow:
        """Put a deleted user back: same id (when still free), email, name, dates, password hash,
        references and account state (role, disabled, lockout, last sign-in), in one transaction."""
        async with self.database.writing() as session:
            await _refuse_taken(session, deleted.email)
            try:
                user_id = await put_back_user(session, deleted)
            except IntegrityError as error:
                if is_unique_violation(error):
                    raise DuplicateEmailError(deleted.email) from error
                raise
            return await _written(session, user_id, audit)

    @database_call
    async def count_references(self, user_id: int) -> dict[tuple[str, str], int]:
        """How many of home-log's rows refer to this user, per (table, column) that exists here."""
        async with self._sessions() as session:
            return await count_references(session, user_id)

    @database_call
    async def set_password(
        self, user_id: int, hashed_password: str, *, audit: AuditDraft, must_change: bool | None = None,
        must_change_audit: AuditDraft | None = None, replacing: str | None = None,
    ) -> AccountRow:
        """Store a new password hash for a user (replacing any old one) and, unless `must_change` is
        None, whether it must be changed at the next sign-in: both, and their audit entries (the flag's
        only when it changed), in one transaction. `replacing`: the hash the new password was compared
        with; ConflictError when another is stored now."""
        async with self.database.writing() as session:
            user = await _user(session, user_id)
            now = utc_now()
            password = await session.get(UserPassword, user_id)
            if replacing is not None and (password is None or password.hashed_password != replacing):
                raise ConflictError(user.email, [("password", "the one you signed in with", "another one")])
            if password is None:
                session.add(UserPassword(user_id=user.id, hashed_password=hashed_password, updated_at=now))
            else:
                password.hashed_password, password.updated_at = hashed_password, now
            await session.flush()
            flag_changed = must_change is not None and await apply_state(
                session, user_id, {"must_change_password": must_change}
            )
            account = await _written(session, user_id, audit)
            if flag_changed and must_change_audit is not None:
                await append_audit(session, must_change_audit.about(account.id, account.email))
            return account

    @database_call
    async def clear_password(self, user_id: int, *, audit: AuditDraft) -> AccountRow:
        """Remove a user's password: the account stays but cannot sign in with a password."""
        async with self.database.writing() as session:
            await _user(session, user_id)
            await session.execute(delete(UserPassword).where(UserPassword.user_id == user_id))
            return await _written(session, user_id, audit)


async def lock_user_row(session: AsyncSession, user_id: int) -> None:
    """On a server, lock the user row a write is about to check and change (SELECT ... FOR UPDATE): our
    own writers are already serialised by the advisory lock, home-log's are not, so a row home-log is
    changing is waited for and then read as committed. SQLite's write lock already covers every row."""
    if dialect_name(session) == "postgresql" and 0 < user_id <= MAX_USER_ID:
        await session.execute(select(User.id).where(User.id == user_id).with_for_update())


async def _user(session: AsyncSession, user_id: int) -> User:
    """The ORM user to change (its row locked on a server); NotFoundError when there is none."""
    await lock_user_row(session, user_id)
    user = await session.get(User, user_id) if 0 < user_id <= MAX_USER_ID else None
    if user is None:
        raise NotFoundError.with_id(user_id)
    return user


async def _current(session: AsyncSession, user_id: int, expected: EditBasis | None) -> AccountRow:
    """The account as it is now, inside the write; ConflictError when it differs from `expected`."""
    await lock_user_row(session, user_id)
    row = await read_account(session, user_id)
    if row is None:
        if expected is not None:
            raise ConflictError(expected.email, [], deleted=True)
        raise NotFoundError.with_id(user_id)
    if expected is not None:
        changes = expected.differences(EditBasis.of(row))
        if changes:
            raise ConflictError(expected.email, changes)
    return row


async def _written(
    session: AsyncSession, user_id: int, audit: AuditDraft, fields: Sequence[str] | None = None
) -> AccountRow:
    """The account as this transaction wrote it, after appending the audit entry about it."""
    row = await read_account(session, user_id)
    assert row is not None  # written in this transaction, under the write lock
    await append_audit(session, audit.about(row.id, row.email, fields))
    return row


async def _refuse_taken(session: AsyncSession, email: str, user_id: int | None = None) -> None:
    """DuplicateEmailError when another account has this address, compared by its key (case, normal
    form), inside the writing transaction: keys of rows others wrote are computed first."""
    await fill_email_keys(session)
    if any(other != user_id for other in await ids_with_key(session, email)):
        raise DuplicateEmailError(email)


async def _flush(session: AsyncSession, email: str) -> None:
    try:
        await session.flush()
    except IntegrityError as error:  # an email taken in a way the lookup could not see (case, spaces)
        if is_unique_violation(error):
            raise DuplicateEmailError(email) from error
        raise
