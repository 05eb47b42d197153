"""Files written for the user (output_files.py), on real files: what is refused untouched (a device, a named
pipe, a socket, a folder, a link, another user's file, a hard-linked file), the atomic replacement, and no
partial or stray file after a failure or a killed process."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from homelog_desktop.errors import DiskFullError, HomeLogError
from homelog_desktop.file_errors import AlreadyExistsError, UnsafeTargetError
from homelog_desktop.output_files import (
    PART_SUFFIX,
    PendingFile,
    check_output_target,
    file_kind,
    pending_file,
    write_failure,
)
from tests.helpers.cli import AS_ROOT, device_node

OTHER_UID = 4242  # no user of the test machine


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in a folder."""
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(PART_SUFFIX) or "-journal" in path.name)


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        yield path
    finally:
        server.close()


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def symlink_to_a_file(path: Path) -> Path:
    (path.parent / "real.csv").write_text("the real file\n")
    path.symlink_to(path.parent / "real.csv")
    return path


def dangling_symlink(path: Path) -> Path:
    path.symlink_to(path.parent / "nowhere.csv")
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


def hard_linked(path: Path) -> Path:
    path.write_text("two names\n")
    os.link(path, path.parent / "other-name.csv")
    return path


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (fifo, "is a named pipe, not a regular file"),
        (folder, "is a folder, not a regular file"),
        (symlink_to_a_file, "is a symbolic link: nothing is written through a link"),
        (dangling_symlink, "is a symbolic link"),
        (hard_linked, "has other names (hard links)"),
    ],
    ids=["fifo", "folder", "symlink", "dangling-symlink", "hard-link"],
)
def test_a_target_that_is_not_a_plain_file_of_ours_is_refused_and_untouched(
    tmp_path: Path, make: Callable[[Path], Path], sentence: str
) -> None:
    target = make(tmp_path / "out.csv")
    before = os.lstat(target)
    with pytest.raises(UnsafeTargetError, match="Choose") as refused:
        with pending_file(target, replace=True) as pending:
            pending.path.write_text("new content\n")
            pending.commit()
    assert sentence in str(refused.value) and str(target) in str(refused.value)
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode, after.st_mtime_ns) == (before.st_ino, before.st_mode, before.st_mtime_ns)
    assert leftovers(tmp_path) == []
    if target.is_symlink() and (tmp_path / "real.csv").exists():
        assert (tmp_path / "real.csv").read_text() == "the real file\n"


def test_a_socket_is_refused(unix_socket: Path) -> None:
    with pytest.raises(UnsafeTargetError, match="is a socket, not a regular file"):
        check_output_target(unix_socket, replace=True)


@pytest.mark.skipif(not AS_ROOT, reason="only root can make a device node (CI runs as root)")
def test_a_device_is_refused_and_never_replaced(tmp_path: Path) -> None:
    """As root (CI), replacing a file by a rename would have replaced a device node (`-o /dev/full`) with a
    file. A node of the test's own, with /dev/full's numbers: see tests/helpers/cli.py."""
    device = device_node(tmp_path / "full")
    before = os.lstat(device)
    with pytest.raises(UnsafeTargetError, match="/full is a device, not a regular file"):
        with pending_file(device, replace=True) as pending:
            pending.commit()  # never reached: refused before any temporary file is made
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["full"]


def test_the_systems_devices_are_refused_by_the_check_alone() -> None:
    """Only looked at, never written to (see above)."""
    for device in ("/dev/full", "/dev/null"):
        with pytest.raises(UnsafeTargetError, match=f"{device} is a device, not a regular file"):
            check_output_target(Path(device), replace=True)


@pytest.mark.skipif(not AS_ROOT, reason="only root can give a file to another user (CI runs as root)")
def test_another_users_file_is_refused_and_untouched(tmp_path: Path) -> None:
    target = tmp_path / "theirs.csv"
    target.write_text("their data\n")
    os.chown(target, OTHER_UID, OTHER_UID)
    with pytest.raises(UnsafeTargetError, match="belongs to another user"):
        check_output_target(target, replace=True)
    assert target.read_text() == "their data\n" and target.stat().st_uid == OTHER_UID


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HomeLogError, match="does not exist"):
        check_output_target(tmp_path / "no-such-folder" / "out.csv", replace=True)


def test_a_new_file_must_be_new(tmp_path: Path) -> None:
    taken = tmp_path / "taken.db"
    taken.write_text("keep me")
    with pytest.raises(AlreadyExistsError):
        PendingFile.start(taken, replace=False)
    assert taken.read_text() == "keep me" and leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_content_until_the_new_one_is_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old export\n")
    with pending_file(target, replace=True) as pending:
        pending.path.write_text("new export\n")
        assert target.read_text() == "old export\n"  # still the old one while writing
        assert stat.S_IMODE(pending.path.stat().st_mode) == 0o600
        pending.commit()
    assert target.read_text() == "new export\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old export\n")
    with pytest.raises(RuntimeError), pending_file(target, replace=True) as pending:
        pending.path.write_text("half of it")
        raise RuntimeError("the export failed half way")
    assert target.read_text() == "old export\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.csv"]


def test_a_new_file_is_never_put_over_one_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    with pytest.raises(AlreadyExistsError), pending_file(target, replace=False) as pending:
        pending.path.write_text("the copy")
        target.write_text("someone else's file, made meanwhile")
        pending.commit()
    assert target.read_text() == "someone else's file, made meanwhile"
    assert leftovers(tmp_path) == []


KILLED_WRITER = """
import os, sys
from pathlib import Path
from homelog_desktop.output_files import PendingFile
pending = PendingFile.start(Path(sys.argv[1]), replace=False)
pending.path.write_bytes(b"partial")
print(pending.path, flush=True)
os.kill(os.getpid(), 9)  # killed half way: no cleanup runs
"""


def test_a_killed_writer_leaves_nothing_at_the_target_and_its_leftover_goes_at_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == -9
    left = Path(done.stdout.strip())
    assert left.exists() and left.name.startswith(".backup.db.") and not target.exists()
    with pending_file(target, replace=False) as pending:  # not blocked, and the dead writer's file goes
        assert not left.exists()
        pending.path.write_text("complete")
        pending.commit()
    assert target.read_text() == "complete" and leftovers(tmp_path) == []


def test_a_running_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    ours = PendingFile.start(target, replace=True)  # this process is alive: its file is no leftover
    with pending_file(target, replace=True) as second:
        second.path.write_text("second")
        second.commit()
    assert ours.path.exists()
    ours.discard()


def test_file_kinds_in_words(tmp_path: Path) -> None:
    assert file_kind(os.stat(tmp_path).st_mode) == "a folder"
    assert file_kind(os.stat("/dev/null").st_mode) == "a device"
    (tmp_path / "plain").write_text("")
    assert file_kind(os.stat(tmp_path / "plain").st_mode) is None


def test_a_full_disk_is_said_so() -> None:
    full = write_failure(Path("/data/out.csv"), OSError(28, "No space left on device"))
    assert isinstance(full, DiskFullError) and str(full).startswith("The disk is full")
