"""Known SQLite failures are told by SQLite's error code (never by the text of a message), each with its
one sentence; everything else is a bug and stays the exception it is."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from homelog_desktop.data.sqlite_errors import (
    is_locked,
    is_unique_violation,
    known_file_failure,
    known_sqlite_failure,
    sqlite_error_code,
)
from homelog_desktop.errors import (
    DamagedDatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DiskFullError,
    DiskIOError,
    HomeLogError,
)
from homelog_desktop.file_errors import CannotOpenError, CannotReadError

PATH = Path("/data/homelog.db")


def sqlite_error(code: int, message: str = "whatever the message says") -> sqlite3.Error:
    """A driver error as sqlite3 raises it, with this extended result code."""
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    error.sqlite_errorname = "TEST"  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("code", "kind", "sentence"),
    [
        (sqlite3.SQLITE_BUSY, DatabaseLockedError, "/data/homelog.db is locked by another program. Try again"),
        (517, DatabaseLockedError, "locked by another program"),  # SQLITE_BUSY_SNAPSHOT
        (sqlite3.SQLITE_LOCKED, DatabaseLockedError, "locked by another program"),
        (sqlite3.SQLITE_READONLY, DatabaseReadOnlyError, "homelog.db is open read-only: changes cannot be saved."),
        (1032, DatabaseReadOnlyError, "read-only"),  # SQLITE_READONLY_DBMOVED
        (sqlite3.SQLITE_FULL, DiskFullError, "The disk is full; the change was not saved."),
        (sqlite3.SQLITE_CORRUPT, DamagedDatabaseError, "/data/homelog.db is damaged or is not a HomeLog database."),
        (sqlite3.SQLITE_NOTADB, DamagedDatabaseError, "damaged or is not a HomeLog database"),
        (sqlite3.SQLITE_CANTOPEN, CannotOpenError, "/data/homelog.db cannot be opened."),
        (sqlite3.SQLITE_IOERR, DiskIOError, "could not be read or written"),
        (778, DiskIOError, "could not be read or written"),  # SQLITE_IOERR_WRITE
    ],
)
def test_known_failures_are_told_by_their_code(code: int, kind: type[HomeLogError], sentence: str) -> None:
    for error in (sqlite_error(code), OperationalError("SELECT 1", {}, sqlite_error(code))):
        known = known_sqlite_failure(PATH, error)
        assert isinstance(known, kind) and sentence in str(known)
        assert "\n" not in str(known)


def test_the_message_text_decides_nothing() -> None:
    """A message that reads like a known failure, with the code of a plain error, is still a bug."""
    for text in ("database is locked", "attempt to write a readonly database", "database or disk is full",
                 "file is not a database", "database disk image is malformed", "unable to open database file"):
        assert known_sqlite_failure(PATH, sqlite_error(sqlite3.SQLITE_ERROR, text)) is None
        assert not is_locked(sqlite_error(sqlite3.SQLITE_ERROR, text))
    assert known_sqlite_failure(PATH, sqlite_error(sqlite3.SQLITE_BUSY, "anything at all")) is not None


def test_a_bug_such_as_no_such_column_is_not_a_known_failure(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "x.db") as connection:
        connection.execute("CREATE TABLE users (id INTEGER)")
        with pytest.raises(sqlite3.OperationalError) as raised:
            connection.execute("SELECT no_such_column FROM users")
    assert sqlite_error_code(raised.value) == sqlite3.SQLITE_ERROR
    assert known_sqlite_failure(PATH, raised.value) is None
    assert known_sqlite_failure(PATH, ValueError("not a driver error")) is None


def test_a_real_lock_is_classified_by_its_code(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN EXCLUSIVE")
        with sqlite3.connect(path, timeout=0) as other, pytest.raises(sqlite3.OperationalError) as raised:
            other.execute("INSERT INTO t VALUES (1)")
    finally:
        holder.close()
    assert is_locked(raised.value)
    assert isinstance(known_sqlite_failure(path, raised.value), DatabaseLockedError)


def test_unique_violations_are_told_by_their_extended_code(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "x.db") as connection:
        connection.execute("CREATE TABLE users (email TEXT UNIQUE, n INTEGER NOT NULL)")
        connection.execute("INSERT INTO users VALUES ('a', 1)")
        with pytest.raises(sqlite3.IntegrityError) as unique:
            connection.execute("INSERT INTO users VALUES ('a', 2)")
        with pytest.raises(sqlite3.IntegrityError) as not_null:
            connection.execute("INSERT INTO users VALUES ('b', NULL)")
    assert is_unique_violation(unique.value)
    assert not is_unique_violation(not_null.value)


def test_operating_system_failures_of_a_file() -> None:
    assert isinstance(known_file_failure(PATH, OSError(errno.ENOSPC, "No space left on device")), DiskFullError)
    assert isinstance(known_file_failure(PATH, OSError(errno.EROFS, "Read-only file system")), DatabaseReadOnlyError)
    denied = known_file_failure(PATH, PermissionError(errno.EACCES, "Permission denied"))
    assert isinstance(denied, CannotReadError) and str(denied) == "/data/homelog.db cannot be read: Permission denied."
