"""The accounts table's columns (title, sort order, how each shows an account) and its Show filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from homelog_desktop.services.account import UnreadableTime
from homelog_desktop.services.accounts import Account, AccountFilter, SortColumn
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, date_time, translate

# The table's texts are translated in context "AccountsTable"; the tables below keep the English source
# (remembered settings name columns by it) and translate it where it is shown.
NO_PASSWORD = QT_TRANSLATE_NOOP("AccountsTable", "none")
NEVER = QT_TRANSLATE_NOOP("AccountsTable", "never")
ENGLISH_MINUTES = "yyyy-MM-dd HH:mm"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the table: its title, the order it sorts by (None: it cannot be sorted by, as no index
    holds its key), how it shows an account at a moment (`now` decides locks and password ages), and
    whether its texts line up on the right (numbers)."""

    title: str
    sort: SortColumn | None
    text: Callable[[Account, datetime], str]
    right_aligned: bool = False

    @property
    def shown_title(self) -> str:
        """The title in the window's language."""
        return translate("AccountsTable", self.title)


def local_time(moment: datetime | UnreadableTime | None) -> str:
    """A timestamp in the user's local time, to the minute; a stored value that is not a time (another
    program's) as the text it is, marked."""
    if isinstance(moment, UnreadableTime):
        return translate("AccountsTable", "{text} (not a time)").format(text=moment.text)
    if not moment:
        return ""
    if translate("Formats", "yyyy-MM-dd HH:mm") != ENGLISH_MINUTES:
        return date_time(moment)
    local = moment.astimezone()
    # What strftime("%Y-%m-%d %H:%M") says in half the time: rows are formatted as they are first painted.
    return "%04d-%02d-%02d %02d:%02d" % (local.year, local.month, local.day, local.hour, local.minute)  # noqa: UP031


def _until(moment: datetime, now: datetime) -> str:
    """A coming moment in local time: the time alone when it is today."""
    local = moment.astimezone()
    return local.strftime("%H:%M") if local.date() == now.astimezone().date() else local_time(moment)


def status_text(account: Account, now: datetime) -> str:
    """What keeps an account from signing in normally, e.g. "Disabled, locked until 14:05"; empty when fine."""
    parts = []
    if account.disabled:
        parts.append(translate("AccountsTable", "disabled"))
    if account.locked_at(now):
        assert account.locked_until is not None
        parts.append(translate("AccountsTable", "locked until {time}").format(time=_until(account.locked_until, now)))
    if account.must_change_password:
        parts.append(translate("AccountsTable", "must change password"))
    text = translate("AccountsTable", ", ").join(parts)
    return text[:1].upper() + text[1:]


def password_age(account: Account, now: datetime) -> str:
    """How long ago the password was set: "today", "3 days", "5 months", "2 years"; empty without one."""
    if not account.has_password or account.password_updated_at is None:
        return ""
    if isinstance(account.password_updated_at, UnreadableTime):
        return translate("AccountsTable", "unknown")
    days = (now - account.password_updated_at).days
    if days < 1:
        return translate("AccountsTable", "today")
    if days < 31:
        return translate("AccountsTable", "%n day(s)", None, days)
    # (Whole months and years: divided before the calls, as lupdate reads "//" as a comment.)
    months, years = divmod(days, 30)[0], divmod(days, 365)[0]
    if days < 365:
        return translate("AccountsTable", "%n month(s)", None, months)
    return translate("AccountsTable", "%n year(s)", None, years)


def _password(account: Account, _now: datetime) -> str:
    return translate("AccountsTable", "set") if account.has_password else translate("AccountsTable", NO_PASSWORD)


def _role(account: Account, _now: datetime) -> str:
    return translate("AccountsTable", "Administrator") if account.is_administrator else translate("AccountsTable",
        "Member")


def _last_sign_in(account: Account, _now: datetime) -> str:
    return local_time(account.last_sign_in_at) or translate("AccountsTable", NEVER)


COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("AccountsTable", "ID"), SortColumn.ID, lambda a, _now: str(a.id), right_aligned=True),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Email"), SortColumn.EMAIL, lambda a, _now: a.email),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Name"), SortColumn.USERNAME, lambda a, _now: a.username or ""),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Password"), SortColumn.HAS_PASSWORD, _password),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Role"), None, _role),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Status"), None, status_text),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Last sign-in"), None, _last_sign_in),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Password age"), None, password_age),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Created"), SortColumn.CREATED_AT, lambda a,
        _now: local_time(a.created_at)),
    Column(QT_TRANSLATE_NOOP("AccountsTable", "Updated"), SortColumn.UPDATED_AT, lambda a,
        _now: local_time(a.updated_at)),
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

    @property
    def shown_label(self) -> str:
        """The label in the window's language."""
        return translate("AccountsTable", self.label)

    @property
    def shown_empty(self) -> str:
        """What an empty list says, in the window's language."""
        return translate("AccountsTable", self.empty)


_T = QT_TRANSLATE_NOOP
FILTER_CHOICES: tuple[FilterChoice, ...] = (
    FilterChoice(AccountFilter.ALL, _T("AccountsTable", "All accounts"),
                 _T("AccountsTable", "No accounts yet. Press Ctrl+N to add the first one.")),
    FilterChoice(AccountFilter.ADMINISTRATORS, _T("AccountsTable", "Administrators"),
                 _T("AccountsTable", "No account is an administrator.")),
    FilterChoice(AccountFilter.DISABLED, _T("AccountsTable", "Disabled"), _T("AccountsTable",
        "No account is disabled.")),
    FilterChoice(AccountFilter.LOCKED, _T("AccountsTable", "Locked"), _T("AccountsTable", "No account is locked.")),
    FilterChoice(AccountFilter.MUST_CHANGE_PASSWORD, _T("AccountsTable", "Must change password"),
                 _T("AccountsTable", "No account must change its password.")),
    FilterChoice(AccountFilter.NO_PASSWORD, _T("AccountsTable", "No password"),
                 _T("AccountsTable", "Every account has a password.")),
    FilterChoice(AccountFilter.NEVER_SIGNED_IN, _T("AccountsTable", "Never signed in"),
                 _T("AccountsTable", "Every account has signed in at least once.")),
)
FILTER_CHOICE = {choice.filter: choice for choice in FILTER_CHOICES}


def cell_tooltip(account: Account, column: int, now: datetime) -> str | None:
    """The tooltip of a cell: what a password, a status or a password age means for this account."""
    if column == PASSWORD_COLUMN:
        if account.has_password:
            return translate("AccountsTable", "This account has a password.")
        return translate("AccountsTable", "No password: cannot sign in.")
    if column == STATUS_COLUMN:
        lines = []
        if account.disabled:
            lines.append(translate("AccountsTable",
                "Disabled: this account cannot sign in until an administrator enables it."))
        if account.locked_at(now):
            assert account.locked_until is not None
            lines.append(translate("AccountsTable", "Locked after too many failed sign-ins, until {time} (local time).")
                         .format(time=local_time(account.locked_until)))
        if account.must_change_password:
            lines.append(translate("AccountsTable", "Must choose a new password at the next sign-in."))
        return "\n".join(lines) or None
    if column == PASSWORD_AGE_COLUMN and account.has_password and account.password_updated_at is not None:
        return translate("AccountsTable", "Password set {time}").format(time=local_time(account.password_updated_at))
    return None
