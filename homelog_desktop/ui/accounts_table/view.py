"""The accounts table as the window shows it: whole rows, many selected at once (kept by id), sortable,
painted by its own painter (painter.py), columns sized to their content (and shown or hidden from the
titles' context menu); it keeps the selected accounts (or finds them again) whenever the rows are read again."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from homelog_desktop.services.accounts import Account
from homelog_desktop.ui.accounts_table.columns import COLUMNS
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.accounts_table.painter import TablePainter
from homelog_desktop.ui.accounts_table.selection import MarkedAccounts
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.translation import translate

# What each column must have room for (besides its title): its longest usual text. Email and name take
# the room left, shared; the others are as wide as these need, and the user may resize or hide them.
WIDEST_TEXTS = (
    "9999999", "someone@example.org", "Someone", "none", "Administrator", "Must change password",
    "2026-12-31 23:59", "11 months", "2026-12-31 23:59", "2026-12-31 23:59",
)
TRANSLATED_WIDEST = frozenset({3, 4, 5})  # words, in the window's language


def widest_text(column: int) -> str:
    """The longest usual text of a column, in the window's language."""
    if column in TRANSLATED_WIDEST:
        return translate("AccountsTable", WIDEST_TEXTS[column])
    if column == 7:  # password age
        return translate("AccountsTable", "%n month(s)", None, 11)
    return WIDEST_TEXTS[column]


STRETCHED = frozenset({1, 2})  # email, name
EMAIL_COLUMN = 1
ROW_HEIGHT = 26
CELL_PADDING = 14  # the painter's margins and a little air
HEADER_PADDING = 30  # the stylesheet's padding and the sort indicator


