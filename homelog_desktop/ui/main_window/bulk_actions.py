"""Account actions on several selected accounts at once: Disable, Enable, Unlock, Make member, Delete
(the same menu entries as for one, when more than one row is selected) and Require a new password.
The set is read (with progress and Cancel when large), the last-administrator rule is applied to it
before asking, one confirmation counts it and names a few, and the change is one transaction. A bulk
delete goes on the undo stack like a single one."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, MutableMapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack

from homelog_desktop.services.bulk import ID_PAGE, BulkAction, BulkDeleted, describe_set
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.accounts_table.selection import MarkedAccounts
from homelog_desktop.ui.awaiting import confirm
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.main_window.undo import DoneCommand
from homelog_desktop.ui.operations import OperationFailed
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate, translated

# The menu entries that act on every selected account when several are selected.
SEVERAL = {
    "disable": BulkAction.DISABLE, "enable": BulkAction.ENABLE, "unlock": BulkAction.UNLOCK,
    "make_member": BulkAction.MAKE_MEMBER, "delete_user": BulkAction.DELETE,
}
# Per action: the confirmation's title, its button, what it adds, and what the status bar says after.
WORDS: dict[BulkAction, tuple[str, str, str, str]] = {
    BulkAction.DISABLE: (
        QT_TRANSLATE_NOOP("Messages", "Disable accounts"),
        QT_TRANSLATE_NOOP("Messages", "Disable"),
        QT_TRANSLATE_NOOP("Messages", "They cannot sign in until enabled again; they keep their passwords."),
        QT_TRANSLATE_NOOP("Messages", "Disabled {count}."),
    ),
    BulkAction.ENABLE: (
        QT_TRANSLATE_NOOP("Messages", "Enable accounts"),
        QT_TRANSLATE_NOOP("Messages", "Enable"),
        QT_TRANSLATE_NOOP("Messages", "They can sign in again."),
        QT_TRANSLATE_NOOP("Messages", "Enabled {count}."),
    ),
    BulkAction.UNLOCK: (
        QT_TRANSLATE_NOOP("Messages", "Unlock accounts"),
        QT_TRANSLATE_NOOP("Messages", "Unlock"),
        QT_TRANSLATE_NOOP("Messages", "Their locks end and their failed sign-ins are forgotten."),
        QT_TRANSLATE_NOOP("Messages", "Unlocked {count}."),
    ),
    BulkAction.REQUIRE_PASSWORD_CHANGE: (
        QT_TRANSLATE_NOOP("Messages", "Require a new password"),
        QT_TRANSLATE_NOOP("Messages", "Require"),
        QT_TRANSLATE_NOOP("Messages", "Each must choose a new password at its next sign-in."),
        QT_TRANSLATE_NOOP("Messages", "{count} must choose a new password at their next sign-in."),
    ),
    BulkAction.MAKE_MEMBER: (
        QT_TRANSLATE_NOOP("Messages", "Make members"),
        QT_TRANSLATE_NOOP("Messages", "Make members"),
        QT_TRANSLATE_NOOP("Messages", "Administrators among them can no longer manage the accounts."),
        QT_TRANSLATE_NOOP("Messages", "Made {count} members."),
    ),
    BulkAction.DELETE: (
        QT_TRANSLATE_NOOP("Messages", "Delete accounts"),
        QT_TRANSLATE_NOOP("Messages", "Delete"),
        QT_TRANSLATE_NOOP("Messages", "Their passwords are deleted with them; home-log's data that refers to them "
            "stays, without the reference. You can undo this (Ctrl+Z) until you close the window."),
        QT_TRANSLATE_NOOP("Messages", "Deleted {count}. Ctrl+Z brings them back."),
    ),
}
OWN_ACCOUNT = QT_TRANSLATE_NOOP("Messages", "Your own account is among them: you are signed out at once.")
Step = Callable[["BulkDeleteCommand"], Coroutine[Any, Any, None]]


def accounts(count: int) -> str:
    """"1 account", "1,204 accounts"."""
    return translate("Messages", "%Ln account(s)", None, count)


class BulkDeleteCommand(DoneCommand):
    """A bulk delete on the undo stack; undo and redo start the coroutines it was given."""

    def __init__(self, *, deleted: BulkDeleted, undo: Step, redo: Step, start: Callable[[Any], Any]) -> None:
        super().__init__(translate("Messages", "Delete {accounts}").format(accounts=accounts(len(deleted.accounts))),
            undo=undo, redo=redo, start=start)
        self.deleted = deleted
        self.restored_ids = [account.id for account in deleted.accounts]


class BulkActions:
    """The actions on every selected account; single-account ones keep working for one."""

    def __init__(self, context: WindowContext, *, undo_stack: QUndoStack) -> None:
        self.context = context
        self.undo_stack = undo_stack

    def take_over(self, handlers: MutableMapping[str, Handler]) -> None:
        """Let the actions of SEVERAL act on all selected accounts when more than one is selected."""
        for key, action in SEVERAL.items():
            handlers[key] = self._either(action, handlers[key])

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of the actions only this topic has, by key."""
        return {"require_password_change": lambda: self.run(BulkAction.REQUIRE_PASSWORD_CHANGE)}

    def _either(self, action: BulkAction, single: Handler) -> Handler:
        def handler() -> object:
            marks = self.context.marks
            return self.run(action) if marks is not None and marks.count > 1 else single()

        return handler

    async def run(self, action: BulkAction) -> bool:
        """Do `action` to every selected account, after the checks and one confirmation."""
        workspace, marks, operations = self.context.workspace, self.context.marks, self.context.operations
        if workspace is None or marks is None or not marks.count:
            return False
        ids = await self._read_ids(workspace, marks)
        if not ids:
            return False
        await operations.run(translate("Messages", "Checking the selected accounts…"),
            workspace.bulk.check(action, ids))
        emails = await operations.run(translate("Messages", "Reading the selected accounts…"),
            workspace.bulk.first_emails(ids))
        title, verb, detail, done = (translate("Messages", text) for text in WORDS[action])
        actor = self.context.session.actor
        if actor is not None and actor.id in ids and action.loses_administrators:
            detail = f"{detail} {translate('Messages', OWN_ACCOUNT)}"
        if not await confirm(
            self.context.parent, name="confirmBulk", title=title,
            text=translated(describe_set(action.verb, emails, len(ids))), detail=detail, verb=verb,
        ):
            return False
        label = translate("Messages", "{verb} {accounts}…").format(verb=verb, accounts=accounts(len(ids)))
        if action is BulkAction.REQUIRE_PASSWORD_CHANGE:
            label = translate("Messages", "Requiring a new password of {accounts}…").format(accounts=accounts(len(ids)))
        if action is BulkAction.DELETE:
            deleted = await operations.run(label, workspace.bulk.delete(ids), changed=ids)
            marks.clear()
            self.undo_stack.push(BulkDeleteCommand(
                deleted=deleted, undo=self._undo_delete, redo=self._redo_delete, start=operations.start
            ))
            self.context.tell(done.format(count=accounts(len(ids))), 8000)
            return True
        changed = await operations.run(label, workspace.bulk.apply(action, ids), changed=ids)
        same = len(ids) - len(changed)
        already = translate("Messages", " (%Ln already (was/were).)", None, same) if same else ""
        self.context.tell(done.format(count=accounts(len(changed))) + already, 8000)
        return True

    async def _read_ids(self, workspace: Workspace, marks: MarkedAccounts) -> list[int] | None:
        """The ids of the selected accounts: read a page at a time, under a progress dialog with Cancel
        when there are many (nothing is written before they are all read)."""
        await marks.settled()
        selection, count = marks.as_selection(), marks.count
        if count <= ID_PAGE:
            return await self.context.operations.run(
                translate("Messages", "Reading the selected accounts…"), workspace.bulk.resolve(selection)
            )
        return await self.context.operations.run_with_progress(
            parent=self.context.parent, name="bulkProgress", label=translate(
                "Messages", "Reading the {accounts} selected…").format(accounts=accounts(count)),
            maximum=count, make_work=lambda progress: workspace.bulk.resolve(
                selection, progress=progress, total=count
            ),
            cancelled_text=translate("Messages", "Cancelled: nothing was changed."),
        )

    async def _undo_delete(self, command: BulkDeleteCommand) -> None:
        """Edit > Undo of a bulk delete: every account back, with its password, state and references."""
        workspace = self.context.workspace
        if workspace is None:
            return
        count = accounts(len(command.deleted.accounts))
        try:
            restored = await self.context.operations.run(
                translate("Messages",
                    "Restoring {accounts}…").format(accounts=count), workspace.bulk.undo_delete(command.deleted),
                changed=lambda restored: [account.id for account in restored],
            )
        except OperationFailed:
            QTimer.singleShot(0, self.undo_stack.clear)  # the history no longer matches the file
            raise
        command.restored_ids = [account.id for account in restored]
        self.context.tell(translate("Messages", "Restored {accounts}.").format(accounts=count))

    async def _redo_delete(self, command: BulkDeleteCommand) -> None:
        """Edit > Redo of a bulk delete."""
        workspace = self.context.workspace
        if workspace is None:
            return
        try:
            command.deleted = await self.context.operations.run(
                translate("Messages", "Deleting {accounts}…").format(accounts=accounts(len(command.restored_ids))),
                workspace.bulk.delete(command.restored_ids),
                changed=command.restored_ids,
            )
        except OperationFailed:
            QTimer.singleShot(0, self.undo_stack.clear)
            raise
