"""View > History, History of this account, Sign-in readiness; Help > About. The views are non-modal,
follow every change to the accounts, and close with the database they show."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt

from homelog_desktop.services.account import Account
from homelog_desktop.ui.awaiting import ask
from homelog_desktop.ui.dialogs.about import AboutDialog
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.views.base import ReadView
from homelog_desktop.ui.views.history import HistoryView
from homelog_desktop.ui.views.readiness import ReadinessView


class ViewActions:
    """Opens the views of the whole database and the About box; keeps the views open on this database."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context
        self.views: list[ReadView] = []  # History and readiness windows open on the current database
        context.session.changed.connect(self.close_views)  # they show the database that is being closed

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of this topic's actions, by key."""
        return {
            "history": self.show_history,
            "account_history": lambda: self.show_history(self.context.selected_account()),
            "readiness": self.show_readiness,
            "about": self.show_about,
        }

    def show_history(self, account: Account | None = None) -> HistoryView | None:
        """View > History: the audit trail, newest first (about one account, if given)."""
        workspace = self.context.workspace
        if workspace is None:
            return None
        view = HistoryView(
            parent=self.context.parent, operations=self.context.operations, audit=workspace.audit, account=account,
            outside_changes=workspace.tamper_evidence.outside_changes,
        )
        self._show(view)
        return view

    def show_readiness(self) -> ReadinessView | None:
        """View > Sign-in readiness: can each account sign in, and if not why (one such view at a time)."""
        workspace = self.context.workspace
        if workspace is None:
            return None
        for view in self.views:
            if isinstance(view, ReadinessView):
                view.refresh()
                view.raise_()
                view.activateWindow()
                return view
        readiness = ReadinessView(
            parent=self.context.parent, operations=self.context.operations, readiness=workspace.readiness
        )
        self._show(readiness)
        return readiness

    async def show_about(self) -> None:
        """Help > About: the version, the database in use, and the licences."""
        workspace = self.context.workspace
        shown = workspace.location.display() if workspace else None  # a server's without a password
        await ask(AboutDialog(parent=self.context.parent, database_path=shown))

    def _show(self, view: ReadView) -> None:
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        changes = self.context.operations.events.accounts_changed
        changes.connect(view.refresh)

        def forget() -> None:
            changes.disconnect(view.refresh)
            if view in self.views:
                self.views.remove(view)

        view.finished.connect(forget)
        self.views.append(view)
        view.show()

    def close_views(self) -> None:
        """Close every view (they show the database that is being closed or replaced)."""
        for view in list(self.views):
            view.reject()
