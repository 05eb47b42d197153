"""Account > Set password, Remove password, Check password."""

from __future__ import annotations

from collections.abc import Mapping

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.sign_in import SignInReason
from homelog_desktop.ui.awaiting import confirm
from homelog_desktop.ui.dialogs.check_password import CheckPasswordDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.formatting import account_label
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.translation import translate


class PasswordActions:
    """The selected account's password: set (hashed off the UI thread), removed, or checked."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of this topic's actions, by key."""
        return {
            "set_password": self.set_password_selected, "remove_password": self.remove_password_selected,
            "check_password": self.check_password_selected,
        }

    async def set_password_selected(self) -> bool:
        """Set a new password for the selected account (temporary, if given to someone else)."""
        target = self.context.target()
        if target is None:
            return False
        workspace, account = target.workspace, target.account
        dialog = PasswordDialog(
            parent=self.context.parent, account_label=account_label(account), scheme=workspace.hasher.scheme,
            user_inputs=(account.email, account.username or ""),
            # A password set here for oneself is one's own choice: it is never temporary.
            offer_temporary=not self.context.is_me(account),
        )
        saved = await self.context.operations.submit(
            dialog,
            lambda: workspace.accounts.set_password(account.id, dialog.password(), temporary=dialog.temporary()),
            label=lambda: translate(
                "Messages", "Hashing the password of {email}…").format(email=account.email), changed=[account.id],
        )
        if saved is None:
            return False
        self.context.tell(translate("Messages", "Password set for {email}.").format(email=account.email))
        return True

    async def remove_password_selected(self) -> bool:
        """Remove the selected account's password after a confirmation."""
        target = self.context.target()
        if target is None:
            return False
        account = target.account
        if not await confirm(
            self.context.parent, name="confirmRemovePassword", title=translate("Messages", "Remove password"),
            text=translate("Messages", "Remove the password of {account}?").format(account=account_label(account)),
            detail=translate(
                "Messages", "The account stays, but cannot sign in with a password until a new one is set."),
            verb=translate("Messages", "Remove password"),
        ):
            return False
        await self.context.operations.run(
            translate("Messages", "Removing the password of {email}…").format(email=account.email),
            target.workspace.accounts.clear_password(account.id),
            changed=[account.id],
        )
        self.context.tell(translate("Messages", "Password removed from {email}.").format(email=account.email))
        return True

    async def check_password_selected(self) -> None:
        """Let the user type passwords and see whether they are the selected account's."""
        target = self.context.target()
        if target is None:
            return
        sign_in, account = target.workspace.sign_in, target.account
        dialog = CheckPasswordDialog(parent=self.context.parent, account_label=account_label(account))

        async def check() -> bool:
            # Recorded as "password checked" by the administrator, never as the account's sign-in; counted
            # like one: repeated failures lock the account (brute-force protection).
            result = await sign_in.check_password(account.id, dialog.password())
            if result.reason not in (SignInReason.OK, SignInReason.WRONG):
                raise HomeLogError(result.message)  # locked, disabled, unreadable hash: shown in the dialog
            dialog.show_result(result.ok)
            if result.locked_until is not None:
                dialog.show_error(result.message)  # this failure locked the account
            return result.ok

        await self.context.operations.submit(
            dialog, check, label=lambda: translate(
                "Messages", "Checking the password of {email}…").format(email=account.email), close_on_success=False,
            changed=[account.id],  # counted: the table shows a lock the check caused
        )


