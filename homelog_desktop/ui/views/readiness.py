"""The Sign-in readiness view: for every account, can it sign in, and if not why; what should still be
done; and password rows that belong to no account. Read a page at a time, with the count so far."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator
from typing import Any, cast

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QVBoxLayout, QWidget

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.readiness import ReadinessRow, ReadinessService
from homelog_desktop.ui.accessibility import announce
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, number, translate, translated
from homelog_desktop.ui.views.base import ReadView
from homelog_desktop.ui.views.text_table import TextRowsModel, read_only_table

HEADERS = (
    QT_TRANSLATE_NOOP("Dialogs", "Account"), QT_TRANSLATE_NOOP("Dialogs", "Role"), QT_TRANSLATE_NOOP("Dialogs",
        "Can sign in"),
    QT_TRANSLATE_NOOP("Dialogs", "Why not"), QT_TRANSLATE_NOOP("Dialogs", "To do"), QT_TRANSLATE_NOOP("Dialogs",
        "Hash scheme"),
)
ACCOUNT, ROLE, CAN_SIGN_IN, WHY_NOT, TO_DO, HASH_SCHEME = range(len(HEADERS))
NO_HASH = "—"


def needs_attention(row: ReadinessRow) -> bool:
    """Whether a row is one the administrator should look at: it cannot sign in, or has something to do."""
    return not row.can_sign_in or bool(row.notes)


def row_texts(row: ReadinessRow) -> tuple[str, ...]:
    """The cells of one row: account, role, can sign in, why not, to do, hash scheme."""
    if row.orphan:
        account, role = translate("Dialogs", "(no account) user id {user_id}").format(user_id=row.user_id), ""
    elif row.removed:
        account, role = translate("Dialogs", "(deleted) {account}").format(
            account=row.email or translate("Dialogs", "user id {id}").format(id=row.user_id)), ""
    else:
        account, role = row.email or "", translate(
            "Dialogs", "Administrator") if row.role == ROLE_ADMINISTRATOR else translate("Dialogs", "Member")
    return (
        account, role, translate("Dialogs", "Yes") if row.can_sign_in else translate("Dialogs", "No"),
        ", ".join(map(translated, row.problems)), ", ".join(map(translated, row.notes)),
        row.hash_scheme or NO_HASH,
    )


def details_text(row: ReadinessRow) -> str:
    """One row in a sentence or two: who, whether it can sign in and why not, what to do."""
    if row.orphan:
        text = translate(
            "Dialogs", "The password row of user id {user_id} belongs to no account; nobody can sign in with it."
        ).format(user_id=row.user_id)
    elif row.removed:
        text = translate("Dialogs", "User id {user_id} ({unknown}) was deleted by another program: {join}.").format(
            user_id=row.user_id, unknown=row.email or translate("Dialogs", "address unknown"),
            join=", ".join(map(translated, row.problems)),
        )
    elif row.can_sign_in:
        text = translate("Dialogs", "{email} can sign in.").format(email=row.email)
    else:
        text = translate("Dialogs", "{email} cannot sign in: {problems}.").format(
            email=row.email, problems=", ".join(map(translated, row.problems)))
    if row.notes:
        text += translate("Dialogs", " To do: {notes}.").format(notes=", ".join(map(translated, row.notes)))
    return text


class ReadinessModel(TextRowsModel):
    """Readiness rows in the order read (accounts by id, then orphaned password rows), all in memory;
    optionally only those that need attention."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(tuple(translate("Dialogs", header) for header in HEADERS), parent)
        self.rows: list[ReadinessRow] = []  # everything read
        self._shown: list[ReadinessRow] = []
        self.only_attention = False

    # Qt model interface

    def item_data(self, row: int, column: int, text: str, role: int) -> Any:
        item = self._shown[row]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == CAN_SIGN_IN and not item.can_sign_in:
                return self._warning
            if (column == ACCOUNT and item.orphan) or (column == HASH_SCHEME and item.hash_scheme is None):
                return self._muted
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ACCOUNT and item.orphan:
                return (
                    translate("Dialogs",
                        "A password row for user id {user_id}, which is no account: left behind by a deletion "
                            "outside this app. It can be removed.").format(user_id=item.user_id)
                )
            if column == ACCOUNT and item.user_id is not None:
                return translate("Dialogs", "{text} (account id {user_id})").format(text=text, user_id=item.user_id)
            return text or None
        if role == Qt.ItemDataRole.UserRole:
            return item.user_id
        return None

    # Our interface

    def clear(self) -> None:
        """Show nothing (before reading again)."""
        self.beginResetModel()
        self.rows, self._shown, self._texts = [], [], []
        self.endResetModel()

    def append(self, rows: list[ReadinessRow]) -> None:
        """Add rows read (shown if they pass the filter)."""
        self.rows.extend(rows)
        shown = [row for row in rows if not self.only_attention or needs_attention(row)]
        if shown:
            first = len(self._shown)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._shown.extend(shown)
            self._texts.extend(row_texts(row) for row in shown)
            self.endInsertRows()

    def set_only_attention(self, only: bool) -> None:
        """Show only the rows that need attention, or all of them."""
        if only == self.only_attention:
            return
        self.beginResetModel()
        self.only_attention = only
        self._shown = [row for row in self.rows if not only or needs_attention(row)]
        self._texts = [row_texts(row) for row in self._shown]
        self.endResetModel()

    def row_at(self, row: int) -> ReadinessRow | None:
        """The readiness row shown at this row of the view."""
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def summary(self) -> str:
        """"12 of 14 accounts can sign in; 2 cannot." and what else needs attention."""
        accounts = [row for row in self.rows if not row.orphan]
        ready = sum(row.can_sign_in for row in accounts)
        if not accounts:
            text = translate("Dialogs", "There are no accounts.")
        elif ready == len(accounts):
            text = translate("Dialogs", "The only account can sign in.") if ready == 1 else translate(
                "Dialogs", "All {ready} accounts can sign in.").format(ready=number(ready))
        else:
            everyone = len(accounts)
            text = translate("Dialogs", "{ready} of %Ln account(s) can sign in; {cannot} cannot.", None,
                everyone).format(
                ready=number(ready), cannot=number(everyone - ready))
        to_do = sum(1 for row in accounts if row.can_sign_in and row.notes)
        if to_do:
            text += translate("Dialogs", " %Ln more (needs/need) attention (see To do).", None, to_do)
        orphans = len(self.rows) - len(accounts)
        if orphans:
            text += (
                translate("Dialogs", " 1 password row belongs to no account.") if orphans == 1
                else translate(
                    "Dialogs", " {orphans} password rows belong to no account.").format(orphans=number(orphans))
            )
        return text


