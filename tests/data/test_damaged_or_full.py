"""Damaged means damaged: a file SQLite opens intact once it replayed its -wal opens in the app; and no
backup is written onto a disk without room for it and the work after it ("the disk is full")."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from homelog_desktop.data.database import Database
from homelog_desktop.data.sqlite_files import inspect_sqlite_file
from homelog_desktop.data.transfer_dao import ImportRecord, OnExisting, TransferDao
from homelog_desktop.errors import DamagedDatabaseError, DiskFullError
from tests.helpers.homelog_schema import create_homelog_database, homelog_time
from tests.helpers.workspaces import open_workspace

ROWS = 3000


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wal_file_shorter_than_its_header(folder: Path) -> Path:
    """A database as a checkpoint the disk stopped half way leaves it: page 1 (saying how many pages the
    file has) already written back from the -wal, the other pages still only in the -wal; the main file
    is shorter than its header says until SQLite replays the -wal."""
    live = folder / "live.db"
    create_homelog_database(live)
    connection = sqlite3.connect(live)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    now = homelog_time()
    connection.executemany(
        "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, ?, ?, ?)",
        [(f"user{n}@example.org", f"User {n}", now, now) for n in range(ROWS)],
    )
    connection.commit()
    path = folder / "copy.db"
    shutil.copyfile(live, path)  # while it is open: the rows are in the -wal only
    shutil.copyfile(f"{live}-wal", f"{path}-wal")
    connection.close()
    header = path.read_bytes()[:100]
    page_size = int.from_bytes(header[16:18], "big")
    wal = Path(f"{path}-wal").read_bytes()
    frame = 24 + page_size
    first_page = None
    for offset in range(32, len(wal) - frame + 1, frame):
        if int.from_bytes(wal[offset:offset + 4], "big") == 1:
            first_page = wal[offset + 24:offset + frame]
    assert first_page is not None
    with path.open("r+b") as handle:
        handle.write(first_page)
    said = int.from_bytes(first_page[28:32], "big")
    assert path.stat().st_size < said * page_size  # shorter than its header says
    return path


@pytest.mark.asyncio
async def test_a_file_sqlite_opens_intact_after_replaying_its_wal_opens(tmp_path: Path) -> None:
    path = wal_file_shorter_than_its_header(tmp_path)
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as plain:
        assert plain.execute("PRAGMA quick_check").fetchall() == [("ok",)]  # what sqlite3 itself says
    database = await Database.open_sqlite(path)
    try:
        async with database.engine.connect() as connection:
            count = (await connection.exec_driver_sql("SELECT count(*) FROM users")).scalar()
        assert count == ROWS
    finally:
        await database.close()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_file_cut_short_without_a_wal_is_still_damaged_and_left_as_it_was(tmp_path: Path) -> None:
    path = wal_file_shorter_than_its_header(tmp_path)
    Path(f"{path}-wal").unlink()
    Path(f"{path}-shm").unlink(missing_ok=True)
    checksum = sha256(path)
    with pytest.raises(DamagedDatabaseError, match="shorter than it should be"):
        inspect_sqlite_file(path)
    assert sha256(path) == checksum
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.db"]


@contextlib.contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """A tmpfs of this size mounted at `folder` (CI runs as root), unmounted afterwards."""
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8); this machine cannot make a near-full disk")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"a tmpfs cannot be mounted here ({mounted.stderr.strip()}): no near-full disk to test on")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill_disk(folder: Path, leave: int) -> Path:
    """A file that takes all but `leave` bytes of the disk."""
    filler = folder / "filler"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as handle:
        handle.truncate(0)
        handle.write(b"\0" * max(free - leave, 0))
    return filler


def records(count: int, prefix: str) -> list[ImportRecord]:
    return [ImportRecord(f"{prefix}{n}@example.org", f"Name {n} " + "x" * 40) for n in range(count)]


@pytest.mark.asyncio
async def test_an_import_onto_a_nearly_full_disk_is_refused_before_any_copy_and_the_file_opens(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", 16) as disk:
        path = disk / "home-log.db"
        async with open_workspace(path) as workspace:
            await TransferDao(workspace.database).import_users(  # the bare write, no backup: a seed
                records(2000, "seed"), OnExisting.ABORT, audit=workspace.audit.draft("import"))
        fill_disk(disk, leave=os.path.getsize(path) + 1_000_000)  # room for a copy, not for the import after it
        source = tmp_path / "many.csv"
        source.write_text("email,username\n" + "".join(f"new{n}@example.org,New {n}\n" for n in range(3000)))
        before = sha256(path)
        async with open_workspace(path) as workspace:
            with pytest.raises(DiskFullError, match="The disk is full"):
                await workspace.transfer.import_file(source, OnExisting.ABORT)
            assert await workspace.accounts.count() == 2000
        assert sha256(path) == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "home-log.db"]  # no copy left behind
        async with open_workspace(path) as workspace:  # and the file opens, every row there
            assert await workspace.accounts.count() == 2000


@pytest.mark.asyncio
async def test_a_write_that_fills_the_disk_says_so_and_the_file_opens_again(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 16) as disk:
        path = disk / "home-log.db"
        async with open_workspace(path) as workspace:
            await workspace.accounts.create("ann@example.org", "Ann")
            fill_disk(disk, leave=300_000)
            with pytest.raises(DiskFullError, match="The disk is full"):  # no backup before it: a bare write
                await TransferDao(workspace.database).import_users(
                    records(20_000, "big"), OnExisting.ABORT, audit=workspace.audit.draft("import"))
        (disk / "filler").unlink()
        async with open_workspace(path) as workspace:  # never "damaged": SQLite had its -wal to replay
            assert [a.email for a in await workspace.accounts.list_page()] == ["ann@example.org"]
        with contextlib.closing(sqlite3.connect(path)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
