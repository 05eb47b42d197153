"""Base of the app's form dialogs: inline errors, a busy state, and OK that submits without closing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class FormDialog(QDialog):
    """A dialog whose OK emits `submitted`; the caller saves, then calls `accept_saved()` or `show_error()`."""

    submitted = Signal()

    def __init__(self, *, parent: QWidget | None, title: str, ok_text: str = "Save") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form_area = QVBoxLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("okButton")
        # Enter always means OK (doing nothing while the form is invalid), never Cancel.
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form_area)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._busy = False

    def can_submit(self) -> bool:
        """Whether the form is complete and valid; subclasses check their fields."""
        return True

    def update_ok_button(self) -> None:
        """Enable OK only when the form can be submitted and nothing is saving."""
        self.ok_button.setEnabled(self.can_submit() and not self._busy)

    def accept(self) -> None:
        """OK or Enter: ask the caller to save instead of closing."""
        if self.can_submit() and not self._busy:
            self.error_label.hide()
            self.submitted.emit()

    def accept_saved(self) -> None:
        """Close with Accepted once the caller has saved."""
        super().accept()

    def set_busy(self, busy: bool) -> None:
        """Lock the form while its save runs."""
        self._busy = busy
        for child in self.findChildren(QWidget):
            if child.property("lockWhileBusy"):
                child.setEnabled(not busy)
        self.update_ok_button()

    def show_error(self, text: str) -> None:
        """Show why the last save failed; the form keeps what the user typed."""
        self.error_label.setText(text)
        self.error_label.show()
