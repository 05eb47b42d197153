"""Account use cases: list, find, create, edit, delete and undo, and set, clear or check a password.

What leaves this module is an `Account` (services/account.py). Input is validated here, before anything
is written; each write, its guards and its audit entry are one transaction of the data layer.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from homelog_desktop.data.account_filter import AccountFilter
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.data.user_queries import UserSort
from homelog_desktop.errors import DatabaseReadOnlyError, InvalidInputError, NotFoundError, UnreadableHashError
from homelog_desktop.services.account import Account, DeletedAccount, Dependents, PageKey
from homelog_desktop.services.account_validation import clean_account_fields
from homelog_desktop.services.audit import AuditTrail
from homelog_desktop.services.passwords.hashing import PasswordHasher
from homelog_desktop.services.passwords.policy import HashScheme, password_problems

__all__ = ["Account", "AccountFilter", "AccountService", "DeletedAccount", "Dependents", "PageKey", "SortColumn"]

SortColumn = UserSort
SAME_AS_TEMPORARY = "The new password must differ from the temporary one: choose a password of your own."


class AccountService:
    """Everything the window and the command line do to accounts, on one open database."""

    def __init__(
        self, *, users: UserDao, passwords: PasswordDao, hasher: PasswordHasher, audit: AuditTrail, path: Path,
        read_only: bool,
    ) -> None:
        self._users = users
        self._passwords = passwords
        self.hasher = hasher
        self._audit = audit
        self.path = path
        self.read_only = read_only

    def _require_writable(self) -> None:
        # Checked before any hashing, so a refusal costs nothing; the data layer refuses too.
        if self.read_only:
            raise DatabaseReadOnlyError(self.path)

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
        return [Account.from_page_row(row) for row in rows]

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
        return Account.from_row(await self._users.get(account_id))

    async def find(self, reference: str) -> Account:
        """An account by id (digits) or email address (any case); a blank reference names none."""
        reference = reference.strip()
        if not reference:
            raise InvalidInputError.no_account_named()
        if reference.isascii() and reference.isdigit():  # str.isdigit() also accepts '²', which int() refuses
            return await self.get(int(reference))
        row = await self._users.get_by_email(reference)
        if row is None:
            raise NotFoundError.with_email(reference)
        return Account.from_row(row)

    async def dependents(self, account_id: int) -> Dependents:
        """What in home-log's data refers to an account (shown before deleting it)."""
        counts = await self._users.count_references(account_id)
        return Dependents(
            data_sources=counts.get(("data_sources", "owner_id"), 0),
            readings=counts.get(("readings", "created_by_id"), 0),
        )

    # Writing

    async def create(self, email: str, username: str | None = None, password: str | None = None) -> Account:
        """Add an account, with a password if given; account, password and audit entry are saved together."""
        self._require_writable()
        email, username = clean_account_fields(email, username)
        hashed = None
        if password is not None:
            _check_password(password, self.hasher.scheme)
            hashed = await self.hasher.hash(password)
        fields = ["email", "username"] + (["password"] if hashed else [])
        return Account.from_row(await self._users.create(
            email=email, username=username, hashed_password=hashed, audit=self._audit.draft("create", fields)
        ))

    async def create_first_administrator(self, email: str, username: str | None, password: str) -> Account:
        """The first run of a database without an administrator: an account made its first administrator,
        signed in (its Last sign-in is now), in one transaction; AdministratorExistsError when one was
        made meanwhile (nothing written)."""
        self._require_writable()
        email, username = clean_account_fields(email, username)
        _check_password(password, self.hasher.scheme)
        hashed = await self.hasher.hash(password)
        entries = (self._audit.draft("make_administrator", ["role"]), self._audit.draft("sign_in"))
        return Account.from_row(await self._users.create(
            email=email, username=username, hashed_password=hashed, first_administrator=entries,
            audit=self._audit.draft("create", ["email", "username", "password"]),
        ))

    async def update(
        self, account_id: int, *, email: str, username: str | None, based_on: Account | None = None
    ) -> Account:
        """Change an account's email address and name. With `based_on` (the account as the user saw
        it), refuse with ConflictError if it was changed elsewhere since: never a silent overwrite."""
        self._require_writable()
        email, username = clean_account_fields(email, username)
        return Account.from_row(await self._users.update(
            account_id, email=email, username=username, audit=self._audit.draft("update"),
            expected=based_on.basis() if based_on else None,
        ))

    async def delete(self, account_id: int, *, based_on: Account | None = None) -> DeletedAccount:
        """Remove an account and its password (ConflictError if it changed since `based_on`; never the
        last enabled administrator). home-log's data sources and readings that referred to it stay,
        without the reference. The result undoes the delete when handed to `undo_delete`."""
        self._require_writable()
        return DeletedAccount(await self._users.delete(
            account_id, audit=self._audit.draft("delete"), expected=based_on.basis() if based_on else None
        ))

    async def undo_delete(self, deleted: DeletedAccount) -> Account:
        """Put a deleted account back as it was: id, email, name, dates, password, references, and its
        role, disabled flag, lockout and last sign-in (an administrator comes back an administrator)."""
        self._require_writable()
        fields = ["email", "username"] + (["password"] if deleted.snapshot.hashed_password is not None else [])
        return Account.from_row(
            await self._users.restore_deleted(deleted.snapshot, audit=self._audit.draft("restore", fields))
        )

    async def set_password(self, account_id: int, password: str, *, temporary: bool | None = None) -> Account:
        """Give an account a new password (checked against the policy, then hashed off the loop).

        `temporary`: True for one an administrator hands out (it must be changed at the next sign-in),
        False for one the account's user chose (which ends an earlier request to change it), None to
        leave that flag as it is. The password and the flag are written in one transaction."""
        self._require_writable()
        _check_password(password, self.hasher.scheme)
        await self._users.get(account_id)  # refuse early, before spending a hash on a missing account
        hashed = await self.hasher.hash(password)
        return Account.from_row(await self._users.set_password(
            account_id, hashed, audit=self._audit.draft("password_set", ["password"]), must_change=temporary,
            must_change_audit=self._audit.draft("must_change_password", ["must_change_password"]),
        ))

    async def replace_temporary_password(self, account_id: int, password: str) -> Account:
        """The password an account chooses after signing in with a temporary one: it must differ from that
        one (InvalidInputError), and it ends the request to change it, in one transaction. ConflictError
        when the password was changed elsewhere meanwhile."""
        self._require_writable()
        _check_password(password, self.hasher.scheme)
        current = await self._passwords.get_hash(account_id)
        if current is not None and await _matches(self.hasher, password, current):
            raise InvalidInputError(SAME_AS_TEMPORARY)
        hashed = await self.hasher.hash(password)
        return Account.from_row(await self._users.set_password(
            account_id, hashed, audit=self._audit.draft("password_set", ["password"]), must_change=False,
            must_change_audit=self._audit.draft("must_change_password", ["must_change_password"]),
            replacing=current,
        ))

    async def clear_password(self, account_id: int) -> Account:
        """Remove an account's password; it can no longer sign in with one."""
        self._require_writable()
        return Account.from_row(await self._users.clear_password(
            account_id, audit=self._audit.draft("password_cleared", ["password"])
        ))

    async def check_password(self, account_id: int, password: str) -> bool:
        """Whether `password` is the account's password, not counted as a sign-in (see SignInService
        for the counted check). InvalidInputError when it has none."""
        hashed = await self._passwords.get_hash(account_id)
        if hashed is None:
            raise InvalidInputError.no_password_to_check()
        return await self.hasher.verify(password, hashed)


async def _matches(hasher: PasswordHasher, password: str, hashed: str) -> bool:
    try:
        return await hasher.verify(password, hashed)
    except UnreadableHashError:
        return False  # a hash nobody can check is no password to repeat


def _check_password(password: str, scheme: HashScheme) -> None:
    problems = password_problems(password, scheme)
    if problems:
        raise InvalidInputError(problems)


def _clean_search(search: str | None) -> str | None:
    search = (search or "").strip()
    return search or None
