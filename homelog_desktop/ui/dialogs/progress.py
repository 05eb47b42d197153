"""The progress dialog of long work (export, import): window-modal, opened with open(), with a Cancel."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import fit_on_show


class ProgressDialog:
    """A QProgressDialog shown at once; Cancel (or Escape) calls `on_cancel` once."""

    def __init__(
        self, *, parent: QWidget, name: str, label: str, maximum: int, on_cancel: Callable[[], None]
    ) -> None:
        self.dialog = QProgressDialog(label, translate("Dialogs", "Cancel"), 0, max(maximum, 1), parent)
        self.dialog.setObjectName(name)
        self.dialog.setWindowTitle(label.rstrip("…"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.setValue(0)
        self._on_cancel = on_cancel
        self.cancelled = False
        self.dialog.canceled.connect(self._cancel)
        self.dialog.rejected.connect(self._cancel)  # Escape
        fit_on_show(self.dialog)  # wide enough for "Exporting to accounts.csv — HomeLog Desktop"
        self.dialog.open()

    def _cancel(self) -> None:
        if not self.cancelled:
            self.cancelled = True
            self.dialog.setLabelText(translate("Dialogs", "Cancelling…"))
            self._on_cancel()

    def update(self, done: int, total: int | None = None) -> None:
        """Show progress (the dialog may already be gone if the window closed)."""
        if not shiboken6.isValid(self.dialog):
            return
        if total is not None and total != self.dialog.maximum():
            self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, self.dialog.maximum()))

    def close(self) -> None:
        """Close without counting as a cancel."""
        if not shiboken6.isValid(self.dialog):
            return
        self.dialog.canceled.disconnect(self._cancel)
        self.dialog.rejected.disconnect(self._cancel)
        self.dialog.close()
        self.dialog.deleteLater()
