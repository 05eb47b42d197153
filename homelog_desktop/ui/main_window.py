"""The main window: the accounts table, search, and every account action, each run as an owned task."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from homelog_desktop.errors import ConflictError, HomeLogError
from homelog_desktop.paths import APPLICATION_NAME
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER, Account, DeletedAccount
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.roles import RoleService
from homelog_desktop.services.sign_in import SignInReason
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.about_dialog import AboutDialog
from homelog_desktop.ui.account_dialog import AccountDialog
from homelog_desktop.ui.account_events import AccountEvents
from homelog_desktop.ui.async_tools import OperationFailed, OwnedTasks, ask, confirm, submit
from homelog_desktop.ui.database_settings_dialog import DatabaseSettingsDialog
from homelog_desktop.ui.fast_item_delegate import FastItemDelegate
from homelog_desktop.ui.history_dialog import HistoryDialog
from homelog_desktop.ui.password_dialog import CheckPasswordDialog, PasswordDialog
from homelog_desktop.ui.readiness_dialog import ReadinessDialog
from homelog_desktop.ui.resources import icon
from homelog_desktop.ui.sign_in import Gate, sign_in_gate
from homelog_desktop.ui.transfer_actions import TransferActions
from homelog_desktop.ui.user_table_model import FILTER_CHOICES, UserTableModel

T = TypeVar("T")
SEARCH_DELAY_MS = 250
OUTSIDE_CHANGE_POLL_MS = 1500
DATABASE_FILTER = "HomeLog databases (*.db *.sqlite *.sqlite3);;All files (*)"


def dialog_scheme_name(workspace: Workspace) -> str:
    """The scheme new hashes are written in, as the status bar says it."""
    hasher = workspace.hasher
    return f"bcrypt (cost {hasher.cost})" if hasher.scheme == "bcrypt" else "Argon2id"


def account_label(account: Account) -> str:
    """How an account is named in titles and questions."""
    return f"{account.email} ({account.username})" if account.username else account.email


class DeleteAccountCommand(QUndoCommand):
    """A delete on the undo stack; undo and redo run as owned tasks of the window."""

    def __init__(self, window: MainWindow, deleted: DeletedAccount) -> None:
        super().__init__(f"Delete {deleted.email}")
        self.window = window
        self.deleted = deleted
        self.restored_id = deleted.snapshot.id
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # pushing calls redo(); the delete has already happened
            self._pushed = True
            return
        self.window._start(self.window.redo_delete(self))

    def undo(self) -> None:
        self.window._start(self.window.undo_delete(self))


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
        self.bcrypt_cost = bcrypt_cost
        # Who may see a database's accounts: asked after opening it, before showing any (ui/sign_in.py).
        self.gate: Gate = gate or sign_in_gate
        self.events = events or AccountEvents(self)
        self.settings = settings or QSettings()
        self.workspace: Workspace | None = None
        self.tasks = OwnedTasks(self.show_error)
        self.views: list[QDialog] = []  # History and readiness windows open on the current database
        self._busy_labels: list[str] = []
        self.last_error = ""

        self.model = UserTableModel(tasks=self.tasks)
        self._build_table()
        self._build_search()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._build_status_bar()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(self.search_row)  # the search field and the "Show" filter
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.table.setFocus()  # arrow keys, Enter and Del work at once

        self.model.selected_id = self._selected_id
        self.model.modelReset.connect(self._model_changed)
        self.model.loaded.connect(self._model_changed)
        self.model.loaded.connect(self._restore_selection)
        self.model.dataChanged.connect(self._update_actions)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.events.accounts_changed.connect(self._accounts_changed)
        self._update_title()
        self._model_changed()
        # Writes by other programs (home-log, another window, homelog-admin) show up without F5.
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(OUTSIDE_CHANGE_POLL_MS)
        self._watch_timer.timeout.connect(self._check_outside_changes)
        self._watch_timer.start()
        self._watching = False
        self.resize(1240, 640)  # every column shows; the email column takes what is left
        self.restoreGeometry(self.settings.value("window/geometry", b""))  # type: ignore[arg-type]

    # Building the window

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("userTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self._delegate = FastItemDelegate(self.table)
        self.table.setItemDelegate(self._delegate)
        self.table.verticalHeader().hide()
        # Fixed row heights let the view scroll a million rows without asking every row its size.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the email takes the spare room
        header.setMinimumSectionSize(50)
        for column, width in enumerate((56, 240, 120, 82, 96, 160, 124, 110, 124, 124)):
            self.table.setColumnWidth(column, width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self._start(self.edit_selected()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.setAccessibleName("Accounts")

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setProperty("role", "hint")
        self.empty_label.hide()

    def _build_search(self) -> None:
        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText("Search by email or name  (Ctrl+F)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName("Search accounts")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.model.set_search(self.search_field.text()))
        self.search_field.textChanged.connect(self._search_timer.start)
        # Down arrow from the search field goes to the results.
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search_field, self.table.setFocus,
                  context=Qt.ShortcutContext.WidgetShortcut)

        # Which accounts to show, by state; applied at once, together with the search.
        self.account_filter = QComboBox()
        self.account_filter.setObjectName("accountFilter")
        self.account_filter.setAccessibleName("Show")
        self.account_filter.setToolTip("Show only the accounts in this state")
        for choice in FILTER_CHOICES:
            self.account_filter.addItem(choice.label, choice.filter)
        self.account_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.account_filter.currentIndexChanged.connect(
            lambda index: self.model.set_filter(self.account_filter.itemData(index))
        )
        show_label = QLabel("&Show:")  # Alt+S
        show_label.setBuddy(self.account_filter)
        self.search_row = QHBoxLayout()
        self.search_row.addWidget(self.search_field, 1)
        self.search_row.addWidget(show_label)
        self.search_row.addWidget(self.account_filter)
        # Columns that cannot be sorted by keep the order: the header shows its indicator where it was.
        header = self.table.horizontalHeader()
        self.model.sort_kept.connect(lambda column, order: header.setSortIndicator(column, order))

    def _action(
        self, name: str, text: str, shortcuts: list[QKeySequence] | None, slot: Callable[[], Any], tip: str,
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts(shortcuts)
            tip = f"{tip} ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.action_new_user = self._action(
            "actionNewUser", "&New account…", [key(key.StandardKey.New)],
            lambda: self._start(self.new_account()), "Add an account", "user-new")
        self.action_edit_user = self._action(
            "actionEditUser", "&Edit account…", [key(Qt.Key.Key_F2)],
            lambda: self._start(self.edit_selected()), "Edit the email and name of the selected account",
            "user-edit")
        self.action_delete_user = self._action(
            "actionDeleteUser", "&Delete account…", [key(key.StandardKey.Delete)],
            lambda: self._start(self.delete_selected()), "Delete the selected account", "user-delete")
        self.action_set_password = self._action(
            "actionSetPassword", "&Set password…", [key("Ctrl+P")],
            lambda: self._start(self.set_password_selected()), "Set a new password for the selected account",
            "password-set")
        self.action_remove_password = self._action(
            "actionRemovePassword", "&Remove password…", None,
            lambda: self._start(self.remove_password_selected()), "Remove the password of the selected account",
            "password-remove")
        self.action_check_password = self._action(
            "actionCheckPassword", "&Check password…", [key("Ctrl+K")],
            lambda: self._start(self.check_password_selected()),
            "Check whether a password is the selected account's", "password-check")
        self.action_make_administrator = self._action(
            "actionMakeAdministrator", "Make &administrator", None,
            lambda: self._start(self.set_role_selected(ROLE_ADMINISTRATOR)),
            "Let the selected account sign in here and manage the accounts")
        self.action_make_member = self._action(
            "actionMakeMember", "Make &member", None, lambda: self._start(self.set_role_selected(ROLE_MEMBER)),
            "Make the selected administrator a member again")
        self.action_disable = self._action(
            "actionDisable", "D&isable account", None, lambda: self._start(self.disable_selected()),
            "Keep the selected account from signing in (it keeps its password)")
        self.action_enable = self._action(
            "actionEnable", "E&nable account", None, lambda: self._start(self.enable_selected()),
            "Let the selected disabled account sign in again")
        self.action_unlock = self._action(
            "actionUnlock", "&Unlock account", None, lambda: self._start(self.unlock_selected()),
            "End the lock after too many failed sign-ins, and forget those failures")
        self.action_database_settings = self._action(
            "actionDatabaseSettings", "Database &settings…", None, lambda: self._start(self.edit_database_settings()),
            "How new passwords of this database are hashed")
        self.action_sign_out = self._action(
            "actionSignOut", "Sign &out", [key("Ctrl+L")], lambda: self._start(self.sign_out()),
            "Hide the accounts until an administrator signs in again")
        self.action_history = self._action(
            "actionHistory", "&History…", [key("Ctrl+H")], lambda: self.show_history(),
            "Every change to an account and every sign-in: who, when, what")
        self.action_account_history = self._action(
            "actionAccountHistory", "History of this a&ccount…", [key("Ctrl+Shift+H")],
            lambda: self.show_history(self.selected_account()), "What happened to the selected account")
        self.action_readiness = self._action(
            "actionReadiness", "Sign-in &readiness…", None, self.show_readiness,
            "Which accounts can sign in, and why the others cannot")
        self.action_refresh = self._action(
            "actionRefresh", "&Refresh", [key(key.StandardKey.Refresh), key("Ctrl+R")],
            lambda: self._start(self.refresh()), "Read the accounts again", "refresh")
        self.action_find = self._action(
            "actionFind", "&Find…", [key(key.StandardKey.Find)], self._focus_search, "Search accounts")
        self.action_new_database = self._action(
            "actionNewDatabase", "&New database…", [key("Ctrl+Shift+N")],
            lambda: self._start(self.choose_new_database()), "Create an empty database file")
        self.action_open_database = self._action(
            "actionOpenDatabase", "&Open database…", [key(key.StandardKey.Open)],
            lambda: self._start(self.choose_database()), "Open another database file")
        self.action_quit = self._action(
            "actionQuit", "&Quit", [key(key.StandardKey.Quit), key("Ctrl+Q")], self.close, "Quit HomeLog Desktop")
        # Enter on the table edits, as double-click does; only there, so Enter elsewhere keeps its meaning.
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(enter), self.table, lambda: self._start(self.edit_selected()),
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.account_actions = [
            self.action_edit_user, self.action_delete_user, self.action_set_password,
            self.action_remove_password, self.action_check_password,
        ]
        self.state_actions = [
            self.action_make_administrator, self.action_make_member, self.action_disable, self.action_enable,
            self.action_unlock,
        ]
        # Deletes can be undone until the window closes (or another database is opened).
        self.undo_stack = QUndoStack(self)
        self.action_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.action_undo.setObjectName("actionUndo")
        self.action_undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.action_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.action_redo.setObjectName("actionRedo")
        self.action_redo.setShortcuts(QKeySequence.StandardKey.Redo)
        self.addActions([self.action_undo, self.action_redo])
        self.write_actions = [
            self.action_new_user, self.action_edit_user, self.action_delete_user,
            self.action_set_password, self.action_remove_password, *self.state_actions,
        ]

    def _build_menus_and_toolbar(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addActions([self.action_new_database, self.action_open_database])
        file_menu.addSeparator()
        file_menu.addActions([self.action_database_settings, self.action_sign_out])
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        self.transfer_actions = TransferActions(self)
        self.transfer_actions.install(file_menu)
        edit_menu = menus.addMenu("&Edit")
        edit_menu.addActions([self.action_undo, self.action_redo])
        account_menu = menus.addMenu("&Account")
        account_menu.addActions([self.action_new_user, self.action_edit_user, self.action_delete_user])
        account_menu.addSeparator()
        account_menu.addActions([self.action_set_password, self.action_remove_password, self.action_check_password])
        account_menu.addSeparator()
        account_menu.addActions(self.state_actions)
        view_menu = menus.addMenu("&View")
        view_menu.addActions([self.action_find, self.action_refresh])
        view_menu.addSeparator()
        view_menu.addActions([self.action_history, self.action_account_history, self.action_readiness])

        toolbar = QToolBar("Accounts")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.action_new_user, self.action_edit_user, self.action_delete_user])
        toolbar.addSeparator()
        toolbar.addActions([self.action_set_password, self.action_check_password])
        toolbar.addSeparator()
        toolbar.addAction(self.action_refresh)
        self.addToolBar(toolbar)

        help_menu = menus.addMenu("&Help")
        self.action_about = self._action(
            "actionAbout", f"&About {APPLICATION_NAME}", None,
            lambda: self._start(ask(AboutDialog(self, database_path=self.workspace.path if self.workspace else None))),
            "Version, database in use and licences")
        help_menu.addAction(self.action_about)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.count_label.setObjectName("accountCount")
        self.activity_label = QLabel()
        self.activity_label.setObjectName("activityLabel")
        self.signed_in_label = QLabel()
        self.signed_in_label.setObjectName("signedInLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.hide()
        self.statusBar().addPermanentWidget(self.count_label)  # messages must not hide the count
        self.statusBar().addPermanentWidget(self.signed_in_label)
        self.statusBar().addPermanentWidget(self.activity_label)
        self.statusBar().addPermanentWidget(self.busy_bar)

    def _show_context_menu(self, position: Any) -> None:
        menu = QMenu(self)
        menu.addActions([self.action_edit_user, self.action_delete_user])
        menu.addSeparator()
        menu.addActions([self.action_set_password, self.action_remove_password, self.action_check_password])
        menu.addSeparator()
        menu.addActions([action for action in self.state_actions if action.isEnabled()])
        menu.addSeparator()
        menu.addAction(self.action_account_history)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # Running work

    def _start(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        return self.tasks.start(coroutine)

    @contextlib.asynccontextmanager
    async def busy(self, label: str) -> AsyncIterator[None]:
        """Show `label` and the busy indicator, and lock the account actions, while the block runs."""
        self._busy_labels.append(label)
        self._show_busy()
        try:
            yield
        finally:
            self._busy_labels.remove(label)
            self._show_busy()

    async def run_op(self, label: str, work: Awaitable[T]) -> T:
        """Await a service call while busy; a known error is shown once and stops the caller quietly."""
        async with self.busy(label):
            try:
                return await work
            except HomeLogError as error:
                self.show_error(str(error))
                raise OperationFailed from error

    def _show_busy(self) -> None:
        running = bool(self._busy_labels)
        self.busy_bar.setVisible(running)
        self.activity_label.setText(self._busy_labels[-1] if running else "")
        self._update_actions()

    def show_error(self, text: str) -> None:
        """Tell the user what went wrong, without blocking the window."""
        self.last_error = text
        self.statusBar().showMessage(text, 10_000)
        box = self.findChild(QMessageBox, "errorMessage")
        if box is None:
            box = QMessageBox(QMessageBox.Icon.Warning, APPLICATION_NAME, text, QMessageBox.StandardButton.Ok, self)
            box.setObjectName("errorMessage")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        else:
            box.setText(text)

    # State shown

    def selected_account(self) -> Account | None:
        """The account of the selected row, None without a selection or while that row is loading."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.account_at(rows[0].row()) if rows else None

    def select_account(self, account_id: int) -> bool:
        """Select and show the row of an account if it is loaded; whether it was."""
        row = self.model.row_of(account_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_actions(self) -> None:
        has_service = self.workspace is not None
        writable = has_service and not self.workspace.read_only  # type: ignore[union-attr]
        idle = not self._busy_labels
        account = self.selected_account()
        for action in self.account_actions:
            action.setEnabled(has_service and idle and account is not None)
        if account is not None and not account.has_password:
            self.action_remove_password.setEnabled(False)
            self.action_check_password.setEnabled(False)
        ready = has_service and idle and account is not None
        administrator = account is not None and account.role == ROLE_ADMINISTRATOR
        self.action_make_administrator.setEnabled(ready and not administrator)
        self.action_make_member.setEnabled(ready and administrator)
        self.action_disable.setEnabled(ready and account is not None and not account.disabled)
        self.action_enable.setEnabled(ready and account is not None and account.disabled)
        self.action_unlock.setEnabled(ready and account is not None and account.locked_until is not None)
        self.action_history.setEnabled(has_service)
        self.action_database_settings.setEnabled(writable and idle)
        self.action_readiness.setEnabled(has_service)
        self.action_account_history.setEnabled(has_service and account is not None)
        self.action_sign_out.setEnabled(self.workspace is not None and self.workspace.actor is not None)
        self.action_new_user.setEnabled(has_service and idle)
        for action in self.write_actions:
            if has_service and not writable:
                action.setEnabled(False)
            # Say why an editing action is unavailable, where the user looks for it.
            base = action.property("baseTip") or action.toolTip()
            action.setProperty("baseTip", base)
            tip = base if writable or not has_service else f"{base}. The database is open read-only."
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.action_refresh.setEnabled(has_service)
        self.action_find.setEnabled(has_service)
        self.search_field.setEnabled(has_service)

    def _model_changed(self) -> None:
        total, everything = self.model.total, self.model.total_unfiltered
        search, choice = self.model.query.search, self.model.filter_choice
        shown = "" if choice.filter == choice.filter.ALL else f" ({choice.label})"
        if self.workspace is None:
            self.count_label.setText("No database open")
        elif search:
            self.count_label.setText(f"{total:,} of {everything:,} accounts match “{search}”{shown}")
        elif shown:
            self.count_label.setText(f"{total:,} of {everything:,} account" + ("" if everything == 1 else "s") + shown)
        else:
            self.count_label.setText(f"{total:,} account" + ("" if total == 1 else "s"))
        empty = self.workspace is not None and total == 0 and not self.model.loading
        if empty:
            self.empty_label.setText(f"No account matches the search{shown}." if search else choice.empty)
        self.empty_label.setVisible(empty)
        self.account_filter.setEnabled(self.workspace is not None)
        self._update_actions()

    def _update_title(self) -> None:
        if self.workspace is None:
            self.setWindowTitle(APPLICATION_NAME)
        else:
            read_only = " (read-only)" if self.workspace.read_only else ""
            self.setWindowTitle(f"{self.workspace.path.name}{read_only} — {APPLICATION_NAME}")
            self.setWindowFilePath(str(self.workspace.path))

    def _select_first_row_when_loaded(self) -> None:
        """Start with the first account selected, so the keyboard works at once."""

        def select_first() -> None:
            self.model.loaded.disconnect(select_first)
            if self.model.total and not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

        self.model.loaded.connect(select_first)

    def _focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    # Database

    async def open_database(self, path: Path | str, *, create_folder: bool = False, read_only: bool = False) -> bool:
        """Open a database file and, once an administrator signed in (see ui/sign_in.py), show its
        accounts; the current one stays open if this fails or the sign-in is cancelled."""
        try:
            workspace = await self.run_op(
                f"Opening {Path(path).name}…",
                Workspace.open(
                    path, bcrypt_cost=self.bcrypt_cost, create_folder=create_folder, read_only=read_only
                ),
            )
        except OperationFailed:
            return False
        admission = None
        try:
            async with self.busy(f"Waiting for a sign-in to {workspace.path.name}…"):
                admission = await self.gate(self, workspace)
        except HomeLogError as error:
            self.show_error(str(error))  # e.g. the file turned out damaged at its first query
            return False
        finally:
            if admission is None:  # cancelled, refused or failed: nothing of this file is shown
                await workspace.close()
        if admission is None:
            self.statusBar().showMessage(f"Not signed in: {workspace.path.name} was not opened.", 10_000)
            return False
        # Every write made here is audited as done by this administrator.
        workspace.act_as(admission.actor)
        self._close_views()
        old, self.workspace = self.workspace, workspace
        self.signed_in_label.setText(
            f"Signed in as {admission.actor.email}" if admission.actor else "Not signed in"
        )
        self.undo_stack.clear()  # what it could undo belongs to the other file
        self.model.set_service(workspace.accounts)
        # Watch for other programs' writes from now on (one made before the first poll is seen too),
        # beside the first page's read rather than before it.
        self._start(self._start_watching(workspace))
        if old is not None:
            await old.close()
        self._select_first_row_when_loaded()
        self.settings.setValue("database/last", str(workspace.path))
        if workspace.migration_backup is not None:
            self.statusBar().showMessage(
                f"The database was upgraded; the file as it was is kept as {workspace.migration_backup.name}.", 15_000
            )
        elif admission.note:
            self.statusBar().showMessage(admission.note, 15_000)
        elif workspace.read_only:
            self.statusBar().showMessage(f"{workspace.path.name} cannot be written: it is open read-only.", 15_000)
        self._update_title()
        self._model_changed()
        return True

    async def close_database(self) -> Path | None:
        """Close the open database so its file can be replaced (restore); its path, None if none was open."""
        if self.workspace is None:
            return None
        self._close_views()
        workspace, self.workspace = self.workspace, None
        self.signed_in_label.setText("")
        self.undo_stack.clear()
        self.model.set_service(None)
        while self._watching:  # an outside-change check may be opening its own connection
            await asyncio.sleep(0.01)
        await workspace.close()
        self._update_title()
        self._model_changed()
        return workspace.path

    async def _choose_file(self, *, save: bool) -> str | None:
        dialog = QFileDialog(self, "New database" if save else "Open database")
        dialog.setObjectName("databaseFileDialog")
        dialog.setNameFilter(DATABASE_FILTER)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        if self.workspace is not None:
            dialog.setDirectory(str(self.workspace.path.parent))
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("db")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        return await ask(dialog, lambda d, code: d.selectedFiles()[0] if code and d.selectedFiles() else None)

    async def choose_new_database(self) -> None:
        """File > New database: create an empty database file and switch to it."""
        path = await self._choose_file(save=True)
        if path is None:
            return
        if Path(path).exists():
            self.show_error(f"{path} already exists. Use Open database to open it.")
            return
        await self.open_database(path)

    async def choose_database(self) -> None:
        """File > Open database: switch to another database file."""
        path = await self._choose_file(save=False)
        if path is not None:
            await self.open_database(path)

    async def refresh(self) -> None:
        """Read the accounts again, keeping the selection."""
        await self._reload(keep_id=self._selected_id())

    # Accounts

    def _selected_id(self) -> int | None:
        account = self.selected_account()
        return account.id if account else None

    def _require(self) -> tuple[Workspace, Account] | None:
        account = self.selected_account()
        if self.workspace is None or account is None:
            return None
        return self.workspace, account

    async def new_account(self) -> Account | None:
        """Ask for an email and a name, create the account and select it."""
        if self.workspace is None:
            return None
        workspace = self.workspace
        dialog = AccountDialog(parent=self)

        async def save() -> Account:
            email, name = dialog.values()
            async with self.busy(f"Creating {email}…"):
                return await workspace.accounts.create(email, name)

        created = await submit(dialog, save)
        if created is not None:
            self.statusBar().showMessage(f"Created {created.email}.", 5000)
            self.events.accounts_changed.emit([created.id])
        return created

    async def edit_selected(self) -> Account | None:
        """Edit the email and name of the selected account (read fresh before the form shows)."""
        chosen = self._require()
        if chosen is None:
            return None
        workspace, account = chosen
        current = await self.run_op("Loading…", workspace.accounts.get(account.id))
        dialog = AccountDialog(parent=self, account=current)

        async def save() -> Account:
            nonlocal current
            email, name = dialog.values()
            async with self.busy(f"Saving {email}…"):
                try:
                    return await workspace.accounts.update(
                        current.id, email=email, username=name, based_on=current
                    )
                except ConflictError as conflict:
                    # The form keeps what the user typed; saving again means "overwrite what is there now".
                    if not conflict.deleted:
                        current = await workspace.accounts.get(current.id)
                    self.events.accounts_changed.emit([current.id])
                    raise

        saved = await submit(dialog, save)
        if saved is not None:
            self.statusBar().showMessage(f"Saved {saved.email}.", 5000)
            self.events.accounts_changed.emit([saved.id])
        return saved


    async def delete_selected(self) -> bool:
        """Delete the selected account after a confirmation that names it."""
        chosen = self._require()
        if chosen is None:
            return False
        workspace, account = chosen
        # The last administrator: say so now, not after "Are you sure?" (the delete checks again).
        await self.run_op("Checking the account…", workspace.roles.check_can_delete(account.id))
        dependents = await self.run_op(
            "Looking for data that refers to the account…", workspace.accounts.dependents(account.id)
        )
        detail = " ".join(
            part for part in (
                "Its password is deleted with it.",
                dependents.describe(),
                "You can undo this (Ctrl+Z) until you close the window.",
            ) if part
        )
        confirmed = await confirm(
            self, name="confirmDelete", title="Delete account",
            text=f"Delete the account {account_label(account)}?", detail=detail, verb="Delete",
        )
        if not confirmed:
            return False
        try:
            deleted = await self.run_op(
                f"Deleting {account.email}…", workspace.accounts.delete(account.id, based_on=account)
            )
        except OperationFailed:
            self.events.accounts_changed.emit([account.id])  # show what is there now
            raise
        self.undo_stack.push(DeleteAccountCommand(self, deleted))
        self.statusBar().showMessage(f"Deleted {account.email}. Ctrl+Z brings it back.", 8000)
        self.events.accounts_changed.emit([account.id])
        return True

    async def undo_delete(self, command: DeleteAccountCommand) -> None:
        """Edit > Undo of a delete: put the account back with its password and references."""
        if self.workspace is None:
            return
        try:
            restored = await self.run_op(
                f"Restoring {command.deleted.email}…", self.workspace.accounts.undo_delete(command.deleted)
            )
        except OperationFailed:
            QTimer.singleShot(0, self.undo_stack.clear)  # the history no longer matches the file
            raise
        command.restored_id = restored.id  # may differ if SQLite gave the old id to a new account
        self.statusBar().showMessage(f"Restored {restored.email}.", 5000)
        self.events.accounts_changed.emit([restored.id])

    async def redo_delete(self, command: DeleteAccountCommand) -> None:
        """Edit > Redo of a delete."""
        if self.workspace is None:
            return
        try:
            command.deleted = await self.run_op(
                f"Deleting {command.deleted.email}…", self.workspace.accounts.delete(command.restored_id)
            )
        except OperationFailed:
            QTimer.singleShot(0, self.undo_stack.clear)
            raise
        self.events.accounts_changed.emit([command.restored_id])

    async def set_password_selected(self) -> bool:
        """Set a new password for the selected account."""
        chosen = self._require()
        if chosen is None:
            return False
        workspace, account = chosen
        dialog = PasswordDialog(
            parent=self, account_label=account_label(account), scheme=workspace.hasher.scheme,
            user_inputs=(account.email, account.username or ""),
            offer_temporary=not self._is_me(account),
        )

        async def save() -> Account:
            password = dialog.password()
            async with self.busy(f"Hashing the password of {account.email}…"):
                # A password set here for oneself is one's own choice: it is never temporary.
                return await workspace.accounts.set_password(account.id, password, temporary=dialog.temporary())

        saved = await submit(dialog, save)
        if saved is None:
            return False
        self.statusBar().showMessage(f"Password set for {account.email}.", 5000)
        self.events.accounts_changed.emit([account.id])
        return True

    async def remove_password_selected(self) -> bool:
        """Remove the selected account's password after a confirmation."""
        chosen = self._require()
        if chosen is None:
            return False
        workspace, account = chosen
        confirmed = await confirm(
            self, name="confirmRemovePassword", title="Remove password",
            text=f"Remove the password of {account_label(account)}?",
            detail="The account stays, but cannot sign in with a password until a new one is set.",
            verb="Remove password",
        )
        if not confirmed:
            return False
        await self.run_op(
            f"Removing the password of {account.email}…", workspace.accounts.clear_password(account.id)
        )
        self.statusBar().showMessage(f"Password removed from {account.email}.", 5000)
        self.events.accounts_changed.emit([account.id])
        return True

    async def check_password_selected(self) -> None:
        """Let the user type passwords and see whether they are the selected account's."""
        chosen = self._require()
        if chosen is None:
            return
        workspace, account = chosen
        dialog = CheckPasswordDialog(parent=self, account_label=account_label(account))

        async def check() -> bool:
            password = dialog.password()
            async with self.busy(f"Checking the password of {account.email}…"):
                # Counted like a sign-in: repeated failures lock the account (brute-force protection).
                result = await workspace.sign_in.check_password(account.id, password)
            if result.reason not in (SignInReason.OK, SignInReason.WRONG):
                raise HomeLogError(result.message)  # locked, disabled, unreadable hash: shown in the dialog
            dialog.show_result(result.ok)
            if result.locked_until is not None:
                dialog.show_error(result.message)  # this failure locked the account
            return result.ok

        await submit(dialog, check, close_on_success=False)

    # Roles, disabling, locks (services/roles.py refuses to leave no administrator, and says why)

    def _require_roles(self) -> tuple[RoleService, Account] | None:
        account = self.selected_account()
        if self.workspace is None or account is None:
            return None
        return self.workspace.roles, account

    def _is_me(self, account: Account) -> bool:
        actor = self.workspace.actor if self.workspace else None
        return actor is not None and actor.id == account.id

    async def set_role_selected(self, role: str) -> bool:
        """Make the selected account an administrator or a member."""
        title = "an administrator" if role == ROLE_ADMINISTRATOR else "a member"
        return await self._change_state(
            lambda roles, account: roles.set_role(account.id, role),
            doing="Making {email} " + title + "…", done="{email} is now " + title + ".",
            own_question=None if role == ROLE_ADMINISTRATOR else (
                "confirmDemoteSelf", "Make member", "Make your own account a member?",
                "You stay signed in until you close this database, but cannot sign in here again unless "
                "another administrator makes you one.",
            ),
        )

    async def disable_selected(self) -> bool:
        """Keep the selected account from signing in."""
        return await self._change_state(
            lambda roles, account: roles.disable(account.id),
            doing="Disabling {email}…", done="{email} is disabled: it cannot sign in.",
            own_question=(
                "confirmDisableSelf", "Disable", "Disable your own account?",
                "You stay signed in until you close this database, but cannot sign in again until another "
                "administrator enables it.",
            ),
        )

    async def enable_selected(self) -> bool:
        """Let the selected disabled account sign in again."""
        return await self._change_state(
            lambda roles, account: roles.enable(account.id),
            doing="Enabling {email}…", done="{email} is enabled: it can sign in again.",
        )

    async def unlock_selected(self) -> bool:
        """End the selected account's lock after failed sign-ins."""
        return await self._change_state(
            lambda roles, account: roles.unlock(account.id),
            doing="Unlocking {email}…", done="{email} is unlocked.",
        )

    async def _change_state(
        self,
        change: Callable[[RoleService, Account], Awaitable[Any]],
        *,
        doing: str,
        done: str,
        own_question: tuple[str, str, str, str] | None = None,
    ) -> bool:
        """Run a role/disable/lock change on the selected account; `own_question` (name, verb, text,
        detail) is asked first when the account is the signed-in administrator's own."""
        chosen = self._require_roles()
        if chosen is None:
            return False
        roles, account = chosen
        if own_question is not None and self._is_me(account):
            name, verb, text, detail = own_question
            if not await confirm(self, name=name, title=verb, text=text, detail=detail, verb=verb):
                return False
        await self.run_op(doing.format(email=account.email), change(roles, account))
        self.statusBar().showMessage(done.format(email=account.email), 5000)
        self.events.accounts_changed.emit([account.id])
        return True

    async def sign_out(self) -> bool:
        """Hide the accounts and ask for a sign-in again (as another administrator, perhaps)."""
        path = await self.close_database()
        if path is None:
            return False
        self.statusBar().showMessage("Signed out.", 5000)
        return await self.open_database(path)

    async def edit_database_settings(self) -> bool:
        """File > Database settings: the scheme new password hashes are written in."""
        if self.workspace is None:
            return False
        workspace = self.workspace
        setting = await self.run_op("Reading the settings…", workspace.hash_scheme.setting())
        dialog = DatabaseSettingsDialog(
            self, scheme=setting.scheme, explicitly_set=setting.explicitly_set, holds_argon2=setting.holds_argon2,
            bcrypt_cost=workspace.hasher.cost,
        )

        async def save() -> object:
            async with self.busy("Saving the settings…"):
                return await workspace.hash_scheme.set_scheme(dialog.chosen_scheme())

        saved = await submit(dialog, save)
        if saved is None:
            return False
        self.statusBar().showMessage(f"New passwords are now hashed with {dialog_scheme_name(workspace)}.", 8000)
        self.events.accounts_changed.emit([])
        return True

    # Views of the whole database (non-modal; closed when the database closes)

    def show_history(self, account: Account | None = None) -> HistoryDialog | None:
        """View > History: the audit trail, newest first (about one account, if given)."""
        if self.workspace is None:
            return None
        dialog = HistoryDialog(self, self.workspace.audit, tasks=self.tasks, account=account)
        if account is not None:
            dialog.setWindowTitle(f"History of {account.email}")
        self._show_view(dialog)
        return dialog

    def show_readiness(self) -> ReadinessDialog | None:
        """View > Sign-in readiness: can each account sign in, and if not why."""
        if self.workspace is None:
            return None
        for view in self.views:
            if isinstance(view, ReadinessDialog):
                view.refresh()
                view.raise_()
                view.activateWindow()
                return view
        dialog = ReadinessDialog(self, self.workspace.readiness, tasks=self.tasks)
        self._show_view(dialog)
        return dialog

    def _show_view(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        refresh = dialog.refresh  # type: ignore[attr-defined]
        self.events.accounts_changed.connect(refresh)

        def forget() -> None:
            self.events.accounts_changed.disconnect(refresh)
            if dialog in self.views:
                self.views.remove(dialog)

        dialog.finished.connect(forget)
        self.views.append(dialog)
        dialog.show()

    def _close_views(self) -> None:
        """They show the database that is being closed."""
        for view in list(self.views):
            view.reject()

    async def _start_watching(self, workspace: Workspace) -> None:
        self._watching = True
        try:
            await workspace.changed_elsewhere()
        except HomeLogError:
            pass  # the next poll tries again
        finally:
            self._watching = False

    def _check_outside_changes(self) -> None:
        if self.workspace is None or self._watching or self._busy_labels or self.model.loading:
            return
        self._watching = True
        self._start(self._reload_if_changed_elsewhere(self.workspace))

    async def _reload_if_changed_elsewhere(self, workspace: Workspace) -> None:
        try:
            changed = await workspace.changed_elsewhere()
        except HomeLogError:
            changed = False  # the next poll tries again; opening or closing may be under way
        finally:
            self._watching = False
        if changed and workspace is self.workspace:
            await self._reload(keep_id=self._selected_id())

    def _accounts_changed(self, ids: list[int]) -> None:
        # One changed account is the one to show (a new one, or the one just edited); a deleted one
        # leaves its row selected, now holding its neighbour.
        keep = ids[0] if len(ids) == 1 else self._selected_id()
        rows = self.table.selectionModel().selectedRows()
        self._start(self._reload(keep_id=keep, fallback_row=rows[0].row() if rows else None))

    def _restore_selection(self) -> None:
        """After the table was read again, select the account that was selected (or just saved)."""
        if self.model.kept_id is None or not self.select_account(self.model.kept_id):
            self.table.scrollToTop()  # new rows are read from the top: show those, not placeholders

    async def _reload(self, keep_id: int | None, fallback_row: int | None = None) -> None:
        row = await self.model.reload(keep_id=keep_id)
        if row is None and fallback_row is not None and self.model.total:
            row = min(fallback_row, self.model.total - 1)
            if self.model.account_at(row) is not None:
                self.table.selectRow(row)

    # Lifecycle

    async def wait_until_idle(self) -> None:
        """Wait until no reload, page fetch or operation is running (for screenshots and tests)."""
        while self.model.loading or self._busy_labels or self.model.pending_pages:
            await asyncio.sleep(0.02)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        event.accept()
        self.closed.emit()

    async def shutdown(self) -> None:
        """Cancel and await every task, then close the database. Call before the loop stops."""
        self._search_timer.stop()
        self._watch_timer.stop()
        self._close_views()
        await self.tasks.cancel_all()
        if self.workspace is not None:
            workspace, self.workspace = self.workspace, None
            self.model.set_service(None)
            await self.tasks.cancel_all()
            await workspace.close()
