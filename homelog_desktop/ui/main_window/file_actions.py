"""File > Back up…, Restore…, Export…, Import…: whole-database and bulk work.

Every dialog is opened with `open()` and awaited, never `exec()`; file dialogs are Qt's own
(non-native), so tests and every platform behave alike. Long work shows a progress dialog that can be
cancelled (the runner's `run_with_progress`): an export is then left unwritten, an import rolls back
(it is one transaction).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.services.backup import describe_backup, restore
from homelog_desktop.services.transfer import (
    ExportOptions,
    ImportPlan,
    ImportReport,
    OnExisting,
    TransferFormat,
    read_import_file,
)
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.awaiting import ask, confirm
from homelog_desktop.ui.dialogs.export import ExportDialog
from homelog_desktop.ui.dialogs.files import DATABASE_FILTER, choose_file, file_dialog
from homelog_desktop.ui.dialogs.import_review import ImportReviewDialog
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import ShownAccounts, WindowContext
from homelog_desktop.ui.main_window.server_restore import restore_into_server
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, error_text, translate, translated

IMPORT_FILTER = QT_TRANSLATE_NOOP("Dialogs", "Account files (*.csv *.json);;CSV files (*.csv);;JSON files (*.json)")
FORMAT_FILTERS = {
    TransferFormat.CSV: QT_TRANSLATE_NOOP("Dialogs", "CSV files (*.csv)"),
    TransferFormat.JSON: QT_TRANSLATE_NOOP("Dialogs", "JSON files (*.json)"),
}
SORT_NAMES = {
    "id": QT_TRANSLATE_NOOP("Messages", "ID"), "email": QT_TRANSLATE_NOOP("Messages", "email"),
    "username": QT_TRANSLATE_NOOP("Messages", "name"), "has_password": QT_TRANSLATE_NOOP("Messages", "password"),
    "created_at": QT_TRANSLATE_NOOP("Messages", "created"), "updated_at": QT_TRANSLATE_NOOP("Messages", "updated"),
}
IMPORT_CANCELLED = QT_TRANSLATE_NOOP("Messages", "Import cancelled; nothing was written.")


def documents_folder() -> Path:
    """Where a backup is proposed: the user's documents folder, else their home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def backup_name(folder: Path, database: Path, today: date) -> str:
    """A dated name for a backup that no file in `folder` has yet: homelog-backup-2026-06-15.db, then -2..."""
    stem, suffix = f"{database.stem}-backup-{today.isoformat()}", database.suffix or ".db"
    name, number = f"{stem}{suffix}", 1
    while (folder / name).exists():
        number += 1
        name = f"{stem}-{number}{suffix}"
    return name


def export_scope(shown: ShownAccounts) -> str:
    """Which accounts an export writes, as the export dialog says it."""
    query = shown.query
    search = translate("Messages", " matching “{search}”").format(search=query.search) if query.search else ""
    if query.filter is not AccountFilter.ALL:
        search += f" ({shown.filter_label.lower()})"
    column = translate("Messages", SORT_NAMES.get(query.sort.value, query.sort.value))
    order = (translate("Messages", "sorted by {column} (descending)") if query.descending
             else translate("Messages", "sorted by {column}")).format(column=column)
    total = shown.total  # a name, which lupdate reads as a count (an attribute it does not)
    accounts = (translate("Messages", "the %Ln selected account(s)", None, total) if shown.selected
                else translate("Messages", "the %Ln account(s)", None, total))
    return translate("Messages", "Exports {accounts}{search}, {order}, as shown.").format(
        accounts=accounts, search=search, order=order)


