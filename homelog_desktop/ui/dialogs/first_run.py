"""First run: a database without an administrator gets one, a new account or an existing one."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QFormLayout, QLabel, QRadioButton, QWidget

from homelog_desktop.services.account_validation import email_problems
from homelog_desktop.services.passwords.policy import HashScheme, check_rules
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import email_field, hint_label, intro_label, name_field, password_field


class FirstRunDialog(FormDialog):
    """A database without an administrator: create one, or make an existing account one (after its
    password is checked)."""

    def __init__(
        self, *, parent: QWidget | None, database_name: str, has_accounts: bool, scheme: HashScheme
    ) -> None:
        super().__init__(parent=parent, title=translate(
            "Dialogs", "Set up an administrator — {database_name}").format(database_name=database_name),
                ok_text=translate("Dialogs", "Continue"))
        self.setObjectName("firstRunDialog")
        self.scheme: HashScheme = scheme
        self.form_area.addWidget(intro_label(
            translate("Dialogs",
                "{database_name} has no administrator yet. Administrators are the accounts allowed to manage the "
                    "others here; from now on one of them signs in whenever this database is opened.")
                        .format(database_name=database_name)
        ))
        self._add_choices(has_accounts)
        self.form_area.addLayout(self._fields())
        self.hint_label = hint_label("firstRunHint")
        self.form_area.addWidget(self.hint_label)
        self.setMinimumWidth(480)
        for field in (self.email_field, self.name_field, self.password_field, self.confirm_field):
            field.textChanged.connect(self._refresh)
        self.create_choice.toggled.connect(self._refresh)
        (self.promote_choice if has_accounts else self.create_choice).setChecked(True)
        self._refresh()

    def initial_focus(self) -> QWidget:
        """The email first, whichever choice is made (the choices are one Shift+Tab away)."""
        return self.email_field

    def field_for_error(self, text: str) -> QWidget:
        """An email refused (taken, not valid) is fixed in the email field, anything else in the password."""
        lowered = text.lower()
        return self.email_field if "email" in lowered and "password" not in lowered else self.password_field

    def _add_choices(self, has_accounts: bool) -> None:
        self.create_choice = QRadioButton(translate("Dialogs", "&Create a new administrator account"))
        self.create_choice.setObjectName("createChoice")
        self.promote_choice = QRadioButton(translate("Dialogs", "&Make an existing account the administrator"))
        self.promote_choice.setObjectName("promoteChoice")
        self.promote_choice.setEnabled(has_accounts)
        if not has_accounts:
            self.promote_choice.setToolTip(translate("Dialogs", "The database has no account yet"))
        choices = QButtonGroup(self)
        for button in (self.create_choice, self.promote_choice):
            button.setProperty("lockWhileBusy", True)
            choices.addButton(button)
            self.form_area.addWidget(button)

    def _fields(self) -> QFormLayout:
        self.email_field = email_field("firstRunEmail")
        self.name_field = name_field("firstRunName")
        self.password_field = password_field("firstRunPassword")
        self.confirm_field = password_field("firstRunConfirm")
        self.name_label = QLabel(translate("Dialogs", "&Name:"))
        self.name_label.setBuddy(self.name_field)
        self.confirm_label = QLabel(translate("Dialogs", "C&onfirm:"))
        self.confirm_label.setBuddy(self.confirm_field)
        form = QFormLayout()
        form.addRow(translate("Dialogs", "&Email:"), self.email_field)
        form.addRow(self.name_label, self.name_field)
        form.addRow(translate("Dialogs", "&Password:"), self.password_field)
        form.addRow(self.confirm_label, self.confirm_field)
        return form

    @property
    def creating(self) -> bool:
        """Whether the user chose to create a new account (else: promote an existing one)."""
        return self.create_choice.isChecked()

    def _refresh(self) -> None:
        creating = self.creating
        for widget in (self.name_label, self.name_field, self.confirm_label, self.confirm_field):
            widget.setVisible(creating)
        self.ok_button.setText(translate("Dialogs", "Create administrator") if creating else translate(
            "Dialogs", "Check password and continue"))
        self.hint_label.setText(self._hint())
        self.update_ok_button()

    def _hint(self) -> str:
        email = self.email_field.text().strip()
        password = self.password_field.text()
        if not self.creating:
            return translate("Dialogs", "The account's current password is checked before it becomes an administrator.")
        if email and email_problems(email):
            return " ".join(email_problems(email))
        unmet = [rule.label for rule, met in check_rules(password, self.scheme) if not met]
        if unmet:
            return "The password needs: " + "; ".join(label[:1].lower() + label[1:] for label in unmet) + "."
        if password != self.confirm_field.text():
            return translate("Dialogs", "Type the same password again in Confirm.")
        return translate("Dialogs", "Ready: this account will be an administrator.")

    def can_submit(self) -> bool:
        email = self.email_field.text().strip()
        password = self.password_field.text()
        if not email or not password:
            return False
        if not self.creating:
            return True
        return (
            not email_problems(email)
            and all(met for _rule, met in check_rules(password, self.scheme))
            and password == self.confirm_field.text()
        )

    def values(self) -> tuple[str, str | None, str]:
        """Email, name (None when empty or when promoting) and password."""
        name = self.name_field.text().strip() if self.creating else ""
        return self.email_field.text().strip(), name or None, self.password_field.text()

    def done(self, result: int) -> None:
        """Never keep the password once the dialog closes."""
        self.password_field.clear()
        self.confirm_field.clear()
        super().done(result)
