"""Faults of the database file, each met by Database.open_sqlite (a DatabaseError with a clear sentence)
and by the command line (exit 2 and exactly one line on stderr), and each leaving the file byte for byte
as it was: not SQLite, truncated, corrupted, from a newer version, in a missing folder, read-only (asked
for, and for a user who may not write it), and locked by another program for longer than we wait."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from homelog_desktop.cli.admin import main
from homelog_desktop.data import database as database_module
from homelog_desktop.data import sqlite_engine
from homelog_desktop.data.database import Database
from homelog_desktop.data.schema import VERSION_TABLE
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import DatabaseError, readable_by_others_warning
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.workspaces import open_workspace

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
BULK_ACCOUNTS = 600  # enough rows for a file of many pages


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


THREE_ACCOUNTS = (("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", "Bob", GOOD_PASSWORD),
                  ("cy@example.org", None, None))


def make_database(
    path: Path, *, bulk: int = 0, accounts: tuple[tuple[str, str | None, str | None], ...] = THREE_ACCOUNTS
) -> Path:
    """A database made by the app: three accounts (two with a password), plus `bulk` more written by
    plain SQLite (as home-log would), closed so that everything is in the main file."""

    async def fill() -> None:
        async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
            service = workspace.accounts
            for email, name, password in accounts:
                await service.create(email, name, password)

    # In a thread of its own: async tests call this with their event loop already running.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(asyncio.run, fill()).result()
    if bulk:
        with closing(sqlite3.connect(path)) as connection, connection:
            connection.executemany(
                "INSERT INTO users (email, username, created_at) VALUES (?, ?, '2024-01-01 00:00:00')",
                [(f"user{n}@example.org", f"User number {n} " + "x" * 40) for n in range(bulk)],
            )
    assert not Path(f"{path}-wal").exists()  # checkpointed and closed
    return path


# The faults: each makes a file (or a path) that must be refused, and says what the refusal mentions.


@dataclass(frozen=True)
class Fault:
    path: Path
    mentions: str


def not_sqlite(folder: Path) -> Fault:
    path = folder / "notes.db"
    path.write_bytes(b"Shopping list\nmilk\neggs\n" * 200)
    return Fault(path, "not a HomeLog database")


def truncated(folder: Path) -> Fault:
    path = make_database(folder / "cut.db", bulk=BULK_ACCOUNTS)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return Fault(path, "damaged")


def corrupted(folder: Path) -> Fault:
    """Garbage over the middle third of a many-page file: the pages of users, its indexes and the search
    index there are no longer b-tree pages. The first pages (header, schema) are intact."""
    path = make_database(folder / "corrupt.db", bulk=BULK_ACCOUNTS)
    data = bytearray(path.read_bytes())
    assert len(data) >= 40 * 4096
    start, end = len(data) // 3, 2 * len(data) // 3
    data[start:end] = bytes((n * 151 + 7) % 256 for n in range(end - start))
    path.write_bytes(bytes(data))
    return Fault(path, "damaged")


def newer(folder: Path) -> Fault:
    path = make_database(folder / "future.db")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(f"UPDATE {VERSION_TABLE} SET version_num = '9999'")
    return Fault(path, "newer version")


def missing_folder(folder: Path) -> Fault:
    return Fault(folder / "no such folder" / "homelog.db", "does not exist")


FAULTS: dict[str, Callable[[Path], Fault]] = {
    "not-sqlite": not_sqlite,
    "truncated": truncated,
    "corrupted": corrupted,
    "newer-version": newer,
    "missing-folder": missing_folder,
}


def sidecars(path: Path) -> list[str]:
    """SQLite's own files beside the database that exist now."""
    return [name for name in (f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal") if
            os.path.lexists(path.parent / name)]


@contextmanager
def unchanged(fault: Fault) -> Iterator[None]:
    """The file keeps its sha256 (or stays missing), and no other file appears or disappears beside it
    (a backup, a new database). SQLite's -wal and -shm files are checked apart: see test_no_sidecars_*."""
    folder = fault.path.parent
    before = sha256(fault.path) if fault.path.exists() else None
    files = listing(folder) if folder.exists() else None
    yield
    assert (sha256(fault.path) if fault.path.exists() else None) == before
    after = listing(folder) if folder.exists() else None
    if after is not None:
        after = [name for name in after if name not in sidecars(fault.path)]
    assert after == files


async def read_everything(database: Database) -> None:
    """Every account, page by page, and the count: a damaged page anywhere is met."""
    dao = UserDao(database)
    await dao.count()
    after = None
    while True:
        page = await dao.list_page(limit=200, after=after)
        if len(page) < 200:
            return
        after = (page[-1][-1], page[-1][0])


@pytest.mark.asyncio
@pytest.mark.parametrize("make_fault", FAULTS.values(), ids=FAULTS.keys())
async def test_open_sqlite_refuses_the_fault_and_changes_nothing(
    tmp_path: Path, make_fault: Callable[[Path], Fault]
) -> None:
    fault = make_fault(tmp_path)
    with unchanged(fault):
        with pytest.raises(DatabaseError) as refused:
            # A corrupted page may only be met by the first query that reads it: both are refusals.
            database = await Database.open_sqlite(fault.path)
            try:
                await read_everything(database)
            finally:
                await database.close()
    message = str(refused.value)
    assert fault.mentions in message
    assert str(fault.path.parent) in message  # names the file or folder it is about
    assert "\n" not in message and "Traceback" not in message and "sqlite3." not in message


@pytest.mark.parametrize("make_fault", FAULTS.values(), ids=FAULTS.keys())
def test_cli_list_refuses_the_fault_with_one_line_and_changes_nothing(
    tmp_path: Path, make_fault: Callable[[Path], Fault], capsys: pytest.CaptureFixture[str]
) -> None:
    fault = make_fault(tmp_path)
    capsys.readouterr()
    with unchanged(fault):
        code = main(["--db", str(fault.path), "list"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("homelog-admin: ") and err.count("\n") == 1 and err.endswith("\n"), err
    assert fault.mentions in err


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "make_fault",
    [pytest.param(make, id=name) for name, make in FAULTS.items()],
)
async def test_no_sidecars_are_left_beside_a_refused_file(tmp_path: Path, make_fault: Callable[[Path], Fault]) -> None:
    fault = make_fault(tmp_path)
    with pytest.raises(DatabaseError):
        database = await Database.open_sqlite(fault.path)
        try:
            await read_everything(database)
        finally:
            await database.close()
    assert sidecars(fault.path) == []


# Read-only


@pytest.mark.asyncio
async def test_a_file_opened_read_only_is_read_and_never_written(tmp_path: Path) -> None:
    path = make_database(tmp_path / "shared.db")
    path.chmod(0o444)  # root may still write it: the read-only request is what keeps it unchanged
    with unchanged(Fault(path, "")):
        async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST, read_only=True) as workspace:
            service = workspace.accounts
            assert service.read_only
            assert [a.email for a in await service.list_page()] == [
                "ann@example.org", "bob@example.org", "cy@example.org"
            ]
            assert await service.check_password(1, GOOD_PASSWORD)
            with pytest.raises(DatabaseError, match="read-only"):
                await service.create("dee@example.org", "Dee", GOOD_PASSWORD)
            with pytest.raises(DatabaseError, match="read-only"):
                await service.set_password(1, "Another1pass")
            with pytest.raises(DatabaseError, match="read-only"):
                await service.delete(2)


@pytest.mark.asyncio
async def test_no_sidecars_are_left_beside_a_file_opened_read_only(tmp_path: Path) -> None:
    path = make_database(tmp_path / "shared.db")
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST, read_only=True) as workspace:
        service = workspace.accounts
        assert await service.count() == 3
    assert sidecars(path) == []


