"""Account use cases: list, find, create, edit, delete, and set, clear or check a password.

What leaves this module is an `Account`: a frozen snapshot that never touches the database again, so
the window can read it anywhere. Input is validated here, before anything is written.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from homelog_desktop.data.account_filter import AccountFilter
from homelog_desktop.data.database import Database
from homelog_desktop.data.models import User
from homelog_desktop.data.security_dao import HASH_SCHEME_KEY, read_setting
from homelog_desktop.data.security_models import ROLE_ADMINISTRATOR, ROLE_MEMBER
from homelog_desktop.data.sqlite_change_watch import SqliteChangeWatch
from homelog_desktop.data.user_dao import AuditHook, DeletedUser, UserDao, UserSort
from homelog_desktop.errors import DatabaseError, InvalidInputError, NotFoundError
from homelog_desktop.services.account_validation import clean_account_fields
from homelog_desktop.services.password_hashing import DEFAULT_BCRYPT_COST, PasswordHasher
from homelog_desktop.services.password_policy import HASH_SCHEMES, HashScheme, password_problems

__all__ = [
    "Account", "AccountAudit", "AccountFilter", "AccountService", "DeletedAccount", "Dependents", "PageKey",
    "SortColumn",
]

SortColumn = UserSort
T = TypeVar("T")


# Where a row stands in a sorted list (its sort key and id): the bookmark for keyset paging.
PageKey = tuple[Any, int]


@dataclass(frozen=True, slots=True)
class Account:
    """One account as the window and the command line see it; never holds a password or hash."""

    id: int
    email: str
    username: str | None
    has_password: bool
    created_at: datetime
    updated_at: datetime | None
    password_updated_at: datetime | None = None
    page_key: PageKey | None = None
    # The account state (homelog_desktop_account_state), filled by list pages; the defaults are what an
    # account without a state row has. Snapshots made by from_user carry the defaults.
    role: str = ROLE_MEMBER
    disabled: bool = False
    must_change_password: bool = False
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None

    @property
    def is_administrator(self) -> bool:
        """Whether the account is an administrator (enabled or not)."""
        return self.role == ROLE_ADMINISTRATOR

    def locked_at(self, now: datetime) -> bool:
        """Whether the account is locked (after failed sign-ins) at this moment."""
        return self.locked_until is not None and self.locked_until > now

    @classmethod
    def from_user(cls, user: User) -> Account:
        """Snapshot an ORM user (its password already loaded by the DAO)."""
        password = user.user_password
        return cls(
            id=user.id,
            email=user.email,
            username=user.username,
            has_password=password is not None,
            created_at=user.created_at,
            updated_at=user.updated_at,
            password_updated_at=password.updated_at if password else None,
        )

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Account:
        """Snapshot a list-page row (see UserDao.list_page)."""
        (
            user_id, email, username, has_password, created, updated, password_updated,
            role, disabled, must_change_password, locked_until, last_sign_in_at, key,
        ) = row
        return cls(
            user_id, email, username, bool(has_password), created, updated, password_updated, (key, user_id),
            role=role or ROLE_MEMBER, disabled=bool(disabled), must_change_password=bool(must_change_password),
            locked_until=locked_until, last_sign_in_at=last_sign_in_at,
        )

    def state(self) -> dict[str, Any]:
        """What an edit of this snapshot is based on (see UserDao.user_state)."""
        return {
            "email": self.email,
            "username": self.username,
            "has_password": self.has_password,
            "updated_at": self.updated_at,
        }

    def to_json(self) -> dict[str, Any]:
        """The account as JSON-ready data (never a hash)."""
        return {
            "id": self.id,
            "email": self.email,
            "username": self.username,
            "has_password": self.has_password,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


@dataclass(frozen=True, slots=True)
class Dependents:
    """home-log's rows that refer to an account: data sources it owns, readings it created."""

    data_sources: int = 0
    readings: int = 0

    def describe(self) -> str:
        """A sentence for the delete confirmation; empty when nothing refers to the account."""
        parts = []
        if self.data_sources:
            parts.append(f"owns {self.data_sources:,} data source" + ("" if self.data_sources == 1 else "s"))
        if self.readings:
            parts.append(f"created {self.readings:,} reading" + ("" if self.readings == 1 else "s"))
        if not parts:
            return ""
        return f"It {' and '.join(parts)}; they stay in home-log without this account."


