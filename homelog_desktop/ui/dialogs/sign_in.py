"""Sign in: an administrator's email and password, asked before a database's accounts are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget

from homelog_desktop.ui.dialogs.form import SecretFormDialog
from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import email_field, intro_label, password_field


class SignInDialog(SecretFormDialog):
    """An administrator's email and password; stays open after a refusal, with the reason."""

    def __init__(self, *, parent: QWidget | None, database_name: str, email: str = "") -> None:
        super().__init__(parent=parent, title=translate("SignIn", "Sign in — {file}").format(file=database_name),
            ok_text=translate("SignIn", "Sign in"))
        self.setObjectName("signInDialog")
        self.form_area.addWidget(intro_label(
            translate("SignIn", "{file} has administrators. Sign in as one of them to see and manage its accounts.")
            .format(file=database_name)
        ))
        self.email_field = email_field("signInEmail")
        self.email_field.setText(email)
        self.password_field = password_field("signInPassword")
        form = QFormLayout()
        form.addRow(translate("SignIn", "&Email:"), self.email_field)
        form.addRow(translate("SignIn", "&Password:"), self.password_field)
        self.form_area.addLayout(form)
        self.setMinimumWidth(420)
        self.email_field.textChanged.connect(self.update_ok_button)
        self.password_field.textChanged.connect(self.update_ok_button)
        self.update_ok_button()

    def initial_focus(self) -> QWidget:
        """The password when the email is already known, else the email."""
        return self.password_field if self.email_field.text() else self.email_field

    def field_for_error(self, text: str) -> QWidget:
        """A refusal is typed again in the password field."""
        return self.password_field

    def can_submit(self) -> bool:
        return bool(self.email_field.text().strip()) and bool(self.password_field.text())

    def credentials(self) -> tuple[str, str]:
        """The email (trimmed) and the password as typed."""
        return self.email_field.text().strip(), self.password_field.text()
