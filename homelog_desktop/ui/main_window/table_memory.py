"""What the window remembers of the accounts table for the user (QSettings): the widths of the columns the
user may resize, the hidden columns, the sort column and order, and the Show filter; restored at start,
before a database is read, so that its first read is already in that order."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox

from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.ui.accounts_table.columns import COLUMNS
from homelog_desktop.ui.accounts_table.query import Query
from homelog_desktop.ui.accounts_table.view import EMAIL_COLUMN, STRETCHED, AccountsTableView

WIDTHS_KEY = "table/widths"
HIDDEN_KEY = "table/hidden"
SORT_KEY = "table/sort"
DESCENDING_KEY = "table/descending"
FILTER_KEY = "table/filter"
# Columns are remembered by title, so that a column added or moved in a later version finds its own.
TITLES = [column.title for column in COLUMNS]


def _texts(value: object) -> list[str]:
    """A list QSettings gives back: None, one string (a list of one), or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(item) for item in value] if isinstance(value, list | tuple) else []


class TableMemory:
    """Saves and restores how the table is shown; nothing is saved that could make it unusable."""

    def __init__(self, *, settings: QSettings, table: AccountsTableView, filter_box: QComboBox) -> None:
        self.settings = settings
        self.table = table
        self.filter_box = filter_box

    def save(self) -> None:
        """Remember the table as it is now (the window is closing)."""
        header = self.table.horizontalHeader()
        widths = [f"{title}={self.table.columnWidth(column)}" for column, title in enumerate(TITLES)
                  if column not in STRETCHED and not header.isSectionHidden(column)]
        self.settings.setValue(WIDTHS_KEY, widths)
        self.settings.setValue(HIDDEN_KEY, [title for column, title in enumerate(TITLES)
                                            if header.isSectionHidden(column)])
        query = self.table.accounts.query
        self.settings.setValue(SORT_KEY, TITLES[self.table.accounts.column_of(query.sort)])
        self.settings.setValue(DESCENDING_KEY, query.descending)
        self.settings.setValue(FILTER_KEY, query.filter.value)

    def restore(self) -> None:
        """Show the table as last time. Before any database is open: the model takes the order and filter
        as its query without reading, and the header and Show box are set to agree with it."""
        self._restore_columns()
        model = self.table.accounts
        sort_title = str(self.settings.value(SORT_KEY, ""))
        column = TITLES.index(sort_title) if sort_title in TITLES else -1
        sort = COLUMNS[column].sort if column >= 0 else None
        descending = str(self.settings.value(DESCENDING_KEY, "false")).lower() == "true"
        try:
            account_filter = AccountFilter(str(self.settings.value(FILTER_KEY, AccountFilter.ALL.value)))
        except ValueError:
            account_filter = AccountFilter.ALL
        model.query = Query(
            sort if sort is not None else model.query.sort, descending if sort is not None else False,
            model.query.search, account_filter,
        )
        order = Qt.SortOrder.DescendingOrder if model.query.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(model.column_of(model.query.sort), order)
        index = self.filter_box.findData(account_filter)
        if index >= 0:
            self.filter_box.setCurrentIndex(index)

    def _restore_columns(self) -> None:
        header = self.table.horizontalHeader()
        for entry in _texts(self.settings.value(WIDTHS_KEY)):
            title, _, width = entry.rpartition("=")
            if title in TITLES and width.isdigit() and TITLES.index(title) not in STRETCHED:
                column = TITLES.index(title)
                # Never narrower than the header's minimum, never wider than a large screen.
                self.table.setColumnWidth(column, max(header.minimumSectionSize(), min(int(width), 1200)))
        hidden = set(_texts(self.settings.value(HIDDEN_KEY)))
        for column, title in enumerate(TITLES):
            header.setSectionHidden(column, title in hidden and column != EMAIL_COLUMN)  # the email always shows
