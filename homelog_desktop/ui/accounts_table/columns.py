"""The accounts table's columns (title, sort order, how each shows an account) and its Show filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from homelog_desktop.services.account import UnreadableTime
from homelog_desktop.services.accounts import Account, AccountFilter, SortColumn

NO_PASSWORD = "none"
NEVER = "never"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the table: its title, the order it sorts by (None: it cannot be sorted by, as no index
    holds its key), how it shows an account at a moment (`now` decides locks and password ages), and
    whether its texts line up on the right (numbers)."""

    title: str
    sort: SortColumn | None
    text: Callable[[Account, datetime], str]
    right_aligned: bool = False


def local_time(moment: datetime | UnreadableTime | None) -> str:
    """A timestamp in the user's local time, to the minute; a stored value that is not a time (another
    program's) as the text it is, marked."""
    if isinstance(moment, UnreadableTime):
        return f"{moment.text} (not a time)"
    if not moment:
        return ""
    local = moment.astimezone()
    # What strftime("%Y-%m-%d %H:%M") says in half the time: rows are formatted as they are first painted.
    return "%04d-%02d-%02d %02d:%02d" % (local.year, local.month, local.day, local.hour, local.minute)  # noqa: UP031


def _until(moment: datetime, now: datetime) -> str:
    """A coming moment in local time: the time alone when it is today."""
    local = moment.astimezone()
    return local.strftime("%H:%M" if local.date() == now.astimezone().date() else "%Y-%m-%d %H:%M")


def status_text(account: Account, now: datetime) -> str:
    """What keeps an account from signing in normally, e.g. "Disabled, locked until 14:05"; empty when fine."""
    parts = []
    if account.disabled:
        parts.append("disabled")
    if account.locked_at(now):
        assert account.locked_until is not None
        parts.append(f"locked until {_until(account.locked_until, now)}")
    if account.must_change_password:
        parts.append("must change password")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" + ("" if number == 1 else "s")


def password_age(account: Account, now: datetime) -> str:
    """How long ago the password was set: "today", "3 days", "5 months", "2 years"; empty without one."""
    if not account.has_password or account.password_updated_at is None:
        return ""
    if isinstance(account.password_updated_at, UnreadableTime):
        return "unknown"
    days = (now - account.password_updated_at).days
    if days < 1:
        return "today"
    if days < 31:
        return _count(days, "day")
    if days < 365:
        return _count(days // 30, "month")
    return _count(days // 365, "year")


COLUMNS: tuple[Column, ...] = (
    Column("ID", SortColumn.ID, lambda a, _now: str(a.id), right_aligned=True),
    Column("Email", SortColumn.EMAIL, lambda a, _now: a.email),
    Column("Name", SortColumn.USERNAME, lambda a, _now: a.username or ""),
    Column("Password", SortColumn.HAS_PASSWORD, lambda a, _now: "set" if a.has_password else NO_PASSWORD),
    Column("Role", None, lambda a, _now: "Administrator" if a.is_administrator else "Member"),
    Column("Status", None, status_text),
    Column("Last sign-in", None, lambda a, _now: local_time(a.last_sign_in_at) or NEVER),
    Column("Password age", None, password_age),
    Column("Created", SortColumn.CREATED_AT, lambda a, _now: local_time(a.created_at)),
    Column("Updated", SortColumn.UPDATED_AT, lambda a, _now: local_time(a.updated_at)),
)
PASSWORD_COLUMN = 3
STATUS_COLUMN = 5
LAST_SIGN_IN_COLUMN = 6
PASSWORD_AGE_COLUMN = 7


@dataclass(frozen=True, slots=True)
class FilterChoice:
    """One choice of the window's "Show" box: the filter, its label, and what an empty list says."""

    filter: AccountFilter
    label: str
    empty: str


FILTER_CHOICES: tuple[FilterChoice, ...] = (
    FilterChoice(AccountFilter.ALL, "All accounts", "No accounts yet. Press Ctrl+N to add the first one."),
    FilterChoice(AccountFilter.ADMINISTRATORS, "Administrators", "No account is an administrator."),
    FilterChoice(AccountFilter.DISABLED, "Disabled", "No account is disabled."),
    FilterChoice(AccountFilter.LOCKED, "Locked", "No account is locked."),
    FilterChoice(AccountFilter.MUST_CHANGE_PASSWORD, "Must change password", "No account must change its password."),
    FilterChoice(AccountFilter.NO_PASSWORD, "No password", "Every account has a password."),
    FilterChoice(AccountFilter.NEVER_SIGNED_IN, "Never signed in", "Every account has signed in at least once."),
)
FILTER_CHOICE = {choice.filter: choice for choice in FILTER_CHOICES}


def cell_tooltip(account: Account, column: int, now: datetime) -> str | None:
    """The tooltip of a cell: what a password, a status or a password age means for this account."""
    if column == PASSWORD_COLUMN:
        return "This account has a password." if account.has_password else "No password: cannot sign in."
    if column == STATUS_COLUMN:
        lines = []
        if account.disabled:
            lines.append("Disabled: this account cannot sign in until an administrator enables it.")
        if account.locked_at(now):
            assert account.locked_until is not None
            lines.append(
                f"Locked after too many failed sign-ins, until {local_time(account.locked_until)} (local time)."
            )
        if account.must_change_password:
            lines.append("Must choose a new password at the next sign-in.")
        return "\n".join(lines) or None
    if column == PASSWORD_AGE_COLUMN and account.has_password and account.password_updated_at is not None:
        return f"Password set {local_time(account.password_updated_at)}"
    return None
