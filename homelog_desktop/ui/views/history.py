"""The History view: the audit trail newest first, filtered by account email and action, read a page at a
time as the user scrolls back, and a check that no entry was changed or removed. Never shows a password,
a password hash or the trail's own chain hashes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from homelog_desktop.services.account import Account
from homelog_desktop.services.audit import AuditTrail
from homelog_desktop.services.audit_actions import ACTION_GROUPS, ACTION_LABELS
from homelog_desktop.services.tamper_evidence import OutsideChange
from homelog_desktop.ui.operations import OperationFailed, Operations
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, number, translate, translated
from homelog_desktop.ui.views.base import ReadView
from homelog_desktop.ui.views.history_model import (
    ACCOUNT,
    ACTION,
    BY,
    ENTRY,
    WHEN,
    HistoryFilter,
    HistoryModel,
)
from homelog_desktop.ui.views.text_table import read_only_table
from homelog_desktop.ui.widgets import set_role

PAGE_SIZE = 200
OUTSIDE_SHOWN = 5  # accounts changed outside the app named above the table; the readiness report has all
FILTER_DELAY_MS = 250  # typing in the email field reads again after this pause
ALL_ACTIONS = QT_TRANSLATE_NOOP("Dialogs", "All actions")
class HistoryView(ReadView):
    """History (non-modal): who did what to which account, and when; filterable, checkable.

    A newer filter cancels the read of an older one; known errors are shown in the view."""

    def __init__(
        self, *, parent: QWidget, operations: Operations, audit: AuditTrail, account: Account | None = None,
        outside_changes: Callable[[], Awaitable[list[OutsideChange]]] | None = None,
    ) -> None:
        super().__init__(
            parent=parent, operations=operations, name="historyDialog",
            title=translate("Dialogs",
                "History of {email}").format(email=account.email) if account is not None else translate(
                    "Dialogs", "History"),
            status_name="historyStatus", refresh_tip=translate("Dialogs", "Read the newest entries again (F5)"),
        )
        self.audit = audit
        self._outside_changes = outside_changes
        self.total = 0  # entries matching the filter, counted with its first page
        self.model = HistoryModel(self)
        self.model.more_wanted.connect(self._load_more)
        self._build_filters(account)
        self._build_table()
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verifyLabel")
        self.verify_label.setWordWrap(True)
        self.verify_label.hide()
        self.outside_label = QLabel()  # accounts whose state no entry explains (changed with plain SQL)
        self.outside_label.setObjectName("outsideChangesLabel")
        self.outside_label.setWordWrap(True)
        set_role(self.outside_label, "error")
        self.outside_label.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row())
        layout.addWidget(self.outside_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verify_label)
        layout.addLayout(self._bottom_row())
        for first, second in (
            (self.email_field, self.action_combo), (self.action_combo, self.refresh_button),
            (self.refresh_button, self.verify_button),
            (self.verify_button, self.table), (self.table, self.close_button),
        ):
            QWidget.setTabOrder(first, second)
        self._filter = self._filter_from_fields()
        self._load()
        self._read_outside_changes()

    def _build_filters(self, account: Account | None) -> None:
        self.email_field = QLineEdit(account.email if account is not None else "")
        self.email_field.setObjectName("historyEmailFilter")
        self.email_field.setPlaceholderText(translate("Dialogs", "Email contains…"))
        self.email_field.setClearButtonEnabled(True)
        self.email_field.setMinimumWidth(220)
        self.email_field.setToolTip(translate("Dialogs", "Entries about this account, or done by it as administrator"))
        self._filter_delay = QTimer(self)
        self._filter_delay.setSingleShot(True)
        self._filter_delay.setInterval(FILTER_DELAY_MS)
        self._filter_delay.timeout.connect(self._apply_filter)
        self.email_field.textChanged.connect(lambda _text: self._filter_delay.start())
        self.email_field.returnPressed.connect(self._apply_filter)
        self.action_combo = QComboBox()
        self.action_combo.setObjectName("historyActionFilter")
        self.action_combo.addItem(translate("Dialogs", ALL_ACTIONS), None)
        for group in ACTION_GROUPS:
            self.action_combo.addItem(translated(group.label), group.actions)
        self.action_combo.insertSeparator(self.action_combo.count())
        for action, label in ACTION_LABELS.items():
            self.action_combo.addItem(translated(label), (action,))
        self.action_combo.setMaxVisibleItems(self.action_combo.count())
        self.action_combo.currentIndexChanged.connect(lambda _index: self._apply_filter())
        self.verify_button = QPushButton(translate("Dialogs", "&Verify trail"))
        self.verify_button.setObjectName("verifyTrailButton")
        self.verify_button.setAutoDefault(False)
        self.verify_button.setToolTip(translate("Dialogs", "Check that no entry of the trail was changed or removed"))
        self.verify_button.clicked.connect(lambda: self._start(self.verify_trail, self._verify_failed, "verify"))

    def _filter_row(self) -> QHBoxLayout:
        account_label = QLabel(translate("Dialogs", "&Account:"))
        account_label.setBuddy(self.email_field)
        action_label_widget = QLabel(translate("Dialogs", "A&ction:"))
        action_label_widget.setBuddy(self.action_combo)
        row = QHBoxLayout()
        row.addWidget(account_label)
        row.addWidget(self.email_field, 1)
        row.addSpacing(8)
        row.addWidget(action_label_widget)
        row.addWidget(self.action_combo)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.verify_button)
        return row

    def _build_table(self) -> None:
        self.table = read_only_table(self.model, name="historyTable", accessible_name=translate("Dialogs", "History"),
            stretch_last=True)
        # Sized so that all five columns fit the default width: longer emails are elided (tooltips show them).
        metrics = self.table.fontMetrics()
        longest_action = max(map(translated, ACTION_LABELS.values()), key=metrics.horizontalAdvance)
        widths = {
            ENTRY: metrics.horizontalAdvance("#99999") + 12,
            WHEN: metrics.horizontalAdvance("2026-12-31 23:59:59") + 16,
            ACTION: min(metrics.horizontalAdvance(longest_action) + 12, 190),
            ACCOUNT: 190,
            BY: 190,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

    # Filters and reading

    @property
    def busy(self) -> bool:
        """Whether a read is waiting for a pause in typing, or running."""
        return self._filter_delay.isActive() or super().busy

    def _stop_reading(self) -> None:
        self._filter_delay.stop()  # a filter typed just before closing is read when the view shows again
        super()._stop_reading()

    def _filter_from_fields(self) -> HistoryFilter:
        return HistoryFilter(self.email_field.text().strip(), self.action_combo.currentData())

    def _apply_filter(self) -> None:
        """Read again if the filter fields say something new."""
        self._filter_delay.stop()
        wanted = self._filter_from_fields()
        if wanted != self._filter:
            self._filter = wanted
            self._load()

    def refresh(self) -> None:
        """Read the newest entries again, with what the filter fields say now."""
        self._filter = self._filter_from_fields()
        self._load()
        self._read_outside_changes()

    def _read_outside_changes(self) -> None:
        if self._outside_changes is not None:
            self._start(self._show_outside_changes, lambda _text: None, "outside changes")

    async def _show_outside_changes(self) -> None:
        assert self._outside_changes is not None
        changes = await self._outside_changes()
        if not shiboken6.isValid(self):
            return
        shown = "; ".join(translated(change.sentence()) for change in changes[:OUTSIDE_SHOWN])
        more = ""
        if len(changes) > OUTSIDE_SHOWN:
            more = translate("Dialogs", "; and {count} more").format(count=number(len(changes) - OUTSIDE_SHOWN))
        self.outside_label.setText(translate("Dialogs", "Changed outside this app (no entry of the trail says so): "
            "{shown}{more}.").format(shown=shown, more=more))
        self.outside_label.setToolTip(translate("Dialogs", "homelog-admin report lists every such account."))
        self.outside_label.setVisible(bool(changes))

    def _load(self) -> asyncio.Task[Any]:
        """Read the newest page under the current filter, cancelling any read under an older one."""
        self._filter_delay.stop()
        self.model.loading = True
        self._set_status(translate("Dialogs", "Reading the history…"), "hint")
        wanted = self._filter
        return self._start_load(lambda generation: self._read(generation, wanted, None), self._read_failed, "read")

    def _load_more(self) -> None:
        oldest = self.model.oldest_id
        if oldest is None:
            self.model.loading = False
            return
        self._set_status(translate(
            "Dialogs", "{_shown_text} Reading older entries…").format(_shown_text=self._shown_text()), "hint")
        generation, wanted = self._generation, self._filter
        self._load_task = self._start(
            lambda: self._read(generation, wanted, oldest), lambda text: self._read_failed(generation, text), "older"
        )

    async def _read(self, generation: int, wanted: HistoryFilter, before_id: int | None) -> None:
        email = wanted.email or None
        page = await self.audit.recent_history(
            before_id=before_id, limit=PAGE_SIZE, actions=wanted.actions, email=email
        )
        total = (
            await self.audit.count_history(actions=wanted.actions, email=email) if before_id is None else self.total
        )
        if not self._current(generation):
            return
        self.total = max(total, len(self.model.entries) + len(page))
        has_more = len(page) == PAGE_SIZE
        if before_id is None:
            self.model.set_entries(page, has_more=has_more)
            # A new list starts at its newest entry; left at the bottom, the view would ask for older ones.
            self.table.scrollToTop()
        else:
            self.model.append_entries(page, has_more=has_more)
        self._set_status(self._shown_text(), "hint")

    def _read_failed(self, generation: int, text: str) -> None:
        if self._current(generation):
            self.model.loading = False
            self.model.has_more = False  # or the view would ask again at once; Refresh retries
            self._set_status(translate("Dialogs", "The history could not be read: {text}").format(text=text), "error")

    def _shown_text(self) -> str:
        shown = len(self.model.entries)
        if shown == 0:
            return translate(
                "Dialogs", "No entries match.") if self._filter != HistoryFilter() else translate("Dialogs",
                    "The history is empty.")
        total = self.total
        if self.model.has_more:
            return translate("Dialogs", "The newest {shown} of %Ln entry(ies); scroll down for older ones.", None,
                total).format(
                shown=number(shown))
        if shown == total:
            return translate("Dialogs", "All %Ln entry(ies).", None, shown)
        return translate("Dialogs", "{shown} of %Ln entry(ies).", None, total).format(shown=number(shown))

    # The chain check

    async def verify_trail(self) -> bool | None:
        """Check the trail's hash chain and say the result in the view; None when it could not be read."""
        self._show_verify(translate("Dialogs", "Checking every entry of the trail…"), "hint")
        try:
            intact, first_bad, count = await self.operations.run(
                None, self._check_chain(), control=self.verify_button, show_error=self._verify_failed
            )
        except OperationFailed:
            return None
        if not shiboken6.isValid(self):
            return intact
        if intact:
            self._show_verify(translate("Dialogs", "The trail is intact (%Ln entry(ies)).", None, count), "met")
            self.verify_label.setToolTip(translate("Dialogs", "Every entry is as it was written, and none is missing."))
        else:
            self._show_verify(translate(
                "Dialogs", "Entry #{first_bad} was changed or removed.").format(first_bad=first_bad), "error")
            if first_bad is not None:
                await self._select_entry(first_bad)
            self.verify_label.setToolTip(
                translate("Dialogs",
                    "The trail's hash chain is broken there: that entry was edited or deleted outside this app (or "
                        "entries after it were removed). homelog-admin audit verify reports the same.")
            )
        return intact

    async def _select_entry(self, entry_id: int) -> None:
        """Select the entry Verify trail named (or, when it was removed, the one before the gap), reading
        older pages of the list until it is there."""
        model, generation, wanted = self.model, self._generation, self._filter
        while model.has_more and (model.oldest_id or 0) > entry_id and self._current(generation):
            model.loading = True  # scrolling asks for no page meanwhile
            page = await self.operations.run(None, self.audit.recent_history(
                before_id=model.oldest_id, limit=PAGE_SIZE, actions=wanted.actions, email=wanted.email or None
            ))
            if not self._current(generation):
                return
            model.append_entries(page, has_more=len(page) == PAGE_SIZE)
        row = next((row for row, entry in enumerate(model.entries) if entry.id <= entry_id), None)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(model.index(row, ENTRY))
        self._set_status(self._shown_text(), "hint")

    async def _check_chain(self) -> tuple[bool, int | None, int]:
        intact, first_bad = await self.audit.verify_chain()
        return intact, first_bad, (await self.audit.count_history() if intact else 0)

    def _verify_failed(self, text: str) -> None:
        if shiboken6.isValid(self):
            self._show_verify(translate("Dialogs", "The trail could not be checked: {text}").format(text=text), "error")

    def _show_verify(self, text: str, role: str) -> None:
        self.verify_label.setText(text)
        set_role(self.verify_label, role)
        self.verify_label.show()
