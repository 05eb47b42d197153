"""What the read-only lists of the History and readiness views share: a model of rows whose texts are
formatted once, and a table view set up to read rows, not edit them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from homelog_desktop.ui.theme import on_theme_changed, state_color

AnyIndex = QModelIndex | QPersistentModelIndex


class TextRowsModel(QAbstractTableModel):
    """Rows shown as texts formatted once (`_texts`, one tuple per row); subclasses keep the items
    behind the rows and answer the other roles in `item_data`."""

    def __init__(self, headers: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self._texts: list[tuple[str, ...]] = []
        # Colours for the scheme in use, refreshed in place when it changes (rows hand out these objects).
        self._muted = state_color("muted")
        self._warning = state_color("error")
        on_theme_changed(self.refresh_colors)

    def refresh_colors(self) -> None:
        """Take the state colours of the scheme now in use, and repaint."""
        self._muted.setRgba(state_color("muted").rgba())
        self._warning.setRgba(state_color("error").rgba())
        if self._texts:
            last = self.index(len(self._texts) - 1, len(self.headers) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.ForegroundRole])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._texts):
            return None
        text = self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        return self.item_data(index.row(), index.column(), text, role)

    def item_data(self, row: int, column: int, text: str, role: int) -> Any:
        """Every role but the display text (colour, tooltip, the item's id...); None by default."""
        return None


def read_only_table(model: QAbstractTableModel, *, name: str, accessible_name: str, stretch_last: bool) -> QTableView:
    """A table of whole rows to read: one row selected at a time, no editing, Tab leaves it."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table: rows are read, not edited
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    header.setHighlightSections(False)  # a selected row would turn every title bold
    header.setMinimumSectionSize(50)
    return table