class ReadinessView(ReadView):
    """Sign-in readiness (non-modal): a summary, a table of every account, a filter, Refresh."""

    def __init__(self, *, parent: QWidget, operations: Operations, readiness: ReadinessService) -> None:
        super().__init__(
            parent=parent, operations=operations, name="readinessDialog", title=translate(
                "Dialogs", "Sign-in readiness"),
            status_name="readinessStatus", refresh_tip=translate("Dialogs", "Read every account again (F5)"),
        )
        self.readiness = readiness
        self.model = ReadinessModel(self)
        self._build_summary()
        self.attention_check = QCheckBox(translate("Dialogs", "&Only accounts that cannot sign in or need attention"))
        self.attention_check.setObjectName("attentionOnlyCheck")
        self.attention_check.toggled.connect(self._filter_changed)
        self._build_table()
        self.details_label = QLabel()
        self.details_label.setObjectName("readinessDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.hide()
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_details())
        self.model.modelReset.connect(self._show_details)
        self._lay_out()
        self._load()

    def _build_summary(self) -> None:
        self.summary_label = QLabel()
        self.summary_label.setObjectName("readinessSummary")
        self.summary_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("readinessProgress")
        self.progress_bar.setRange(0, 0)  # busy: the number of accounts is not known in advance
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(120)
        self.progress_bar.setMaximumHeight(10)
        self.progress_bar.hide()

    def _build_table(self) -> None:
        self.table = read_only_table(
            self.model, name="readinessTable", accessible_name=translate(
                "Dialogs", "Sign-in readiness"), stretch_last=False
        )
        # Why not and To do get the room; what does not fit is in the tooltips and the details line.
        metrics = self.table.fontMetrics()
        widths = {
            ACCOUNT: 215,
            ROLE: metrics.horizontalAdvance(translate("Dialogs", "Administrator")) + 12,
            CAN_SIGN_IN: metrics.horizontalAdvance(translate("Dialogs", "Can sign in")) + 14,
            WHY_NOT: metrics.horizontalAdvance(translate("Dialogs", "locked until 2026-12-31 23:59:59")) + 12,
            HASH_SCHEME: metrics.horizontalAdvance(translate("Dialogs", "Hash scheme")) + 20,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(TO_DO, QHeaderView.ResizeMode.Stretch)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.progress_bar)
        options = QHBoxLayout()
        options.addWidget(self.attention_check)
        options.addStretch(1)
        options.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details_label)
        layout.addLayout(self._bottom_row())
        for first, second in (
            (self.attention_check, self.refresh_button), (self.refresh_button, self.table),
            (self.table, self.close_button),
        ):
            QWidget.setTabOrder(first, second)

    # Reading

    def _load(self) -> asyncio.Task[Any]:
        self.model.clear()
        self._set_status("", "hint")
        self.summary_label.setText(translate("Dialogs", "Reading the accounts…"))
        self.progress_bar.show()
        return self._start_load(self._read, self._read_failed, "read")

    async def _read(self, generation: int) -> None:
        try:
            # Closed at once when this read stops early (a newer read, the view gone), not at garbage collection.
            pages = cast(AsyncGenerator[list[ReadinessRow], None], self.readiness.pages())
            async with contextlib.aclosing(pages):
                async for page in pages:
                    if not self._current(generation):
                        return
                    self.model.append(page)
                    self.summary_label.setText(translate(
                        "Dialogs", "Reading the accounts… {count} so far.").format(count=number(len(self.model.rows))))
        finally:
            if self._current(generation):
                self.progress_bar.hide()
        if not self._current(generation):
            return
        self.summary_label.setText(self.model.summary())
        announce(self.summary_label, self.model.summary())
        self._update_status()

    def _read_failed(self, generation: int, text: str) -> None:
        if self._current(generation):
            self.summary_label.setText(translate("Dialogs", "The accounts could not be read."))
            self._set_status(text, "error")

    def _filter_changed(self, only: bool) -> None:
        self.model.set_only_attention(only)
        if self._load_task is not None and self._load_task.done():
            self._update_status()

    def _show_details(self) -> None:
        """The selected row in full, in a line under the table (cells may be too narrow for it)."""
        index = self.table.currentIndex()
        item = self.model.row_at(index.row()) if index.isValid() else None
        self.details_label.setText(details_text(item) if item is not None else "")
        self.details_label.setVisible(item is not None)

    def _update_status(self) -> None:
        shown, read = self.model.rowCount(), len(self.model.rows)
        if self.model.only_attention:
            self._set_status(translate("Dialogs", "Nothing needs attention.") if shown == 0 else translate(
                "Dialogs", "Showing {shown} of {read}.").format(shown=number(shown), read=number(read)), "hint")
        else:
            self._set_status("", "hint")
