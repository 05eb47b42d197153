"""The accounts table model: knows the total, holds only the pages near the viewport, fetches the rest.

Rows not loaded yet show a placeholder and are fetched in the background, one statement a page:
keyset paging from a neighbouring page while scrolling, an offset jump (counted from the nearer end)
when the user drags far. Pages far from what was last shown are dropped, so memory stays bounded.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from homelog_desktop.services.accounts import Account, AccountFilter, AccountService, SortColumn
from homelog_desktop.ui.accounts_table.columns import COLUMNS, FILTER_CHOICE, FilterChoice, cell_tooltip
from homelog_desktop.ui.accounts_table.query import Counted, Query, forget_reads, read_counts, read_page
from homelog_desktop.ui.accounts_table.rows import RowFormatter, ShownRow
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.theme import on_theme_changed

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_USER = int(Qt.ItemDataRole.UserRole)
_ROLES_ANSWERED = frozenset((_DISPLAY, _FOREGROUND, _ALIGNMENT, _TOOLTIP, _USER))
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGNMENTS = tuple(_RIGHT_ALIGNED if column.right_aligned else None for column in COLUMNS)

AnyIndex = QModelIndex | QPersistentModelIndex


async def _breathe() -> None:
    """Let the loop handle what is due (input, timers) between making the rows read into accounts and
    showing them: the view paints them at once, and both in one go would hold the loop twice as long."""
    await asyncio.sleep(0)


class AccountsTableModel(QAbstractTableModel):
    """A paged, read-only model of accounts; it asks the AccountService for pages as the view needs them."""

    loaded = Signal()  # after a reload (count and first rows) has been applied
    first_rows_shown = Signal()  # a reload's first rows are in the model; its count may still be coming
    settled = Signal()  # no reload and no page read runs any more: what is shown is all there is
    page_loaded = Signal(int)  # page number
    # A column that cannot be sorted by was asked for: the column and order still in effect, for the
    # header to show its sort indicator there again (QHeaderView.setSortIndicator).
    sort_kept = Signal(int, Qt.SortOrder)

    def __init__(self, *, tasks: Operations, page_size: int = 200, max_pages: int = 12) -> None:
        super().__init__()
        self.page_size = page_size
        self.max_pages = max_pages
        self._tasks = tasks
        self._service: AccountService | None = None
        self.query = Query()
        self.total = 0  # rows in the current query
        self.total_unfiltered = 0
        self._pages: OrderedDict[int, list[Account]] = OrderedDict()
        # Per page, what each row shows, formatted when first painted or asked for.
        self._shown: dict[int, list[ShownRow | None]] = {}
        self._last_page_used = -1
        # Grey and amber of the scheme in use; the rows' colour tuples hold the formatter's very objects,
        # so that a new scheme recolours them in place (refresh_colors).
        self._formatter = RowFormatter()
        on_theme_changed(self.refresh_colors)
        self.now = datetime.now(UTC)  # the moment the shown list was read: locks and ages are as of then
        self._fetching: dict[int, asyncio.Task[None]] = {}
        self._generation = 0
        self._reload_task: asyncio.Task[int | None] | None = None
        # The search, filter and counts of the last reload applied (a new sort order reads no count).
        self._counted: Counted | None = None
        self.loading = False
        self.counting = False  # the first rows are shown, the count is still being read (total is theirs)
        # The view's selected account, set by the window: sorting, searching and refreshing keep it.
        self.selected_id: Callable[[], int | None] = lambda: None
        self.kept_id: int | None = None

    def refresh_colors(self) -> None:
        """Take the state colours of the scheme now in use, and repaint."""
        self._formatter.refresh_colors()
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, len(COLUMNS) - 1), [_FOREGROUND])

    # Qt model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].shown_title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view paints from shown_row() without asking this; tooltips, accessibility and tests ask.
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self.shown_row(row).texts[column]
        if role == _FOREGROUND:
            return self.shown_row(row).colors[column]
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        account = self.account_at(row)
        if role == _TOOLTIP and account is not None:
            return cell_tooltip(account, column, self.now)
        if role == _USER:
            return None if account is None else account.id
        return None

    def shown_row(self, row: int) -> ShownRow:
        """What a row shows, formatted on first use; a placeholder row (and a read of its page) while
        its page is not loaded."""
        shown = self._shown_at(row, fetch=True)
        return self._formatter.placeholder if shown is None else shown

    def loaded_shown_row(self, row: int) -> ShownRow | None:
        """What a row shows if its page is loaded (formatted on first use), else None: asks for nothing."""
        return self._shown_at(row, fetch=False)

    def _shown_at(self, row: int, *, fetch: bool) -> ShownRow | None:
        if not 0 <= row < self.total:
            return None
        page_number, offset = divmod(row, self.page_size)
        shown = self._shown.get(page_number)
        if shown is None:
            if fetch:
                self._fetch_page(page_number)
            return None
        if page_number != self._last_page_used:  # keep the pages in view out of eviction
            self._pages.move_to_end(page_number)
            self._last_page_used = page_number
        if offset >= len(shown):
            return None
        line = shown[offset]
        if line is None:
            line = shown[offset] = self._formatter.shown(self._pages[page_number][offset], self.now)
        return line

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = COLUMNS[column].sort
        if sort is None:
            # No index holds this column's key: keep the order, and tell the view to show it again.
            current = Qt.SortOrder.DescendingOrder if self.query.descending else Qt.SortOrder.AscendingOrder
            self.sort_kept.emit(self.column_of(self.query.sort), current)
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = Query(sort, descending, self.query.search, self.query.filter)
        if query != self.query:
            self.query = query
            self.reload(recount=False)  # the same accounts in another order: their count is known

    @staticmethod
    def column_of(sort: SortColumn) -> int:
        """The column that sorts by `sort`."""
        return next(number for number, column in enumerate(COLUMNS) if column.sort == sort)

    # Our interface

    def set_service(self, service: AccountService | None) -> None:
        """Show the accounts of another database (or none)."""
        self._service = service
        self._counted = None
        self.beginResetModel()
        self.counting = False
        self._generation += 1
        self._drop_pages()
        self.total = self.total_unfiltered = 0
        self.endResetModel()
        if service is not None:
            self.reload()

    def set_search(self, text: str) -> None:
        """Show only accounts whose email or name contains `text`; a newer search cancels an older one."""
        if text.strip() != self.query.search:
            self.query = Query(self.query.sort, self.query.descending, text.strip(), self.query.filter)
            self.reload()

    @property
    def filter_choice(self) -> FilterChoice:
        """The shown filter's label and empty-list sentence."""
        return FILTER_CHOICE[self.query.filter]

    def set_filter(self, account_filter: AccountFilter) -> None:
        """Show only the accounts in this state (with the search, if any); ALL shows every account."""
        if account_filter != self.query.filter:
            self.query = Query(self.query.sort, self.query.descending, self.query.search, account_filter)
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

    def reload(self, *, keep_id: int | None = None, recount: bool = True) -> asyncio.Task[int | None]:
        """Re-read the count and the rows around `keep_id` (else the selected account, else the first
        page), then reset the view in one step, so the old rows stay on screen until the new ones are
        there (no flicker). Afterwards `kept_id` is the account to select again, if it is still shown.
        The task's result is the new row of `keep_id`, or None. Without `recount` (a new sort order only),
        the counts of the last reload of the same search and filter are used again instead of read."""
        if keep_id is None:
            keep_id = self.selected_id()
        if self._reload_task is not None and not self._reload_task.done():
            self._reload_task.cancel()  # a newer query wins over an older one
        self._generation += 1
        self.loading = True
        self._reload_task = self._tasks.start(
            self._reload(self._generation, keep_id, recount=recount), name="reload accounts"
        )
        return self._reload_task

    async def _reload(self, generation: int, keep_id: int | None, *, recount: bool = True) -> int | None:
        service = self._service
        if service is None:  # no database: nothing to read, so nothing is loading
            if generation == self._generation:
                self.loading = False
                self._settle()
            return None
        query = self.query
        now = datetime.now(UTC)  # one moment for the count and every page: they agree on who is locked
        # Side by side, a session each. The first page does not wait for the counts (a count of a million
        # rows takes longer than a page): it is shown as soon as it is in, the rows below with the counts.
        counting = asyncio.ensure_future(read_counts(service, query, now, known=None if recount else self._counted))
        first = asyncio.ensure_future(service.list_page(
            sort=query.sort, descending=query.descending, limit=self.page_size,
            search=query.search, filter=query.filter, now=now,
        ))
        try:
            rows, page_number = await first, 0
            row = next((offset for offset, account in enumerate(rows) if account.id == keep_id), None)
            if keep_id is not None and row is None:  # not among the first rows: where is it, if anywhere?
                row = await service.position_of(
                    keep_id, sort=query.sort, descending=query.descending, search=query.search,
                    filter=query.filter, now=now,
                )
                if row is not None and row >= self.page_size:  # on another page: read that one (one statement)
                    page_number = row // self.page_size
                    rows = await read_page(
                        service, query, now, page_number, (await counting)[0], self.page_size, neighbours={}
                    )
            await _breathe()
            if generation != self._generation:
                return None
            whole = page_number == 0 and len(rows) < self.page_size  # the list is its first page: counted
            shown_early = not whole and not counting.done()
            if shown_early:  # a list longer than a page: the rows below come with its count
                self._show_first_rows(now, rows)
            unnarrowed = not query.search and query.filter is AccountFilter.ALL
            totals = [len(rows)] if whole and unnarrowed else await counting
        except BaseException:
            if generation == self._generation:
                self.loading = self.counting = False
                self._settle()
            raise
        finally:
            forget_reads(counting, first)
        if generation != self._generation:
            return None
        self._apply(now, query, totals, page_number, rows, shown_early=shown_early)
        self.kept_id = keep_id if row is not None else None
        self.loaded.emit()
        self._settle()
        return row

    def _show_first_rows(self, now: datetime, rows: list[Account]) -> None:
        """Show the first page while the counts are still coming: only its rows, for now."""
        self.beginResetModel()
        self._drop_pages()
        self.now = now
        self.total = len(rows)
        self.counting = True
        self._store_page(0, rows)
        self.endResetModel()
        self.first_rows_shown.emit()

    def _apply(
        self, now: datetime, query: Query, totals: list[int], page_number: int, rows: list[Account],
        *, shown_early: bool,
    ) -> None:
        """The counts are in: show every row (after the first rows shown early, the rows below them added)."""
        total = totals[0]
        shown = self.total
        if not shown_early:
            self.beginResetModel()
            self._drop_pages()
        elif total > shown:
            self.beginInsertRows(QModelIndex(), shown, total - 1)
        elif total < shown:  # some were deleted meanwhile
            self.beginRemoveRows(QModelIndex(), total, shown - 1)
        self.now = now
        self.total, self.total_unfiltered = total, totals[-1]
        self._counted = Counted(query.search, query.filter, total, totals[-1])
        self._store_page(page_number, rows)
        self.loading = self.counting = False
        if not shown_early:
            self.endResetModel()
            self.first_rows_shown.emit()
        elif total > shown:
            self.endInsertRows()
        elif total < shown:
            self.endRemoveRows()

    def _fetch_page(self, page_number: int) -> None:
        if page_number in self._fetching or self._service is None or self.loading:
            return
        task = self._tasks.start(self._load_page(self._generation, page_number), name=f"page {page_number}")
        self._fetching[page_number] = task

        def forget(_task: asyncio.Task[None]) -> None:
            if self._fetching.get(page_number) is task:
                del self._fetching[page_number]
                self._settle()

        task.add_done_callback(forget)

    async def _load_page(self, generation: int, page_number: int) -> None:
        service = self._service
        assert service is not None
        rows = await read_page(
            service, self.query, self.now, page_number, self.total, self.page_size, neighbours=self._pages
        )
        await _breathe()
        if generation != self._generation:
            return
        self._store_page(page_number, rows)
        self._evict_far_pages(keep=page_number)
        first = page_number * self.page_size
        last = min(first + self.page_size, self.total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page_number)

    def _evict_far_pages(self, keep: int) -> None:
        while len(self._pages) > self.max_pages:
            oldest = next(iter(self._pages))
            if oldest == keep:
                self._pages.move_to_end(oldest)
                continue
            del self._pages[oldest]
            del self._shown[oldest]

    def _store_page(self, page_number: int, rows: list[Account]) -> None:
        self._pages[page_number] = rows
        self._shown[page_number] = [None] * len(rows)

    def _drop_pages(self) -> None:
        for task in self._fetching.values():
            task.cancel()
        self._fetching.clear()
        self._pages.clear()
        self._shown.clear()
        self._last_page_used = -1

    def _settle(self) -> None:
        if not self.loading and not self._fetching:
            self.settled.emit()

    def page(self, page_number: int) -> list[Account] | None:
        """The rows of a loaded page (without fetching it), None when it is not loaded."""
        return self._pages.get(page_number)

    def source(self) -> tuple[AccountService | None, int]:
        """The service the rows come from, and the reload they belong to (rows renumbered at each)."""
        return self._service, self._generation

    @property
    def pending_pages(self) -> int:
        """How many page reads are running."""
        return len(self._fetching)

    @property
    def loaded_row_count(self) -> int:
        """How many account rows are held in memory now."""
        return sum(len(page) for page in self._pages.values())

