"""The floor a repaint of the accounts table is measured against: a plain QTableView over a
QStandardItemModel holding the same rows (texts, colours, alignment), laid out like the real table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from homelog_desktop.ui.accounts_table.columns import COLUMNS
from homelog_desktop.ui.accounts_table.rows import RowFormatter
from homelog_desktop.ui.accounts_table.view import EMAIL_COLUMN, AccountsTableView
from homelog_desktop.ui.main_window.window import MainWindow


class FloorTable:
    """A top-level widget the size of the window holding a QTableView where the window has its table,
    showing the rows `rows` of the window's table (which must be loaded) with Qt's own delegate."""

    def __init__(self, window: MainWindow, rows: range) -> None:
        table = window.table
        self.first_row = rows.start
        self.model = QStandardItemModel(0, len(COLUMNS))
        self.model.setHorizontalHeaderLabels([column.title for column in COLUMNS])
        # The app's own formatter, so the texts are the same, without filling the model's row cache.
        formatter = RowFormatter()
        for row in rows:
            account = window.model.account_at(row)
            if account is None:
                raise RuntimeError(f"row {row} is not loaded")
            shown = formatter.shown(account, window.model.now)
            items = []
            for column, (text, color) in enumerate(zip(shown.texts, shown.colors, strict=True)):
                item = QStandardItem(text)
                if color is not None:
                    item.setForeground(color)
                if COLUMNS[column].right_aligned:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                items.append(item)
            self.model.appendRow(items)
        self.holder = QWidget()
        self.holder.resize(window.size())
        self.view = QTableView(self.holder)
        self._copy_look(table)
        self.view.setModel(self.model)
        self.match(table)
        self.holder.show()

    def _copy_look(self, table: AccountsTableView) -> None:
        view = self.view
        view.setObjectName(table.objectName())  # the stylesheet's rules for the table apply
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(table.alternatingRowColors())
        view.setWordWrap(False)
        view.setFont(table.font())
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())

    def match(self, table: AccountsTableView) -> None:
        """Place, size, column widths, scroll position and selection as the real table has them now."""
        view = self.view
        corner = table.mapTo(table.window(), table.rect().topLeft())
        view.setGeometry(corner.x(), corner.y(), table.width(), table.height())
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(len(COLUMNS)):
            view.setColumnWidth(column, table.columnWidth(column))
        header.setSectionResizeMode(EMAIL_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.scroll_to(table.verticalScrollBar().value())
        selected = table.selectionModel().selectedRows()
        view.clearSelection()
        if selected and selected[0].row() - self.first_row in range(self.model.rowCount()):
            view.selectRow(selected[0].row() - self.first_row)

    def scroll_to(self, top_row: int) -> None:
        """Show the same rows as the real table with `top_row` at its top."""
        self.view.verticalScrollBar().setValue(top_row - self.first_row)

    def close(self) -> None:
        """Close and delete the floor's window."""
        self.holder.close()
        self.holder.deleteLater()
