"""Who may see the accounts (the gate): the sign-in, the first run that makes the first administrator,
and the new password asked for after a temporary one.

The window's session calls a `Gate` after opening a database and before showing any account;
`sign_in_gate` is the real one. Every check runs through the workspace's sign-in service (hashing in a
worker thread), so the window stays live while a password is checked; the dialogs are in ui/dialogs/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.dialogs.first_run import FirstRunDialog
from homelog_desktop.ui.dialogs.new_password import NewPasswordDialog
from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from homelog_desktop.ui.main_window.locations import shown_name
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate

NOT_AN_ADMINISTRATOR = (
    QT_TRANSLATE_NOOP("Messages",
        "This account is not an administrator. Only administrators can manage the accounts; ask one to make you an "
            "administrator.")
)


@dataclass(frozen=True, slots=True)
class Admission:
    """Leave to show a database's accounts: who signed in (None when nobody could, e.g. a read-only
    database without an administrator) and a sentence for the status bar."""

    actor: Account | None
    note: str = ""


# Called by the window after opening a database (with the parent for its dialogs and the operations
# runner that runs its checks): an Admission, or None when the user gave up (the database is then
# closed again and nothing of it is shown).
Gate = Callable[[QWidget, Operations, Workspace], Awaitable[Admission | None]]


async def sign_in_gate(parent: QWidget, operations: Operations, workspace: Workspace) -> Admission | None:
    """Ask for an administrator's sign-in, or for a first administrator when there is none."""
    if await workspace.roles.count_administrators() == 0:
        if workspace.read_only:
            return Admission(None, translate(
                "Messages", "{file} has no administrator; it is open read-only, so one cannot be set up now.")
                .format(file=shown_name(workspace.location)))
        return await first_run(parent, operations, workspace)
    return await sign_in(parent, operations, workspace)


async def sign_in(parent: QWidget, operations: Operations, workspace: Workspace) -> Admission | None:
    """The sign-in dialog; then a new password when the administrator's was temporary."""
    dialog = SignInDialog(parent=parent, database_name=shown_name(workspace.location))
    must_change = False

    async def check() -> Account:
        nonlocal must_change
        email, password = dialog.credentials()
        result = await workspace.sign_in.sign_in(email, password)
        if not result.ok:
            raise HomeLogError(result.message)
        if result.role != ROLE_ADMINISTRATOR:
            raise HomeLogError(translate("Messages", NOT_AN_ADMINISTRATOR))
        assert result.account is not None
        workspace.act_as(result.account)
        must_change = result.must_change_password and not workspace.read_only
        return result.account

    account = await operations.submit(dialog, check)
    if account is None:
        return None
    if must_change and not await choose_new_password(parent, operations, workspace, account):
        workspace.act_as(None)
        return None
    return Admission(account)  # the status bar says who is signed in


async def choose_new_password(
    parent: QWidget, operations: Operations, workspace: Workspace, account: Account
) -> bool:
    """After a sign-in with a temporary password: the administrator picks their own (or gives up)."""
    dialog = NewPasswordDialog(
        parent=parent, account_label=account.email, scheme=workspace.hasher.scheme,
        user_inputs=(account.email, account.username or ""),
    )

    async def save() -> Account:
        # Not the temporary one again: refused with a sentence, the dialog stays open.
        return await workspace.accounts.replace_temporary_password(account.id, dialog.password())

    return await operations.submit(dialog, save) is not None


async def first_run(parent: QWidget, operations: Operations, workspace: Workspace) -> Admission | None:
    """Make the first administrator: a new account, or an existing one whose password is checked."""
    dialog = FirstRunDialog(
        parent=parent, database_name=shown_name(workspace.location), has_accounts=await workspace.accounts.count() > 0,
        scheme=workspace.hasher.scheme,
    )

    async def save() -> Account:
        # Either way the account becomes an administrator only while there is none (checked under the
        # write lock: a first run elsewhere at the same time makes one, not two), and is signed in.
        email, name, password = dialog.values()
        if dialog.creating:
            account = await workspace.accounts.create_first_administrator(email, name, password)
        else:
            result = await workspace.sign_in.sign_in(email, password)
            if not result.ok:
                raise HomeLogError(result.message)
            assert result.account is not None
            account = await workspace.roles.make_first_administrator(result.account.id)
        workspace.act_as(account)
        return account

    account = await operations.submit(dialog, save)
    if account is None:
        workspace.act_as(None)
        return None
    return Admission(account, translate(
        "Messages", "{email} is now an administrator, and signed in.").format(email=account.email))
