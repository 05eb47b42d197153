"""Consistent copies of a SQLite database file, SQLite only: the online backup API.

A copy made this way is consistent even while the app (or home-log) has the file open. Restoring goes
the other way: a chosen file is checked without being modified (read-only, integrity, schema), then
copied into the database file, in one transaction, while no engine of this app has it open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from homelog_desktop.data.database import describe_database_failure
from homelog_desktop.data.schema import VERSION_TABLE, known_revisions
from homelog_desktop.data.sqlite_files import sqlite_read_only_uri
from homelog_desktop.errors import DatabaseError

_SQLITE_HEADER = b"SQLite format 3\x00"
_REQUIRED_COLUMNS = {"users": {"id", "email", "username"}, "user_passwords": {"user_id", "hashed_password"}}


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(sqlite_read_only_uri(path), uri=True)


def _create_private_file(target: Path) -> None:
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError as error:
        raise DatabaseError(f"{target} already exists; choose another name.") from error
    except OSError as error:
        raise DatabaseError(f"{target} cannot be created: {error.strerror}.") from error
    os.close(fd)


def backup_sqlite_file(source: Path, target: Path) -> Path:
    """Copy the database at `source` into a new file `target` (owner-only), consistently.

    One backup step copies every page inside a single read transaction: in WAL mode that never blocks
    the app's writers, and unlike small steps it cannot be restarted forever by a busy writer.
    """
    _create_private_file(target)
    try:
        with (
            contextlib.closing(_connect_read_only(source)) as src,
            contextlib.closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
    except BaseException as error:
        target.unlink(missing_ok=True)
        if isinstance(error, sqlite3.Error):
            raise DatabaseError(describe_database_failure(source, error)) from error
        if isinstance(error, OSError):
            raise DatabaseError(f"{source} cannot be read: {error.strerror}.") from error
        raise
    return target


def timestamped_backup_path(source: Path, reason: str) -> Path:
    """A new file next to `source` named after it, the reason and the time (never overwrites)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    candidate = source.with_name(f"{source.stem}.{reason}-{stamp}{source.suffix or '.db'}")
    counter = 1
    while candidate.exists():
        candidate = source.with_name(f"{source.stem}.{reason}-{stamp}-{counter}{source.suffix or '.db'}")
        counter += 1
    return candidate


def check_sqlite_file_for_restore(path: Path) -> str:
    """Check that `path` is an intact HomeLog database, without modifying it; a short description.

    Opens it read-only, runs `PRAGMA integrity_check` and looks for home-log's tables and columns.
    DatabaseError, with a sentence naming the file, when it cannot be restored from.
    """
    if not path.is_file():
        raise DatabaseError(f"{path} does not exist or is not a file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise DatabaseError(f"{path} cannot be read: {error.strerror}.") from error
    if header != _SQLITE_HEADER:
        raise DatabaseError(f"{path} is not a HomeLog database (it is not an SQLite file).")
    try:
        with contextlib.closing(_connect_read_only(path)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise DatabaseError(f"{path} is damaged (SQLite's integrity check failed: {problems[0]}).")
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "users" not in tables:
                raise DatabaseError(f"{path} is not a HomeLog database (it has no users table).")
            for table, needed in _REQUIRED_COLUMNS.items():
                if table not in tables:
                    continue
                columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
                missing = sorted(needed - columns)
                if missing:
                    raise DatabaseError(
                        f"{path} is not a HomeLog database (its {table} table has no {', '.join(missing)} column)."
                    )
            if VERSION_TABLE in tables:
                row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                if row is not None and row[0] not in known_revisions():
                    raise DatabaseError(
                        f"{path} was written by a newer version of HomeLog Desktop (schema {row[0]}); "
                        "update the app to restore it."
                    )
            accounts = connection.execute("SELECT COUNT(*) FROM users").fetchone()[0]
            passwords = (
                connection.execute("SELECT COUNT(*) FROM user_passwords").fetchone()[0]
                if "user_passwords" in tables
                else 0
            )
    except sqlite3.Error as error:
        raise DatabaseError(describe_database_failure(path, error)) from error
    return f"{accounts:,} account{'' if accounts == 1 else 's'}, {passwords:,} with a password"


def copy_sqlite_file_into(source: Path, target: Path) -> None:
    """Replace the whole content of the database `target` with `source`'s, in one transaction.

    `target` is created (owner-only) when missing. No engine of this app may have `target` open: its
    journal is switched out of WAL first (WAL cannot take pages of another size), which SQLite allows
    only when no one else uses the file, so a file another program has open is refused unchanged.
    The app turns WAL back on when it opens the file again.
    """
    if not target.exists():
        if os.path.lexists(f"{target}-wal"):
            raise DatabaseError(
                f"{target}-wal is left over from another database; move it away before restoring."
            )
        backup_sqlite_file(source, target)
        return
    try:
        with (
            contextlib.closing(_connect_read_only(source)) as src,
            contextlib.closing(sqlite3.connect(target, timeout=0)) as dst,
        ):
            mode = dst.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise DatabaseError(f"{target} is in use by another program; close it and try again.")
            src.backup(dst)
    except sqlite3.Error as error:
        raise DatabaseError(describe_database_failure(target, error)) from error
