"""The main window, a shell that wires parts: it builds the accounts table, the search row, the menus,
toolbar and status bar (from the action table) and connects them to the database session, the
operations runner and the action modules, which see only a WindowContext, never the window."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from homelog_desktop.paths import APPLICATION_NAME
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.accessibility import announce_messages
from homelog_desktop.ui.account_events import AccountEvents
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.accounts_table.summary import count_text, empty_text
from homelog_desktop.ui.accounts_table.view import AccountsTableView
from homelog_desktop.ui.main_window.account_actions import AccountActions
from homelog_desktop.ui.main_window.action_table import Handler, WindowState
from homelog_desktop.ui.main_window.bulk_actions import BulkActions
from homelog_desktop.ui.main_window.context import ShownAccounts, WindowContext
from homelog_desktop.ui.main_window.database_actions import DatabaseActions
from homelog_desktop.ui.main_window.file_actions import FileActions
from homelog_desktop.ui.main_window.language_menu import add_language_menu
from homelog_desktop.ui.main_window.locations import shown_name
from homelog_desktop.ui.main_window.menus import (
    build_menus,
    build_toolbar,
    context_menu,
    create_actions,
    update_actions,
)
from homelog_desktop.ui.main_window.no_database import NoDatabasePanel
from homelog_desktop.ui.main_window.outside_changes import OutsideChangeWatch
from homelog_desktop.ui.main_window.password_actions import PasswordActions
from homelog_desktop.ui.main_window.search_row import SearchRow
from homelog_desktop.ui.main_window.server_actions import ServerActions
from homelog_desktop.ui.main_window.session import DatabaseSession
from homelog_desktop.ui.main_window.state_actions import StateActions
from homelog_desktop.ui.main_window.status_bar import StatusParts
from homelog_desktop.ui.main_window.table_memory import TableMemory
from homelog_desktop.ui.main_window.view_actions import ViewActions
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.sign_in import Gate, sign_in_gate
from homelog_desktop.ui.translation import number, translate, translated
from homelog_desktop.ui.widgets import keep_on_screen

GEOMETRY_KEY = "window/geometry"
# The first size, where every column shows with the email whole; less on a smaller screen.
PREFERRED_SIZE = QSize(1240, 680)


def initial_size(available: QRect) -> QSize:
    """The window's first size on a screen with this free area: the preferred size, or 90% of the area."""
    return QSize(
        min(PREFERRED_SIZE.width(), available.width() * 9 // 10),
        min(PREFERRED_SIZE.height(), available.height() * 9 // 10),
    )


class MainWindow(QMainWindow):
    """Accounts of one database: a paged table, a search field, actions in menus and a toolbar."""

    closed = Signal()

    def __init__(
        self,
        *,
        bcrypt_cost: int = DEFAULT_BCRYPT_COST,
        events: AccountEvents | None = None,
        settings: QSettings | None = None,
        gate: Gate | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or QSettings()
        self.operations = Operations(events=events, parent=self)
        self.model = AccountsTableModel(tasks=self.operations)
        self.table = AccountsTableView(model=self.model, operations=self.operations)
        self.search_row = SearchRow(model=self.model, table=self.table)
        self.watch = OutsideChangeWatch(operations=self.operations, quiet=lambda: not self.model.loading, parent=self)
        # Who may see a database's accounts is asked after opening it, before showing any (ui/sign_in.py).
        self.session = DatabaseSession(
            parent=self, operations=self.operations, settings=self.settings, watch=self.watch,
            gate=gate or sign_in_gate, bcrypt_cost=bcrypt_cost, rows_shown=self._rows_read,
        )
        self._build_actions()
        self.status = StatusParts(self.statusBar())
        self._build_central()
        self.table_memory = TableMemory(settings=self.settings, table=self.table, filter_box=self.search_row.filter_box)
        self.table_memory.restore()  # before any database is read: its first read is in the order remembered
        self._connect()
        self._database_changed()
        self.resize(initial_size(self.screen().availableGeometry()))
        self.restoreGeometry(self.settings.value(GEOMETRY_KEY, b""))  # type: ignore[arg-type]
        keep_on_screen(self)  # a geometry saved on a larger screen (or at a smaller scale) is made to fit

    # Building

    def _build_actions(self) -> None:
        context = WindowContext(
            parent=self, operations=self.operations, session=self.session,
            selected_account=self.table.selected_account, shown=self._shown, marks=self.table.marks,
        )
        self.account_actions = AccountActions(context)
        self.view_actions = ViewActions(context)
        self.file_actions = FileActions(context)
        handlers: dict[str, Handler] = {
            "find": self.search_row.focus_search, "refresh": self.table.refresh, "quit": self.close,
        }
        for topic in (
            self.account_actions, PasswordActions(context), StateActions(context), DatabaseActions(context),
            self.file_actions, self.view_actions,
        ):
            handlers.update(topic.handlers())
        servers = ServerActions(context)
        handlers.update(servers.handlers())
        bulk = BulkActions(context, undo_stack=self.account_actions.undo_stack)
        handlers.update(bulk.handlers())
        bulk.take_over(handlers)  # Disable, Delete...: every selected account when several are
        self._actions = create_actions(self, handlers, self.operations)
        self.account_actions.adopt(self._actions)
        servers.install_recent_menu(self._actions)
        menus = build_menus(self.menuBar(), self._actions)
        add_language_menu(menus["view"], self.settings, lambda text, timeout: self.statusBar().showMessage(text,
            timeout))
        self.addToolBar(build_toolbar(self._actions))

    def _build_central(self) -> None:
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setProperty("role", "hint")
        self.empty_label.hide()
        self.no_database = NoDatabasePanel(
            sign_in=self._actions["sign_in"], open_database=self._actions["open_database"]
        )
        self.no_database.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(self.search_row)  # the search field and the "Show" filter
        layout.addWidget(self.empty_label)
        layout.addWidget(self.no_database)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.table.setFocus()  # arrow keys, Enter and Del work at once

    def _connect(self) -> None:
        edit = self._actions["edit_user"]
        self.table.doubleClicked.connect(lambda _index: edit.trigger())
        # Enter on the table edits, as double-click does; only there, so Enter elsewhere keeps its meaning.
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(enter), self.table, edit.trigger, context=Qt.ShortcutContext.WidgetShortcut)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.model.modelReset.connect(self._contents_changed)
        self.model.loaded.connect(self._contents_changed)
        self.model.dataChanged.connect(self._update_actions)
        self.table.marks.changed.connect(self._busy_changed)  # how many are selected, and what applies
        self.operations.busy_changed.connect(self._busy_changed)
        self.operations.failed.connect(self.show_error)
        self.operations.told.connect(lambda text, timeout: self.statusBar().showMessage(text, timeout))
        announce_messages(self.statusBar())
        self.operations.events.accounts_changed.connect(self.table.follow_change)
        self.session.changed.connect(self._database_changed)
        self.session.waiting_changed.connect(self._contents_changed)
        self.watch.changed.connect(lambda: self.operations.start(self.table.refresh(), name="outside changes"))

    # What the parts ask of the window

    def action(self, key: str) -> QAction:
        """The window's action of this key in the action table (e.g. "new_user")."""
        return self._actions[key]

    @property
    def workspace(self) -> Workspace | None:
        """The open database and its services, None without one."""
        return self.session.workspace

    def _shown(self) -> ShownAccounts:
        return ShownAccounts(self.model.query, self.model.filter_choice.shown_label, self.model.total)

    def _show_context_menu(self, position: QPoint) -> None:
        context_menu(self, self._actions).popup(self.table.viewport().mapToGlobal(position))

    def show_error(self, text: str) -> None:
        """Tell the user what went wrong, without blocking the window (one message box at a time)."""
        text = translated(text)  # a sentence from below the window (messages.Text) in the window's language
        self.statusBar().showMessage(text, 10_000)
        box = self.findChild(QMessageBox, "errorMessage")
        if box is None:
            box = QMessageBox(QMessageBox.Icon.Warning, APPLICATION_NAME, text, QMessageBox.StandardButton.Ok, self)
            box.setObjectName("errorMessage")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        else:
            box.setText(text)

    # Following the parts

    async def _rows_read(self) -> None:
        """Until the table's reads have ended (its first rows are in, or failed to come)."""
        if not self.model.loading:
            return
        read = asyncio.get_running_loop().create_future()

        def settled() -> None:
            if not read.done():
                read.set_result(None)

        self.model.settled.connect(settled)
        try:
            await read
        finally:
            self.model.settled.disconnect(settled)

    def _database_changed(self) -> None:
        workspace, actor = self.session.workspace, self.session.actor
        self.model.set_service(workspace.accounts if workspace is not None else None)
        self.status.show_warnings(workspace.warnings if workspace is not None else ())
        if workspace is None:
            self.status.signed_in_label.setText("")
            self.setWindowTitle(APPLICATION_NAME)
        else:
            self.status.signed_in_label.setText(
                translate("MainWindow", "Signed in as {email}").format(email=actor.email) if actor
                else translate("MainWindow", "Not signed in")
            )
            read_only = translate("MainWindow", " (read-only)") if workspace.read_only else ""
            self.setWindowTitle(f"{shown_name(workspace.location)}{read_only} — {APPLICATION_NAME}")
            self.setWindowFilePath(str(workspace.path) if workspace.location.is_file else "")
            self.table.select_first_row_when_loaded()
        self._contents_changed()

    def _contents_changed(self) -> None:
        has_database = self.session.workspace is not None
        empty = empty_text(self.model) if has_database else None
        if empty is not None:
            self.empty_label.setText(empty)
        self.empty_label.setVisible(empty is not None)
        self.no_database.show_waiting(self.session.waiting)
        self._busy_changed()

    def _busy_changed(self) -> None:
        self.status.show_activity(self.operations.activity)
        has_database, idle = self.session.workspace is not None, not self.operations.running
        # While a database opens (or waits for a sign-in) the activity says so; "No database open" would not.
        count = count_text(self.model, has_database=has_database) if has_database or idle else ""
        if has_database and self.table.marks.count > 1:
            count += translate("MainWindow", "; {count} selected").format(count=number(self.table.marks.count))
        self.status.count_label.setText(count)
        self.no_database.setVisible(not has_database and idle)
        self._update_actions()

    def _update_actions(self, *_args: Any) -> None:
        workspace = self.session.workspace
        state = WindowState(
            database=workspace is not None, writable=workspace is not None and not workspace.read_only,
            idle=not self.operations.running, signed_in=self.session.actor is not None,
            account=self.table.selected_account(), waiting=self.session.waiting is not None,
            selected=self.table.marks.count,
        )
        update_actions(self._actions, state, self.operations)
        self.search_row.set_usable(workspace is not None)

    # Lifecycle

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.table_memory.save()
        event.accept()
        self.closed.emit()

    async def shutdown(self) -> None:
        """Cancel and await every task, then close the database. Call before the loop stops."""
        self.search_row.stop()
        self.watch.stop()
        self.view_actions.close_views()
        await self.operations.cancel_all()
        await self.session.close()
        await self.operations.cancel_all()
