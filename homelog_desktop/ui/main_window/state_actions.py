"""Account > Make administrator, Make member, Disable, Enable, Unlock. services/roles.py refuses to
leave no administrator (inside the write); the window says so before asking anything, as for a delete.
Doing it to one's own account asks first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER, Account
from homelog_desktop.services.account_validation import mixed_script_warning
from homelog_desktop.services.roles import RoleService
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.awaiting import confirm
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class OwnQuestion:
    """What is asked before a change to one's own account: the box's name, its verb, text and detail."""

    name: str
    verb: str
    text: str
    detail: str


DEMOTE_SELF = OwnQuestion(
    "confirmDemoteSelf", QT_TRANSLATE_NOOP("Messages", "Make member"), QT_TRANSLATE_NOOP("Messages",
        "Make your own account a member?"),
    QT_TRANSLATE_NOOP("Messages",
        "You are signed out at once (only administrators manage the accounts), and cannot sign in here again "
            "unless another administrator makes you one."),
)
DISABLE_SELF = OwnQuestion(
    "confirmDisableSelf", QT_TRANSLATE_NOOP("Messages", "Disable"), QT_TRANSLATE_NOOP("Messages",
        "Disable your own account?"),
    QT_TRANSLATE_NOOP("Messages",
        "You are signed out at once, and cannot sign in again until another administrator enables it."),
)


# What the window says before asking anything, in the words the service refuses with.
LAST_ADMINISTRATOR = (
    QT_TRANSLATE_NOOP("Messages",
        "This is the last administrator: it cannot {verb}, or nobody could manage the accounts any more. Make "
            "another account an administrator first.")
)


class StateActions:
    """Roles, disabling and locks of the selected account."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of this topic's actions, by key."""
        return {
            "make_administrator": lambda: self.set_role_selected(ROLE_ADMINISTRATOR),
            "make_member": lambda: self.set_role_selected(ROLE_MEMBER),
            "disable": self.disable_selected, "enable": self.enable_selected, "unlock": self.unlock_selected,
        }

    async def set_role_selected(self, role: str) -> bool:
        """Make the selected account an administrator or a member (an address that mixes scripts, a
        possible look-alike, only after confirming)."""
        title = translate("Messages", "an administrator") if role == ROLE_ADMINISTRATOR else translate(
            "Messages", "a member")
        target = self.context.target()
        warning = mixed_script_warning(target.account.email) if target and role == ROLE_ADMINISTRATOR else None
        if warning is not None and not await confirm(
            self.context.parent, name="mixedScriptConfirmation", title=translate(
                "Messages", "Make administrator"), text=warning,
            detail=translate("Messages", "Make this account an administrator only if you know it is the one you mean."),
            verb=translate("Messages", "Make administrator"),
        ):
            return False
        return await self._change_state(
            lambda roles, account: roles.set_role(account.id, role, confirm_mixed_script=warning is not None),
            doing=translate("Messages", "Making {email} ") + title + "…", done=translate(
                "Messages", "{email} is now ") + title + ".",
            own_question=None if role == ROLE_ADMINISTRATOR else DEMOTE_SELF,
            last_administrator=None if role == ROLE_ADMINISTRATOR else translate("Messages", "become a member"),
        )

    async def disable_selected(self) -> bool:
        """Keep the selected account from signing in."""
        return await self._change_state(
            lambda roles, account: roles.disable(account.id),
            doing=translate("Messages", "Disabling {email}…"), done=translate(
                "Messages", "{email} is disabled: it cannot sign in."), own_question=DISABLE_SELF,
            last_administrator=translate("Messages", "be disabled"),
        )

    async def enable_selected(self) -> bool:
        """Let the selected disabled account sign in again."""
        return await self._change_state(
            lambda roles, account: roles.enable(account.id),
            doing=translate("Messages", "Enabling {email}…"), done=translate(
                "Messages", "{email} is enabled: it can sign in again."),
        )

    async def unlock_selected(self) -> bool:
        """End the selected account's lock after failed sign-ins."""
        return await self._change_state(
            lambda roles, account: roles.unlock(account.id),
            doing=translate("Messages", "Unlocking {email}…"), done=translate("Messages", "{email} is unlocked."),
        )

    async def _change_state(
        self,
        change: Callable[[RoleService, Account], Awaitable[Any]],
        *,
        doing: str,
        done: str,
        own_question: OwnQuestion | None = None,
        last_administrator: str | None = None,
    ) -> bool:
        """Run a role/disable/lock change on the selected account; `own_question` is asked first when
        the account is the signed-in administrator's own. A change that `last_administrator` names
        ("be disabled") is refused at once, before any question, for the last enabled administrator."""
        target = self.context.target()
        if target is None:
            return False
        account = target.account
        if last_administrator is not None and await self._is_last_administrator(target.workspace, account):
            self.context.operations.show_error(translate(
                "Messages", LAST_ADMINISTRATOR).format(verb=last_administrator))
            return False
        if own_question is not None and self.context.is_me(account):
            question = own_question
            if not await confirm(
                self.context.parent, name=question.name, title=translate("Messages", question.verb),
                text=translate("Messages", question.text), detail=translate("Messages", question.detail),
                verb=translate("Messages", question.verb),
            ):
                return False
        await self.context.operations.run(
            doing.format(email=account.email), change(target.workspace.roles, account), changed=[account.id]
        )
        self.context.tell(done.format(email=account.email))
        return True

    async def _is_last_administrator(self, workspace: Workspace, account: Account) -> bool:
        """Whether the account is now the only enabled administrator (read afresh: the row may be older
        than a change just made; the service checks again as it writes)."""
        operations = self.context.operations
        now = await operations.run(translate("Messages", "Checking the account…"), workspace.accounts.get(account.id))
        if now.role != ROLE_ADMINISTRATOR or now.disabled:
            return False
        return await operations.run(translate("Messages", "Checking the account…"),
            workspace.roles.count_administrators()) <= 1
