"""Actions on many accounts at once: a selection (ids, or every account matching a search and filter
except some), resolved to ids a page at a time; the last-administrator rule over the whole set, said
before anything is asked; each change one transaction with one audit entry per account; deletes undone
together."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from homelog_desktop.data.account_filter import AccountFilter
from homelog_desktop.data.account_state_dao import AccountStateDao
from homelog_desktop.data.bulk_dao import BulkDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import DatabaseReadOnlyError, HomeLogError
from homelog_desktop.messages import Number, Text, translatable
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER, Account, DeletedAccount
from homelog_desktop.services.audit import AuditTrail

__all__ = ["BulkAction", "BulkService", "LastAdministratorsInSetError", "Selection", "describe_set"]

ID_PAGE = 1000
NAMED = 3  # how many addresses a confirmation names before "and N more"
Progress = Callable[[int, int], None]


class BulkAction(enum.Enum):
    """What can be done to many accounts at once; the value is the homelog-admin command."""

    DISABLE = "disable"
    ENABLE = "enable"
    UNLOCK = "unlock"
    REQUIRE_PASSWORD_CHANGE = "require-password-change"
    MAKE_MEMBER = "make-member"
    DELETE = "delete"

    @property
    def verb(self) -> str:
        """The verb of a confirmation's button and question ("Disable")."""
        return _VERBS[self]

    @property
    def loses_administrators(self) -> bool:
        """Whether it can leave no enabled administrator (disable, make member, delete)."""
        return self in (BulkAction.DISABLE, BulkAction.MAKE_MEMBER, BulkAction.DELETE)


_VERBS = {
    BulkAction.DISABLE: "Disable", BulkAction.ENABLE: "Enable", BulkAction.UNLOCK: "Unlock",
    BulkAction.REQUIRE_PASSWORD_CHANGE: "Require a new password of", BulkAction.MAKE_MEMBER: "Make members of",
    BulkAction.DELETE: "Delete",
}
# The state each action writes, and the audit action and fields it records (delete is apart).
_CHANGES: dict[BulkAction, tuple[str, dict[str, Any]]] = {
    BulkAction.DISABLE: ("disable", {"disabled": True}),
    BulkAction.ENABLE: ("enable", {"disabled": False}),
    BulkAction.UNLOCK: ("unlock", {"failed_attempts": 0, "locked_until": None}),
    BulkAction.REQUIRE_PASSWORD_CHANGE: ("must_change_password", {"must_change_password": True}),
    BulkAction.MAKE_MEMBER: ("make_member", {"role": ROLE_MEMBER}),
}


@dataclass(frozen=True, slots=True)
class Selection:
    """Accounts chosen in a list: the `ids` given, or (`everything`) every account matching `search`
    and `filter` except `ids`. Never holds the matching accounts themselves."""

    ids: frozenset[int] = frozenset()
    everything: bool = False
    search: str = ""
    filter: AccountFilter = AccountFilter.ALL

    @classmethod
    def of(cls, ids: Sequence[int]) -> Selection:
        """These accounts."""
        return cls(frozenset(ids))

    @classmethod
    def matching(cls, search: str = "", account_filter: AccountFilter = AccountFilter.ALL,
                 *, excluding: Sequence[int] = ()) -> Selection:
        """Every account matching a search and a filter, except some."""
        return cls(frozenset(excluding), everything=True, search=search.strip(), filter=account_filter)

    def includes(self, account_id: int) -> bool:
        """Whether this account (one matching the search and filter, for `everything`) is selected."""
        return (account_id in self.ids) != self.everything

    def count(self, total: int) -> int:
        """How many accounts are selected when `total` match the search and filter."""
        return max(0, total - len(self.ids)) if self.everything else len(self.ids)


# The confirmation's question and the last-administrator refusal of each action, by its verb (whole
# sentences, so that a translation can order them its own way).
_QUESTIONS = {
    "Disable": translatable("Bulk", "Disable {accounts}: {named}?"),
    "Enable": translatable("Bulk", "Enable {accounts}: {named}?"),
    "Unlock": translatable("Bulk", "Unlock {accounts}: {named}?"),
    "Require a new password of": translatable("Bulk", "Require a new password of {accounts}: {named}?"),
    "Make members of": translatable("Bulk", "Make members of {accounts}: {named}?"),
    "Delete": translatable("Bulk", "Delete {accounts}: {named}?"),
}
_EVERY_ADMINISTRATOR = {
    "Disable": translatable("Bulk", "These accounts include every enabled administrator ({named}): disable them "
        "all and nobody could manage the accounts any more. Leave at least one of them out of the selection."),
    "Make members of": translatable("Bulk", "These accounts include every enabled administrator ({named}): make "
        "members of them all and nobody could manage the accounts any more. Leave at least one of them out of the "
        "selection."),
    "Delete": translatable("Bulk", "These accounts include every enabled administrator ({named}): delete them "
        "all and nobody could manage the accounts any more. Leave at least one of them out of the selection."),
}


def _named(emails: Sequence[str], rest: int) -> str:
    """The first NAMED addresses, and "and N more" for the `rest`."""
    named = ", ".join(emails[:NAMED])
    return translatable("Bulk", "{named} and {rest} more").filled(named=named, rest=Number(rest)) if rest > 0 else named


