"""What an action module may use of the window, and nothing more: the parent of its dialogs, the open
database (the session), the selected account, the accounts shown, and the operations runner (busy
state, errors, status messages, the change signal). Never the window itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from homelog_desktop.services.account import Account
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.accounts_table.query import Query
from homelog_desktop.ui.accounts_table.selection import MarkedAccounts
from homelog_desktop.ui.main_window.session import DatabaseSession
from homelog_desktop.ui.operations import Operations


@dataclass(frozen=True, slots=True)
class Target:
    """The open database and the selected account: what an account action works on."""

    workspace: Workspace
    account: Account


@dataclass(frozen=True, slots=True)
class ShownAccounts:
    """The accounts the table shows: their query (order, search, filter), the filter's name, how many
    (`selected`: how many of them are selected, when only those are meant)."""

    query: Query
    filter_label: str
    total: int
    selected: bool = False


class WindowContext:
    """The narrow view of the window that the action modules get."""

    def __init__(
        self,
        *,
        parent: QWidget,
        operations: Operations,
        session: DatabaseSession,
        selected_account: Callable[[], Account | None],
        shown: Callable[[], ShownAccounts],
        marks: MarkedAccounts | None = None,
    ) -> None:
        self.parent = parent
        self.operations = operations
        self.session = session
        self._selected_account = selected_account
        self._shown = shown
        self.marks = marks  # the accounts selected in the table, by id (several actions work on them all)

    @property
    def workspace(self) -> Workspace | None:
        """The open database and its services, None without one."""
        return self.session.workspace

    def selected_account(self) -> Account | None:
        """The selected account, None without a selection or while its row is loading."""
        return self._selected_account()

    def target(self) -> Target | None:
        """The open database and the selected account, or None when either is missing."""
        account = self._selected_account()
        if self.session.workspace is None or account is None:
            return None
        return Target(self.session.workspace, account)

    def shown(self) -> ShownAccounts:
        """What the table shows now (an export writes the same)."""
        return self._shown()

    def is_me(self, account: Account) -> bool:
        """Whether the account is the signed-in administrator's own."""
        actor = self.session.actor
        return actor is not None and actor.id == account.id

    def tell(self, text: str, timeout_ms: int = 5000) -> None:
        """Say in the status bar what was done."""
        self.operations.tell(text, timeout_ms)
