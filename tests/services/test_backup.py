"""Backing up the open database and restoring from a backup: real files, nothing changed by a refusal."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from homelog_desktop.errors import DatabaseError, HomeLogError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.backup import describe_backup, restore
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def emails(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT email FROM users ORDER BY id")]


def integrity(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


async def open_workspace_on(path: Path) -> Workspace:
    return await Workspace.open(path, bcrypt_cost=TEST_BCRYPT_COST)


@pytest.mark.asyncio
async def test_back_up_makes_a_private_copy(service: AccountService, workspace: Workspace, tmp_path: Path) -> None:
    await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
    target = await workspace.backups.back_up(tmp_path / "copy.db")
    assert target == tmp_path / "copy.db"
    assert target.stat().st_mode & 0o777 == 0o600
    copy = await open_workspace_on(target)
    try:
        assert [a.email for a in await copy.accounts.list_page()] == ["ann@example.org"]
        assert await copy.accounts.check_password(1, GOOD_PASSWORD)
    finally:
        await copy.close()


@pytest.mark.asyncio
async def test_back_up_while_accounts_are_being_written_is_consistent(
    service: AccountService, workspace: Workspace, tmp_path: Path
) -> None:
    with contextlib.closing(sqlite3.connect(service.path)) as connection:  # a few MB, so a copy takes a while
        connection.executemany(
            "INSERT INTO users (email, username, created_at) VALUES (?, ?, '2024-01-01')",
            [(f"old{n}@example.org", "x" * 60) for n in range(10_000)],
        )
        connection.commit()
    old = emails(service.path)
    committed: list[str] = []
    stop = asyncio.Event()

    async def keep_writing() -> None:
        number = 0
        while not stop.is_set():
            email = f"user{number}@example.org"
            await service.create(email, f"User {number}", GOOD_PASSWORD if number % 3 == 0 else None)
            committed.append(email)
            number += 1

    writer = asyncio.ensure_future(keep_writing())
    copies: list[tuple[Path, int]] = []
    try:
        while len(committed) < 5:
            await asyncio.sleep(0.01)
        for attempt in range(20):  # until a copy was made while a write went on
            before = len(committed)
            copies.append((await workspace.backups.back_up(tmp_path / f"during-{attempt}.db"), before))
            if len(committed) > before:
                break
    finally:
        stop.set()
        await writer
    assert len(committed) > copies[-1][1], "no write happened during any of the backups"
    for target, before in copies:
        assert integrity(target) == "ok"
        copied = emails(target)[len(old) :]
        assert len(copied) >= before  # everything committed before the backup started is in it
        assert copied == committed[: len(copied)]  # and nothing half-written: a prefix of the commits
        with contextlib.closing(sqlite3.connect(target)) as connection:
            orphans = connection.execute(
                "SELECT COUNT(*) FROM user_passwords WHERE user_id NOT IN (SELECT id FROM users)"
            ).fetchone()[0]
        assert orphans == 0


@pytest.mark.asyncio
async def test_back_up_refuses_to_overwrite(service: AccountService, workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "taken.db"
    target.write_text("keep me")
    with pytest.raises(HomeLogError, match="already exists"):
        await workspace.backups.back_up(target)
    assert target.read_text() == "keep me"
    with pytest.raises(HomeLogError, match="does not exist"):
        await workspace.backups.back_up(tmp_path / "missing" / "copy.db")


@pytest.mark.asyncio
async def test_automatic_backup_is_named_after_the_reason(service: AccountService, workspace: Workspace) -> None:
    path = await workspace.backups.back_up_before_change("before-import")
    assert path.parent == service.path.parent and path.name.startswith("homelog-test.before-import-")
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.asyncio
async def test_restore_replaces_the_database_and_keeps_the_old_one(db_path: Path, tmp_path: Path) -> None:
    opened = await open_workspace_on(db_path)
    await opened.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
    backup = await opened.backups.back_up(tmp_path / "saved.db")
    await opened.accounts.create("bob@example.org", "Bob")
    await opened.close()
    assert await describe_backup(backup) == "1 account, 1 with a password"

    result = await restore(db_path, backup)
    assert result.database == db_path and result.source == backup
    assert result.description == "1 account, 1 with a password"
    assert result.kept_backup is not None and result.kept_backup.name.startswith("homelog-test.before-restore-")
    assert emails(result.kept_backup) == ["ann@example.org", "bob@example.org"]
    assert result.kept_backup.stat().st_mode & 0o777 == 0o600
    assert db_path.stat().st_mode & 0o777 == 0o600
    reopened = await open_workspace_on(db_path)
    try:
        assert [a.email for a in await reopened.accounts.list_page()] == ["ann@example.org"]
        assert await reopened.accounts.check_password(1, GOOD_PASSWORD)
        await reopened.accounts.create("carl@example.org")  # writable again, in WAL mode
    finally:
        await reopened.close()


@pytest.mark.asyncio
async def test_restore_into_a_missing_file_creates_it(tmp_path: Path, db_path: Path) -> None:
    opened = await open_workspace_on(db_path)
    await opened.accounts.create("ann@example.org")
    backup = await opened.backups.back_up(tmp_path / "saved.db")
    await opened.close()
    target = tmp_path / "new-machine.db"
    result = await restore(target, backup)
    assert result.kept_backup is None
    assert emails(target) == ["ann@example.org"]
    assert target.stat().st_mode & 0o777 == 0o600


def write_corrupt_copy(source: Path, target: Path) -> None:
    data = bytearray(source.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2048] = b"\xa5" * 2048
    target.write_bytes(bytes(data))


def write_foreign_database(_source: Path, target: Path) -> None:
    with contextlib.closing(sqlite3.connect(target)) as connection:
        connection.execute("CREATE TABLE readings (id INTEGER PRIMARY KEY, kwh REAL)")
        connection.commit()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda _source, target: target.write_text("shopping list\n"), "not an SQLite file"),
        (write_corrupt_copy, "damaged"),
        (write_foreign_database, "no users table"),
    ],
    ids=["not-sqlite", "corrupt", "wrong-schema"],
)
@pytest.mark.asyncio
async def test_restore_refuses_a_bad_file_and_changes_neither_file(
    db_path: Path, tmp_path: Path, make: Callable[[Path, Path], object], message: str
) -> None:
    opened = await open_workspace_on(db_path)
    await opened.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
    await opened.close()
    with contextlib.closing(sqlite3.connect(db_path)) as connection:  # enough pages for the damage to hit a table
        connection.executemany(
            "INSERT INTO users (email, username, created_at) VALUES (?, ?, '2024-01-01')",
            [(f"bulk{n}@example.org", "y" * 50) for n in range(400)],
        )
        connection.commit()
    chosen = tmp_path / "chosen.db"
    make(db_path, chosen)
    database_before, chosen_before = sha256(db_path), sha256(chosen)
    with pytest.raises(DatabaseError, match=message):
        await restore(db_path, chosen)
    assert (sha256(db_path), sha256(chosen)) == (database_before, chosen_before)
    assert not list(tmp_path.glob("*before-restore*"))


@pytest.mark.asyncio
async def test_restore_refuses_the_database_itself(db_path: Path) -> None:
    opened = await open_workspace_on(db_path)
    await opened.close()
    with pytest.raises(HomeLogError, match="the database itself"):
        await restore(db_path, db_path)
