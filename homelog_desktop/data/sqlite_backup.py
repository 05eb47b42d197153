"""Consistent copies of a SQLite database file, SQLite only: the online backup API.

A copy made this way is consistent even while the app (or home-log) has the file open. Restoring goes
the other way: a chosen file is checked without being modified (read-only, integrity, schema), then
copied into the database file, in one transaction, while no engine of this app has it open.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from homelog_desktop.data.schema import VERSION_TABLE, known_revisions
from homelog_desktop.data.sqlite_errors import known_file_failure, known_sqlite_failure
from homelog_desktop.data.sqlite_files import SQLITE_HEADER, connect_read_only, read_sqlite_header
from homelog_desktop.errors import DamagedDatabaseError, DiskFullError, NewerSchemaError, NotADatabaseError
from homelog_desktop.file_errors import FileInUseError, LeftoverWalError, NotAFileError
from homelog_desktop.messages import Number, translatable
from homelog_desktop.output_files import pending_file

_REQUIRED_COLUMNS = {"users": {"id", "email", "username"}, "user_passwords": {"user_id", "hashed_password"}}


def _raise_known(path: Path, error: sqlite3.Error) -> None:
    known = known_sqlite_failure(path, error)
    if known is not None:
        raise known from error


# Room kept free beyond a copy and the work after it: SQLite's journal and the file system's own needs.
FREE_SPACE_MARGIN = 4 * 1024 * 1024


def sqlite_file_size(path: Path) -> int:
    """The bytes a copy of the database may take: the file and its write-ahead log."""
    return sum(os.path.getsize(name) for name in (path, Path(f"{path}-wal")) if os.path.isfile(name))


def require_free_space(folder: Path, needed: int) -> None:
    """DiskFullError, before anything is written, when the disk of `folder` has less than `needed` bytes
    (plus a margin) free."""
    free = shutil.disk_usage(folder).free
    if free < needed + FREE_SPACE_MARGIN:
        raise DiskFullError(needed=needed + FREE_SPACE_MARGIN, free=free)


def backup_sqlite_file(source: Path, target: Path, *, work_bytes: int = 0) -> Path:
    """Copy the database at `source` into a new file `target` (owner-only), consistently.

    Refused (DiskFullError, nothing written) when the disk has less room than the copy plus `work_bytes`,
    what the work that follows the copy may write (on the same disk as the database, as a copy next to
    it is). One backup step copies every page inside a single read transaction: in WAL mode that never
    blocks the app's writers, and unlike small steps it cannot be restarted forever by a busy writer. The
    copy is made under a temporary name and appears at `target` only once complete (see output_files): a
    failed or killed backup leaves nothing at `target`, so the next one is not blocked.
    """
    require_free_space(target.parent, sqlite_file_size(source) + work_bytes)
    with pending_file(target, replace=False) as pending:
        try:
            with (
                contextlib.closing(connect_read_only(source)) as src,
                contextlib.closing(sqlite3.connect(pending.path)) as dst,
            ):
                src.backup(dst)
        except sqlite3.Error as error:
            _raise_known(source, error)
            raise
        except OSError as error:
            raise known_file_failure(source, error) from error
        pending.commit()
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


def _check_tables(path: Path, connection: sqlite3.Connection) -> set[str]:
    """home-log's tables and columns, and a schema this version knows; the tables found."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "users" not in tables:
        raise NotADatabaseError(path, "it has no users table")
    for table, needed in _REQUIRED_COLUMNS.items():
        if table not in tables:
            continue
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        missing = sorted(needed - columns)
        if missing:
            raise NotADatabaseError(path, f"its {table} table has no {', '.join(missing)} column")
    if VERSION_TABLE in tables:
        row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
        if row is not None and row[0] not in known_revisions():
            raise NewerSchemaError(path, row[0], restoring=True)
    return tables


def check_sqlite_file_for_restore(path: Path) -> str:
    """Check that `path` is an intact HomeLog database, without modifying it; a short description.

    Opens it read-only, runs `PRAGMA integrity_check` and looks for home-log's tables and columns.
    A DatabaseError naming the file when it cannot be restored from.
    """
    if not path.is_file():
        raise NotAFileError(path)
    if read_sqlite_header(path) != SQLITE_HEADER:
        raise NotADatabaseError(path, "it is not an SQLite file")
    try:
        with contextlib.closing(connect_read_only(path)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise DamagedDatabaseError(path, f"SQLite's integrity check failed: {problems[0]}")
            tables = _check_tables(path, connection)
            accounts = connection.execute("SELECT COUNT(*) FROM users").fetchone()[0]
            passwords = (
                connection.execute("SELECT COUNT(*) FROM user_passwords").fetchone()[0]
                if "user_passwords" in tables
                else 0
            )
    except sqlite3.Error as error:
        _raise_known(path, error)
        raise
    if accounts == 1:
        return translatable("Backup", "1 account, {passwords} with a password").filled(passwords=Number(passwords))
    return translatable("Backup", "{accounts} accounts, {passwords} with a password").filled(
        accounts=Number(accounts), passwords=Number(passwords))


def copy_sqlite_file_into(
    source: Path, target: Path, *, keep_as: Path | None = None, work_bytes: int = 0
) -> Path | None:
    """Replace the whole content of the database `target` with `source`'s, in one transaction; with
    `keep_as`, a copy of `target` as it was is kept there first. The kept copy, if any.

    `target` is created (owner-only) when missing. The kept copy is refused (DiskFullError, nothing written)
    without room for it plus `work_bytes`. No engine of this app may have `target` open: its
    journal is switched out of WAL first (WAL cannot take pages of another size), which SQLite allows
    only when no one else uses the file, so a file another program has open is refused unchanged, and
    before the copy is kept: a refusal writes nothing. Should the copy into `target` still fail, the kept
    copy (then the same as `target`) is removed. The app turns WAL back on when it opens the file again.
    """
    if not target.exists():
        if os.path.lexists(f"{target}-wal"):
            raise LeftoverWalError(Path(f"{target}-wal"))
        backup_sqlite_file(source, target)
        return None
    kept: Path | None = None
    try:
        with (
            contextlib.closing(connect_read_only(source)) as src,
            contextlib.closing(sqlite3.connect(target, timeout=0)) as dst,
        ):
            mode = dst.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise FileInUseError(target)
            kept = backup_sqlite_file(target, keep_as, work_bytes=work_bytes) if keep_as is not None else None
            src.backup(dst)
    except BaseException as error:
        if kept is not None:
            kept.unlink(missing_ok=True)
        if isinstance(error, sqlite3.Error):
            _raise_known(target, error)
        raise
    return kept
