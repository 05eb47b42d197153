"""Import, step 4: writing a plan without errors in one transaction (with an audit entry per account
written), after a backup of the database next to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from homelog_desktop.data.transfer_dao import OnExisting, TransferDao
from homelog_desktop.errors import DatabaseReadOnlyError, HomeLogError, InvalidInputError
from homelog_desktop.messages import Number, translatable
from homelog_desktop.services.audit import AuditTrail
from homelog_desktop.services.backup import BackupService

if TYPE_CHECKING:  # loaded once an import runs: every homelog-admin command opens a workspace, few import
    from homelog_desktop.services.transfer.planning import ImportPlan
    from homelog_desktop.services.transfer.reading import ImportFile


@dataclass(frozen=True)
class ImportReport:
    """The outcome of an import: its plan, whether it wrote, what it wrote, and the backup made first."""

    plan: ImportPlan
    written: bool
    created_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()
    skipped: int = 0
    backup: Path | None = None
    dry_run: bool = False

    @property
    def changed_ids(self) -> list[int]:
        """Ids of every account created or updated."""
        return [*self.created_ids, *self.updated_ids]

    def summary(self) -> str:
        """One sentence saying what happened."""
        errors, summary = self.plan.errors, self.plan.summary()
        if errors == 1:
            return translatable("Import", "1 row has an error; nothing was imported.")
        if errors:
            return translatable("Import", "{count} rows have errors; nothing was imported.").filled(
                count=Number(errors))
        if self.dry_run:
            return translatable("Import", "Dry run: {summary}; nothing was written.").filled(summary=summary)
        if not self.written:
            return translatable("Import", "Nothing to import: {summary}.").filled(summary=summary)
        return translatable("Import", "Imported: {created} created, {updated} updated, {skipped} skipped.").filled(
            created=Number(len(self.created_ids)), updated=Number(len(self.updated_ids)), skipped=Number(self.skipped))


# What one imported account may add on disk: its row, password, indexes, search index, email key and audit
# entry (about 730 bytes once checkpointed, measured), held once more by the write-ahead log until then.
IMPORT_BYTES_PER_ROW = 2048


class Importer:
    """Plans and runs imports into one database."""

    def __init__(
        self, *, transfers: TransferDao, backups: BackupService, audit: AuditTrail, path: Path, read_only: bool
    ) -> None:
        self._transfers = transfers
        self._backups = backups
        self._audit = audit
        self.path = path
        self.read_only = read_only

    async def plan_import(
        self, source: ImportFile, on_existing: OnExisting, *, progress: Callable[[int, int], None] | None = None
    ) -> ImportPlan:
        """Read, validate and plan every row of a file against the database, a batch at a time (see
        planning.plan_rows; `progress(done, total)` counts rows); writes nothing."""
        from homelog_desktop.services.transfer.planning import plan_rows

        return await plan_rows(source, on_existing, self._transfers.find_existing_emails, progress=progress)

    async def run_import(
        self,
        plan: ImportPlan,
        *,
        should_stop: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        """Write a plan without errors in one transaction, after a backup of the database next to it.

        InvalidInputError when the plan has errors; ImportCancelledError when `should_stop()` turned true
        before the commit. Either way nothing is written (and the backup, then useless, is removed).
        Every account created or updated gets an audit entry (action "import", the names of the fields
        that changed, never a hash) in the import's own transaction.
        """
        if plan.has_errors:
            raise InvalidInputError(ImportReport(plan, written=False).summary())
        if self.read_only:
            raise DatabaseReadOnlyError(self.path)
        from homelog_desktop.services.transfer.planning import RowStatus

        if not plan.records:
            return ImportReport(plan, written=False, skipped=plan.counts.get(RowStatus.SKIP, 0))
        backup = await self._backups.back_up_before_change(
            "before-import", work_bytes=len(plan.records) * IMPORT_BYTES_PER_ROW
        )
        try:
            result = await self._transfers.import_users(
                plan.records, plan.on_existing, audit=self._audit.draft("import"), should_stop=should_stop,
                progress=progress,
            )
        except HomeLogError:
            if backup is not None:
                backup.unlink(missing_ok=True)  # rolled back: the database is exactly what was backed up
            raise
        # Skipped: the rows the plan skipped (never sent) and those whose address was taken meanwhile.
        skipped = plan.counts.get(RowStatus.SKIP, 0) + result.skipped
        return ImportReport(plan, True, result.created_ids, result.updated_ids, skipped, backup)

    async def import_file(self, path: Path | str, on_existing: OnExisting, *, dry_run: bool = False) -> ImportReport:
        """Read, validate and plan a file, then write it unless it has errors or this is a dry run."""
        from homelog_desktop.services.transfer.reading import read_import_file

        plan = await self.plan_import(await read_import_file(path), on_existing)
        if plan.has_errors or dry_run:
            return ImportReport(plan, written=False, dry_run=dry_run)
        return await self.run_import(plan)
