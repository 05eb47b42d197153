"""Restore into a server database: what the backup would do there (accounts added, updated, left alone;
nothing deleted), shown before anything is written; nothing is written unless the user presses Restore."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from homelog_desktop.services.server_restore import RestorePlan
from homelog_desktop.ui.translation import number, translate, translated
from homelog_desktop.ui.widgets import cancel_first_buttons, fit_on_show, hint_label


def _count(name: str, value: int) -> QLabel:
    label = QLabel(number(value))
    label.setObjectName(name)
    return label


class RestorePlanDialog(QDialog):
    """The plan of a restore into the server database at `location`; accepted only when it writes something
    and no address of the backup is held by another account there. Cancel is the default button."""

    def __init__(self, *, parent: QWidget, plan: RestorePlan, location: str) -> None:
        super().__init__(parent)
        self.setObjectName("restorePlanDialog")
        self.setWindowTitle(translate("Dialogs", "Restore from a backup"))
        self.setModal(True)
        self.plan = plan
        heading = QLabel(translate("Dialogs", "Restore the accounts of {name} into {location}?").format(
            name=plan.source.name, location=location))
        heading.setObjectName("restoreHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        holds = QLabel(translate("Dialogs", "{name} holds {description}.").format(
            name=plan.source.name, description=translated(plan.description)))
        holds.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("Dialogs", "Accounts added:"), _count("restoreAdded", len(plan.create)))
        form.addRow(translate("Dialogs", "Accounts updated to the backup's:"),
                    _count("restoreUpdated", len(plan.update)))
        form.addRow(translate("Dialogs", "Accounts left alone (the same in both):"),
                    _count("restoreUnchanged", len(plan.unchanged)))
        form.addRow(translate("Dialogs", "Accounts only on the server (left as they are):"),
                    _count("restoreOnlyOnServer", plan.only_on_server))
        note = hint_label("restoreNote")
        note.setText(translate("Dialogs",
            "Nothing is deleted. The accounts are written together when you press Restore, or not at all."))
        self.verdict = hint_label("restoreVerdict", "error")
        self.verdict.setText(self._verdict())
        self.verdict.setVisible(bool(self.verdict.text()))
        layout = QVBoxLayout(self)
        for widget in (heading, holds):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.verdict)
        layout.addWidget(self._buttons())
        self.restore_button.setEnabled(self.writes())
        fit_on_show(self)

    def _verdict(self) -> str:
        """Why nothing can be restored, "" when the plan can be written."""
        conflicts = self.plan.email_conflicts
        if conflicts:
            return translate("Dialogs",
                "Nothing can be restored: the backup's {email} is held by another account on the server "
                "(addresses held by others: {count}). Change or remove that account first.").format(
                email=conflicts[0], count=number(len(conflicts)))
        if not self.plan.create and not self.plan.update:
            return translate("Dialogs", "There is nothing to restore: the server holds every account of the "
                "backup as it is.")
        return ""

    def _buttons(self) -> QDialogButtonBox:
        buttons, self.restore_button, self.cancel_button = cancel_first_buttons(
            self, translate("Dialogs", "&Restore"), "restoreButton"
        )
        return buttons

    def writes(self) -> bool:
        """Whether the plan can be written (something to write, no address held by another account)."""
        return not self.plan.email_conflicts and bool(self.plan.create or self.plan.update)

    def accept(self) -> None:
        if self.writes():
            super().accept()