@pytest.mark.asyncio
async def test_a_read_only_open_sees_what_another_program_writes_later(tmp_path: Path) -> None:
    """Browsing read-only a file that its owner (or home-log) keeps writing: each read is of the file now."""
    path = make_database(tmp_path / "shared.db")
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST, read_only=True) as reader_workspace:
        reader = reader_workspace.accounts
        assert await reader.count() == 3
        async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as writing:
            writer = writing.accounts
            await writer.create("dee@example.org", "Dee")
            await writer.update(1, email="ann.new@example.org", username="Ann")
        assert await reader.count() == 4
        assert [a.email for a in await reader.list_page()] == [
            "ann.new@example.org", "bob@example.org", "cy@example.org", "dee@example.org"
        ]


@pytest.mark.asyncio
async def test_a_read_only_open_never_calls_a_healthy_file_damaged(tmp_path: Path) -> None:
    path = make_database(tmp_path / "shared.db", bulk=BULK_ACCOUNTS)
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST, read_only=True) as reader_workspace:
        reader = reader_workspace.accounts
        assert await reader.count() == BULK_ACCOUNTS + 3
        async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as writing:
            writer = writing.accounts
            for account_id in range(1, 200):
                await writer.update(account_id, email=f"changed{account_id}@example.org", username="Changed " * 5)
        # closed now: the last connection checkpointed the log into the file
        with closing(sqlite3.connect(path)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        await reader.list_page(limit=100_000)
        await reader.list_page(search="changed1", limit=100)


# Run as an unprivileged user. The interpreter may live where that user cannot read it (here: under
# /root, mode 0700), so a preexec_fn that drops privileges before exec cannot start it. The child starts
# as root instead, runs the commands once on a scratch database (importing every module they need), then
# drops to the given uid and gid itself (os.setgroups, os.setgid, os.setuid) before it touches the file.
AS_USER = textwrap.dedent(
    """
    import asyncio, contextlib, io, json, os, sys, tempfile
    from homelog_desktop.cli.admin import main
    from homelog_desktop.services.workspace import Workspace

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", *args])
        return [code, out.getvalue(), err.getvalue()]

    async def read_only_once(path):
        workspace = await Workspace.open(path, read_only=True)
        try:
            await workspace.accounts.list_page()
            with contextlib.suppress(Exception):
                await workspace.accounts.create("warm@example.org")
        finally:
            await workspace.close()

    scratch = tempfile.mkdtemp()
    run(scratch + "/warm.db", "--bcrypt-cost", "4", "create", "warm@example.org")
    run(scratch + "/warm.db", "list")
    asyncio.run(read_only_once(scratch + "/warm.db"))
    uid, target, commands = int(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    print(json.dumps({
        "uid": os.getuid(),
        "writable": os.access(target, os.W_OK),
        "results": [run(target, "--bcrypt-cost", "4", *command) for command in commands],
    }))
    """
)
CommandResult = tuple[int, str, str]


def run_as(uid: int, path: Path, *commands: list[str]) -> tuple[bool, list[CommandResult]]:
    """Run homelog-admin commands on `path` as `uid`: whether the file was writable to it, and each
    command's (exit code, stdout, stderr)."""
    result = subprocess.run(
        [sys.executable, "-c", AS_USER, str(uid), str(path), json.dumps(commands)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        timeout=60,
    )
    if result.returncode != 0:  # a broken child is not a failed check
        raise RuntimeError(f"the child running as {uid} failed: {result.stderr}")
    report = json.loads(result.stdout)
    if report["uid"] != uid:
        raise RuntimeError(f"the child runs as {report['uid']}, not {uid}")
    return report["writable"], [tuple(item) for item in report["results"]]


@pytest.fixture
def world_readable_folder() -> Iterator[Path]:
    """A folder outside pytest's (owner-only) tmp_path, so that another user can reach it."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to run the command line as the unprivileged user 65534")
    folder = Path(tempfile.mkdtemp(prefix="homelog-faults-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def assert_opened_read_only(writable: bool, results: list[CommandResult]) -> None:
    """`list` shows every account; `create` is refused in one line saying the file is read-only."""
    assert writable is False
    (list_code, list_out, list_err), (create_code, create_out, create_err) = results
    assert (list_code, list_err) == (0, "")
    assert [line.split()[1] for line in list_out.splitlines()[1:]] == [
        "ann@example.org", "bob@example.org", "cy@example.org"
    ]
    assert (create_code, create_out) == (2, "")
    assert create_err.startswith("homelog-admin: ") and create_err.count("\n") == 1
    assert "read-only" in create_err


LIST_THEN_CREATE = (["list"], ["create", "new@example.org"])


def test_another_user_opens_a_file_in_a_shared_folder_read_only(tmp_path: Path, world_readable_folder: Path) -> None:
    """The folder is writable by all (SQLite may put its -shm there), the file by its owner only."""
    path = world_readable_folder / "homelog.db"
    shutil.copyfile(make_database(tmp_path / "homelog.db"), path)
    world_readable_folder.chmod(0o777)
    path.chmod(0o644)
    before = sha256(path)
    assert_opened_read_only(*run_as(NOBODY, path, *LIST_THEN_CREATE))
    assert sha256(path) == before
    assert emails(path) == ["ann@example.org", "bob@example.org", "cy@example.org"]


def test_another_user_opens_a_file_in_a_read_only_folder_read_only(
    tmp_path: Path, world_readable_folder: Path
) -> None:
    """What the brief of this file asks for: folder 0755 and file 0644, both root's."""
    path = world_readable_folder / "homelog.db"
    shutil.copyfile(make_database(tmp_path / "homelog.db"), path)
    world_readable_folder.chmod(0o755)
    path.chmod(0o644)
    before, files = sha256(path), listing(world_readable_folder)
    writable, results = run_as(NOBODY, path, *LIST_THEN_CREATE)
    assert sha256(path) == before and listing(world_readable_folder) == files
    assert_opened_read_only(writable, results)


def test_the_owner_still_writes_after_another_user_browsed_the_file(world_readable_folder: Path) -> None:
    owner = 4242
    path = world_readable_folder / "homelog.db"
    world_readable_folder.chmod(0o777)
    # The new file gets its schema here: a checkout in a private folder (mktemp -d) keeps the package's
    # migration scripts out of another user's reach, which an installed app never does.
    make_database(path, accounts=())
    for file in world_readable_folder.iterdir():
        os.chown(file, owner, owner)
    _, [(code, _, err)] = run_as(owner, path, ["create", "ann@example.org"])
    assert (code, err) == (0, "")
    path.chmod(0o644)  # the owner shares it for reading
    _, [(code, out, _)] = run_as(NOBODY, path, ["list"])
    assert code == 0 and "ann@example.org" in out
    writable, [(code, _, err)] = run_as(owner, path, ["create", "bob@example.org"])
    assert writable
    # The owner is told that others can read it (issue 11), and still writes.
    assert (code, err) == (0, f"homelog-admin: warning: {readable_by_others_warning(path, f'chmod 600 {path}')}\n")
    assert emails(path) == ["ann@example.org", "bob@example.org"]


# Locked by another program


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wait 100 ms in SQLite, then retry after 50 and 100 ms: about half a second in all."""
    monkeypatch.setattr(sqlite_engine, "SQLITE_BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(database_module, "LOCKED_RETRY_DELAYS", (0.05, 0.1))


@contextmanager
def exclusive_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program's write transaction on the file, held until the block ends (or it rolls back)."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        yield holder
        if holder.in_transaction:
            holder.execute("ROLLBACK")
    finally:
        holder.close()


def emails(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT email FROM users ORDER BY id")]


@pytest.mark.asyncio
@pytest.mark.usefixtures("short_waits")
async def test_a_write_to_a_file_locked_longer_than_we_wait_is_refused(tmp_path: Path) -> None:
    path = make_database(tmp_path / "locked.db")
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        assert len(await service.list_page()) == 3  # reading works while another program writes
        with exclusive_lock(path):
            loop = asyncio.get_running_loop()
            started = loop.time()
            with pytest.raises(DatabaseError, match="locked") as refused:
                await service.create("dee@example.org", "Dee", GOOD_PASSWORD)
            waited = loop.time() - started
        assert "Try again" in str(refused.value)
        assert 0.3 <= waited < 3  # SQLite's wait and both retries, not the 5 s default, not forever
        assert await service.count() == 3
        assert emails(path) == ["ann@example.org", "bob@example.org", "cy@example.org"]
        # Once the lock is gone the same service writes again.
        created = await service.create("dee@example.org", "Dee", GOOD_PASSWORD)
        assert await service.check_password(created.id, GOOD_PASSWORD)


@pytest.mark.asyncio
@pytest.mark.usefixtures("short_waits")
async def test_a_refused_locked_write_leaves_the_file_unchanged(tmp_path: Path) -> None:
    path = make_database(tmp_path / "locked.db")
    with unchanged(Fault(path, "")):
        async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
            service = workspace.accounts
            with exclusive_lock(path), pytest.raises(DatabaseError, match="locked"):
                await service.update(1, email="ann.new@example.org", username="Ann")


@pytest.mark.asyncio
@pytest.mark.usefixtures("short_waits")
async def test_a_lock_released_during_the_retries_lets_the_write_through(tmp_path: Path) -> None:
    path = make_database(tmp_path / "locked.db")
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        with exclusive_lock(path) as holder:
            release = threading.Timer(0.12, holder.execute, ("ROLLBACK",))
            release.start()
            try:
                created = await service.create("dee@example.org", "Dee", GOOD_PASSWORD)
            finally:
                release.join()
        assert created.has_password
        assert await service.check_password(created.id, GOOD_PASSWORD)
    assert emails(path)[-1] == "dee@example.org"


@pytest.mark.usefixtures("short_waits")
def test_cli_create_on_a_locked_file_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_database(tmp_path / "locked.db")
    capsys.readouterr()
    with unchanged(Fault(path, "")), exclusive_lock(path):
        code = main(["--db", str(path), "--bcrypt-cost", str(TEST_BCRYPT_COST), "create", "dee@example.org"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("homelog-admin: ") and err.count("\n") == 1, err
    assert "locked" in err
    assert emails(path) == ["ann@example.org", "bob@example.org", "cy@example.org"]
