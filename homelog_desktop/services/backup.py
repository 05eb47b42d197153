"""Back up the open database, and restore a database file from a backup.

Copies run in a worker thread (SQLite's online backup API), so the window stays responsive. A backup
can be made while the database is open and in use (`Workspace.backups`). A restore replaces the
database file itself, so it takes the file's path and must run while nothing has it open: close the
Workspace, call `restore`, then open the database again (the window and `homelog-admin restore` do this).
"""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass
from pathlib import Path

from homelog_desktop.data.database import Database
from homelog_desktop.data.sqlite_backup import (
    check_sqlite_file_for_restore,
    copy_sqlite_file_into,
    timestamped_backup_path,
)
from homelog_desktop.file_errors import AlreadyExistsError, MissingFolderError, RestoreFromItselfError
from homelog_desktop.output_files import check_output_target
from homelog_desktop.paths import app_data_folder

__all__ = ["BackupService", "RestoreResult", "describe_backup", "restore"]

SERVER_BACKUPS_FOLDER = "server-backups"  # the automatic copies of server databases (before an import)


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did: the database replaced, the file it came from, and where the old one was kept."""

    database: Path
    source: Path
    kept_backup: Path | None
    description: str


def _absolute(path: Path | str) -> Path:
    return Path(path).expanduser().absolute()


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


class BackupService:
    """Copies of one open database."""

    def __init__(self, *, database: Database) -> None:
        self._database = database

    async def back_up(self, target: Path | str, *, work_bytes: int = 0) -> Path:
        """Copy the open database into a new file `target` (readable by its owner only); its path.

        Refuses an existing `target` (nothing is overwritten, nothing is written through a link). The copy
        is consistent even while accounts are being written, and appears at `target` only once complete.
        """
        target = _absolute(target)
        try:  # a device, a named pipe, a link... is refused as what it is, untouched
            check_output_target(target, replace=False)
        except AlreadyExistsError:
            raise AlreadyExistsError(target, backup=True) from None
        return await self._database.back_up(target, work_bytes=work_bytes)

    async def back_up_before_change(self, reason: str, *, work_bytes: int = 0) -> Path:
        """An automatic backup next to the database, named after `reason` and the time, before a bulk change
        that may write `work_bytes` (refused, nothing written, when the disk has not room for both)."""
        return await self.back_up(self._before_change_path(reason), work_bytes=work_bytes)

    def _before_change_path(self, reason: str) -> Path:
        """Next to a database file; for a server database (no file to be next to), in the app's own
        per-user folder `server-backups`, named after the location (never its password: it has none)."""
        location = self._database.location
        if location.is_file:
            return timestamped_backup_path(self._database.path, reason)
        folder = app_data_folder() / SERVER_BACKUPS_FOLDER
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", location.display()).strip("_") or "server"
        return timestamped_backup_path(folder / f"{name}.db", reason)


async def describe_backup(source: Path | str) -> str:
    """Check a file to restore from (never modifying it) and describe it: "42 accounts, 40 with a password".

    DatabaseError with a sentence when it is not an intact HomeLog database.
    """
    return await asyncio.to_thread(check_sqlite_file_for_restore, _absolute(source))


async def restore(database: Path | str, source: Path | str) -> RestoreResult:
    """Replace the database file `database` with a copy of `source`; nothing may have it open.

    `source` is checked first (integrity, home-log's tables) and a refusal changes no file and writes
    none (a database in use is refused before anything is kept). The database being replaced is kept
    next to it as `<name>.before-restore-<time>.db`. A missing
    `database` is created (owner-only) and then nothing needs keeping.
    """
    return await asyncio.to_thread(_restore, _absolute(database), _absolute(source))


def _restore(database: Path, source: Path) -> RestoreResult:
    if _same_file(database, source):
        raise RestoreFromItselfError(source)
    if not database.parent.is_dir():
        raise MissingFolderError(database.parent)
    description = check_sqlite_file_for_restore(source)
    keep_as = timestamped_backup_path(database, "before-restore") if database.exists() else None
    # The kept copy, then the restored file written over the database: room for both, or nothing is written.
    kept = copy_sqlite_file_into(source, database, keep_as=keep_as, work_bytes=source.stat().st_size)
    return RestoreResult(database, source, kept, description)
