"""The SQLite backend: a database file, its write lock (BEGIN IMMEDIATE) and its error codes. The file
checks, pragmas, search index, backups and change watch live in the data/sqlite_* modules it names."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from homelog_desktop.data.location import BackendKind, DatabaseLocation
from homelog_desktop.data.sqlite_errors import is_locked, known_file_failure, known_sqlite_failure
from homelog_desktop.errors import DatabaseError


@dataclasses.dataclass(frozen=True)
class SqliteBackend:
    """A SQLite file: locked while another connection writes; failures told by SQLite's codes."""

    path: Path
    kind: BackendKind = BackendKind.SQLITE

    @property
    def location(self) -> DatabaseLocation:
        """The file, as a location."""
        return DatabaseLocation.file(self.path)

    def is_retryable(self, error: BaseException) -> bool:
        """SQLITE_BUSY or SQLITE_LOCKED after the busy timeout: another program is writing."""
        return is_locked(error)

    def known_failure(self, error: BaseException) -> DatabaseError | None:
        """SQLite's codes (and the operating system's, while opening) as sentences about the file."""
        if isinstance(error, SQLAlchemyError | sqlite3.Error):
            return known_sqlite_failure(self.path, error)
        if isinstance(error, OSError):
            return known_file_failure(self.path, error)
        return None
