"""SQLite database files before SQLite opens them: looking without leaving anything behind, refusing
what is not a database we could open, creating a new one owner-only. SQLite only."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from homelog_desktop.data.schema import VERSION_TABLE, known_revisions
from homelog_desktop.data.sqlite_errors import known_file_failure, known_sqlite_failure
from homelog_desktop.errors import DamagedDatabaseError, NewerSchemaError, NotADatabaseError
from homelog_desktop.file_errors import AlreadyExistsError, CannotCreateError, MissingFolderError, NotAFileError
from homelog_desktop.output_files import file_kind

_WAL_MARKER = b"\x02\x02"  # header bytes 18-19: the file is in WAL mode
SQLITE_HEADER = b"SQLite format 3\x00"
_SHORTER = "the file is shorter than it should be"


def sqlite_read_only_uri(path: Path) -> str:
    """A URI for one read of `path` (one connection) that writes nothing, not even SQLite's files beside it.

    A WAL-mode file with no -wal beside it is closed and complete, so `immutable` reads it without
    creating -wal and -shm files (which a read-only connection could never remove again, and which
    would then belong to whoever browsed the file); otherwise `mode=ro` reads the committed state
    through the WAL of whoever has it open.
    """
    path = path.absolute()
    with path.open("rb") as handle:
        header = handle.read(20)
    wal_mode = header[18:20] == _WAL_MARKER
    option = "immutable=1" if wal_mode and not os.path.lexists(f"{path}-wal") else "mode=ro"
    return f"{path.as_uri()}?{option}"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that reads `path` as it is and writes nothing (see sqlite_read_only_uri)."""
    return sqlite3.connect(sqlite_read_only_uri(path), uri=True)


def read_sqlite_header(path: Path) -> bytes:
    """The first bytes of a file, to tell a SQLite file from anything else; a sentence when unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise known_file_failure(path, error) from error


def check_sqlite_path(path: Path, *, create: bool = True) -> None:
    """Refuse, before SQLite touches it, a path that is not a SQLite database we could open: a folder, a
    device (`/dev/null`), a named pipe, a socket, a file of another kind; an empty file unless `create`
    (only creating may turn it into a database)."""
    if not path.parent.is_dir():
        raise MissingFolderError(path.parent)
    try:
        info = path.stat()  # through a symbolic link: a link to a database opens it
    except FileNotFoundError:
        return
    except OSError as error:
        raise known_file_failure(path, error) from error
    kind = file_kind(info.st_mode)
    if kind is not None:
        raise NotAFileError(path, kind)  # before reading: a named pipe would block the read forever
    if info.st_size == 0:
        if not create and not os.path.lexists(f"{path}-wal"):
            raise NotADatabaseError(path, "it is empty")
        return
    if read_sqlite_header(path) != SQLITE_HEADER:
        raise NotADatabaseError(path, "it is not an SQLite file")


@dataclass(frozen=True)
class SqliteFileState:
    """What a look at an existing file found, before anything could change it."""

    tables: frozenset[str]
    revision: str | None
    writable: bool


def _check_length(path: Path) -> None:
    """A file shorter than its header says may be cut off (a copy interrupted) — or only waiting for
    SQLite to replay its -wal (a checkpoint the disk stopped half way): the caller asks SQLite."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) == 100:
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        valid_count = header[24:28] == header[92:96]
        if page_size < 512 or size % page_size or (valid_count and size < pages * page_size):
            raise DamagedDatabaseError(path, _SHORTER)
    elif size:
        raise DamagedDatabaseError(path, _SHORTER)


def _ask_sqlite_whether_damaged(path: Path, suspicion: DamagedDatabaseError) -> None:
    """Let SQLite open the file, replaying its -wal as it would, and check it (PRAGMA quick_check): only
    what SQLite itself finds damaged is. The database file is never written (a read-only connection);
    a -shm file this look had to make is removed again when the file is refused."""
    shm = Path(f"{path}-shm")
    had_shm = os.path.lexists(shm)
    try:
        with contextlib.closing(connect_read_only(path)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
    except sqlite3.Error as error:
        problems = [str(known_sqlite_failure(path, error) or error)]
    if problems == ["ok"]:
        return
    if not had_shm:
        shm.unlink(missing_ok=True)
    raise suspicion


def inspect_sqlite_file(path: Path) -> SqliteFileState:
    """Read an existing database without changing a byte: damage, schema revision, write access.

    Blocking (run it in a worker thread). Refuses files that are damaged (as SQLite says, after it
    replayed the -wal), not home-log's, or written by a newer version of this app.
    """
    try:
        _check_length(path)
    except DamagedDatabaseError as shorter:
        _ask_sqlite_whether_damaged(path, shorter)
    try:
        with contextlib.closing(connect_read_only(path)) as connection:
            tables = frozenset(row[0] for row in connection.execute("SELECT name FROM sqlite_master"))
            revision = None
            if VERSION_TABLE in tables:
                row = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = row[0] if row else None
            if "users" in tables:
                columns = {row[1] for row in connection.execute("PRAGMA table_info(users)")}
                if not {"id", "email", "username"} <= columns:
                    raise NotADatabaseError(path, "its users table is not home-log's: it has no email column")
    except sqlite3.Error as error:
        known = known_sqlite_failure(path, error)
        if known is None:
            raise
        raise known from error
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(path, revision)
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return SqliteFileState(tables, revision, writable)


def create_private_file(path: Path, *, exist_ok: bool) -> bool:
    """Create an empty file readable by its owner only; False when it already existed (and `exist_ok`,
    else AlreadyExistsError)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError as error:
        if exist_ok:
            return False
        raise AlreadyExistsError(path) from error
    except OSError as error:
        raise CannotCreateError(path, error.strerror) from error
    os.close(fd)
    return True


def missing_sqlite_sidecars(path: Path) -> list[Path]:
    """SQLite's own files beside the database that do not exist yet (a failed first open removes them)."""
    sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
    return [sidecar for sidecar in sidecars if not os.path.lexists(sidecar)]


def readable_by_others(path: Path) -> bool:
    """Whether users other than the file's owner may read a file the current user owns (POSIX permissions;
    never on Windows). Only its owner can change that, so only the owner is told."""
    if os.name != "posix":
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return info.st_uid == os.geteuid() and bool(info.st_mode & (stat.S_IRGRP | stat.S_IROTH))
