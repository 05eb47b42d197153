"""The account form: email and name, validated as the user types; an address that mixes scripts (a
possible look-alike) is warned about, without refusing it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from homelog_desktop.services.account import Account
from homelog_desktop.services.account_validation import email_problems, mixed_script_warning, username_problems
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.translation import translate, translated
from homelog_desktop.ui.widgets import email_field, hint_label, name_field


class AccountDialog(FormDialog):
    """Create an account (no `account`) or edit one; `values()` gives the typed email and name."""

    def __init__(self, *, parent: QWidget | None, account: Account | None = None) -> None:
        title = translate("AccountForm", "New account") if account is None else translate("AccountForm",
            "Edit {email}").format(email=account.email)
        super().__init__(parent=parent, title=title, ok_text=translate("AccountForm",
            "Create") if account is None else translate("AccountForm", "Save"))
        self.setObjectName("accountDialog")
        self.email_field = email_field("emailField")
        self.email_field.setText(account.email if account else "")
        self.name_field = name_field("nameField")
        self.name_field.setText((account.username or "") if account else "")
        self.email_hint = self._hint_label("emailHint")
        self.script_warning = hint_label("scriptWarning", "warning")
        self.script_warning.hide()
        self.name_hint = self._hint_label("nameHint")

        form = QFormLayout()
        form.addRow(translate("AccountForm", "&Email:"), self.email_field)
        form.addRow("", self.email_hint)
        form.addRow("", self.script_warning)
        form.addRow(translate("AccountForm", "&Name:"), self.name_field)
        form.addRow("", self.name_hint)
        self.form_area.addLayout(form)
        self.setMinimumWidth(420)

        self.email_field.textChanged.connect(self._validate)
        self.name_field.textChanged.connect(self._validate)
        self._touched_email = account is not None
        self.email_field.textEdited.connect(self._mark_email_touched)
        self._validate()

    @staticmethod
    def _hint_label(name: str) -> QLabel:
        label = hint_label(name, "error")
        label.hide()
        return label

    def _mark_email_touched(self) -> None:
        self._touched_email = True

    def _problems(self) -> tuple[list[str], list[str]]:
        return (
            email_problems(self.email_field.text().strip()),
            username_problems(self.name_field.text().strip()),
        )

    def _validate(self) -> None:
        email, name = self._problems()
        # An empty email is only complained about once the user started typing one.
        show_email = bool(email) and (self._touched_email or bool(self.email_field.text()))
        self.email_hint.setText(" ".join(translated(problem) for problem in email))
        self.email_hint.setVisible(show_email)
        warning = None if email else mixed_script_warning(self.email_field.text().strip())
        self.script_warning.setText(warning or "")
        self.script_warning.setVisible(warning is not None)
        self.name_hint.setText(" ".join(translated(problem) for problem in name))
        self.name_hint.setVisible(bool(name))
        self.update_ok_button()

    def can_submit(self) -> bool:
        email, name = self._problems()
        return not email and not name

    def field_for_error(self, text: str) -> QWidget | None:
        """A refused email (taken, not valid) or name is fixed in its field; a conflict is the whole form's."""
        lowered = text.lower()
        if "changed elsewhere" in lowered or "deleted elsewhere" in lowered:
            return None
        if "email" in lowered:
            return self.email_field
        return self.name_field if "name" in lowered else None

    def values(self) -> tuple[str, str | None]:
        """The email address and name as typed (trimmed; an empty name is None)."""
        name = self.name_field.text().strip()
        return self.email_field.text().strip(), name or None
