"""Export options: the format, and whether to add password hashes; says which accounts are exported."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from homelog_desktop.services.transfer import TransferFormat


class ExportDialog(QDialog):
    """The export's format and whether hashes go with it; `scope` says which accounts are exported."""

    def __init__(self, *, parent: QWidget, scope: str) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export accounts")
        self.setModal(True)
        self.format_choice = QComboBox()
        self.format_choice.setObjectName("formatChoice")
        self.format_choice.addItem("CSV (spreadsheets)", TransferFormat.CSV)
        self.format_choice.addItem("JSON", TransferFormat.JSON)
        self.hashes_check = QCheckBox("Include password hashes")
        self.hashes_check.setObjectName("includeHashes")
        self.hashes_check.setToolTip(
            "Needed to move accounts with their passwords to another database. Anyone with the file "
            "can try to guess the passwords: keep it private."
        )
        scope_label = QLabel(scope)
        scope_label.setObjectName("exportScope")
        scope_label.setWordWrap(True)
        note = QLabel("Passwords themselves are never exported.")
        note.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow("&Format:", self.format_choice)
        form.addRow("", self.hashes_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Choose file…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scope_label)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_format(self) -> TransferFormat:
        """The format picked."""
        return self.format_choice.currentData()  # type: ignore[no-any-return]

    def include_hashes(self) -> bool:
        """Whether password hashes are exported too."""
        return self.hashes_check.isChecked()
