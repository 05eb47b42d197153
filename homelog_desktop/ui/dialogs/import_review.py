"""Import review: what an import would do, row by row, with the counts on top; nothing is written
unless the user presses Import. Choosing what to do with existing accounts plans the rows again."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from homelog_desktop.services.transfer import ImportPlan, OnExisting
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, number, translate, translated
from homelog_desktop.ui.widgets import cancel_first_buttons, fit_on_show

ON_EXISTING_CHOICES = (
    (OnExisting.SKIP, QT_TRANSLATE_NOOP("Dialogs", "Skip them (keep the accounts as they are)")),
    (OnExisting.UPDATE, QT_TRANSLATE_NOOP("Dialogs", "Update them (email, name, and password if the file has one)")),
    (OnExisting.ABORT, QT_TRANSLATE_NOOP("Dialogs", "Stop: import nothing")),
)
STATUS_COLUMNS = (
    QT_TRANSLATE_NOOP("Dialogs", "Row"), QT_TRANSLATE_NOOP("Dialogs", "Email"), QT_TRANSLATE_NOOP("Dialogs", "Status"),
    QT_TRANSLATE_NOOP("Dialogs", "Details"),
)
Start = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


class ImportReportModel(QAbstractTableModel):
    """The per-row report of an import plan: row number, email, status and details (read lazily)."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan

    def set_plan(self, plan: ImportPlan) -> None:
        """Show another plan of the same rows."""
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STATUS_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("Dialogs", STATUS_COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.plan.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(row.number), row.email, row.status.value, row.reason)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ImportReviewDialog(QDialog):
    """What an import would do, row by row, with the counts on top; nothing is written unless Import.

    `start` runs a coroutine as an owned task (the operations runner's), for planning again."""

    def __init__(self, *, parent: QWidget, plan: ImportPlan, start: Start) -> None:
        super().__init__(parent)
        self.setObjectName("importReviewDialog")
        name = plan.source.name if plan.source else translate("Dialogs", "the file")
        self.setWindowTitle(translate("Dialogs", "Import {name}").format(name=name))
        self.setModal(True)
        self.resize(760, 480)
        self.plan = plan
        self._start = start
        self._planning: asyncio.Task[Any] | None = None
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        self.counts_label.setWordWrap(True)
        self._build_choice(plan.on_existing)
        self.finished.connect(self._stop_planning)
        self.model = ImportReportModel(plan)
        self._build_table()
        buttons = self._buttons()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # the choice under its label when narrow
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(translate("Dialogs", "Accounts that already &exist:"), self.existing_choice)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_on_show(self)
        self._show_plan()

    def _build_choice(self, current: OnExisting) -> None:
        self.existing_choice = QComboBox()
        self.existing_choice.setObjectName("onExistingChoice")
        for choice, text in ON_EXISTING_CHOICES:
            self.existing_choice.addItem(translate("Dialogs", text), choice)
        self.existing_choice.setCurrentIndex([c for c, _ in ON_EXISTING_CHOICES].index(current))
        self.existing_choice.currentIndexChanged.connect(self._existing_choice_changed)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("importReport")
        self.table.setAccessibleName(translate("Dialogs", "Rows of the file"))
        self.table.setAccessibleDescription(translate(
            "Dialogs", "Each row of the file with what the import does with it"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((56, 240, 70)):
            self.table.setColumnWidth(column, width)

    def _buttons(self) -> QDialogButtonBox:
        buttons, self.import_button, self.cancel_button = cancel_first_buttons(
            self, translate("Dialogs", "&Import"), "importButton"
        )
        return buttons

    def _show_plan(self) -> None:
        plan = self.plan
        if plan.has_errors:
            verdict = translate("Dialogs",
                "Nothing will be imported: correct the rows marked “error” in the file, then import it again.")
        elif plan.will_write:
            verdict = translate(
                "Dialogs", "Nothing is written until you press Import; then all rows are written together.")
        else:
            verdict = translate("Dialogs", "There is nothing to import.")
        self.counts_label.setText(translate("Dialogs", "{count} rows: {summary}.\n{verdict}").format(
            count=number(len(plan.rows)), summary=translated(plan.summary()), verdict=verdict))
        self.import_button.setEnabled(plan.will_write and self._planning is None)
        self.model.set_plan(plan)
        first_error = plan.first_error
        if first_error is not None:
            self.table.scrollTo(self.model.index(first_error, 0))

    def _existing_choice_changed(self) -> None:
        choice: OnExisting = self.existing_choice.currentData()
        if self._planning is not None:
            self._planning.cancel()
        self.import_button.setEnabled(False)
        self._planning = self._start(self._replan(choice))

    def _stop_planning(self) -> None:
        if self._planning is not None:
            self._planning.cancel()
            self._planning = None

    async def _replan(self, choice: OnExisting) -> None:
        plan = await self.plan.with_on_existing(choice)
        self._planning = None
        self.plan = plan
        self._show_plan()

    def accept(self) -> None:
        if self.plan.will_write and self._planning is None:
            super().accept()

    def confirmed_plan(self) -> ImportPlan:
        """The plan to import, as shown when the user pressed Import."""
        return self.plan
