"""Export options: the format, and whether to add password hashes; says which accounts are exported."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from homelog_desktop.services.transfer import TransferFormat
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate
from homelog_desktop.ui.widgets import fit_to_screen

HASHES_WARNING = (
    QT_TRANSLATE_NOOP("Dialogs",
        "The file will hold every exported account's password hash. Anyone who gets it can try to guess the "
            "passwords on their own computer, without limit: keep it private, and delete it once it has been used.")
)


class ExportDialog(QDialog):
    """The export's format and whether hashes go with it; `scope` says which accounts are exported."""

    def __init__(self, *, parent: QWidget, scope: str) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(translate("Dialogs", "Export accounts"))
        self.setModal(True)
        self.format_choice = QComboBox()
        self.format_choice.setObjectName("formatChoice")
        self.format_choice.addItem(translate("Dialogs", "CSV (spreadsheets)"), TransferFormat.CSV)
        self.format_choice.addItem(translate("Dialogs", "JSON"), TransferFormat.JSON)
        self.hashes_check = QCheckBox(translate("Dialogs", "Include password hashes"))
        self.hashes_check.setObjectName("includeHashes")
        self.hashes_check.setToolTip(
            translate("Dialogs",
                "Needed to move accounts with their passwords to another database. Anyone with the file can try to "
                    "guess the passwords: keep it private.")
        )
        scope_label = QLabel(scope)
        scope_label.setObjectName("exportScope")
        scope_label.setWordWrap(True)
        note = QLabel(translate("Dialogs", "Passwords themselves are never exported."))
        note.setProperty("role", "hint")
        self.hashes_warning = QLabel(translate("Dialogs", HASHES_WARNING))
        self.hashes_warning.setObjectName("hashesWarning")
        self.hashes_warning.setProperty("role", "error")
        self.hashes_warning.setWordWrap(True)
        self.hashes_warning.hide()
        self.hashes_check.toggled.connect(self.hashes_warning.setVisible)
        form = QFormLayout()
        form.addRow(translate("Dialogs", "&Format:"), self.format_choice)
        form.addRow("", self.hashes_check)
        # A child of the dialog from the start, so that its default button stays the default (ui/dialogs/form.py).
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(translate("Dialogs", "Choose file…"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setAutoDefault(False)
        self.export_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scope_label)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.hashes_warning)
        layout.addWidget(buttons)
        self.format_choice.setFocus()  # the first choice; Tab goes on to the hashes, then the buttons

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self)  # wide enough for its whole title

    def chosen_format(self) -> TransferFormat:
        """The format picked."""
        return self.format_choice.currentData()  # type: ignore[no-any-return]

    def include_hashes(self) -> bool:
        """Whether password hashes are exported too."""
        return self.hashes_check.isChecked()
