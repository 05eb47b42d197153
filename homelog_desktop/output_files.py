"""Files written for the user (exports, backups, before-* copies): where they may go, and how they get there.

Only a regular file of the user's own, or a new path, is ever written: a folder, a device (as root,
`-o /dev/full` would otherwise replace the device node with a file), a named pipe, a socket, a symbolic
link, a file of another user or one with other names (hard links) is refused with a sentence, untouched.
The content goes to a hidden temporary file (owner-only) in the target's folder, is flushed to the disk,
and is then put in place in one step: a new file by a link that fails if the name was taken meanwhile
(never overwriting), a replaced file by a rename (atomic). A failed or cancelled write removes its
temporary file; one left by a killed process is removed by the next write to the same name, so nothing
partial ever stands where a file was asked for, nor blocks the next attempt.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from homelog_desktop.errors import DatabaseError, DiskFullError
from homelog_desktop.file_errors import AlreadyExistsError, CannotWriteError, MissingFolderError, UnsafeTargetError
from homelog_desktop.messages import translatable

PART_SUFFIX = ".part"
# Where a folder's file system has no hard links (FAT, some network shares), a new file is renamed into
# place after a last look that the name is still free.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV})
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_KINDS = (
    (stat.S_ISDIR, translatable("Files", "a folder")),
    (stat.S_ISCHR, translatable("Files", "a device")),
    (stat.S_ISBLK, translatable("Files", "a device")),
    (stat.S_ISFIFO, translatable("Files", "a named pipe")),
    (stat.S_ISSOCK, translatable("Files", "a socket")),
    (stat.S_ISLNK, translatable("Files", "a symbolic link")),
)


def file_kind(mode: int) -> str | None:
    """What a file of this st_mode is, in words ("a device", "a named pipe"...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def write_failure(path: Path, error: OSError) -> DatabaseError:
    """An operating system's refusal to write `path`, as a sentence (a full disk says so)."""
    if error.errno in _FULL:
        return DiskFullError(path)
    return CannotWriteError(path, error.strerror)


def check_output_target(path: Path, *, replace: bool) -> bool:
    """Refuse a target that must not be written (see the module's docstring); True when a regular file of
    the user's own is there, to be replaced (`replace`; else AlreadyExistsError), False for a new path."""
    if not path.parent.is_dir():
        raise MissingFolderError(path.parent)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise CannotWriteError(path, error.strerror) from error
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeTargetError.symlink(path)
    kind = file_kind(info.st_mode)
    if kind is not None:
        raise UnsafeTargetError.not_regular(path, kind)
    if not replace:
        raise AlreadyExistsError(path)
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise UnsafeTargetError.other_owner(path)
    if info.st_nlink > 1:
        raise UnsafeTargetError.hard_linked(path)
    return True


class PendingFile:
    """A file being written under a hidden temporary name (`path`, owner-only) beside its `target`."""

    def __init__(self, target: Path, path: Path, *, replace: bool) -> None:
        self.target = target
        self.path = path
        self.replace = replace

    @classmethod
    def start(cls, target: Path, *, replace: bool) -> PendingFile:
        """Check the target and make the (empty) temporary file; a refusal creates nothing."""
        check_output_target(target, replace=replace)
        remove_stale_parts(target)
        try:
            fd, name = tempfile.mkstemp(  # 0600
                prefix=f".{target.name}.{os.getpid()}-", suffix=PART_SUFFIX, dir=target.parent
            )
        except OSError as error:
            raise write_failure(target, error) from error
        os.close(fd)
        return cls(target, Path(name), replace=replace)

    def commit(self) -> Path:
        """Flush the temporary file to the disk and put it in place (blocking: run it in a worker thread)."""
        try:
            _fsync_file(self.path)
            if self.replace:
                check_output_target(self.target, replace=True)  # still a file of ours, after the long write
                os.replace(self.path, self.target)
            else:
                self._place_new()
        except OSError as error:
            raise write_failure(self.target, error) from error
        _fsync_folder(self.target.parent)
        return self.target

    def _place_new(self) -> None:
        try:
            os.link(self.path, self.target)  # fails if the name was taken meanwhile: never overwrites
        except FileExistsError as error:
            raise AlreadyExistsError(self.target) from error
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            if os.path.lexists(self.target):
                raise AlreadyExistsError(self.target) from error
            os.rename(self.path, self.target)  # on Windows, rename never replaces either
            return
        os.unlink(self.path)

    def discard(self) -> None:
        """Remove the temporary file (and a journal SQLite may have left beside it)."""
        for leftover in (self.path, Path(f"{self.path}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


@contextlib.contextmanager
def pending_file(target: Path, *, replace: bool) -> Iterator[PendingFile]:
    """A PendingFile for `target`, discarded when the block fails or is cancelled; commit it in the block."""
    pending = PendingFile.start(target, replace=replace)
    try:
        yield pending
    except BaseException:
        pending.discard()
        raise
    if pending.path.exists():  # not committed: the block gave up without an error
        pending.discard()


def remove_stale_parts(target: Path) -> None:
    """Remove the temporary files a killed process left for `target` (those of running processes stay)."""
    if os.name != "posix":
        return  # os.kill(pid, 0) is no harmless probe on Windows
    pattern = glob.escape(str(target.parent / f".{target.name}.")) + "*-*" + PART_SUFFIX
    for name in glob.glob(pattern):
        pid_text = name[len(str(target.parent / f".{target.name}.")) :].split("-", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and not _running(int(pid_text)):
            PendingFile(target, Path(name), replace=False).discard()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; POSIX only (a folder cannot be opened so on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder: the file itself is synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
