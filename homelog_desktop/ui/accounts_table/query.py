"""What the accounts table shows (an order, a search, a filter), the counts of a list already read (which
a new order of the same accounts uses again instead of counting), and how one page of it is read."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homelog_desktop.services.accounts import Account, AccountFilter, AccountService, SortColumn


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


def known_counts(counted: Counted | None, query: Query) -> list[int] | None:
    """The counts read before, when they are of this query's search and filter (a count of locked accounts
    is read again: locks run out as time passes); else None."""
    if counted is None or (counted.search, counted.filter) != (query.search, query.filter):
        return None
    if query.filter is AccountFilter.LOCKED:
        return None
    return [counted.total, counted.total_unfiltered]


async def read_counts(service: AccountService, query: Query, now: datetime, *, known: Counted | None) -> list[int]:
    """The count of the query, then of every account (one count when nothing narrows the list); those
    `known` from the last list instead, where they still hold."""
    counts = known_counts(known, query)
    if counts is not None:
        return counts
    if not query.search and query.filter is AccountFilter.ALL:
        return [await service.count()]
    return list(await asyncio.gather(service.count(query.search, filter=query.filter, now=now), service.count()))


async def read_page(
    service: AccountService, query: Query, now: datetime, page_number: int, total: int, page_size: int,
    *, neighbours: Mapping[int, list[Account]],
) -> list[Account]:
    """One page of a list of `total` rows, in one statement: keyset from a loaded neighbour, else an offset
    from the nearer end."""
    start = page_number * page_size
    size = max(0, min(page_size, total - start))
    if size == 0:
        return []
    common: dict[str, Any] = {
        "sort": query.sort, "search": query.search, "filter": query.filter, "now": now, "limit": size,
    }
    previous, following = neighbours.get(page_number - 1), neighbours.get(page_number + 1)
    if previous and len(previous) == page_size and previous[-1].page_key is not None:
        return await service.list_page(descending=query.descending, after=previous[-1].page_key, **common)
    if following and following[0].page_key is not None:
        return await service.list_page(descending=query.descending, before=following[0].page_key, **common)
    if start > total // 2:
        # Counted from the end, so Ctrl+End and the lower half never skip more than half the rows.
        rows = await service.list_page(descending=not query.descending, offset=total - start - size, **common)
        rows.reverse()
        return rows
    return await service.list_page(descending=query.descending, offset=start, **common)


def forget_reads(*reads: asyncio.Future[Any]) -> None:
    """Cancel the reads a reload no longer needs; a failure of one that ended is taken, so that asyncio does
    not report it as never retrieved (the reload raises its own)."""
    for read in reads:
        if not read.done():
            read.cancel()
        elif not read.cancelled():
            read.exception()