@dataclass(frozen=True)
class DeletedAccount:
    """A deleted account as it was, to undo the delete; opaque to the window, never shown."""

    snapshot: DeletedUser = field(repr=False)

    @property
    def email(self) -> str:
        """The deleted account's email address."""
        return self.snapshot.email


def _own_write(method: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """Mark a write as this app's own, so the outside-change watch does not report it back."""

    @functools.wraps(method)
    async def write(self: AccountService, *args: Any, **kwargs: Any) -> T:
        try:
            return await method(self, *args, **kwargs)
        finally:
            if self._change_watch is not None:
                await asyncio.to_thread(self._change_watch.changed)

    return write


class AccountAudit(Protocol):
    """What AccountService tells after each successful write, and asks before a delete
    (services/security.py's SecurityService is one). An audit that also has a
    `draft(action, account_id, email, fields) -> AuditDraft | None` method gets its entries written in
    the transaction of the write itself, instead of `account_changed` after it."""

    async def account_changed(self, action: str, account_id: int, email: str, fields: Iterable[str]) -> None:
        """Record a write: action (create, update, delete, restore, password_set, password_cleared) and
        the names of the fields it changed, never their values."""

    async def check_can_delete(self, account_id: int) -> None:
        """Raise a HomeLogError when this account must not be deleted (the last administrator)."""


class AccountService:
    """Everything the window and the command line do to accounts, on one open database.

    `audit` (optional, settable later) is told about every successful write and asked before a delete."""

    def __init__(self, database: Database, hasher: PasswordHasher, *, audit: AccountAudit | None = None) -> None:
        self.database = database
        self.hasher = hasher
        self.audit = audit
        self._users = UserDao(database)
        self._change_watch: SqliteChangeWatch | None = None

    @classmethod
    async def open(
        cls,
        path: Path | str,
        *,
        bcrypt_cost: int = DEFAULT_BCRYPT_COST,
        create_folder: bool = False,
        create: bool = True,
        read_only: bool = False,
    ) -> AccountService:
        """Open the database at `path`; a missing file is created when `create`, else refused.
        A file that cannot be written (or `read_only`) opens read-only.

        New hashes use the database's scheme: its setting (SecurityService.set_hash_scheme) when it has
        one, else argon2id where it already holds Argon2 hashes, else bcrypt (see `detected_hash_scheme`)."""
        database = await Database.open_sqlite(
            path, create_folder=create_folder, create=create, read_only=read_only
        )
        try:
            scheme = stored_hash_scheme(await read_setting(database, HASH_SCHEME_KEY))
            if scheme is None:
                scheme = detected_hash_scheme(await UserDao(database).holds_argon2_hashes())
        except BaseException:
            await database.close()
            raise
        return cls(database, PasswordHasher(bcrypt_cost, scheme=scheme))

    @property
    def path(self) -> Path:
        """The database file."""
        return self.database.path

    @property
    def read_only(self) -> bool:
        """Whether the database was opened read-only (browsing works, every change is refused)."""
        return self.database.read_only

    @property
    def migration_backup(self) -> Path | None:
        """The copy written before this open upgraded the schema, if it did."""
        return self.database.migration_backup

    def _require_writable(self) -> None:
        if self.database.read_only:
            raise DatabaseError(f"{self.path.name} is open read-only: changes cannot be saved.")

    async def close(self) -> None:
        """Release the database; call before the event loop stops."""
        if self._change_watch is not None:
            self._change_watch.close()
            self._change_watch = None
        await self.database.close()

    async def changed_elsewhere(self) -> bool:
        """Whether the file was written since the last call (by anyone, this app included)."""
        if self._change_watch is None:
            self._change_watch = await asyncio.to_thread(SqliteChangeWatch, self.path)
            return False
        return await asyncio.to_thread(self._change_watch.changed)

    # Reading

    async def count(
        self, search: str | None = None, *, filter: AccountFilter = AccountFilter.ALL, now: datetime | None = None
    ) -> int:
        """How many accounts there are (matching `search` and `filter`, if given; locks as of `now`,
        by default the current time)."""
        return await self._users.count(_clean_search(search), filter=filter, now=now or datetime.now(UTC))

    async def list_page(
        self,
        *,
        sort: SortColumn = SortColumn.ID,
        descending: bool = False,
        search: str | None = None,
        filter: AccountFilter = AccountFilter.ALL,
        now: datetime | None = None,
        limit: int = 200,
        offset: int = 0,
        after: PageKey | None = None,
        before: PageKey | None = None,
    ) -> list[Account]:
        """One page of accounts in display order; see UserDao.list_page for the paging arguments.
        Pass the same `now` to every call about one list, so that its count and pages agree on locks."""
        rows = await self._users.list_page(
            sort=sort, descending=descending, search=_clean_search(search), filter=filter,
            now=now or datetime.now(UTC), limit=limit, offset=offset, after=after, before=before,
        )
        return [Account.from_row(row) for row in rows]

    async def position_of(
        self,
        account_id: int,
        *,
        sort: SortColumn,
        descending: bool,
        search: str | None = None,
        filter: AccountFilter = AccountFilter.ALL,
        now: datetime | None = None,
    ) -> int | None:
        """The row an account has in the sorted, searched, filtered list; None when it is not there."""
        return await self._users.position_of(
            account_id, sort=sort, descending=descending, search=_clean_search(search), filter=filter,
            now=now or datetime.now(UTC),
        )

    async def get(self, account_id: int) -> Account:
        """One account by id; NotFoundError when it does not exist."""
        return Account.from_user(await self._users.get(account_id))

    async def find(self, reference: str) -> Account:
        """An account by id (digits) or email address (any case)."""
        reference = reference.strip()
        if reference.isascii() and reference.isdigit():  # str.isdigit() also accepts '²', which int() refuses
            return await self.get(int(reference))
        user = await self._users.get_by_email(reference)
        if user is None:
            raise NotFoundError(f"with the email {reference}")
        return Account.from_user(user)

    # Writing

    @_own_write
    async def create(self, email: str, username: str | None = None, password: str | None = None) -> Account:
        """Add an account, with a password if given; account and password are saved together."""
        self._require_writable()
        email, username = clean_account_fields(email, username)
        hashed = None
        if password is not None:
            _check_password(password, self.hasher.scheme)
            hashed = await self.hasher.hash(password)
        fields = ["email", "username"] + (["password"] if hashed else [])
        account = Account.from_user(await self._users.create(
            email=email, username=username, hashed_password=hashed, audit=self._audit_hook("create", fields)
        ))
        await self._audit("create", account, fields)
        return account

    @_own_write
    async def update(
        self, account_id: int, *, email: str, username: str | None, based_on: Account | None = None
    ) -> Account:
        """Change an account's email address and name. With `based_on` (the account as the user saw
        it), refuse with ConflictError if it was changed elsewhere since: never a silent overwrite."""
        self._require_writable()
        email, username = clean_account_fields(email, username)
        expected = based_on.state() if based_on else None
        before = based_on
        if self.audit is not None and before is None:
            found = await self._users.get_many([account_id])
            before = Account.from_user(found[0]) if found else None
        changed = [
            name for name, value in (("email", email), ("username", username))
            if before is None or getattr(before, name) != value
        ]
        account = Account.from_user(await self._users.update(
            account_id, email=email, username=username, expected=expected,
            audit=self._audit_hook("update", changed) if changed else None,
        ))
        if changed:
            await self._audit("update", account, changed)
        return account

    @_own_write
    async def delete(self, account_id: int, *, based_on: Account | None = None) -> DeletedAccount:
        """Remove an account and its password (ConflictError if it changed since `based_on`).
        home-log's data sources and readings that referred to it stay, without the reference.
        The result undoes the delete when handed to `undo_delete`."""
        self._require_writable()
        if self.audit is not None:
            await self.audit.check_can_delete(account_id)  # never the last administrator
        deleted = DeletedAccount(await self._users.delete(
            account_id, expected=based_on.state() if based_on else None, audit=self._audit_hook("delete", [])
        ))
        if self.audit is not None and not hasattr(self.audit, "draft"):
            await self.audit.account_changed("delete", deleted.snapshot.id, deleted.email, [])
        return deleted

    @_own_write
    async def undo_delete(self, deleted: DeletedAccount) -> Account:
        """Put a deleted account back as it was: id, email, name, dates, password, references, and its
        role, disabled flag, lockout and last sign-in (an administrator comes back an administrator)."""
        self._require_writable()
        fields = ["email", "username"] + (["password"] if deleted.snapshot.hashed_password is not None else [])
        account = Account.from_user(
            await self._users.restore_deleted(deleted.snapshot, audit=self._audit_hook("restore", fields))
        )
        await self._audit("restore", account, fields)
        return account

    async def dependents(self, account_id: int) -> Dependents:
        """What in home-log's data refers to an account (shown before deleting it)."""
        counts = await self._users.count_references(account_id)
        return Dependents(
            data_sources=counts.get(("data_sources", "owner_id"), 0),
            readings=counts.get(("readings", "created_by_id"), 0),
        )

    @_own_write
    async def set_password(self, account_id: int, password: str) -> Account:
        """Give an account a new password (checked against the policy, then hashed off the loop)."""
        self._require_writable()
        _check_password(password, self.hasher.scheme)
        await self._users.get(account_id)  # refuse early, before spending a hash on a missing account
        hashed = await self.hasher.hash(password)
        account = Account.from_user(
            await self._users.set_password(account_id, hashed, audit=self._audit_hook("password_set", ["password"]))
        )
        await self._audit("password_set", account, ["password"])
        return account

    @_own_write
    async def clear_password(self, account_id: int) -> Account:
        """Remove an account's password; it can no longer sign in with one."""
        self._require_writable()
        account = Account.from_user(
            await self._users.clear_password(account_id, audit=self._audit_hook("password_cleared", ["password"]))
        )
        await self._audit("password_cleared", account, ["password"])
        return account

    def _audit_hook(self, action: str, fields: list[str]) -> AuditHook | None:
        """The audit entry of a write, made in the write's own transaction (when the audit can draft
        entries, as SecurityService does): the change and its record are saved together or not at all."""
        draft = getattr(self.audit, "draft", None)
        if draft is None:
            return None
        return lambda user: draft(action, user.id, user.email, fields)

    async def _audit(self, action: str, account: Account, fields: list[str]) -> None:
        """An audit that cannot draft entries is told after the write instead."""
        if self.audit is not None and not hasattr(self.audit, "draft"):
            await self.audit.account_changed(action, account.id, account.email, fields)

    async def check_password(self, account_id: int, password: str) -> bool:
        """Whether `password` is the account's password. InvalidInputError when it has none."""
        hashed = await self._users.get_password_hash(account_id)
        if hashed is None:
            raise InvalidInputError("This account has no password to check against.")
        return await self.hasher.verify(password, hashed)


def _check_password(password: str, scheme: HashScheme) -> None:
    problems = password_problems(password, scheme)
    if problems:
        raise InvalidInputError(problems)


def _clean_search(search: str | None) -> str | None:
    search = (search or "").strip()
    return search or None


def stored_hash_scheme(value: str | None) -> HashScheme | None:
    """The scheme a database's setting names; None when it has none (or an unknown one: then the
    scheme is detected, as without a setting)."""
    for scheme in HASH_SCHEMES:
        if value == scheme:
            return scheme
    return None


def detected_hash_scheme(holds_argon2: bool) -> HashScheme:
    """The scheme of new hashes in a database without a setting: home-log's backend checks Argon2id
    only, so where its Argon2 hashes are, new ones are Argon2id too; elsewhere bcrypt."""
    return "argon2id" if holds_argon2 else "bcrypt"
