"""The one shape of an account outside the data layer: a frozen `Account` snapshot with its state, the
same whether it comes from a get, a find, a list page, a sign-in or an undo. Never holds a hash."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from homelog_desktop.data.deleted_users import DeletedUser
from homelog_desktop.data.models import StoredTime, UnreadableTime
from homelog_desktop.data.security_models import ROLE_ADMINISTRATOR, ROLE_MEMBER, ROLES
from homelog_desktop.data.user_queries import AccountRow, EditBasis, PageRow
from homelog_desktop.messages import Number, translatable

__all__ = [
    "ROLES", "ROLE_ADMINISTRATOR", "ROLE_MEMBER", "Account", "DeletedAccount", "Dependents", "PageKey", "StoredTime",
    "UnreadableTime", "stored_time_text",
]

# Where a row stands in a sorted list (its sort key and id): the bookmark for keyset paging.
PageKey = tuple[Any, int]


@dataclass(frozen=True, slots=True)
class Account:
    """One account as the window and the command line see it: its fields, its password's age (never the
    password or its hash) and its state; the state's defaults are those of an account without a row."""

    id: int
    email: str
    username: str | None
    has_password: bool
    # Times as stored: another program may have stored something that is not one (an UnreadableTime).
    created_at: StoredTime
    updated_at: StoredTime | None
    password_updated_at: StoredTime | None = None
    page_key: PageKey | None = None  # set on the accounts of a list page
    role: str = ROLE_MEMBER
    disabled: bool = False
    must_change_password: bool = False
    failed_attempts: int = 0
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
    def from_row(cls, row: AccountRow, page_key: PageKey | None = None) -> Account:
        """Snapshot an account row of the data layer (its columns by name)."""
        return cls(
            id=row.id,
            email=row.email,
            username=row.username or None,
            has_password=bool(row.has_password),
            created_at=row.created_at,
            updated_at=row.updated_at,
            password_updated_at=row.password_updated_at,
            page_key=page_key,
            role=row.role or ROLE_MEMBER,
            disabled=bool(row.disabled),
            must_change_password=bool(row.must_change_password),
            failed_attempts=row.failed_attempts or 0,
            locked_until=row.locked_until,
            last_sign_in_at=row.last_sign_in_at,
        )

    @classmethod
    def from_page_row(cls, row: PageRow) -> Account:
        """Snapshot a row of a list page, with its bookmark (sort key, id)."""
        return cls.from_row(row, page_key=(row.sort_key, row.id))

    def basis(self) -> EditBasis:
        """What an edit of this snapshot is based on: refused if the account differs when it is written."""
        return EditBasis.of(self)

    def to_json(self) -> dict[str, Any]:
        """The account as JSON-ready data (never a hash)."""
        return {
            "id": self.id,
            "email": self.email,
            "username": self.username,
            "has_password": self.has_password,
            "created_at": stored_time_text(self.created_at),
            "updated_at": stored_time_text(self.updated_at),
        }


def stored_time_text(moment: StoredTime | None) -> str | None:
    """A stored time as data holds it: ISO 8601, or the raw text of a value that is not a time."""
    if moment is None:
        return None
    return moment.text if isinstance(moment, UnreadableTime) else moment.isoformat()


@dataclass(frozen=True, slots=True)
class Dependents:
    """home-log's rows that refer to an account: data sources it owns, readings it created."""

    data_sources: int = 0
    readings: int = 0

    def describe(self) -> str:
        """A sentence for the delete confirmation (a messages.Text); empty when nothing refers to the account."""
        sources = (translatable("Account", "1 data source") if self.data_sources == 1
            else translatable("Account", "{count} data sources").filled(count=Number(self.data_sources)))
        readings = (translatable("Account", "1 reading") if self.readings == 1
            else translatable("Account", "{count} readings").filled(count=Number(self.readings)))
        if self.data_sources and self.readings:
            return translatable("Account", "It owns {sources} and created {readings}; they stay in home-log without "
                "this account.").filled(sources=sources, readings=readings)
        if self.data_sources:
            return translatable("Account", "It owns {sources}; they stay in home-log without this account.").filled(
                sources=sources)
        if self.readings:
            return translatable("Account", "It created {readings}; they stay in home-log without this account.").filled(
                readings=readings)
        return ""


@dataclass(frozen=True)
class DeletedAccount:
    """A deleted account as it was, to undo the delete; opaque to the window, never shown."""

    snapshot: DeletedUser = field(repr=False)

    @property
    def id(self) -> int:
        """The id the account had."""
        return self.snapshot.id

    @property
    def email(self) -> str:
        """The deleted account's email address."""
        return self.snapshot.email
