"""The row above the table: the search field (debounced as the user types) and the Show filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from homelog_desktop.ui.accounts_table.columns import FILTER_CHOICES
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.translation import translate

SEARCH_DELAY_MS = 250


class SearchRow(QHBoxLayout):
    """The search field and the "Show" box; both narrow the model's rows (in SQL), together."""

    def __init__(self, *, model: AccountsTableModel, table: QWidget) -> None:
        super().__init__()
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(translate("MainWindow", "Search by email or name  (Ctrl+F)"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(translate("MainWindow", "Search accounts"))
        self.field.setAccessibleDescription(
            translate("MainWindow", "Lists only the accounts whose email or name holds the text; Escape clears"))
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SEARCH_DELAY_MS)
        self._delay.timeout.connect(lambda: model.set_search(self.field.text()))
        self.field.textChanged.connect(self._delay.start)
        # Down arrow from the search field goes to the results.
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.field, table.setFocus, context=Qt.ShortcutContext.WidgetShortcut)
        # Escape clears the search (in the field, or in the table it narrows); in an empty field it goes back
        # to the table. Seen before the widgets, which would otherwise keep the key.
        self._model, self._table = model, table
        self.field.installEventFilter(self)
        table.installEventFilter(self)

        # Which accounts to show, by state; applied at once, together with the search.
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("accountFilter")
        self.filter_box.setAccessibleName(translate("MainWindow", "Show"))
        self.filter_box.setToolTip(translate("MainWindow", "Show only the accounts in this state"))
        for choice in FILTER_CHOICES:
            self.filter_box.addItem(choice.shown_label, choice.filter)
        self.filter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_box.currentIndexChanged.connect(lambda index: model.set_filter(self.filter_box.itemData(index)))
        show_label = QLabel(translate("MainWindow", "&Show:"))  # Alt+S
        show_label.setBuddy(self.filter_box)
        self.addWidget(self.field, 1)
        self.addWidget(show_label)
        self.addWidget(self.filter_box)

    def focus_search(self) -> None:
        """Ctrl+F: type a search at once, replacing the last one."""
        self.field.setFocus()
        self.field.selectAll()

    def clear_search(self) -> None:
        """Show every account again (still under the Show filter), at once."""
        self._delay.stop()
        self.field.clear()
        self._delay.stop()  # clearing typed nothing: no pause to wait for
        self._model.set_search("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() != Qt.Key.Key_Escape or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        if watched is self.field and not self.field.text():
            self._table.setFocus()
            return True
        if self.field.text():
            self.clear_search()
            return True
        return False

    def set_usable(self, usable: bool) -> None:
        """Searching and filtering need an open database."""
        self.field.setEnabled(usable)
        self.filter_box.setEnabled(usable)

    def stop(self) -> None:
        """No search waiting for a pause in typing runs any more (the window is closing)."""
        self._delay.stop()
