"""Restoring a backup file into a database on a server: previewed, then all or nothing. A file database is
restored by replacing the file (services/backup.py); a server's is never replaced or emptied (home-log's
data sources and readings refer to its users): the backup's accounts are written over those with the same
id, and accounts only the server has stay as they are."""

from __future__ import annotations

from pathlib import Path

from homelog_desktop.data.server_restore import RestoreConflictError, RestorePlan, ServerRestoreDao
from homelog_desktop.errors import DatabaseReadOnlyError
from homelog_desktop.services.workspace import Workspace

__all__ = ["RestoreConflictError", "RestorePlan", "plan_server_restore", "restore_to_server"]


async def plan_server_restore(workspace: Workspace, source: Path | str) -> RestorePlan:
    """What restoring `source` would do (`summary()`; `email_conflicts` refuse it); writes nothing. The file
    is checked as a file restore checks it (DatabaseError with a sentence when it cannot be restored)."""
    return await ServerRestoreDao(workspace.database).plan(Path(source).expanduser().absolute())


async def restore_to_server(workspace: Workspace, source: Path | str) -> RestorePlan:
    """Restore `source` into the open server database in one transaction (planned again under the write
    lock); RestoreConflictError, nothing written, when a backup's address is held by another account.
    Every account written gets an audit entry "restore"."""
    if workspace.read_only:
        raise DatabaseReadOnlyError(workspace.path)
    return await ServerRestoreDao(workspace.database).restore(
        Path(source).expanduser().absolute(), audit=workspace.audit.draft("restore")
    )
