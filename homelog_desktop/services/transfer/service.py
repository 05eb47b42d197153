"""Export and import on one database, as the workspace offers them (`workspace.transfer`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from homelog_desktop.output_files import check_output_target
from homelog_desktop.services.transfer.export import EXPORT_PAGE_SIZE, Exporter, ExportOptions

if TYPE_CHECKING:  # reading and planning load once an import runs (see importing.py)
    from homelog_desktop.data.transfer_dao import OnExisting
    from homelog_desktop.services.transfer.importing import Importer, ImportReport
    from homelog_desktop.services.transfer.planning import ImportPlan
    from homelog_desktop.services.transfer.reading import ImportFile


class TransferService:
    """Exports (never a password; hashes if asked) and imports (validated, planned, all or nothing)."""

    def __init__(self, *, exporter: Exporter, importer: Importer) -> None:
        self._exporter = exporter
        self._importer = importer

    def export_records(
        self, options: ExportOptions, *, page_size: int = EXPORT_PAGE_SIZE
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """The accounts to export, a page of JSON-ready records at a time, in the order asked for."""
        return self._exporter.records(options, page_size=page_size)

    async def write_export(
        self, options: ExportOptions, stream: TextIO, *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Write the export to a text stream, page by page; how many accounts were written."""
        return await self._exporter.write_export(options, stream, progress=progress)

    async def export_to_file(
        self, options: ExportOptions, path: Path | str, *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Export into `path` (readable by its owner only), replacing it only once the export is complete."""
        return await self._exporter.export_to_file(options, path, progress=progress)

    def check_export_target(self, path: Path | str) -> bool:
        """Refuse (with its sentence) a path an export must never write (a device, a named pipe, a link,
        another user's file...); True when it names a file of the user's own that the export would replace."""
        return check_output_target(Path(path).expanduser().absolute(), replace=True)

    async def plan_import(
        self, source: ImportFile, on_existing: OnExisting, *, progress: Callable[[int, int], None] | None = None
    ) -> ImportPlan:
        """Validate every row of a file and plan it against the database; writes nothing."""
        return await self._importer.plan_import(source, on_existing, progress=progress)

    async def run_import(
        self,
        plan: ImportPlan,
        *,
        should_stop: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        """Write a plan without errors in one transaction, after a backup (see Importer.run_import)."""
        return await self._importer.run_import(plan, should_stop=should_stop, progress=progress)

    async def import_file(self, path: Path | str, on_existing: OnExisting, *, dry_run: bool = False) -> ImportReport:
        """Read, validate and plan a file, then write it unless it has errors or this is a dry run."""
        return await self._importer.import_file(path, on_existing, dry_run=dry_run)
