"""The one app-wide change signal: after any write, views refresh themselves from it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AccountEvents(QObject):
    """`accounts_changed(ids)` is emitted after accounts were created, edited or deleted."""

    accounts_changed = Signal(list)