class FileActions:
    """Back up, restore, export and import the open database."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of this topic's actions, by key."""
        return {
            "back_up": self.back_up, "restore": self.restore, "export": self.export, "import": self.import_accounts,
            "export_selected": lambda: self.export(selected=True),
        }

    def _ready(self) -> Workspace | None:
        """The open database, or None (with a message) when there is none or the window is busy."""
        workspace = self.context.workspace
        if workspace is None:
            return None
        if self.context.operations.running:
            self.context.operations.show_error(translate(
                "Messages", "Wait until the current operation has finished, then try again."))
            return None
        return workspace

    def _tell(self, text: str) -> None:
        self.context.tell(text, 15_000)

    # Back up and restore

    async def back_up(self) -> Path | None:
        """File > Back up…: copy the open database into a new file (never overwriting one)."""
        workspace = self._ready()
        if workspace is None:
            return None
        dialog = file_dialog(self.context.parent, translate("Messages", "Back up the database"), "backupFileDialog",
            DATABASE_FILTER,
                             save=True)
        dialog.setDefaultSuffix("db")
        folder = documents_folder()
        dialog.setDirectory(str(folder))
        dialog.selectFile(backup_name(folder, workspace.path, date.today()))
        target = await choose_file(dialog)
        if target is None:
            return None
        written = await self.context.operations.run(
            translate("Messages", "Backing up to {name}…").format(name=target.name), workspace.backups.back_up(target)
        )
        self._tell(translate("Messages", "Backed up {file} to {written}.").format(file=workspace.path.name,
            written=written))
        return written

    async def restore(self) -> bool:
        """File > Restore…: after a confirmation naming the file, replace the database with a backup.

        The database is closed, the file checked and the current one kept next to it, then it is
        opened again (also when the restore failed, so the window is never left without it). A server's
        database is restored into instead, after its plan was shown (server_restore.py).
        """
        workspace = self._ready()
        if workspace is None:
            return False
        if not workspace.location.is_file:
            return await restore_into_server(self.context, workspace, str(documents_folder()))
        database = workspace.path
        dialog = file_dialog(self.context.parent, translate("Messages", "Restore from a backup"), "restoreFileDialog",
            DATABASE_FILTER, save=False)
        dialog.setDirectory(str(database.parent))
        source = await choose_file(dialog)
        if source is None:
            return False
        description = await self.context.operations.run(translate(
            "Messages", "Checking {name}…").format(name=source.name), describe_backup(source))
        if not await confirm(
            self.context.parent, name="confirmRestore", title=translate("Messages", "Restore from a backup"),
            text=translate("Messages", "Replace every account in {name} with those in {source}?").format(
                name=database.name, source=source),
            detail=translate("Messages", "{name} holds {description}. The database as it is now is kept next to it "
                "as {stem}.before-restore-….db.").format(name=source.name, description=translated(description),
                stem=database.stem),
            verb=translate("Messages", "Restore"),
        ) or self._ready() is None:
            return False
        return await self._replace(database, source, description)

    async def _replace(self, database: Path, source: Path, description: str) -> bool:
        session, operations = self.context.session, self.context.operations
        failure: str | None = None
        async with operations.busy(translate("Messages", "Restoring from {name}…").format(name=source.name)):
            await session.close()
            try:
                result = await restore(database, source)
                session.forget_audit_head(database)  # its trail is the backup's now, knowingly
            except HomeLogError as error:
                failure = error_text(error)
            except Exception:
                await session.open(database)  # a bug: still leave the window with its database
                raise
            # (Cancelled: the window is closing, and does not need it opened again.)
            reopened = await session.open(database)
        if failure is not None:
            operations.show_error(translate(
                "Messages", "{failure} The database was not replaced.").format(failure=failure))
            return False
        if reopened:
            kept = ""
            if result.kept_backup:
                kept = translate("Messages", " The replaced database was kept as {name}.").format(
                    name=result.kept_backup.name)
            self._tell(translate("Messages", "Restored {name} from {name2} ({description}).{kept}").format(
                name=database.name, name2=source.name, description=translated(description), kept=kept))
        return reopened

    # Export and import

    async def export(self, *, selected: bool = False) -> int | None:
        """File > Export…: the accounts shown (current search and order) to a CSV or JSON file; Export
        selected: only the selected ones."""
        workspace = self._ready()
        if workspace is None:
            return None
        shown, marks = self.context.shown(), self.context.marks
        only = marks.as_selection() if selected and marks is not None else None
        if only is not None:
            shown = ShownAccounts(shown.query, shown.filter_label, only.count(shown.total), selected=True)
        chosen = await ask(
            ExportDialog(parent=self.context.parent, scope=export_scope(shown)),
            lambda d, code: (d.chosen_format(), d.include_hashes()) if code else None,
        )
        if chosen is None:
            return None
        kind, include_hashes = chosen
        target = await self._export_target(workspace, kind)
        if target is None:
            return None
        query, total = shown.query, shown.total
        options = ExportOptions(
            kind, query.search or None, include_hashes, query.sort, query.descending, query.filter, only=only
        )
        count = await self.context.operations.run_with_progress(
            parent=self.context.parent, name="exportProgress", label=translate(
                "Messages", "Exporting to {name}…").format(name=target.name), maximum=total,
            make_work=lambda update: workspace.transfer.export_to_file(
                options, target, progress=lambda done: update(done, total)
            ),
            cancelled_text=translate("Messages", "Export cancelled; no file was written."),
        )
        if count is not None:
            self._tell(translate("Messages", "Exported %Ln account(s) to {target}.", None, count).format(target=target))
        return count

    async def _export_target(self, workspace: Workspace, kind: TransferFormat) -> Path | None:
        """The file to export to; an existing one only when the user agrees to replace it."""
        dialog = file_dialog(self.context.parent, translate("Messages", "Export accounts"), "exportFileDialog",
            FORMAT_FILTERS[kind],
                             save=True)
        dialog.setDefaultSuffix(kind.value)
        dialog.setDirectory(str(workspace.path.parent))
        dialog.selectFile(f"{workspace.path.stem}-accounts.{kind.value}")
        target = await choose_file(dialog)
        if target is None:
            return None
        try:  # a device, a link, another user's file...: refused before asking anything
            exists = workspace.transfer.check_export_target(target)
        except HomeLogError as error:
            self.context.operations.show_error(error_text(error))
            return None
        if exists and not await confirm(
            self.context.parent, name="confirmOverwrite", title=translate("Messages", "Export accounts"),
            text=translate("Messages", "{name} already exists. Replace it?").format(name=target.name),
            detail=translate("Messages",
                "Its content is replaced once the export is complete."), verb=translate("Messages", "Replace"),
        ):
            return None
        return target

    async def import_accounts(self) -> ImportReport | None:
        """File > Import…: read and check every row, show the report, and write all rows only if confirmed."""
        workspace = self._ready()
        if workspace is None:
            return None
        dialog = file_dialog(self.context.parent, translate("Messages", "Import accounts"), "importFileDialog",
            IMPORT_FILTER, save=False)
        dialog.setDirectory(str(workspace.path.parent))
        source = await choose_file(dialog)
        if source is None:
            return None
        operations = self.context.operations
        parsed = await operations.run(translate("Messages", "Reading {name}…").format(name=source.name),
            read_import_file(source))
        plan = await operations.run_with_progress(
            parent=self.context.parent, name="importCheckProgress", label=translate(
                "Messages", "Checking {name}…").format(name=source.name),
            maximum=parsed.row_count,
            make_work=lambda update: workspace.transfer.plan_import(parsed, OnExisting.SKIP, progress=update),
            cancelled_text=translate("Messages", IMPORT_CANCELLED),
        )
        if plan is None:
            return None
        review = ImportReviewDialog(parent=self.context.parent, plan=plan, start=operations.start)
        confirmed = await ask(
            review, lambda d, code: d.confirmed_plan() if code == QDialog.DialogCode.Accepted else None
        )
        if confirmed is None:
            self._tell(translate("Messages", IMPORT_CANCELLED))
            return None
        if self.context.workspace is not workspace:
            operations.show_error(translate("Messages", "The database changed meanwhile; nothing was imported."))
            return None
        return await self._write(workspace, confirmed, source)

    async def _write(self, workspace: Workspace, plan: ImportPlan, source: Path) -> ImportReport | None:
        """Write the confirmed plan in one transaction; Cancel asks the import to stop before it commits."""
        stop = False

        def request_stop() -> None:
            nonlocal stop
            stop = True

        report = await self.context.operations.run_with_progress(
            parent=self.context.parent, name="importProgress", label=translate(
                "Messages", "Importing {name}…").format(name=source.name),
            maximum=len(plan.records),
            make_work=lambda update: workspace.transfer.run_import(plan, should_stop=lambda: stop, progress=update),
            cancelled_text=translate(
                "Messages", IMPORT_CANCELLED), on_cancel=request_stop, changed=lambda report: report.changed_ids,
        )
        if report is None:
            return None
        kept = ""
        if report.backup:
            kept = translate("Messages", " The database before the import was kept as {name}.").format(
                name=report.backup.name)
        self._tell(translated(report.summary()) + kept)
        return report
