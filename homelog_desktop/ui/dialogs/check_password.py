"""Check password: type a password and see whether it is the account's, as often as needed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.dialogs.password import MET, UNMET
from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import password_field, set_role


class CheckPasswordDialog(FormDialog):
    """Type a password and see whether it is the account's; stays open for another try."""

    def __init__(self, *, parent: QWidget | None, account_label: str) -> None:
        super().__init__(parent=parent, title=translate("CheckPassword",
            "Check password of {account}").format(account=account_label), ok_text=translate("CheckPassword", "Check"))
        self.setObjectName("checkPasswordDialog")
        self.cancel_button.setText(translate("CheckPassword", "Close"))
        self.password_field = password_field("checkField")
        form = QFormLayout()
        form.addRow(translate("CheckPassword", "&Password:"), self.password_field)
        self.form_area.addLayout(form)
        self.result_label = QLabel(translate("CheckPassword", "Type a password and press Check."))
        self.result_label.setObjectName("checkResult")
        self.form_area.addWidget(self.result_label)
        self.setMinimumWidth(380)
        self.password_field.textChanged.connect(self._typed)
        self.update_ok_button()

    def _typed(self) -> None:
        self.result_label.setText(translate("CheckPassword", "Type a password and press Check."))
        set_role(self.result_label, "")
        self.update_ok_button()

    def can_submit(self) -> bool:
        return bool(self.password_field.text())

    def field_for_error(self, text: str) -> QWidget:
        """Locked, disabled...: said next to the password, which is typed again."""
        return self.password_field

    def password(self) -> str:
        """The password to check."""
        return self.password_field.text()

    def show_result(self, matches: bool) -> None:
        """Say whether the last check matched."""
        self.result_label.setText(
            f"{MET}  " + translate("CheckPassword", "This is the account's password.") if matches
            else f"{UNMET}  " + translate("CheckPassword", "This is not the account's password.")
        )
        set_role(self.result_label, "met" if matches else "unmet")
        self.password_field.selectAll()
        self.password_field.setFocus()

    def done(self, result: int) -> None:
        """Clear the field when the dialog closes."""
        self.password_field.clear()
        super().done(result)
