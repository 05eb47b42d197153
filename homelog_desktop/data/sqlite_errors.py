"""Which SQLite failures are known ones (locked, read-only, full, damaged...), told by SQLite's error
code, never by the text of its message. SQLite only.

A failure this module does not know is a bug, and stays the exception it is.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from homelog_desktop.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DiskFullError,
    DiskIOError,
)
from homelog_desktop.file_errors import CannotOpenError, CannotReadError

# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code carries its primary
# code in its low byte.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
SQLITE_CONSTRAINT_PRIMARYKEY = 1555
SQLITE_CONSTRAINT_UNIQUE = 2067
# Less free space than this where SQLite met an I/O error: the disk is full (a -shm file alone takes 32 KiB).
FULL_DISK_MARGIN = 1 << 20


def sqlite_error_code(error: BaseException) -> int | None:
    """The extended SQLite result code of a driver error (wrapped by SQLAlchemy or not), if it has one."""
    original = error.orig if isinstance(error, DBAPIError) else error
    code = getattr(original, "sqlite_errorcode", None) if isinstance(original, sqlite3.Error) else None
    return code if isinstance(code, int) else None


def _primary(error: BaseException) -> int | None:
    code = sqlite_error_code(error)
    return None if code is None else code & 0xFF


def is_locked(error: BaseException) -> bool:
    """Whether another connection holds a lock this one waited for in vain (worth trying again)."""
    return _primary(error) in (SQLITE_BUSY, SQLITE_LOCKED)


def is_unique_violation(error: BaseException) -> bool:
    """Whether a write was refused by a UNIQUE or PRIMARY KEY constraint."""
    return sqlite_error_code(error) in (SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY)


def known_sqlite_failure(path: Path, error: BaseException) -> DatabaseError | None:
    """The known failure (with its sentence) a driver error on the database at `path` is; None when it
    is none of them: a bug, to be reported as one."""
    primary = _primary(error)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLockedError(path)
    if primary == SQLITE_READONLY:
        return DatabaseReadOnlyError(path)
    if primary == SQLITE_FULL:
        return DiskFullError()
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedDatabaseError(path)
    if primary in (SQLITE_CANTOPEN, SQLITE_IOERR) and disk_is_full(path):
        # SQLite reports a disk that filled up while it sized its -shm file or wrote its -wal as an I/O
        # error: what the user needs to hear is that the disk is full.
        return DiskFullError(path)
    if primary == SQLITE_CANTOPEN:
        return CannotOpenError(path)
    if primary == SQLITE_IOERR:
        return DiskIOError(path)
    return None


def disk_is_full(path: Path) -> bool:
    """Whether the file system holding `path` has (next to) no room left for SQLite to write a page."""
    try:
        return shutil.disk_usage(path.parent).free < FULL_DISK_MARGIN
    except OSError:
        return False


def known_file_failure(path: Path, error: OSError) -> DatabaseError:
    """An operating system's refusal to read or write a file, as a sentence about that file."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path)
    if error.errno == errno.EROFS:
        return DatabaseReadOnlyError(path)
    return CannotReadError(path, error.strerror)
