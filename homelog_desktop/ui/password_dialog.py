"""Set a password: password and confirmation, show/hide, and a live checklist of the policy's rules."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from homelog_desktop.services.password_policy import HOMELOG_LOGIN_MAX_CHARS, check_rules
from homelog_desktop.ui.form_dialog import FormDialog

MET = "✓"
UNMET = "✗"


def set_role(label: QLabel, role: str) -> None:
    """Give a label the stylesheet role (met, unmet...); restyled only when the role changes."""
    if label.property("role") != role:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)


def password_field(name: str) -> QLineEdit:
    """A password entry with a show/hide toggle at its end."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setProperty("lockWhileBusy", True)
    toggle = QAction("Show", field)
    toggle.setObjectName(f"{name}Toggle")
    toggle.setCheckable(True)
    toggle.setToolTip("Show or hide the password")
    toggle.toggled.connect(
        lambda shown: field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
    )
    field.addAction(toggle, QLineEdit.ActionPosition.TrailingPosition)
    return field


class PasswordDialog(FormDialog):
    """Ask for a new password twice; OK only when it meets every rule and both entries match."""

    def __init__(self, *, parent: QWidget | None, account_label: str) -> None:
        super().__init__(parent=parent, title=f"Set password for {account_label}", ok_text="Set password")
        self.setObjectName("passwordDialog")
        self.password_field = password_field("passwordField")
        self.confirm_field = password_field("confirmField")
        self.show_toggle = self.password_field.findChild(QAction, "passwordFieldToggle")
        # Showing one shows both, so the user can compare them.
        self.show_toggle.toggled.connect(
            lambda shown: self.confirm_field.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        form = QFormLayout()
        form.addRow("&Password:", self.password_field)
        form.addRow("&Confirm:", self.confirm_field)
        self.form_area.addLayout(form)

        self.rule_labels: list[QLabel] = []
        checklist = QVBoxLayout()
        checklist.setSpacing(2)
        for index, (rule, _met) in enumerate(check_rules("")):
            label = QLabel(rule.label)
            label.setObjectName(f"rule{index}")
            self.rule_labels.append(label)
            checklist.addWidget(label)
        self.match_label = QLabel()
        self.match_label.setObjectName("matchLabel")
        checklist.addWidget(self.match_label)
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counterLabel")
        self.counter_label.setProperty("role", "hint")
        checklist.addWidget(self.counter_label)
        self.form_area.addLayout(checklist)
        self.setMinimumWidth(420)

        self.password_field.textChanged.connect(self._refresh)
        self.confirm_field.textChanged.connect(self._refresh)
        self._refresh()

    def _refresh(self) -> None:
        password = self.password_field.text()
        for label, (rule, met) in zip(self.rule_labels, check_rules(password), strict=True):
            label.setText(f"{MET if met else UNMET}  {rule.label}")
            set_role(label, "met" if met else "unmet")
        confirm = self.confirm_field.text()
        if not confirm:
            self.match_label.setText("Type the password again to confirm it.")
        elif confirm == password:
            self.match_label.setText(f"{MET}  Both entries match")
        else:
            self.match_label.setText(f"{UNMET}  The entries do not match")
        counts = f"{len(password)} characters, {len(password.encode('utf-8'))} bytes in UTF-8"
        if len(password) > HOMELOG_LOGIN_MAX_CHARS:
            counts += f". home-log's JSON sign-in accepts at most {HOMELOG_LOGIN_MAX_CHARS} characters"
        self.counter_label.setText(counts)
        self.update_ok_button()

    def can_submit(self) -> bool:
        password = self.password_field.text()
        return all(met for _rule, met in check_rules(password)) and password == self.confirm_field.text()

    def password(self) -> str:
        """The new password (only read it to hand it to the service)."""
        return self.password_field.text()

    def done(self, result: int) -> None:
        """Clear the fields whenever the dialog closes, so the password does not linger in memory."""
        self.password_field.clear()
        self.confirm_field.clear()
        super().done(result)


class CheckPasswordDialog(FormDialog):
    """Type a password and see whether it is the account's; stays open for another try."""

    def __init__(self, *, parent: QWidget | None, account_label: str) -> None:
        super().__init__(parent=parent, title=f"Check password of {account_label}", ok_text="Check")
        self.setObjectName("checkPasswordDialog")
        self.cancel_button.setText("Close")
        self.password_field = password_field("checkField")
        form = QFormLayout()
        form.addRow("&Password:", self.password_field)
        self.form_area.addLayout(form)
        self.result_label = QLabel("Type a password and press Check.")
        self.result_label.setObjectName("checkResult")
        self.form_area.addWidget(self.result_label)
        self.setMinimumWidth(380)
        self.password_field.textChanged.connect(self._typed)
        self.update_ok_button()

    def _typed(self) -> None:
        self.result_label.setText("Type a password and press Check.")
        set_role(self.result_label, "")
        self.update_ok_button()

    def can_submit(self) -> bool:
        return bool(self.password_field.text())

    def password(self) -> str:
        """The password to check."""
        return self.password_field.text()

    def show_result(self, matches: bool) -> None:
        """Say whether the last check matched."""
        self.result_label.setText(
            f"{MET}  This is the account's password." if matches else f"{UNMET}  This is not the account's password."
        )
        set_role(self.result_label, "met" if matches else "unmet")
        self.password_field.selectAll()
        self.password_field.setFocus()

    def done(self, result: int) -> None:
        """Clear the field when the dialog closes."""
        self.password_field.clear()
        super().done(result)
