"""The accounts marked in the table, by id: some accounts, or (Ctrl+A) every account of the search and
filter except some, also those on pages not loaded yet. Qt's own selection holds rows, which a sort or a
refresh makes other rows; this keeps the ids and selects their rows again as pages load. Rows selected
before their page is read (a Shift-range far down) get their ids read, a page of ids at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Signal

from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.services.bulk import Selection
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.operations import Operations

_SELECT = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
_DESELECT = QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows
ID_READ = 1000  # ids of rows not loaded are read this many at a time


class MarkedAccounts(QObject):
    """What is selected, as ids: `ids` marked, or (`everything`) every account of `query_key` except `ids`."""

    changed = Signal()  # the marked accounts (or their count) changed

    def __init__(self, *, model: AccountsTableModel, selection: QItemSelectionModel, tasks: Operations) -> None:
        super().__init__(selection)
        self.model = model
        self.selection = selection
        self.tasks = tasks
        self.everything = False
        self.ids: set[int] = set()
        self.query_key: tuple[str, AccountFilter] = ("", AccountFilter.ALL)
        self.clearing = False  # the view's latest selection command started afresh (a plain click)
        self._syncing = False  # selecting rows again ourselves: not a change by the user
        self._reads: list[asyncio.Task[None]] = []
        self._lock = asyncio.Lock()
        selection.selectionChanged.connect(self._qt_changed)
        model.loaded.connect(self.reapply)
        model.page_loaded.connect(self._page_loaded)

    # What is marked

    @property
    def count(self) -> int:
        """How many accounts are marked."""
        return max(0, self.model.total - len(self.ids)) if self.everything else len(self.ids)

    def is_marked(self, account_id: int) -> bool:
        """Whether this account is marked."""
        return (account_id in self.ids) != self.everything

    def as_selection(self) -> Selection:
        """The marked accounts for the services (ids, or everything matching except some)."""
        if self.everything:
            return Selection.matching(self.query_key[0], self.query_key[1], excluding=sorted(self.ids))
        return Selection.of(sorted(self.ids))

    async def settled(self) -> None:
        """Wait until the ids of rows selected before their page was read are known."""
        while self._reads:
            await asyncio.gather(*self._reads, return_exceptions=True)
            self._reads = [task for task in self._reads if not task.done()]

    def select_everything(self) -> None:
        """Ctrl+A: every account of the current search and filter, loaded or not."""
        self.everything, self.ids = True, set()
        self.query_key = (self.model.query.search, self.model.query.filter)
        self._select_all_rows()
        self.changed.emit()

    def clear(self) -> None:
        """Nothing marked (after the marked accounts were deleted)."""
        self.everything, self.ids = False, set()
        self._sync(lambda: self.selection.clearSelection())
        self.changed.emit()

    # Following Qt's selection

    def _qt_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing:
            return
        if self.clearing:  # a plain click or arrow: what Qt selects now is all there is
            self.clearing = False
            self.everything, self.ids = False, set()
            self._mark(self.selection.selection(), marked=True)
        else:
            self._mark(deselected, marked=False)
            self._mark(selected, marked=True)
        self.changed.emit()

    def _mark(self, ranges: QItemSelection, *, marked: bool) -> None:
        for number in range(ranges.size()):
            first, last = ranges.at(number).top(), ranges.at(number).bottom()
            size = self.model.page_size
            for page_number in range(first // size, last // size + 1):
                start, end = max(first, page_number * size), min(last, page_number * size + size - 1)
                page = self.model.page(page_number)
                if page is not None and len(page) > end - page_number * size:
                    self._set(
                        (page[row - page_number * size].id for row in range(start, end + 1)), marked=marked
                    )
                else:
                    self._read_ids(start, end, marked=marked)

    def _set(self, ids: Iterable[int], *, marked: bool) -> None:
        if marked != self.everything:
            self.ids.update(ids)
        else:
            self.ids.difference_update(ids)

    def _read_ids(self, first: int, last: int, *, marked: bool) -> None:
        task = self.tasks.start(self._read(self.model.source()[1], first, last, marked), name="selected ids")
        self._reads.append(task)

    async def _read(self, generation: int, first: int, last: int, marked: bool) -> None:
        async with self._lock:  # in the order the user chose
            (service, _), query = self.model.source(), self.model.query
            for start in range(first, last + 1, ID_READ):
                if service is None or generation != self.model.source()[1]:
                    return  # other rows now: those rows were selected again from the ids, or cleared
                rows = await service.list_page(
                    sort=query.sort, descending=query.descending, search=query.search, filter=query.filter,
                    now=self.model.now, offset=start, limit=min(ID_READ, last + 1 - start),
                )
                if generation == self.model.source()[1]:
                    self._set((account.id for account in rows), marked=marked)
                    self.changed.emit()

    # Selecting the rows again

    def reapply(self) -> None:
        """After the rows were read again: drop the marks of another search or filter, else select the
        loaded rows of the marked accounts (every row, for everything)."""
        if (self.model.query.search, self.model.query.filter) != self.query_key:
            self.query_key = (self.model.query.search, self.model.query.filter)
            if self.everything or self.ids:
                self.everything, self.ids = False, set()
                self.changed.emit()
                return
        if self.everything:
            self._select_all_rows()
        self._page_loaded(None)
        self.changed.emit()

    def _page_loaded(self, page_number: int | None) -> None:
        if not (self.ids or self.everything):
            return
        pages = [page_number] if page_number is not None else list(range(self.model.total // self.model.page_size + 1))
        changes = QItemSelection()
        for number in pages:
            page = self.model.page(number)
            for offset, account in enumerate(page or ()):
                if account.id in self.ids:
                    row = number * self.model.page_size + offset
                    changes.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        if not changes.isEmpty():
            self._sync(lambda: self.selection.select(changes, _DESELECT if self.everything else _SELECT))

    def _select_all_rows(self) -> None:
        if self.model.total:
            last = self.model.index(self.model.total - 1, self.model.columnCount() - 1)
            every = QItemSelection(self.model.index(0, 0), last)
            self._sync(lambda: self.selection.select(every, QItemSelectionModel.SelectionFlag.ClearAndSelect))

    def _sync(self, change: object) -> None:
        self._syncing = True
        try:
            change()  # type: ignore[operator]
        finally:
            self._syncing = False
