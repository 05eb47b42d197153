"""Who may see the accounts: the sign-in dialog, the first-run dialog that makes the first
administrator, and the new password asked for after a temporary one.

The window calls a `Gate` after opening a database and before showing any account; `sign_in_gate` is
the real one. Every check runs through the workspace's sign-in service (hashing in a worker thread), so
the window stays live while a password is checked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from homelog_desktop.services.account_validation import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH, email_problems
from homelog_desktop.services.passwords.policy import check_rules
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.async_tools import submit
from homelog_desktop.ui.form_dialog import FormDialog
from homelog_desktop.ui.password_dialog import PasswordDialog, password_field

NOT_AN_ADMINISTRATOR = (
    "This account is not an administrator. Only administrators can manage the accounts; "
    "ask one to make you an administrator."
)


@dataclass(frozen=True, slots=True)
class Admission:
    """Leave to show a database's accounts: who signed in (None when nobody could, e.g. a read-only
    database without an administrator) and a sentence for the status bar."""

    actor: Account | None
    note: str = ""


# Called by the window after opening a database: an Admission, or None when the user gave up
# (the database is then closed again and nothing of it is shown).
Gate = Callable[[QWidget, Workspace], Awaitable[Admission | None]]


def _email_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText("name@example.org")
    field.setMaxLength(EMAIL_MAX_LENGTH + 1)
    field.setProperty("lockWhileBusy", True)
    return field


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("introLabel")
    label.setWordWrap(True)
    return label


class SignInDialog(FormDialog):
    """An administrator's email and password; stays open after a refusal, with the reason."""

    def __init__(self, *, parent: QWidget | None, database_name: str, email: str = "") -> None:
        super().__init__(parent=parent, title=f"Sign in — {database_name}", ok_text="Sign in")
        self.setObjectName("signInDialog")
        self.form_area.addWidget(_intro(
            f"{database_name} has administrators. Sign in as one of them to see and manage its accounts."
        ))
        self.email_field = _email_field("signInEmail")
        self.email_field.setText(email)
        self.password_field = password_field("signInPassword")
        form = QFormLayout()
        form.addRow("&Email:", self.email_field)
        form.addRow("&Password:", self.password_field)
        self.form_area.addLayout(form)
        self.setMinimumWidth(420)
        self.email_field.textChanged.connect(self.update_ok_button)
        self.password_field.textChanged.connect(self.update_ok_button)
        (self.password_field if email else self.email_field).setFocus()
        self.update_ok_button()

    def can_submit(self) -> bool:
        return bool(self.email_field.text().strip()) and bool(self.password_field.text())

    def credentials(self) -> tuple[str, str]:
        """The email (trimmed) and the password as typed."""
        return self.email_field.text().strip(), self.password_field.text()

    def show_error(self, text: str) -> None:
        """A refusal: say why, and let the user type the password again."""
        super().show_error(text)
        self.password_field.clear()
        self.password_field.setFocus()

    def done(self, result: int) -> None:
        """Never keep the password once the dialog closes."""
        self.password_field.clear()
        super().done(result)