class AccountsTableView(QTableView):
    """The table of accounts over an AccountsTableModel; reads run as tasks of the operations runner."""

    def __init__(self, *, model: AccountsTableModel, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userTable")
        self.accounts = model
        self.operations = operations
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift/Ctrl-click, Shift+arrows and Ctrl+A; the accounts marked are kept by id (MarkedAccounts).
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table: rows are chosen with the arrows, not edited
        self.painter = TablePainter(self, model, [column.right_aligned for column in COLUMNS])
        self.verticalHeader().hide()
        # Fixed row heights let the view scroll a million rows without asking every row its size.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(40)
        self.size_columns()
        # Right-click on the titles: which columns to show.
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        # The header's own default indicator is descending: set the model's order first, so that switching
        # sorting on asks the model for the order it already has (a sort asks it to read again).
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAccessibleName(translate("AccountsTable", "Accounts"))
        self.marks = MarkedAccounts(model=model, selection=self.selectionModel(), tasks=operations)
        model.selected_id = self.current_id
        model.loaded.connect(self._restore_selection)  # after the marks selected their rows again
        # Columns that cannot be sorted by keep the order: the header shows its indicator where it was.
        model.sort_kept.connect(lambda column, order: header.setSortIndicator(column, order))

    # Painting

    def paintEvent(self, event: QPaintEvent) -> None:
        # One Python call paints every visible cell (QTableView would call a delegate per cell).
        self.painter.paint(event)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.painter.scrolled()

    # The columns

    def natural_width(self, column: int) -> int:
        """How wide a column needs to be for its title and its longest usual text."""
        cell = self.fontMetrics().horizontalAdvance(widest_text(column)) + CELL_PADDING
        title = self.horizontalHeader().fontMetrics().horizontalAdvance(COLUMNS[column].shown_title) + HEADER_PADDING
        return max(cell, title)

    def size_columns(self) -> None:
        """Each column as wide as its content needs; the email and name share the room left."""
        header = self.horizontalHeader()
        for column in range(len(COLUMNS)):
            stretched = column in STRETCHED
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if stretched else QHeaderView.ResizeMode.Interactive
            )
            self.setColumnWidth(column, self.natural_width(column))

    def column_menu(self) -> QMenu:
        """Show or hide each column (the email always shows: it names the account)."""
        menu = QMenu(self)
        menu.setObjectName("columnMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        header = self.horizontalHeader()
        for column, spec in enumerate(COLUMNS):
            action = menu.addAction(spec.shown_title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != EMAIL_COLUMN)
            action.toggled.connect(lambda shown, column=column: header.setSectionHidden(column, not shown))
        return menu

    def _show_column_menu(self, position: QPoint) -> None:
        self.column_menu().popup(self.horizontalHeader().mapToGlobal(position))

    # The selection

    def selectAll(self) -> None:
        self.marks.select_everything()  # also the rows not loaded: by search and filter, not by row

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        command = super().selectionCommand(index, event)
        marks = getattr(self, "marks", None)  # setModel() asks before the marks exist
        if marks is not None:
            marks.clearing = bool(command & QItemSelectionModel.SelectionFlag.Clear)
        return command

    def selected_account(self) -> Account | None:
        """The selected account when exactly one is selected (and its row is loaded), else None."""
        marks = self.marks
        if marks.count != 1:
            return None
        if marks.everything:
            current = self.current_account()
            return current if current is not None and marks.is_marked(current.id) else None
        row = self.accounts.row_of(next(iter(marks.ids)))
        return None if row is None else self.accounts.account_at(row)

    def current_account(self) -> Account | None:
        """The account of the current row (the one the keyboard is on), None while it is loading."""
        index = self.currentIndex()
        return self.accounts.account_at(index.row()) if index.isValid() else None

    def current_id(self) -> int | None:
        """The account to keep in view when the rows are read again: the selected one, else the current."""
        account = self.selected_account() or self.current_account()
        return account.id if account else None

    def selected_id(self) -> int | None:
        """The id of the selected account, None without one."""
        account = self.selected_account()
        return account.id if account else None

    def select_account(self, account_id: int) -> bool:
        """Select and show the row of an account if it is loaded; whether it was."""
        row = self.accounts.row_of(account_id)
        if row is None:
            return False
        self.select_only(row)
        self.scrollTo(self.accounts.index(row, 0))
        return True

    def select_only(self, row: int) -> None:
        """Select this row alone and make it current (selectRow() would add to the selection while a
        Ctrl key is still reported down)."""
        self.marks.clearing = True
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(self.accounts.index(row, 0), flags)

    def select_first_row_when_loaded(self) -> None:
        """Start with the first account selected, so the keyboard works at once."""

        def select_first() -> None:
            self.accounts.loaded.disconnect(select_first)
            if self.accounts.total and not self.selectionModel().hasSelection():
                self.select_only(0)

        self.accounts.loaded.connect(select_first)

    def _restore_selection(self) -> None:
        """After the table was read again, select the account that was selected (or just saved); with
        several marked, keep them and only go to that row."""
        kept = self.accounts.kept_id
        row = None if kept is None else self.accounts.row_of(kept)
        if row is None:
            self.scrollToTop()  # new rows are read from the top: show those, not placeholders
        elif self.marks.count > 1:
            self.selectionModel().setCurrentIndex(
                self.accounts.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.scrollTo(self.accounts.index(row, 0))
        else:
            self.select_account(kept)  # type: ignore[arg-type]

    # Reading again

    async def refresh(self) -> None:
        """Read the accounts again, keeping the selection."""
        await self._reload(keep_id=self.selected_id())

    def follow_change(self, ids: list[int]) -> asyncio.Task[None]:
        """Read again after accounts changed: one changed account is the one to show (a new one, or the
        one just edited); a deleted one leaves its row selected, now holding its neighbour."""
        keep = ids[0] if len(ids) == 1 else self.current_id()
        current = self.currentIndex()  # not selectedRows(): Ctrl+A selects a million rows
        fallback = current.row() if current.isValid() else None
        return self.operations.start(self._reload(keep_id=keep, fallback_row=fallback), name="follow a change")

    async def _reload(self, keep_id: int | None, fallback_row: int | None = None) -> None:
        row = await self.accounts.reload(keep_id=keep_id)
        if row is None and fallback_row is not None and self.accounts.total:
            row = min(fallback_row, self.accounts.total - 1)
            if self.accounts.account_at(row) is not None:
                self.select_only(row)
