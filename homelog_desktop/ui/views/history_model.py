"""What the History view shows of each audit entry: its texts per column, tooltips, and the model that
holds the entries read so far (newest first, more fetched as the user scrolls back)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from homelog_desktop.services.audit import AuditRecord
from homelog_desktop.services.audit_actions import ACTION_LABELS, action_label, field_label
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, date_time, translate, translated
from homelog_desktop.ui.views.text_table import AnyIndex, TextRowsModel

NO_ACTOR = QT_TRANSLATE_NOOP("Dialogs", "no administrator")
NO_ACTOR_TIP = (
    QT_TRANSLATE_NOOP("Dialogs",
        "Not done by a signed-in administrator: a sign-in attempt, the first-run setup, or homelog-admin without "
            "--actor.")
)
UNKNOWN_EMAIL = QT_TRANSLATE_NOOP("Dialogs", "(unknown email)")
SIGN_IN_ACTIONS = frozenset({"sign_in_failed", "sign_in_refused", "lock"})
HEADERS = (
    "#", QT_TRANSLATE_NOOP("Dialogs", "When"), QT_TRANSLATE_NOOP("Dialogs", "Action"), QT_TRANSLATE_NOOP("Dialogs",
        "Account"),
    QT_TRANSLATE_NOOP("Dialogs", "By"), QT_TRANSLATE_NOOP("Dialogs", "Changed"),
)
ENTRY, WHEN, ACTION, ACCOUNT, BY, CHANGED = range(len(HEADERS))  # "#": the entry's number, as Verify trail names it


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the History view lists: entries whose target or actor email contains `email`, with one of
    `actions` (None: any action)."""

    email: str = ""
    actions: tuple[str, ...] | None = None


def _account_text(entry: AuditRecord) -> str:
    if entry.target_email:
        return entry.target_email
    if entry.target_id is not None:
        return f"#{entry.target_id}"
    # A sign-in with an address of no account (earlier versions said so with an "email" field).
    return translate("Dialogs", UNKNOWN_EMAIL) if entry.action in SIGN_IN_ACTIONS or "email" in entry.fields else ""


def entry_texts(entry: AuditRecord) -> tuple[str, ...]:
    """The cells of one entry: its number, when (local time), action, account, by, changed fields."""
    return (
        str(entry.id),
        date_time(entry.at, seconds=True),
        translated(action_label(entry.action)),
        _account_text(entry),
        entry.actor_email or translate("Dialogs", NO_ACTOR),
        translate("Dialogs", ", ").join(translated(field_label(name)) for name in entry.fields),
    )


def _tooltip(entry: AuditRecord, column: int, text: str) -> str | None:
    if column == WHEN:
        return translate("Dialogs",
            "{strftime} UTC (entry #{id})").format(strftime=entry.at.strftime('%Y-%m-%d %H:%M:%S'), id=entry.id)
    if column == ACTION and entry.action not in ACTION_LABELS:
        return translate("Dialogs", "An action this version does not know: {action}").format(action=entry.action)
    if column == ACCOUNT:
        if entry.target_id is not None:
            return translate("Dialogs", "{text} (account id {target_id})").format(text=text, target_id=entry.target_id)
        if text == translate("Dialogs", UNKNOWN_EMAIL):
            return translate("Dialogs", "A sign-in with an email that belongs to no account.")
    if column == BY and entry.actor_email is None:
        return translate("Dialogs", NO_ACTOR_TIP)
    if column == BY and entry.actor_via:
        return translate(
            "Dialogs", "{text}, as named on the command line ({actor_via}), not signed in").format(text=text,
                actor_via=entry.actor_via)
    return text or None


class HistoryModel(TextRowsModel):
    """Audit entries newest first, held in memory; asks for older ones (`more_wanted`) when the view
    scrolls to the end and there are more."""

    more_wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(tuple(translate("Dialogs", header) for header in HEADERS), parent)
        self.entries: list[AuditRecord] = []
        self.has_more = False
        self.loading = False

    # Qt model interface

    def item_data(self, row: int, column: int, text: str, role: int) -> Any:
        entry = self.entries[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(entry, column, text)
        if role == Qt.ItemDataRole.ForegroundRole:
            muted = (column == BY and entry.actor_email is None) or (column == ACCOUNT and text == translate(
                "Dialogs", UNKNOWN_EMAIL))
            return self._muted if muted else None
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ENTRY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self.has_more and not self.loading

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            self.loading = True  # one request at a time, however often the view asks
            self.more_wanted.emit()

    # Our interface

    def set_entries(self, entries: list[AuditRecord], *, has_more: bool) -> None:
        """Show these entries instead of the current ones."""
        self.beginResetModel()
        self.entries = list(entries)
        self._texts = [entry_texts(entry) for entry in entries]
        self.has_more = has_more
        self.loading = False
        self.endResetModel()

    def append_entries(self, entries: list[AuditRecord], *, has_more: bool) -> None:
        """Add older entries at the end."""
        self.has_more = has_more
        self.loading = False
        if entries:
            first = len(self.entries)
            self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
            self.entries.extend(entries)
            self._texts.extend(entry_texts(entry) for entry in entries)
            self.endInsertRows()

    @property
    def oldest_id(self) -> int | None:
        """The id of the oldest entry shown (the next page is read from before it)."""
        return self.entries[-1].id if self.entries else None
