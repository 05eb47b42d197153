"""The password of a server database, asked when libpq found none (PGPASSWORD, ~/.pgpass, a service
file) and the keyring holds none; "Save password" keeps it in the system keyring, and nowhere else."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QWidget

from homelog_desktop.services.credentials import NO_KEYRING
from homelog_desktop.ui.dialogs.form import SecretFormDialog
from homelog_desktop.ui.translation import translate, translated
from homelog_desktop.ui.widgets import intro_label, password_field


class ServerPasswordDialog(SecretFormDialog):
    """A password for `where` (user@host:port/db); stays open after a refusal, with the reason."""

    def __init__(self, *, parent: QWidget | None, where: str, can_save: bool) -> None:
        super().__init__(parent=parent, title=translate("Dialogs", "Password — {where}").format(where=where),
                         ok_text=translate("Dialogs", "Connect"))
        self.setObjectName("serverPasswordDialog")
        asks = translate("Dialogs", "The server asks for the password of {where}.").format(where=where)
        self.form_area.addWidget(intro_label(asks))
        self.password_field = password_field("serverPassword")
        self.save_box = QCheckBox(translate("Dialogs", "&Save password in the system keyring"))
        self.save_box.setObjectName("savePassword")
        self.save_box.setEnabled(can_save)
        if not can_save:
            self.save_box.setToolTip(translated(NO_KEYRING))
        form = QFormLayout()
        form.addRow(translate("Dialogs", "&Password:"), self.password_field)
        form.addRow("", self.save_box)
        self.form_area.addLayout(form)
        if not can_save:
            self.form_area.addWidget(intro_label(translated(NO_KEYRING)))
        self.setMinimumWidth(420)
        self.password_field.textChanged.connect(self.update_ok_button)
        self.update_ok_button()

    def initial_focus(self) -> QWidget:
        """The password."""
        return self.password_field

    def field_for_error(self, text: str) -> QWidget:
        """A refusal is typed again in the password field."""
        return self.password_field

    def can_submit(self) -> bool:
        return bool(self.password_field.text())

    def password(self) -> str:
        """The password as typed."""
        return self.password_field.text()

    def save_requested(self) -> bool:
        """Whether the user asked to keep the password in the keyring."""
        return self.save_box.isEnabled() and self.save_box.isChecked()
