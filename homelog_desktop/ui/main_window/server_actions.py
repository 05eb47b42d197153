"""File > Connect to server and File > Open recent (databases opened before, files and servers alike,
remembered without passwords)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.dialogs.connect import ConnectDialog
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.main_window.locations import recent_locations
from homelog_desktop.ui.translation import translate


class ServerActions:
    """Connecting to a server database, and reopening a recent database."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context
        self.recent_menu: QMenu | None = None

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of this topic's actions, by key."""
        return {"connect_server": self.connect_server, "open_recent": lambda: None}

    async def connect_server(self) -> bool:
        """File > Connect to server: ask where, then open it (the password as locations.py finds it)."""
        dialog = ConnectDialog(parent=self.context.parent)

        async def check() -> DatabaseLocation:
            return dialog.location()  # a sentence in the form when it names no server

        location = await self.context.operations.submit(dialog, check)
        return location is not None and await self.context.session.open(location)

    def install_recent_menu(self, actions: Mapping[str, QAction]) -> None:
        """Give File > Open recent its submenu, filled from the settings each time it opens."""
        menu = QMenu(self.context.parent)
        menu.setObjectName("recentMenu")
        menu.aboutToShow.connect(self.fill_recent_menu)
        actions["open_recent"].setMenu(menu)
        self.recent_menu = menu

    def fill_recent_menu(self) -> None:
        """The recent databases, newest first (a server's shown as user@host:port/db)."""
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        for location in recent_locations(self.context.session.settings):
            action = menu.addAction(location.display())
            action.triggered.connect(partial(self._open_recent, location))
        if menu.isEmpty():
            menu.addAction(translate("Messages", "No recent databases")).setEnabled(False)

    def _open_recent(self, location: DatabaseLocation) -> None:
        self.context.operations.start(self._reopen(location), name="open recent")

    async def _reopen(self, location: DatabaseLocation) -> bool:
        try:
            return await self.context.session.open(location, create=False)
        except HomeLogError as error:  # pragma: no cover - session.open shows its own failures
            self.context.operations.show_error(str(error))
            return False
