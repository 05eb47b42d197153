"""Which accounts a list shows, by their state: the conditions behind the window's "Show" choice.

Each condition is written so that SQLite can answer it fast on a million accounts without ANALYZE:
the rare states (administrators, disabled, locked, must change password) read the matching ids from
HomeLog Desktop's own `homelog_desktop_account_state` table (an IN list that drives the query: the few
matching rows are looked up by id and sorted), while the common ones (no password, never signed in)
are checked row by row (NOT EXISTS on a primary key) as the sort index is walked.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ColumnElement, except_, exists, func, literal, literal_column, select
from sqlalchemy.orm import aliased

from homelog_desktop.data.models import AnySelect, User, UserPassword
from homelog_desktop.data.security_models import ROLE_ADMINISTRATOR, ROLES, AccountState, state_belongs_to

# Aliases of their own, so that a list that also joins these tables cannot correlate them away.
_state = aliased(AccountState, name="filter_state")
_password = aliased(UserPassword, name="filter_password")
_owner = aliased(User, name="filter_owner")


class AccountFilter(enum.Enum):
    """The accounts a list is narrowed to (combined with a search, both must hold)."""

    ALL = "all"
    ADMINISTRATORS = "administrators"
    DISABLED = "disabled"
    LOCKED = "locked"  # locked_until later than the `now` passed in
    MUST_CHANGE_PASSWORD = "must_change_password"
    NO_PASSWORD = "no_password"
    NEVER_SIGNED_IN = "never_signed_in"


def _state_where(account_filter: AccountFilter, now: datetime) -> tuple[ColumnElement[bool], ...] | None:
    """The conditions on the state table of a rare-state filter, None for the other filters."""
    if account_filter is AccountFilter.ADMINISTRATORS:
        return (_state.role == ROLE_ADMINISTRATOR,)
    if account_filter is AccountFilter.DISABLED:
        # Every role listed, so that the (role, disabled) index answers it with one probe per role.
        return (_state.role.in_(ROLES), _state.disabled == literal(True))
    if account_filter is AccountFilter.LOCKED:
        return (_state.locked_until > now,)
    if account_filter is AccountFilter.MUST_CHANGE_PASSWORD:
        return (_state.must_change_password == literal(True),)
    return None


def walk_is_cheaper(matching: int, total: int, page_size: int) -> bool:
    """Whether a page of a state filter is read faster by walking the sort index and checking each
    account (about page_size * total / matching checks) than by reading every matching account and
    sorting them (about `matching` rows): when matching² > page_size * total, e.g. more than 14,000
    matching accounts of a million for pages of 200. SQLite cannot tell without ANALYZE (it always reads
    the IN list first), so the DAO decides from the counts it made."""
    return matching * matching > page_size * total


def filter_condition(account_filter: AccountFilter, now: datetime, *, walk: bool = False) -> ColumnElement[bool] | None:
    """The WHERE condition on `users` for a filter; None for ALL. `now` decides which locks still hold.

    A rare-state filter is an IN list read from the state table (SQLite then looks the few accounts
    up by id and sorts them), or with `walk` a check per account (SQLite then walks the sort index)."""
    state_where = _state_where(account_filter, now)
    if state_where is not None:
        if walk:
            return exists().where(state_belongs_to(_state, User), *state_where).correlate(User)
        # Only rows still about their account (same identity): a row of an earlier holder of an id is not.
        current = select(_state.user_id).join(_owner, state_belongs_to(_state, _owner))
        return User.id.in_(current.where(*state_where))
    if account_filter is AccountFilter.NO_PASSWORD:
        return ~exists().where(_password.user_id == User.id).correlate(User)
    if account_filter is AccountFilter.NEVER_SIGNED_IN:
        return ~exists().where(state_belongs_to(_state, User), _state.last_sign_in_at.is_not(None)).correlate(User)
    return None


def filter_count(account_filter: AccountFilter) -> AnySelect | None:
    """A faster statement counting a common-state filter's accounts (no search), None for the others.

    Counted row by row, a million probes of another table's primary key take 1.2 to 1.8 s; here both
    tables are read once in id order and merged (SQLite's MERGE EXCEPT, chosen because of the ORDER BY),
    about 10 times faster. Exact: rows of the other table without an account are never counted. (By id
    only: a state row that another program's reset left under a reused id is removed at the next open or
    write, and until then may miscount the sign-ins, never what a list shows.)"""
    if account_filter is AccountFilter.NO_PASSWORD:
        others: AnySelect = select(_password.user_id)
    elif account_filter is AccountFilter.NEVER_SIGNED_IN:
        others = select(_state.user_id).where(_state.last_sign_in_at.is_not(None))
    else:
        return None
    merged = except_(select(User.id), others).order_by(literal_column("1")).subquery("merged")
    return select(func.count()).select_from(merged)