class FirstRunDialog(FormDialog):
    """A database without an administrator: create one, or make an existing account one (after its
    password is checked)."""

    def __init__(self, *, parent: QWidget | None, database_name: str, has_accounts: bool, scheme: str) -> None:
        super().__init__(parent=parent, title=f"Set up an administrator — {database_name}", ok_text="Continue")
        self.setObjectName("firstRunDialog")
        self.scheme = scheme
        self.form_area.addWidget(_intro(
            f"{database_name} has no administrator yet. Administrators are the accounts allowed to manage the "
            "others here; from now on one of them signs in whenever this database is opened."
        ))
        self.create_choice = QRadioButton("&Create a new administrator account")
        self.create_choice.setObjectName("createChoice")
        self.promote_choice = QRadioButton("&Make an existing account the administrator")
        self.promote_choice.setObjectName("promoteChoice")
        self.promote_choice.setEnabled(has_accounts)
        if not has_accounts:
            self.promote_choice.setToolTip("The database has no account yet")
        choices = QButtonGroup(self)
        for button in (self.create_choice, self.promote_choice):
            button.setProperty("lockWhileBusy", True)
            choices.addButton(button)
            self.form_area.addWidget(button)
        self.email_field = _email_field("firstRunEmail")
        self.name_field = QLineEdit()
        self.name_field.setObjectName("firstRunName")
        self.name_field.setPlaceholderText("optional")
        self.name_field.setMaxLength(USERNAME_MAX_LENGTH + 1)
        self.name_field.setProperty("lockWhileBusy", True)
        self.password_field = password_field("firstRunPassword")
        self.confirm_field = password_field("firstRunConfirm")
        self.name_label = QLabel("&Name:")
        self.name_label.setBuddy(self.name_field)
        self.confirm_label = QLabel("C&onfirm:")
        self.confirm_label.setBuddy(self.confirm_field)
        form = QFormLayout()
        form.addRow("&Email:", self.email_field)
        form.addRow(self.name_label, self.name_field)
        form.addRow("&Password:", self.password_field)
        form.addRow(self.confirm_label, self.confirm_field)
        self.form_area.addLayout(form)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("firstRunHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setProperty("role", "hint")
        self.form_area.addWidget(self.hint_label)
        self.setMinimumWidth(480)
        for field in (self.email_field, self.name_field, self.password_field, self.confirm_field):
            field.textChanged.connect(self._refresh)
        self.create_choice.toggled.connect(self._refresh)
        (self.promote_choice if has_accounts else self.create_choice).setChecked(True)
        self.email_field.setFocus()
        self._refresh()

    @property
    def creating(self) -> bool:
        """Whether the user chose to create a new account (else: promote an existing one)."""
        return self.create_choice.isChecked()

    def _refresh(self) -> None:
        creating = self.creating
        for widget in (self.name_label, self.name_field, self.confirm_label, self.confirm_field):
            widget.setVisible(creating)
        self.ok_button.setText("Create administrator" if creating else "Check password and continue")
        self.hint_label.setText(self._hint())
        self.update_ok_button()

    def _hint(self) -> str:
        email = self.email_field.text().strip()
        password = self.password_field.text()
        if not self.creating:
            return "The account's current password is checked before it becomes an administrator."
        if email and email_problems(email):
            return " ".join(email_problems(email))
        unmet = [rule.label for rule, met in check_rules(password, self.scheme) if not met]
        if unmet:
            return "The password needs: " + "; ".join(label[:1].lower() + label[1:] for label in unmet) + "."
        if password != self.confirm_field.text():
            return "Type the same password again in Confirm."
        return "Ready: this account will be an administrator."

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


async def sign_in_gate(parent: QWidget, workspace: Workspace) -> Admission | None:
    """Ask for an administrator's sign-in, or for a first administrator when there is none."""
    if await workspace.roles.count_administrators() == 0:
        if workspace.read_only:
            return Admission(None, f"{workspace.path.name} has no administrator; it is open read-only, so one "
                                   "cannot be set up now.")
        return await first_run(parent, workspace)
    return await sign_in(parent, workspace)


async def sign_in(parent: QWidget, workspace: Workspace) -> Admission | None:
    """The sign-in dialog; then a new password when the administrator's was temporary."""
    dialog = SignInDialog(parent=parent, database_name=workspace.path.name)

    async def check() -> Account:
        nonlocal must_change
        email, password = dialog.credentials()
        result = await workspace.sign_in.sign_in(email, password)
        if not result.ok:
            raise HomeLogError(result.message)
        if result.role != ROLE_ADMINISTRATOR:
            raise HomeLogError(NOT_AN_ADMINISTRATOR)
        assert result.account is not None
        workspace.act_as(result.account)
        must_change = result.must_change_password and not workspace.read_only
        return result.account

    must_change = False
    account = await submit(dialog, check)
    if account is None:
        return None
    if must_change and not await choose_new_password(parent, workspace, account):
        workspace.act_as(None)
        return None
    return Admission(account)  # the status bar says who is signed in


async def choose_new_password(
    parent: QWidget, workspace: Workspace, account: Account
) -> bool:
    """After a sign-in with a temporary password: the administrator picks their own (or gives up)."""
    dialog = PasswordDialog(
        parent=parent, account_label=account.email, scheme=workspace.hasher.scheme,
        user_inputs=(account.email, account.username or ""),
        intro="Your password was set by another administrator and must be changed before you continue.",
        title="Choose a new password",
    )

    async def save() -> Account:
        return await workspace.accounts.set_password(account.id, dialog.password(), temporary=False)

    return await submit(dialog, save) is not None


async def first_run(parent: QWidget, workspace: Workspace) -> Admission | None:
    """Make the first administrator: a new account, or an existing one whose password is checked."""
    dialog = FirstRunDialog(
        parent=parent, database_name=workspace.path.name, has_accounts=await workspace.accounts.count() > 0,
        scheme=workspace.hasher.scheme,
    )

    async def save() -> Account:
        email, name, password = dialog.values()
        if dialog.creating:
            account = await workspace.accounts.create(email, name, password)
        else:
            result = await workspace.sign_in.sign_in(email, password)
            if not result.ok:
                raise HomeLogError(result.message)
            assert result.account is not None
            account = result.account
        workspace.act_as(account)
        await workspace.roles.set_role(account.id, ROLE_ADMINISTRATOR)
        return account

    account = await submit(dialog, save)
    if account is None:
        workspace.act_as(None)
        return None
    return Admission(account, f"{account.email} is now an administrator, and signed in.")
