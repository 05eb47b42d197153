"""Async data access for users and their password hashes.

The contract: every call runs in one short session of its own, and every `User` it returns has
`user_password` loaded, so callers may read it after the session closed. List pages are returned as
plain rows (no ORM objects), which keeps the garbage collector quiet at a million accounts.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    delete,
    exists,
    func,
    inspect,
    literal,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from homelog_desktop.data.account_filter import AccountFilter, filter_condition, filter_count, walk_is_cheaper
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.models import NULL_TEXT_SORTS_FIRST, User, UserPassword, utc_now
from homelog_desktop.data.security_dao import AuditDraft, append_audit
from homelog_desktop.data.security_models import AccountState
from homelog_desktop.data.sqlite_search import MIN_TRIGRAM_SEARCH, sqlite_trigram_condition, sqlite_trigram_count
from homelog_desktop.errors import ConflictError, DuplicateEmailError, NotFoundError


class UserSort(enum.Enum):
    """The orders a list of users can be read in; each is backed by an index."""

    ID = "id"
    EMAIL = "email"
    USERNAME = "username"
    HAS_PASSWORD = "has_password"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


# The expression each order sorts by, the same expressions as the indexes in models.py; ties are
# broken by id so that keyset paging is exact. Dates compare as the stored text, so a key read back
# matches itself exactly whether this app or home-log wrote it. NULLs sort first, as ''.
_SORT_KEYS: dict[UserSort, ColumnElement[Any]] = {
    UserSort.ID: User.id,
    UserSort.EMAIL: func.lower(User.email),
    UserSort.USERNAME: func.coalesce(func.lower(User.username), NULL_TEXT_SORTS_FIRST),
    # correlate(User) only: list_page already joins user_passwords, and auto-correlation would then
    # leave the subquery without a FROM clause.
    UserSort.HAS_PASSWORD: exists().where(UserPassword.user_id == User.id).correlate(User),
    UserSort.CREATED_AT: type_coerce(User.created_at, String()),
    UserSort.UPDATED_AT: func.coalesce(type_coerce(User.updated_at, String()), NULL_TEXT_SORTS_FIRST),
}

# One row of a list page: id, email, username, has_password, created_at, updated_at, password_updated_at,
# then the account state (NULLs where the account has no state row: an enabled member): role, disabled,
# must_change_password, locked_until, last_sign_in_at.
LIST_COLUMNS = (
    User.id,
    User.email,
    User.username,
    UserPassword.user_id.is_not(None).label("has_password"),
    User.created_at,
    User.updated_at,
    UserPassword.updated_at.label("password_updated_at"),
    AccountState.role,
    AccountState.disabled,
    AccountState.must_change_password,
    AccountState.locked_until,
    AccountState.last_sign_in_at,
)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_condition(text: str) -> ColumnElement[bool]:
    """Accounts whose email or name contains `text`, ignoring case (a scan; works on any database)."""
    # SQLite's lower() folds ASCII only: fold the pattern with it too, not with str.lower(), so that
    # both sides are folded the same way.
    pattern = func.lower(f"%{_escape_like(text)}%")
    return or_(
        func.lower(User.email).like(pattern, escape="\\"),
        func.lower(User.username).like(pattern, escape="\\"),
    )


def _sort_key(sort: UserSort) -> ColumnElement[Any]:
    return _SORT_KEYS[sort]


def _beyond(
    sort: UserSort, bound: Sequence[Any], *, later: bool, inclusive: bool = False
) -> ColumnElement[bool]:
    """Rows after (`later`) or before the row with this (sort key, id) in the order `sort`, or that row too.

    Written as `key >= k AND (key > k OR id > i)` rather than the row value `(key, id) > (k, i)`: SQLite
    seeks the sort index for the former, but walks it from the start for a row value on an expression
    (lower(email), ...), which cost 50 ms a page deep in a million rows, and a probe per row walked under
    a filter."""
    user_id = bound[1]
    if sort is UserSort.ID:
        return (User.id >= user_id if inclusive else User.id > user_id) if later else (
            User.id <= user_id if inclusive else User.id < user_id
        )
    key = _sort_key(sort)
    value = literal(bound[0], key.type)  # a bound value even for True/False (has_password)
    if later:
        return and_(key >= value, or_(key > value, User.id >= user_id if inclusive else User.id > user_id))
    return and_(key <= value, or_(key < value, User.id <= user_id if inclusive else User.id < user_id))


# Makes the audit entry of a write from the user as written (None: nothing to record); the entry is
# appended in the write's own transaction, so a change and its record are saved together or not at all.
AuditHook = Callable[[User], AuditDraft | None]


async def _audit_in(session: AsyncSession, audit: AuditHook | None, user: User) -> None:
    if audit is not None and (draft := audit(user)) is not None:
        await append_audit(session, draft)


# home-log's rows that refer to a user, and that deleting the user leaves behind with NULL there.
HOMELOG_REFERENCES = (("data_sources", "owner_id"), ("readings", "created_by_id"))


@dataclass(frozen=True)
class DeletedUser:
    """Everything needed to undo a delete; its repr never shows the hash."""

    id: int
    email: str
    username: str | None
    created_at: datetime
    updated_at: datetime | None
    hashed_password: str | None = field(repr=False)
    password_updated_at: datetime | None
    references: dict[tuple[str, str], list[int]]
    # This app's account state row (role, disabled, must_change_password, failed_attempts, locked_until,
    # last_sign_in_at), which ON DELETE CASCADE removes with the user; None when it had none (a member).
    state: Mapping[str, Any] | None = None


def _state_values(state: AccountState) -> dict[str, Any]:
    """Every column of an account state row but its user_id, for DeletedUser.state."""
    names = [column.key for column in AccountState.__table__.columns if column.key != "user_id"]
    return {name: getattr(state, name) for name in names}


def _existing_columns(connection: Any, wanted: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    found = inspect(connection)
    tables = set(found.get_table_names())
    return [
        (table, column) for table, column in wanted
        if table in tables and column in {c["name"] for c in found.get_columns(table)}
    ]


MAX_USER_ID = 2**63 - 1  # SQLite integers are 64-bit


async def _get_user(session: AsyncSession, user_id: int) -> User | None:
    """The user with this id, password loaded; None for an id no row can have."""
    if not 0 < user_id <= MAX_USER_ID:
        return None
    return await session.get(User, user_id, options=[selectinload(User.user_password)])


def user_state(user: User) -> dict[str, Any]:
    """What an edit is based on: compared again before the edit is written (optimistic check)."""
    return {
        "email": user.email,
        "username": user.username,
        "has_password": user.user_password is not None,
        "updated_at": user.updated_at,
    }


def _check_unchanged(user: User, expected: Mapping[str, Any] | None) -> None:
    """ConflictError naming each field that differs from what the caller loaded."""
    if expected is None:
        return
    now = user_state(user)
    changes = [(field, expected[field], now[field]) for field in expected if expected[field] != now[field]]
    if changes:
        raise ConflictError(str(expected.get("email", user.email)), changes)


class UserDao:
    """Reads and writes `users` and `user_passwords`; one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sessions = database.sessions
        self._references: list[tuple[str, str]] | None = None
        self._trigram_search = database.has_sqlite_trigram_search
        # The latest counts of all users and of each filter (without a search): they only choose how a
        # filtered page is read (see account_filter.walk_is_cheaper), never what it holds.
        self._counted: dict[AccountFilter, int] = {}

    def search_condition(self, text: str) -> ColumnElement[bool]:
        """Accounts whose email or name contains `text`, ignoring case: indexed where possible."""
        if self._trigram_search and len(text) >= MIN_TRIGRAM_SEARCH:
            return sqlite_trigram_condition(text)
        return like_condition(text)

    @database_call
    async def get(self, user_id: int) -> User:
        """The user with this id, password loaded; NotFoundError when there is none."""
        async with self._sessions() as session:
            user = await _get_user(session, user_id)
        if user is None:
            raise NotFoundError(f"with id {user_id}")
        return user

    @database_call
    async def get_by_email(self, email: str) -> User | None:
        """The user with this email address, compared without case, password loaded."""
        async with self._sessions() as session:
            return await self._find_by_email(session, email)

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
    ) -> list[tuple[Any, ...]]:
        """One page of rows (see LIST_COLUMNS plus the sort key last), in one statement while
        scrolling and two for a jump; `filter` narrows the list (locks as of `now`), as `search` does.

        `after`/`before` take the sort key and id of a row already shown (keyset paging while
        scrolling); `offset` jumps (scroll bar dragged far): the row there is found by walking the
        sort index alone, without the joins, and the page is read from it. Rows come back in display order.
        """
        key = _sort_key(sort)
        statement: Select[Any] = (
            select(*LIST_COLUMNS, key.label("sort_key"))
            .outerjoin(UserPassword, UserPassword.user_id == User.id)
            .outerjoin(AccountState, AccountState.user_id == User.id)
        )
        conditions = self._conditions(search, filter, now, page_size=limit)
        statement = statement.where(*conditions)
        backwards = before is not None
        forward_desc = descending != backwards
        if after is not None:
            statement = statement.where(_beyond(sort, after, later=not descending))
        if before is not None:
            statement = statement.where(_beyond(sort, before, later=descending))
        order = (key.desc(), User.id.desc()) if forward_desc else (key.asc(), User.id.asc())
        statement = statement.order_by(*order).limit(limit)
        async with self._sessions() as session:
            if offset and after is None and before is None:
                anchor_query = select(key, User.id).where(*conditions).order_by(*order).limit(1).offset(offset)
                anchor = (await session.execute(anchor_query)).first()
                if anchor is None:
                    return []
                statement = statement.where(_beyond(sort, anchor, later=not descending, inclusive=True))
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
        key = _sort_key(sort)
        conditions = self._conditions(search, filter, now)
        async with self._sessions() as session:
            row = (
                await session.execute(select(key, User.id).where(User.id == user_id))
            ).first()
            if row is None:
                return None
            if conditions and not await session.scalar(
                select(func.count()).select_from(User).where(User.id == user_id, *conditions)
            ):
                return None
            ahead = _beyond(sort, row, later=descending)
            statement = select(func.count()).select_from(User).where(ahead, *conditions)
            return int(await session.scalar(statement) or 0)

    @database_call
    async def create(
        self, *, email: str, username: str | None, hashed_password: str | None = None, audit: AuditHook | None = None
    ) -> User:
        """Add a user (and its password hash, in the same transaction)."""
        async with self._sessions() as session, session.begin():
            if await self._find_by_email(session, email) is not None:
                raise DuplicateEmailError(email)
            now = utc_now()
            user = User(email=email, username=username, created_at=now, updated_at=now)
            user.user_password = (
                UserPassword(hashed_password=hashed_password, updated_at=now) if hashed_password else None
            )
            session.add(user)
            await self._flush(session, email)
            await _audit_in(session, audit, user)
        return user

    @database_call
    async def update(
        self, user_id: int, *, email: str, username: str | None, expected: Mapping[str, Any] | None = None,
        audit: AuditHook | None = None,
    ) -> User:
        """Change a user's email and name; ConflictError if it no longer matches `expected`."""
        async with self._sessions() as session, session.begin():
            user = await self._get_for_update(session, user_id, expected=expected)
            _check_unchanged(user, expected)
            other = await self._find_by_email(session, email)
            if other is not None and other.id != user_id:
                raise DuplicateEmailError(email)
            if user.email != email or user.username != username:
                user.email = email
                user.username = username
                user.updated_at = utc_now()
            await self._flush(session, email)
            await _audit_in(session, audit, user)
        return user

    @database_call
    async def delete(
        self, user_id: int, *, expected: Mapping[str, Any] | None = None, audit: AuditHook | None = None
    ) -> DeletedUser:
        """Remove a user and its password row; home-log's rows that referred to it keep existing with
        the reference set to NULL (as home-log's ON DELETE SET NULL does). ConflictError if it no
        longer matches `expected`. Returns what `restore_deleted` needs to undo it."""
        async with self._sessions() as session, session.begin():
            user = await self._get_for_update(session, user_id, expected=expected)
            _check_unchanged(user, expected)
            references = await self._referring_rows(session, user_id)
            state = await session.get(AccountState, user_id)
            snapshot = DeletedUser(
                id=user.id, email=user.email, username=user.username, created_at=user.created_at,
                updated_at=user.updated_at,
                hashed_password=user.user_password.hashed_password if user.user_password else None,
                password_updated_at=user.user_password.updated_at if user.user_password else None,
                references=references,
                state=_state_values(state) if state is not None else None,
            )
            for (table, column), ids in references.items():
                if ids:  # explicitly, in case the file was made without ON DELETE SET NULL
                    await session.execute(
                        text(f"UPDATE {table} SET {column} = NULL WHERE {column} = :user_id"), {"user_id": user_id}
                    )
            await _audit_in(session, audit, user)
            await session.execute(delete(User).where(User.id == user_id))
        return snapshot

    @database_call
    async def restore_deleted(self, deleted: DeletedUser, *, audit: AuditHook | None = None) -> User:
        """Put a deleted user back: same id, email, name, dates, password hash, references and account
        state (role, disabled, lockout, last sign-in), all in one transaction."""
        async with self._sessions() as session, session.begin():
            if await self._find_by_email(session, deleted.email) is not None:
                raise DuplicateEmailError(deleted.email)
            # SQLite hands a freed id to the next new row: then the account comes back under a new one.
            id_taken = await session.get(User, deleted.id) is not None
            user = User(
                id=None if id_taken else deleted.id, email=deleted.email, username=deleted.username,
                created_at=deleted.created_at, updated_at=deleted.updated_at,
            )
            # Assigned even when None, so the returned user has it loaded (the relationship is lazy="raise").
            user.user_password = (
                UserPassword(hashed_password=deleted.hashed_password, updated_at=deleted.password_updated_at)
                if deleted.hashed_password is not None
                else None
            )
            session.add(user)
            await self._flush(session, deleted.email)
            if deleted.state is not None:
                # merge: a row left under this id (a file written with foreign keys off) is overwritten.
                await session.merge(AccountState(user_id=user.id, **deleted.state))
            for (table, column), ids in deleted.references.items():
                for chunk in range(0, len(ids), 500):
                    await session.execute(
                        text(f"UPDATE {table} SET {column} = :user_id WHERE {column} IS NULL AND id IN :ids")
                        .bindparams(bindparam("ids", expanding=True)),
                        {"user_id": user.id, "ids": ids[chunk:chunk + 500]},
                    )
            await _audit_in(session, audit, user)
        return user

    @database_call
    async def count_references(self, user_id: int) -> dict[tuple[str, str], int]:
        """How many of home-log's rows refer to this user, per (table, column) that exists here."""
        async with self._sessions() as session:
            found = await self._reference_columns(session)
            counts = {}
            for table, column in found:
                statement = text(f"SELECT count(*) FROM {table} WHERE {column} = :user_id")
                counts[(table, column)] = int(await session.scalar(statement, {"user_id": user_id}) or 0)
            return counts

    async def _reference_columns(self, session: AsyncSession) -> list[tuple[str, str]]:
        if self._references is None:
            connection = await session.connection()
            self._references = await connection.run_sync(_existing_columns, HOMELOG_REFERENCES)
        return self._references

    async def _referring_rows(self, session: AsyncSession, user_id: int) -> dict[tuple[str, str], list[int]]:
        rows = {}
        for table, column in await self._reference_columns(session):
            statement = text(f"SELECT id FROM {table} WHERE {column} = :user_id ORDER BY id")
            rows[(table, column)] = list(await session.scalars(statement, {"user_id": user_id}))
        return rows

    @database_call
    async def set_password(self, user_id: int, hashed_password: str, *, audit: AuditHook | None = None) -> User:
        """Store a new password hash for a user (replacing any old one)."""
        async with self._sessions() as session, session.begin():
            user = await self._get_for_update(session, user_id)
            now = utc_now()
            if user.user_password is None:
                user.user_password = UserPassword(hashed_password=hashed_password, updated_at=now)
            else:
                user.user_password.hashed_password = hashed_password
                user.user_password.updated_at = now
            await session.flush()
            await _audit_in(session, audit, user)
        return user

    @database_call
    async def clear_password(self, user_id: int, *, audit: AuditHook | None = None) -> User:
        """Remove a user's password: the account stays but cannot sign in with a password."""
        async with self._sessions() as session, session.begin():
            user = await self._get_for_update(session, user_id)
            user.user_password = None
            await session.flush()
            await _audit_in(session, audit, user)
        return user

    @database_call
    async def holds_argon2_hashes(self) -> bool:
        """Whether any stored password hash is an Argon2 one (as home-log's backend writes)."""
        async with self._sessions() as session:
            found = await session.scalar(
                select(exists().where(UserPassword.hashed_password.like("$argon2%")))
            )
            return bool(found)

    @database_call
    async def get_password_hash(self, user_id: int) -> str | None:
        """The stored hash of a user's password, None when it has none; for checking only."""
        async with self._sessions() as session:
            user = await _get_user(session, user_id)
        if user is None:
            raise NotFoundError(f"with id {user_id}")
        return user.user_password.hashed_password if user.user_password else None

    @database_call
    async def get_many(self, user_ids: Sequence[int]) -> list[User]:
        """The users with these ids that still exist, passwords loaded, in id order."""
        async with self._sessions() as session:
            result = await session.scalars(
                select(User)
                .where(User.id.in_(list(user_ids)))
                .options(selectinload(User.user_password))
                .order_by(User.id)
            )
            return list(result)

    @staticmethod
    async def _find_by_email(session: AsyncSession, email: str) -> User | None:
        return await session.scalar(
            select(User)
            .where(func.lower(User.email) == func.lower(email.strip()))  # both folded by SQLite
            .options(selectinload(User.user_password))
            .order_by(User.id)
            .limit(1)
        )

    @staticmethod
    async def _get_for_update(
        session: AsyncSession, user_id: int, *, expected: Mapping[str, Any] | None = None
    ) -> User:
        user = await _get_user(session, user_id)
        if user is None:
            if expected is not None:
                raise ConflictError(str(expected.get("email", user_id)), [], deleted=True)
            raise NotFoundError(f"with id {user_id}")
        return user

    @staticmethod
    async def _flush(session: AsyncSession, email: str) -> None:
        try:
            await session.flush()
        except IntegrityError as error:  # a concurrent writer took the email first
            if "unique" in str(error.orig).lower():
                raise DuplicateEmailError(email) from error
            raise
