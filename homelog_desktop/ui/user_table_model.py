"""The accounts table model: knows the total, holds only the pages near the viewport, fetches the rest.

Rows not loaded yet show a placeholder and are fetched in the background, one statement a page:
keyset paging from a neighbouring page while scrolling, an offset jump (counted from the nearer end)
when the user drags far. Pages far from what was last shown are dropped, so memory stays bounded.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from homelog_desktop.services.accounts import Account, AccountService, SortColumn
from homelog_desktop.ui.async_tools import OwnedTasks

PLACEHOLDER = "…"
NO_PASSWORD = "none"
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_USER = int(Qt.ItemDataRole.UserRole)
_ROLES_ANSWERED = frozenset((_DISPLAY, _FOREGROUND, _ALIGNMENT, _TOOLTIP, _USER))
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the table: its title, the order it sorts by, and how it shows an account."""

    title: str
    sort: SortColumn
    text: Callable[[Account], str]


def local_time(moment: datetime | None) -> str:
    """A timestamp in the user's local time, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


COLUMNS: tuple[Column, ...] = (
    Column("ID", SortColumn.ID, lambda a: str(a.id)),
    Column("Email", SortColumn.EMAIL, lambda a: a.email),
    Column("Name", SortColumn.USERNAME, lambda a: a.username or ""),
    Column("Password", SortColumn.HAS_PASSWORD, lambda a: "set" if a.has_password else NO_PASSWORD),
    Column("Created", SortColumn.CREATED_AT, lambda a: local_time(a.created_at)),
    Column("Updated", SortColumn.UPDATED_AT, lambda a: local_time(a.updated_at)),
)
PASSWORD_COLUMN = 3


@dataclass(frozen=True, slots=True)
class Query:
    """What the table shows: an order and an optional search."""

    sort: SortColumn = SortColumn.ID
    descending: bool = False
    search: str = ""


class UserTableModel(QAbstractTableModel):
    """A paged, read-only model of accounts; it asks the AccountService for pages as the view needs them."""

    loaded = Signal()  # after a reload (count and first rows) has been applied
    page_loaded = Signal(int)  # page number

    def __init__(self, *, tasks: OwnedTasks, page_size: int = 200, max_pages: int = 12) -> None:
        super().__init__()
        self.page_size = page_size
        self.max_pages = max_pages
        self._tasks = tasks
        self._service: AccountService | None = None
        self.query = Query()
        self.total = 0  # rows in the current query
        self.total_unfiltered = 0
        self._pages: OrderedDict[int, list[Account]] = OrderedDict()
        self._texts: dict[int, list[tuple[str, ...] | None]] = {}  # per page, formatted on first paint
        self._last_page_used = -1
        self._muted_color = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self._fetching: dict[int, asyncio.Task[None]] = {}
        self._generation = 0
        self._reload_task: asyncio.Task[int | None] | None = None
        self.loading = False
        # The view's selected account, set by the window: sorting, searching and refreshing keep it.
        self.selected_id: Callable[[], int | None] = lambda: None
        self.kept_id: int | None = None

    # Qt model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each paint: answer unused roles at once, and
        # answer the rest from texts formatted once per row.
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        texts = self._texts_at(row)
        if role == _DISPLAY:
            return PLACEHOLDER if texts is None else texts[column]
        if role == _FOREGROUND:
            if texts is None or (column == PASSWORD_COLUMN and texts[PASSWORD_COLUMN] == NO_PASSWORD):
                return self._muted_color
            return None
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if column == 0 else None
        account = self.account_at(row)
        if role == _TOOLTIP and account is not None and column == PASSWORD_COLUMN:
            return "This account has a password." if account.has_password else "No password: cannot sign in."
        if role == _USER:
            return None if account is None else account.id
        return None

    def _texts_at(self, row: int) -> tuple[str, ...] | None:
        """The display texts of a row, formatted on first use; None (and a fetch) while not loaded."""
        if not 0 <= row < self.total:
            return None
        page_number, offset = divmod(row, self.page_size)
        texts = self._texts.get(page_number)
        if texts is None:
            self._fetch_page(page_number)
            return None
        if page_number != self._last_page_used:  # keep the pages in view out of eviction
            self._pages.move_to_end(page_number)
            self._last_page_used = page_number
        if offset >= len(texts):
            return None
        line = texts[offset]
        if line is None:
            account = self._pages[page_number][offset]
            line = texts[offset] = tuple(column.text(account) for column in COLUMNS)
        return line

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        query = Query(COLUMNS[column].sort, descending, self.query.search)
        if query != self.query:
            self.query = query
            self.reload()

    # Our interface

    def set_service(self, service: AccountService | None) -> None:
        """Show the accounts of another database (or none)."""
        self._service = service
        self.beginResetModel()
        self._generation += 1
        self._drop_pages()
        self.total = self.total_unfiltered = 0
        self.endResetModel()
        if service is not None:
            self.reload()

    def set_search(self, text: str) -> None:
        """Show only accounts whose email or name contains `text`; a newer search cancels an older one."""
        if text.strip() != self.query.search:
            self.query = Query(self.query.sort, self.query.descending, text.strip())
            self.reload()

    def account_at(self, row: int, *, fetch: bool = False) -> Account | None:
        """The account shown in `row`, or None while its page is not loaded (fetching it if asked)."""
        if not 0 <= row < self.total:
            return None
        page_number, offset = divmod(row, self.page_size)
        page = self._pages.get(page_number)
        if page is None:
            if fetch:
                self._fetch_page(page_number)
            return None
        self._pages.move_to_end(page_number)
        return page[offset] if offset < len(page) else None

    def row_of(self, account_id: int) -> int | None:
        """The row of an account among the loaded pages, None when it is not loaded."""
        for page_number, page in self._pages.items():
            for offset, account in enumerate(page):
                if account.id == account_id:
                    return page_number * self.page_size + offset
        return None

    def reload(self, *, keep_id: int | None = None) -> asyncio.Task[int | None]:
        """Re-read the count and the rows around `keep_id` (else the selected account, else the first
        page), then reset the view in one step, so the old rows stay on screen until the new ones are
        there (no flicker). Afterwards `kept_id` is the account to select again, if it is still shown.
        The task's result is the new row of `keep_id`, or None."""
        if keep_id is None:
            keep_id = self.selected_id()
        if self._reload_task is not None and not self._reload_task.done():
            self._reload_task.cancel()  # a newer query wins over an older one
        self._generation += 1
        self.loading = True
        self._reload_task = self._tasks.start(self._reload(self._generation, keep_id), name="reload accounts")
        return self._reload_task

    async def _reload(self, generation: int, keep_id: int | None) -> int | None:
        service = self._service
        if service is None:
            return None
        query = self.query
        try:
            # Independent reads run side by side, each in a session of its own.
            counts = [service.count(query.search), service.count()] if query.search else [service.count()]
            row = None
            if keep_id is None:
                first_page = service.list_page(
                    sort=query.sort, descending=query.descending, search=query.search, limit=self.page_size
                )
                *totals, rows = await asyncio.gather(*counts, first_page)
                page_number = 0
            else:
                where = service.position_of(keep_id, sort=query.sort, descending=query.descending, search=query.search)
                *totals, row = await asyncio.gather(*counts, where)
                page_number = (row // self.page_size) if row is not None else 0
                # No neighbours: the pages held now belong to the old query.
                rows = await self._read_page(service, query, page_number, totals[0], neighbours={})
            total, total_unfiltered = totals[0], totals[-1]
        except BaseException:
            if generation == self._generation:
                self.loading = False
            raise
        if generation != self._generation:
            return None
        self.beginResetModel()
        self._drop_pages()
        self.total = total
        self.total_unfiltered = total_unfiltered
        self._store_page(page_number, rows)
        self.loading = False
        self.kept_id = keep_id if row is not None else None
        self.endResetModel()
        self.loaded.emit()
        return row

    def _fetch_page(self, page_number: int) -> None:
        if page_number in self._fetching or self._service is None or self.loading:
            return
        task = self._tasks.start(self._load_page(self._generation, page_number), name=f"page {page_number}")
        self._fetching[page_number] = task

        def forget(_task: asyncio.Task[None]) -> None:
            if self._fetching.get(page_number) is task:
                del self._fetching[page_number]

        task.add_done_callback(forget)

    async def _load_page(self, generation: int, page_number: int) -> None:
        service = self._service
        assert service is not None
        rows = await self._read_page(service, self.query, page_number, self.total, neighbours=self._pages)
        if generation != self._generation:
            return
        self._store_page(page_number, rows)
        self._evict_far_pages(keep=page_number)
        first = page_number * self.page_size
        last = min(first + self.page_size, self.total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page_number)

    async def _read_page(
        self, service: AccountService, query: Query, page_number: int, total: int,
        *, neighbours: Mapping[int, list[Account]],
    ) -> list[Account]:
        """One statement: keyset from a loaded neighbour, else an offset from the nearer end."""
        start = page_number * self.page_size
        size = max(0, min(self.page_size, total - start))
        if size == 0:
            return []
        common: dict[str, Any] = {"sort": query.sort, "search": query.search, "limit": size}
        previous, following = neighbours.get(page_number - 1), neighbours.get(page_number + 1)
        if previous and len(previous) == self.page_size and previous[-1].page_key is not None:
            return await service.list_page(descending=query.descending, after=previous[-1].page_key, **common)
        if following and following[0].page_key is not None:
            return await service.list_page(descending=query.descending, before=following[0].page_key, **common)
        if start > total // 2:
            # Counted from the end, so Ctrl+End and the lower half never skip more than half the rows.
            rows = await service.list_page(
                descending=not query.descending, offset=total - start - size, **common
            )
            rows.reverse()
            return rows
        return await service.list_page(descending=query.descending, offset=start, **common)

    def _evict_far_pages(self, keep: int) -> None:
        while len(self._pages) > self.max_pages:
            oldest = next(iter(self._pages))
            if oldest == keep:
                self._pages.move_to_end(oldest)
                continue
            del self._pages[oldest]
            del self._texts[oldest]

    def _store_page(self, page_number: int, rows: list[Account]) -> None:
        self._pages[page_number] = rows
        self._texts[page_number] = [None] * len(rows)

    def _drop_pages(self) -> None:
        for task in self._fetching.values():
            task.cancel()
        self._fetching.clear()
        self._pages.clear()
        self._texts.clear()
        self._last_page_used = -1

    @property
    def pending_pages(self) -> int:
        """How many page reads are running."""
        return len(self._fetching)

    @property
    def loaded_row_count(self) -> int:
        """How many account rows are held in memory now."""
        return sum(len(page) for page in self._pages.values())
