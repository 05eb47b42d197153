"""What the accounts table shows (an order, a search, a filter), and the counts of a list already read,
which a new order of the same accounts uses again instead of counting."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from homelog_desktop.services.accounts import AccountFilter, SortColumn


@dataclass(frozen=True, slots=True)
class Query:
    """What the table shows: an order, an optional search and a filter (both must hold)."""

    sort: SortColumn = SortColumn.ID
    descending: bool = False
    search: str = ""
    filter: AccountFilter = AccountFilter.ALL


@dataclass(frozen=True, slots=True)
class Counted:
    """The counts of the last list read: of its search and filter, and of every account."""

    search: str
    filter: AccountFilter
    total: int
    total_unfiltered: int


def known_counts(counted: Counted | None, query: Query) -> asyncio.Future[list[int]] | None:
    """The counts read before, as a done future, when they are of this query's search and filter (a count
    of locked accounts is read again: locks run out as time passes); else None."""
    if counted is None or (counted.search, counted.filter) != (query.search, query.filter):
        return None
    if query.filter is AccountFilter.LOCKED:
        return None
    known: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()
    known.set_result([counted.total, counted.total_unfiltered])
    return known
