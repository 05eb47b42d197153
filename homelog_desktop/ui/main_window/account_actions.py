"""Account > New account, Edit account, Delete account; and Edit > Undo / Redo of a delete."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QUndoStack

from homelog_desktop.errors import ConflictError
from homelog_desktop.services.account import Account, DeletedAccount
from homelog_desktop.ui.awaiting import confirm
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.formatting import account_label
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.main_window.undo import DoneCommand
from homelog_desktop.ui.operations import OperationFailed
from homelog_desktop.ui.translation import translate, translated

Step = Callable[["DeleteAccountCommand"], Coroutine[Any, Any, None]]


class DeleteAccountCommand(DoneCommand):
    """A delete on the undo stack; undo and redo start the coroutines it was given."""

    def __init__(self, *, deleted: DeletedAccount, undo: Step, redo: Step, start: Callable[[Any], Any]) -> None:
        super().__init__(translate("Messages", "Delete {email}").format(email=deleted.email), undo=undo, redo=redo,
            start=start)
        self.deleted = deleted
        self.restored_id = deleted.snapshot.id


class AccountActions:
    """Creating, editing and deleting accounts; deletes can be undone until another database is opened."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context
        self.undo_stack = QUndoStack(context.parent)
        context.session.changed.connect(self.undo_stack.clear)  # what it could undo belongs to that file

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of this topic's actions, by key."""
        return {
            "new_user": self.new_account, "edit_user": self.edit_selected, "delete_user": self.delete_selected,
            "undo": self.undo_stack.undo, "redo": self.undo_stack.redo,
        }

    def adopt(self, actions: Mapping[str, QAction]) -> None:
        """Keep Undo and Redo enabled and named as the undo stack says ("Undo Delete ann@example.org")."""
        stack = self.undo_stack
        _follow(actions["undo"], stack.canUndoChanged, stack.undoTextChanged, stack.canUndo(), stack.undoText())
        _follow(actions["redo"], stack.canRedoChanged, stack.redoTextChanged, stack.canRedo(), stack.redoText())

    async def new_account(self) -> Account | None:
        """Ask for an email and a name, create the account (the table then selects it)."""
        workspace = self.context.workspace
        if workspace is None:
            return None
        accounts = workspace.accounts
        dialog = AccountDialog(parent=self.context.parent)
        created = await self.context.operations.submit(
            dialog, lambda: accounts.create(*dialog.values()), label=lambda: translate(
                "Messages", "Creating {values}…").format(values=dialog.values()[0]),
            changed=lambda account: [account.id],
        )
        if created is not None:
            self.context.tell(translate("Messages", "Created {email}.").format(email=created.email))
        return created

    async def edit_selected(self) -> Account | None:
        """Edit the email and name of the selected account (read fresh before the form shows)."""
        target = self.context.target()
        if target is None:
            return None
        accounts, operations = target.workspace.accounts, self.context.operations
        current = await operations.run(translate("Messages", "Loading…"), accounts.get(target.account.id))
        dialog = AccountDialog(parent=self.context.parent, account=current)

        async def save() -> Account:
            nonlocal current
            email, name = dialog.values()
            try:
                return await accounts.update(current.id, email=email, username=name, based_on=current)
            except ConflictError as conflict:
                # The form keeps what the user typed; saving again means "overwrite what is there now".
                if not conflict.deleted:
                    current = await accounts.get(current.id)
                raise

        saved = await operations.submit(
            dialog, save, label=lambda: translate(
                "Messages", "Saving {values}…").format(values=dialog.values()[0]), changed=[current.id]
        )
        if saved is not None:
            self.context.tell(translate("Messages", "Saved {email}.").format(email=saved.email))
        return saved

    async def delete_selected(self) -> bool:
        """Delete the selected account after a confirmation that names it."""
        target = self.context.target()
        if target is None:
            return False
        accounts, account, operations = target.workspace.accounts, target.account, self.context.operations
        # The last administrator: say so now, not after "Are you sure?" (the delete checks again).
        await operations.run(translate("Messages", "Checking the account…"),
            target.workspace.roles.check_can_delete(account.id))
        dependents = await operations.run(
            translate("Messages", "Looking for data that refers to the account…"), accounts.dependents(account.id)
        )
        detail = " ".join(
            part for part in (
                translate("Messages", "Its password is deleted with it.") if account.has_password else "",
                translated(dependents.describe()),
                translate("Messages", "You can undo this (Ctrl+Z) until you close the window."),
            ) if part
        )
        if not await confirm(
            self.context.parent, name="confirmDelete", title=translate("Messages", "Delete account"),
            text=translate(
                "Messages", "Delete the account {account}?").format(account=account_label(account)), detail=detail,
                    verb=translate("Messages", "Delete"),
        ):
            return False
        deleted = await operations.run(
            translate("Messages", "Deleting {email}…").format(email=account.email), accounts.delete(account.id,
                based_on=account), changed=[account.id]
        )
        self.undo_stack.push(DeleteAccountCommand(
            deleted=deleted, undo=self._undo_delete, redo=self._redo_delete, start=operations.start
        ))
        self.context.tell(translate(
            "Messages", "Deleted {email}. Ctrl+Z brings it back.").format(email=account.email), 8000)
        return True

    async def _undo_delete(self, command: DeleteAccountCommand) -> None:
        """Edit > Undo of a delete: put the account back with its password and references."""
        workspace = self.context.workspace
        if workspace is None:
            return
        try:
            restored = await self.context.operations.run(
                translate("Messages", "Restoring {email}…").format(email=command.deleted.email),
                workspace.accounts.undo_delete(command.deleted),
                changed=lambda account: [account.id],
            )
        except OperationFailed:
            QTimer.singleShot(0, self.undo_stack.clear)  # the history no longer matches the file
            raise
        command.restored_id = restored.id  # may differ if SQLite gave the old id to a new account
        self.context.tell(translate("Messages", "Restored {email}.").format(email=restored.email))

    async def _redo_delete(self, command: DeleteAccountCommand) -> None:
        """Edit > Redo of a delete."""
        workspace = self.context.workspace
        if workspace is None:
            return
        try:
            command.deleted = await self.context.operations.run(
                translate("Messages", "Deleting {email}…").format(email=command.deleted.email),
                workspace.accounts.delete(command.restored_id),
                changed=[command.restored_id],
            )
        except OperationFailed:
            QTimer.singleShot(0, self.undo_stack.clear)
            raise


def _follow(action: QAction, can_changed: Any, text_changed: Any, can_now: bool, text_now: str) -> None:
    prefix = action.text()

    def name(text: str) -> None:
        action.setText(translate("Messages", "{action} {command}").format(action=prefix,
            command=text) if text else prefix)

    action.setEnabled(can_now)
    name(text_now)
    can_changed.connect(action.setEnabled)
    text_changed.connect(name)
