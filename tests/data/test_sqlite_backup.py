"""SQLite backup, restore checks and copies on real files: consistent, owner-only, never modifying what they check."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from homelog_desktop.data.schema import VERSION_TABLE
from homelog_desktop.data.sqlite_backup import (
    backup_sqlite_file,
    check_sqlite_file_for_restore,
    copy_sqlite_file_into,
    timestamped_backup_path,
)
from homelog_desktop.errors import DatabaseError
from tests.helpers.homelog_schema import HOMELOG_DDL


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_database(path: Path, accounts: int, *, page_size: int = 4096, wal: bool = True) -> Path:
    """A database of home-log's (its real schema) written with plain sqlite3 (closed afterwards)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA page_size={page_size}")
        if wal:
            connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(HOMELOG_DDL)
        stamp = "2024-01-01 00:00:00.000000"
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [(f"user{n}@example.org", f"User {n} " + "x" * 40, stamp, stamp) for n in range(accounts)],
        )
        connection.executemany(
            "INSERT INTO user_passwords (user_id, hashed_password, updated_at) VALUES (?, ?, '2024-01-01')",
            [(n, "$2b$04$" + "a" * 53) for n in range(1, accounts + 1, 2)],
        )
        connection.commit()
    return path


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def emails(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT email FROM users ORDER BY id")]


# backup_sqlite_file


def test_backup_is_a_private_complete_copy(tmp_path: Path) -> None:
    source = make_database(tmp_path / "live.db", 50)
    target = backup_sqlite_file(source, tmp_path / "copy.db")
    assert target.stat().st_mode & 0o777 == 0o600
    assert emails(target) == emails(source)
    assert check_sqlite_file_for_restore(target) == "50 accounts, 25 with a password"


def test_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    source = make_database(tmp_path / "live.db", 3)
    target = tmp_path / "taken.db"
    target.write_text("keep me")
    with pytest.raises(DatabaseError, match="already exists"):
        backup_sqlite_file(source, target)
    assert target.read_text() == "keep me"


def test_backup_of_a_file_that_is_not_sqlite_leaves_no_target(tmp_path: Path) -> None:
    source = tmp_path / "notes.db"
    source.write_text("shopping list, long enough to look like a header " * 3)
    with pytest.raises(DatabaseError, match="damaged or is not a HomeLog database"):
        backup_sqlite_file(source, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


def test_backup_of_an_open_database_includes_its_write_ahead_log(tmp_path: Path) -> None:
    source = make_database(tmp_path / "live.db", 5)
    with contextlib.closing(sqlite3.connect(source)) as writer:
        writer.execute("INSERT INTO users (email, username, created_at, updated_at) VALUES ('late@example.org', '', "
                       "'2024-01-02', '2024-01-02')")
        writer.commit()  # committed into the -wal file, not yet into the database file
        assert sidecars(source) == ["live.db-shm", "live.db-wal"]
        target = backup_sqlite_file(source, tmp_path / "copy.db")
    assert emails(target)[-1] == "late@example.org"


def test_timestamped_backup_path_never_names_an_existing_file(tmp_path: Path) -> None:
    database = tmp_path / "home.db"
    first = timestamped_backup_path(database, "before-import")
    assert first.parent == tmp_path and first.name.startswith("home.before-import-") and first.suffix == ".db"
    first.touch()
    second = timestamped_backup_path(database, "before-import")
    assert second != first and not second.exists()


# check_sqlite_file_for_restore


def test_check_describes_a_good_file_without_touching_it(tmp_path: Path) -> None:
    path = make_database(tmp_path / "good.db", 3)
    before = sha256(path)
    assert check_sqlite_file_for_restore(path) == "3 accounts, 2 with a password"
    assert sha256(path) == before
    assert sidecars(path) == []  # no -wal or -shm left behind by a read-only look


def test_check_of_a_database_without_password_table(tmp_path: Path) -> None:
    path = tmp_path / "only-users.db"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, username TEXT)")
        connection.execute("INSERT INTO users (email) VALUES ('a@example.org')")
        connection.commit()
    assert check_sqlite_file_for_restore(path) == "1 account, 0 with a password"


def corrupt(path: Path) -> None:
    """Overwrite the middle of the file (table pages) with garbage, keeping the header."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 3000] = b"\xa5" * 3000
    path.write_bytes(bytes(data))


def sql_file(*statements: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            for statement in statements:
                connection.execute(statement)
            connection.commit()

    return make


def damaged_file(path: Path) -> None:
    make_database(path, 400, wal=False)
    corrupt(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("shopping list\n"), "not an SQLite file"),
        (lambda p: p.write_bytes(b""), "not an SQLite file"),
        (damaged_file, "damaged"),
        (sql_file("CREATE TABLE readings (id INTEGER PRIMARY KEY)"), "has no users table"),
        (sql_file("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"), "no email, username column"),
    ],
    ids=["text", "empty", "damaged", "no-users", "other-users"],
)
def test_check_refuses_unusable_files_and_leaves_them_unchanged(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / "chosen.db"
    make(path)
    before = sha256(path)
    with pytest.raises(DatabaseError, match=message) as refused:
        check_sqlite_file_for_restore(path)
    assert str(path) in str(refused.value)
    assert sha256(path) == before


def test_check_refuses_a_file_from_a_newer_version_of_the_app(tmp_path: Path) -> None:
    path = make_database(tmp_path / "newer.db", 1)
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute(f"CREATE TABLE {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL)")
        connection.execute(f"INSERT INTO {VERSION_TABLE} VALUES ('9999_from_the_future')")
        connection.commit()
    with pytest.raises(DatabaseError, match="newer version"):
        check_sqlite_file_for_restore(path)


def test_check_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        check_sqlite_file_for_restore(tmp_path / "missing.db")


# copy_sqlite_file_into


def test_copy_into_replaces_everything_even_with_another_page_size(tmp_path: Path) -> None:
    source = make_database(tmp_path / "backup.db", 30, page_size=1024, wal=False)
    target = make_database(tmp_path / "live.db", 5, page_size=4096, wal=True)
    target.chmod(0o600)
    copy_sqlite_file_into(source, target)
    assert emails(target) == emails(source)
    assert target.stat().st_mode & 0o777 == 0o600
    with contextlib.closing(sqlite3.connect(target)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_copy_into_a_missing_file_creates_it_private(tmp_path: Path) -> None:
    source = make_database(tmp_path / "backup.db", 4)
    target = tmp_path / "new.db"
    copy_sqlite_file_into(source, target)
    assert emails(target) == emails(source)
    assert target.stat().st_mode & 0o777 == 0o600


def test_copy_into_refuses_a_missing_file_with_a_stale_write_ahead_log(tmp_path: Path) -> None:
    source = make_database(tmp_path / "backup.db", 4)
    target = tmp_path / "gone.db"
    Path(f"{target}-wal").write_bytes(b"left over")
    with pytest.raises(DatabaseError, match="left over"):
        copy_sqlite_file_into(source, target)
    assert not target.exists()


def test_copy_into_refuses_a_file_another_program_has_open(tmp_path: Path) -> None:
    source = make_database(tmp_path / "backup.db", 4)
    target = make_database(tmp_path / "live.db", 2)
    with contextlib.closing(sqlite3.connect(target)) as other:
        other.execute("SELECT COUNT(*) FROM users").fetchone()  # holds the file open, in WAL mode
        with pytest.raises(DatabaseError, match="another program"):
            copy_sqlite_file_into(source, target)
        assert [row[0] for row in other.execute("SELECT email FROM users ORDER BY id")] == [
            "user0@example.org", "user1@example.org",
        ]
