"""homelog-admin's commands on files: backup, restore, export, import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from homelog_desktop.cli.arguments import EXIT_OK
from homelog_desktop.cli.context import CommandContext
from homelog_desktop.cli.output import clean
from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.backup import restore
from homelog_desktop.services.transfer import ExportOptions, OnExisting, TransferFormat

if TYPE_CHECKING:
    from homelog_desktop.services.transfer import ImportRowReport


async def backup(context: CommandContext, args: argparse.Namespace) -> int:
    """Copy the database into a new FILE; print its path."""
    print(await context.workspace.backups.back_up(args.file))
    return EXIT_OK


async def restore_file(database: Path, args: argparse.Namespace) -> int:
    """Replace the database file with a backup; runs with the database closed (no services)."""
    result = await restore(database, args.file)
    if result.kept_backup is not None:
        print(result.kept_backup)
    return EXIT_OK


async def restore_into_server(context: CommandContext, args: argparse.Namespace) -> int:
    """Restore a backup FILE into the server database: print what it will do, then do it all or nothing
    (--dry-run: only print). A server database is never replaced or emptied: see services/server_restore.py."""
    # Imported here: it brings PostgreSQL's SQL dialect, which no other command on a SQLite file needs.
    from homelog_desktop.services.server_restore import plan_server_restore, restore_to_server

    plan = await plan_server_restore(context.workspace, args.file)
    print(f"{plan.description} in {clean(str(args.file))}: {plan.summary()}.")
    if args.dry_run:
        return EXIT_OK
    done = await restore_to_server(context.workspace, args.file)
    print(f"Restored: {len(done.create):,} created, {len(done.update):,} updated.")
    return EXIT_OK


async def export(context: CommandContext, args: argparse.Namespace) -> int:
    """Write the accounts as CSV or JSON to stdout or to -o FILE."""
    if args.format is not None:
        kind = TransferFormat(args.format)
    elif args.output and Path(args.output).suffix.lower() == ".json":
        kind = TransferFormat.JSON
    else:
        kind = TransferFormat.CSV
    options = ExportOptions(format=kind, search=args.search, include_hashes=args.include_hashes)
    if args.output is None:
        await context.workspace.transfer.write_export(options, sys.stdout)
        return EXIT_OK
    count = await context.workspace.transfer.export_to_file(options, args.output)
    print(f"Exported {count:,} account{'' if count == 1 else 's'} to {Path(args.output).expanduser().absolute()}.")
    return EXIT_OK


async def import_accounts(context: CommandContext, args: argparse.Namespace) -> int:
    """Add accounts from a file, all or none: a line per row, then the summary."""
    report = await context.workspace.transfer.import_file(
        args.file, OnExisting(args.on_existing), dry_run=args.dry_run
    )
    for row in report.plan.rows:
        print(row_line(row))
    if report.plan.has_errors:
        raise HomeLogError(report.summary())
    print(report.summary())
    if report.backup is not None:
        print(f"The database before the import was kept as {report.backup}.")
    return EXIT_OK


def row_line(row: ImportRowReport) -> str:
    """`row N  EMAIL  create|update|skip|error  details`."""
    reason = f"  {row.reason}" if row.reason else ""
    email = row.email if row.email.isprintable() else clean(row.email)  # one call for the common case
    return f"row {row.number}  {email or '-'}  {row.status.value}{reason}"