class LastAdministratorsInSetError(HomeLogError):
    """The set holds every enabled administrator, and the action would leave none."""

    def __init__(self, emails: Sequence[str], verb: str) -> None:
        self.emails = list(emails)
        named = _named(self.emails, len(self.emails) - NAMED)
        template = _EVERY_ADMINISTRATOR.get(verb)
        super().__init__(template.filled(named=named) if template is not None else (
            f"These accounts include every enabled administrator ({named}): {verb.lower()} them all and nobody "
            "could manage the accounts any more. Leave at least one of them out of the selection."))


def describe_set(verb: str, emails: Sequence[str], count: int) -> str:
    """"Disable 1,204 accounts: ann@…, bob@…, cy@… and 1,201 more?" (the first NAMED addresses); a
    messages.Text the window shows translated."""
    accounts: Text = (translatable("Bulk", "1 account") if count == 1
        else translatable("Bulk", "{count} accounts").filled(count=Number(count)))
    named = _named(emails, count - min(len(emails), NAMED))
    question = _QUESTIONS.get(verb)
    if question is None:  # a verb without its own sentence: the English one
        return f"{verb} {accounts}: {named}?"
    return question.filled(accounts=accounts, named=named)


@dataclass(frozen=True)
class BulkDeleted:
    """Accounts deleted together, to undo them together; opaque to the window, never shown."""

    accounts: tuple[DeletedAccount, ...] = field(repr=False)


class BulkService:
    """Resolves selections and changes their accounts in one transaction per action."""

    def __init__(
        self, *, users: UserDao, states: AccountStateDao, bulk: BulkDao, audit: AuditTrail, read_only: bool,
    ) -> None:
        self._users = users
        self._states = states
        self._bulk = bulk
        self._audit = audit
        self.read_only = read_only

    async def resolve(self, selection: Selection, *, progress: Progress | None = None, total: int = 0) -> list[int]:
        """The ids of a selection in id order, read a page at a time (`progress(done, total)` after each);
        a selection of ids keeps those that still exist."""
        if not selection.everything:
            ids = sorted(selection.ids)
            found = [state[0] for start in range(0, len(ids), ID_PAGE)
                     for state in await self._states.states_of(ids[start:start + ID_PAGE])]
            return found
        now, after, ids = datetime.now(UTC), 0, []
        while True:
            page = await self._users.ids_page(
                search=selection.search or None, filter=selection.filter, now=now, after=after, limit=ID_PAGE
            )
            ids.extend(user_id for user_id in page if user_id not in selection.ids)
            if progress is not None:
                progress(len(ids), max(total, len(ids)))
            if len(page) < ID_PAGE:
                return ids
            after = page[-1]

    async def accounts_of(self, ids: Sequence[int]) -> list[Account]:
        """These accounts (those that exist), in id order: call with a page of ids at a time."""
        return [Account.from_row(row) for row in await self._users.get_many(list(ids))]

    async def first_emails(self, ids: Sequence[int]) -> list[str]:
        """The addresses of the first accounts of a set, to name them in a confirmation."""
        return [row.email for row in await self._users.get_many(list(ids[:NAMED]))]

    async def check(self, action: BulkAction, ids: Sequence[int]) -> None:
        """LastAdministratorsInSetError when the set holds every enabled administrator and `action` would
        leave none (said before asking; the write checks again, under the write lock)."""
        if not action.loses_administrators:
            return
        admins = [state[1] for start in range(0, len(ids), ID_PAGE)
                  for state in await self._states.states_of(list(ids[start:start + ID_PAGE]))
                  if state[2] == ROLE_ADMINISTRATOR and not state[3]]
        if admins and len(admins) >= await self._states.count_administrators():
            raise LastAdministratorsInSetError(admins, action.verb)

    async def apply(self, action: BulkAction, ids: Sequence[int]) -> list[Account]:
        """Do a state action to every account, in one transaction with an entry per account changed;
        the accounts changed (those already so are left as they are)."""
        self._require_writable()
        audit_action, changes = _CHANGES[action]
        draft = self._audit.draft(audit_action, list(changes))
        return [Account.from_row(row) for row in await self._bulk.update_states(list(ids), changes, draft)]

    async def delete(self, ids: Sequence[int]) -> BulkDeleted:
        """Delete every account in one transaction (an entry each); the result undoes it."""
        self._require_writable()
        deleted = await self._bulk.delete_many(list(ids), self._audit.draft("delete"))
        return BulkDeleted(tuple(DeletedAccount(snapshot) for snapshot in deleted))

    async def undo_delete(self, deleted: BulkDeleted) -> list[Account]:
        """Put every account of a bulk delete back as it was, in one transaction (an entry each)."""
        self._require_writable()
        rows = await self._bulk.restore_many(
            [account.snapshot for account in deleted.accounts], self._audit.draft("restore")
        )
        return [Account.from_row(row) for row in rows]

    def _require_writable(self) -> None:
        if self.read_only:
            raise DatabaseReadOnlyError(self._bulk.database.path)
