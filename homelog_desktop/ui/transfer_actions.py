"""File > Back up…, Restore…, Export…, Import…: the window's flows for whole-database and bulk work.

Every dialog is opened with `open()` and awaited (`ask`), never `exec()`; file dialogs are Qt's own
(non-native), so tests and every platform behave alike. Long work shows a progress dialog that can
be cancelled: an export is then left unwritten, an import rolls back (it is one transaction).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.services.backup import describe_backup, restore
from homelog_desktop.services.transfer import (
    ExportOptions,
    ImportCancelledError,
    ImportPlan,
    ImportReport,
    OnExisting,
    RowStatus,
    TransferFormat,
    read_import_file,
)
from homelog_desktop.ui.async_tools import OperationFailed, ask, confirm

if TYPE_CHECKING:
    from homelog_desktop.services.workspace import Workspace
    from homelog_desktop.ui.main_window import MainWindow

T = TypeVar("T")
BACKUP_FILTER = "HomeLog databases (*.db *.sqlite *.sqlite3);;All files (*)"
IMPORT_FILTER = "Account files (*.csv *.json);;CSV files (*.csv);;JSON files (*.json)"
FORMAT_FILTERS = {TransferFormat.CSV: "CSV files (*.csv)", TransferFormat.JSON: "JSON files (*.json)"}
ON_EXISTING_CHOICES = (
    (OnExisting.SKIP, "Skip them (keep the accounts as they are)"),
    (OnExisting.UPDATE, "Update them (email, name, and password if the file has one)"),
    (OnExisting.ABORT, "Stop: import nothing"),
)
SORT_NAMES = {
    "id": "ID", "email": "email", "username": "name", "has_password": "password",
    "created_at": "created", "updated_at": "updated",
}
STATUS_COLUMNS = ("Row", "Email", "Status", "Details")


def _file_dialog(parent: QWidget, title: str, name: str, name_filter: str, *, save: bool) -> QFileDialog:
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name)
    dialog.setNameFilter(name_filter)
    # Qt's own dialog everywhere; no overwrite question from inside Qt (it would run a nested loop):
    # the flows ask themselves, or refuse to overwrite.
    dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontConfirmOverwrite)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


async def _choose_file(dialog: QFileDialog) -> Path | None:
    chosen = await ask(dialog, lambda d, code: d.selectedFiles()[0] if code and d.selectedFiles() else None)
    return Path(chosen) if chosen else None


class ExportDialog(QDialog):
    """Export options: the format, whether to add password hashes; says which accounts are exported."""

    def __init__(self, parent: QWidget, scope: str) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export accounts")
        self.setModal(True)
        self.format_choice = QComboBox()
        self.format_choice.setObjectName("formatChoice")
        self.format_choice.addItem("CSV (spreadsheets)", TransferFormat.CSV)
        self.format_choice.addItem("JSON", TransferFormat.JSON)
        self.hashes_check = QCheckBox("Include password hashes")
        self.hashes_check.setObjectName("includeHashes")
        self.hashes_check.setToolTip(
            "Needed to move accounts with their passwords to another database. Anyone with the file "
            "can try to guess the passwords: keep it private."
        )
        scope_label = QLabel(scope)
        scope_label.setObjectName("exportScope")
        scope_label.setWordWrap(True)
        note = QLabel("Passwords themselves are never exported.")
        note.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow("&Format:", self.format_choice)
        form.addRow("", self.hashes_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Choose file…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scope_label)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_format(self) -> TransferFormat:
        """The format picked."""
        return self.format_choice.currentData()  # type: ignore[no-any-return]


class ImportReportModel(QAbstractTableModel):
    """The per-row report of an import plan: row number, email, status and details (read lazily)."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan

    def set_plan(self, plan: ImportPlan) -> None:
        """Show another plan of the same rows."""
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STATUS_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return STATUS_COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.plan.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(row.number), row.email, row.status.value, row.reason)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ImportReviewDialog(QDialog):
    """What an import would do, row by row, with the counts on top; nothing is written unless Import."""

    def __init__(self, parent: QWidget, plan: ImportPlan, start: Callable[[Coroutine[Any, Any, Any]], Any]) -> None:
        super().__init__(parent)
        self.setObjectName("importReviewDialog")
        name = plan.source.name if plan.source else "the file"
        self.setWindowTitle(f"Import {name}")
        self.setModal(True)
        self.resize(760, 480)
        self.plan = plan
        self._start = start
        self._planning: asyncio.Task[Any] | None = None
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        self.counts_label.setWordWrap(True)
        self.existing_choice = QComboBox()
        self.existing_choice.setObjectName("onExistingChoice")
        for choice, text in ON_EXISTING_CHOICES:
            self.existing_choice.addItem(text, choice)
        self.existing_choice.setCurrentIndex([c for c, _ in ON_EXISTING_CHOICES].index(plan.on_existing))
        self.existing_choice.currentIndexChanged.connect(self._existing_choice_changed)
        self.finished.connect(self._stop_planning)
        self.model = ImportReportModel(plan)
        self.table = QTableView()
        self.table.setObjectName("importReport")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((56, 240, 70)):
            self.table.setColumnWidth(column, width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button: QPushButton = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Accounts that already &exist:", self.existing_choice)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.plan
        if plan.has_errors:
            verdict = "Nothing will be imported: correct the rows marked “error” in the file, then import it again."
        elif plan.will_write:
            verdict = "Nothing is written until you press Import; then all rows are written together."
        else:
            verdict = "There is nothing to import."
        self.counts_label.setText(f"{len(plan.rows):,} rows: {plan.summary()}.\n{verdict}")
        self.import_button.setEnabled(plan.will_write and self._planning is None)
        self.model.set_plan(plan)
        first_error = next((i for i, row in enumerate(plan.rows) if row.status is RowStatus.ERROR), None)
        if first_error is not None:
            self.table.scrollTo(self.model.index(first_error, 0))

    def _existing_choice_changed(self) -> None:
        choice: OnExisting = self.existing_choice.currentData()
        if self._planning is not None:
            self._planning.cancel()
        self.import_button.setEnabled(False)
        self._planning = self._start(self._replan(choice))

    def _stop_planning(self) -> None:
        if self._planning is not None:
            self._planning.cancel()
            self._planning = None

    async def _replan(self, choice: OnExisting) -> None:
        plan = await self.plan.with_on_existing(choice)
        self._planning = None
        self.plan = plan
        self._show_plan()

    def accept(self) -> None:
        if self.plan.will_write and self._planning is None:
            super().accept()


class _Progress:
    """A window-modal progress dialog opened with open(); Cancel calls `on_cancel` once."""

    def __init__(self, parent: QWidget, name: str, label: str, maximum: int, on_cancel: Callable[[], None]) -> None:
        self.dialog = QProgressDialog(label, "Cancel", 0, max(maximum, 1), parent)
        self.dialog.setObjectName(name)
        self.dialog.setWindowTitle(label.rstrip("…"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.setValue(0)
        self._on_cancel = on_cancel
        self.cancelled = False
        self.dialog.canceled.connect(self._cancel)
        self.dialog.rejected.connect(self._cancel)  # Escape
        self.dialog.open()

    def _cancel(self) -> None:
        if not self.cancelled:
            self.cancelled = True
            self.dialog.setLabelText("Cancelling…")
            self._on_cancel()

    def update(self, done: int, total: int | None = None) -> None:
        """Show progress (the dialog may already be gone if the window closed)."""
        if not shiboken6.isValid(self.dialog):
            return
        if total is not None and total != self.dialog.maximum():
            self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, self.dialog.maximum()))

    def close(self) -> None:
        """Close without counting as a cancel."""
        if not shiboken6.isValid(self.dialog):
            return
        self.dialog.canceled.disconnect(self._cancel)
        self.dialog.rejected.disconnect(self._cancel)
        self.dialog.close()
        self.dialog.deleteLater()


async def _run_cancellable(
    work: Coroutine[Any, Any, T], progress_factory: Callable[[Callable[[], None]], _Progress]
) -> T:
    """Run `work` as a task while a progress dialog shows; its Cancel cancels the task."""
    task: asyncio.Task[T] = asyncio.ensure_future(work)
    progress = progress_factory(task.cancel)
    try:
        return await task
    finally:
        progress.close()


class TransferActions(QObject):
    """The File menu's Back up…, Restore…, Export… and Import… of a main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.action_back_up = self._action("actionBackUp", "&Back up…", self.back_up,
                                           "Save a copy of the whole database in a new file")
        self.action_restore = self._action("actionRestore", "&Restore…", self.restore,
                                           "Replace the database with a backup (the current one is kept)")
        self.action_export = self._action("actionExport", "&Export…", self.export,
                                          "Write the accounts shown to a CSV or JSON file")
        self.action_import = self._action("actionImport", "&Import…", self.import_accounts,
                                          "Add accounts from a CSV or JSON file, all or none")
        self.actions = [self.action_back_up, self.action_restore, self.action_export, self.action_import]
        self.last_message = ""
        self.last_import: ImportReport | None = None

    def _action(self, name: str, text: str, flow: Callable[[], Coroutine[Any, Any, Any]], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda: self.window._start(flow()))
        return action

    def install(self, menu: QMenu) -> None:
        """Add the actions to the File menu, before its Quit (with separators), or at its end."""
        quit_action = next((a for a in menu.actions() if a.objectName() == "actionQuit"), None)
        before = quit_action
        if quit_action is not None:
            actions = menu.actions()
            index = actions.index(quit_action)
            if index > 0 and actions[index - 1].isSeparator():
                before = actions[index - 1]
        if before is None:
            menu.addSeparator()
            menu.addActions(self.actions)
        else:
            menu.insertSeparator(before)
            menu.insertActions(before, self.actions)
        menu.aboutToShow.connect(self.update_actions)
        # Opening, closing or reloading a database resets or reloads the table: follow it.
        self.window.model.modelReset.connect(self.update_actions)
        self.window.model.loaded.connect(self.update_actions)
        self.update_actions()

    def update_actions(self) -> None:
        """Enable what makes sense: nothing without a database; no import or restore read-only."""
        workspace = self.window.workspace
        writable = workspace is not None and not workspace.read_only
        self.action_back_up.setEnabled(workspace is not None)
        self.action_export.setEnabled(workspace is not None)
        self.action_import.setEnabled(writable)
        self.action_restore.setEnabled(writable)

    # Helpers

    def _ready(self) -> Workspace | None:
        """The open database, or None (with a message) when there is none or the window is busy."""
        workspace = self.window.workspace
        if workspace is None:
            return None
        if not self.window.busy_bar.isHidden():
            self.window.show_error("Wait until the current operation has finished, then try again.")
            return None
        return workspace

    def _tell(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 15_000)


    async def _close_database(self) -> None:
        """Close the window's database so its file can be replaced."""
        await self.window.close_database()

    # Back up and restore

    async def back_up(self) -> Path | None:
        """File > Back up…: copy the open database into a new file (never overwriting one)."""
        workspace = self._ready()
        if workspace is None:
            return None
        dialog = _file_dialog(self.window, "Back up the database", "backupFileDialog", BACKUP_FILTER, save=True)
        dialog.setDefaultSuffix("db")
        dialog.setDirectory(str(workspace.path.parent))
        dialog.selectFile(f"{workspace.path.stem}-backup{workspace.path.suffix or '.db'}")
        target = await _choose_file(dialog)
        if target is None:
            return None
        try:
            written = await self.window.run_op(f"Backing up to {target.name}…", workspace.backups.back_up(target))
        except OperationFailed:
            return None
        self._tell(f"Backed up {workspace.path.name} to {written}.")
        return written

    async def restore(self) -> bool:
        """File > Restore…: after a confirmation naming the file, replace the database with a backup.

        The database is closed, the file checked and the current one kept next to it, then it is
        opened again (also when the restore failed, so the window is never left without it).
        """
        workspace = self._ready()
        if workspace is None:
            return False
        database = workspace.path
        dialog = _file_dialog(self.window, "Restore from a backup", "restoreFileDialog", BACKUP_FILTER, save=False)
        dialog.setDirectory(str(database.parent))
        source = await _choose_file(dialog)
        if source is None:
            return False
        try:
            description = await self.window.run_op(f"Checking {source.name}…", describe_backup(source))
        except OperationFailed:
            return False
        confirmed = await confirm(
            self.window, name="confirmRestore", title="Restore from a backup",
            text=f"Replace every account in {database.name} with those in {source}?",
            detail=f"{source.name} holds {description}. The database as it is now is kept next to it as "
            f"{database.stem}.before-restore-….db.",
            verb="Restore",
        )
        if not confirmed or self._ready() is None:
            return False
        failure: str | None = None
        async with self.window.busy(f"Restoring from {source.name}…"):
            await self._close_database()
            try:
                result = await restore(database, source)
            except HomeLogError as error:
                failure = str(error)
            except Exception:
                await self.window.open_database(database)  # a bug: still leave the window with its database
                raise
            # (Cancelled: the window is closing, and does not need it opened again.)
            reopened = await self.window.open_database(database)
        if failure is not None:
            self.window.show_error(f"{failure} The database was not replaced.")
            return False
        if reopened:
            kept = f" The replaced database was kept as {result.kept_backup.name}." if result.kept_backup else ""
            self._tell(f"Restored {database.name} from {source.name} ({description}).{kept}")
        return reopened

    # Export and import

    async def export(self) -> int | None:
        """File > Export…: the accounts shown (current search and order) to a CSV or JSON file."""
        workspace = self._ready()
        if workspace is None:
            return None
        query = self.window.model.query
        search = f" matching “{query.search}”" if query.search else ""
        if query.filter is not AccountFilter.ALL:
            search += f" ({self.window.model.filter_choice.label.lower()})"
        order = f"sorted by {SORT_NAMES.get(query.sort.value, query.sort.value)}"
        total = self.window.model.total
        accounts = f"the {total:,} account{'' if total == 1 else 's'}"
        scope = f"Exports {accounts}{search}, {order}{' (descending)' if query.descending else ''}, as shown."
        options_dialog = ExportDialog(self.window, scope)
        chosen = await ask(
            options_dialog,
            lambda d, code: (d.chosen_format(), d.hashes_check.isChecked()) if code else None,
        )
        if chosen is None:
            return None
        kind, include_hashes = chosen
        dialog = _file_dialog(self.window, "Export accounts", "exportFileDialog", FORMAT_FILTERS[kind], save=True)
        dialog.setDefaultSuffix(kind.value)
        dialog.setDirectory(str(workspace.path.parent))
        dialog.selectFile(f"{workspace.path.stem}-accounts.{kind.value}")
        target = await _choose_file(dialog)
        if target is None:
            return None
        if target.exists() and not await confirm(
            self.window, name="confirmOverwrite", title="Export accounts",
            text=f"{target.name} already exists. Replace it?",
            detail="Its content is replaced once the export is complete.", verb="Replace",
        ):
            return None
        options = ExportOptions(kind, query.search or None, include_hashes, query.sort, query.descending, query.filter)
        count = await self._with_progress(
            "exportProgress", f"Exporting to {target.name}…", total,
            lambda update: workspace.transfer.export_to_file(
                options, target, progress=lambda done: update(done, total)
            ),
            cancelled_text="Export cancelled; no file was written.",
        )
        if count is not None:
            self._tell(f"Exported {count:,} account{'' if count == 1 else 's'} to {target}.")
        return count

    async def import_accounts(self) -> ImportReport | None:
        """File > Import…: read and check every row, show the report, and write all rows only if confirmed."""
        workspace = self._ready()
        if workspace is None:
            return None
        dialog = _file_dialog(self.window, "Import accounts", "importFileDialog", IMPORT_FILTER, save=False)
        dialog.setDirectory(str(workspace.path.parent))
        source = await _choose_file(dialog)
        if source is None:
            return None
        try:
            parsed = await self.window.run_op(f"Reading {source.name}…", read_import_file(source))
        except OperationFailed:
            return None
        plan = await self._with_progress(
            "importCheckProgress", f"Checking {source.name}…", len(parsed.rows),
            lambda update: workspace.transfer.plan_import(parsed, OnExisting.SKIP, progress=update),
            cancelled_text="Import cancelled; nothing was written.",
        )
        if plan is None:
            return None
        review = ImportReviewDialog(self.window, plan, self.window._start)
        confirmed_plan = await ask(review, lambda d, code: d.plan if code == QDialog.DialogCode.Accepted else None)
        if confirmed_plan is None:
            self._tell("Import cancelled; nothing was written.")
            return None
        if self.window.workspace is not workspace:
            self.window.show_error("The database changed meanwhile; nothing was imported.")
            return None
        stop = False

        def should_stop() -> bool:
            return stop

        def request_stop() -> None:
            nonlocal stop
            stop = True

        report = await self._with_progress(
            "importProgress", f"Importing {source.name}…", len(confirmed_plan.records),
            lambda update: workspace.transfer.run_import(confirmed_plan, should_stop=should_stop, progress=update),
            cancelled_text="Import cancelled; nothing was written.",
            on_cancel=request_stop,
        )
        if report is None:
            return None
        self.last_import = report
        kept = f" The database before the import was kept as {report.backup.name}." if report.backup else ""
        self._tell(f"{report.summary()}{kept}")
        if report.changed_ids:
            self.window.events.accounts_changed.emit(report.changed_ids)
        return report

    async def _with_progress(
        self,
        name: str,
        label: str,
        maximum: int,
        make_work: Callable[[Callable[[int, int], None]], Coroutine[Any, Any, T]],
        *,
        cancelled_text: str,
        on_cancel: Callable[[], None] | None = None,
    ) -> T | None:
        """Run work that reports progress(done, total) under a progress dialog and the busy indicator.

        Cancel calls `on_cancel` (the work then stops on its own) or else cancels the task. None when
        cancelled or when a known error was shown.
        """
        holder: list[_Progress] = []
        work = make_work(lambda done, total: holder[0].update(done, total) if holder else None)

        def make(cancel: Callable[[], None]) -> _Progress:
            holder.append(_Progress(self.window, name, label, maximum, on_cancel or cancel))
            return holder[0]

        try:
            async with self.window.busy(label):
                return await _run_cancellable(work, make)
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # the window is closing: not a cancel by the user
            self._tell(cancelled_text)
            return None
        except ImportCancelledError:
            self._tell(cancelled_text)
            return None
        except HomeLogError as error:
            self.window.show_error(str(error))
            return None
