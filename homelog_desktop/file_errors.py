"""Known failures of files and folders, and their wording: the database file, backups, import and export
files (see errors.py, which holds the others and their base, FileError). Each sentence is a messages.Text,
shown translated by the window."""

from __future__ import annotations

from pathlib import Path

from homelog_desktop.errors import FileError, _reason
from homelog_desktop.messages import translatable


class MissingFolderError(FileError):
    """The folder a file should be in does not exist."""

    def __init__(self, folder: Path) -> None:
        super().__init__(translatable("Files", "The folder {folder} does not exist.").filled(folder=folder))


class MissingFileError(FileError):
    """The file does not exist (and is not to be created)."""

    def __init__(self, path: Path, why: str | None = None) -> None:
        if why is None:
            super().__init__(translatable("Files", "{path} does not exist.").filled(path=path))
        else:
            super().__init__(translatable("Files", "{path} does not exist, and {why}.").filled(path=path, why=why))


class NotAFileError(FileError):
    """The path names a folder, a device, a named pipe or a socket: not a regular file."""

    def __init__(self, path: Path, kind: str | None = None) -> None:
        if kind is None and path.is_dir():
            kind = translatable("Files", "a folder")
        if kind is None:
            super().__init__(translatable("Files", "{path} does not exist or is not a file.").filled(path=path))
        else:
            super().__init__(translatable("Files", "{path} is {kind}, not a database file.").filled(
                path=path, kind=kind))


class UnsafeTargetError(FileError):
    """An output (an export, a backup) asked for where writing would harm what is there: only a regular
    file of the user's own, or a new path, is ever written."""

    @classmethod
    def not_regular(cls, path: Path, kind: str) -> UnsafeTargetError:
        """A folder, a device, a named pipe or a socket."""
        return cls(translatable("Files", "{path} is {kind}, not a regular file: nothing was written to it. Choose a "
            "file name.").filled(path=path, kind=kind))

    @classmethod
    def symlink(cls, path: Path) -> UnsafeTargetError:
        """A symbolic link (never followed, never replaced)."""
        return cls(translatable("Files", "{path} is a symbolic link: nothing is written through a link. Choose the "
            "file itself or a new name.").filled(path=path))

    @classmethod
    def other_owner(cls, path: Path) -> UnsafeTargetError:
        """A file that belongs to another user."""
        return cls(translatable("Files", "{path} belongs to another user: it was left as it is. Choose another "
            "name.").filled(path=path))

    @classmethod
    def hard_linked(cls, path: Path) -> UnsafeTargetError:
        """A file with other names (hard links), which replacing it would silently part from it."""
        return cls(translatable("Files", "{path} has other names (hard links): it was left as it is. Choose another "
            "name.").filled(path=path))


class CannotOpenError(FileError):
    """SQLite could not open the file."""

    def __init__(self, path: Path) -> None:
        super().__init__(translatable("Files", "{path} cannot be opened.").filled(path=path))


class CannotCreateError(FileError):
    """A new file cannot be made at this path."""

    def __init__(self, path: Path, reason: str | None) -> None:
        super().__init__(translatable("Files", "{path} cannot be created: {reason}.").filled(
            path=path, reason=_reason(reason)))


class CannotReadError(FileError):
    """A file cannot be read."""

    def __init__(self, path: Path, reason: str | None) -> None:
        super().__init__(translatable("Files", "{path} cannot be read: {reason}.").filled(
            path=path, reason=_reason(reason)))


class CannotWriteError(FileError):
    """A file cannot be written."""

    def __init__(self, path: Path, reason: str | None) -> None:
        super().__init__(translatable("Files", "{path} cannot be written: {reason}.").filled(
            path=path, reason=_reason(reason)))


class AlreadyExistsError(FileError):
    """A new file was asked for where one exists; nothing is overwritten."""

    def __init__(self, path: Path, *, backup: bool = False) -> None:
        if backup:
            super().__init__(translatable("Files", "{path} already exists; a backup never overwrites a file. Choose "
                "another name.").filled(path=path))
        else:
            super().__init__(translatable("Files", "{path} already exists; choose another name.").filled(path=path))


class FileInUseError(FileError):
    """A file to be replaced is open in another program."""

    def __init__(self, path: Path) -> None:
        super().__init__(translatable("Files", "{path} is in use by another program; close it and try again.").filled(
            path=path))


class LeftoverWalError(FileError):
    """A write-ahead log of another database lies where a restored one would go."""

    def __init__(self, wal: Path) -> None:
        super().__init__(translatable("Files", "{wal} is left over from another database; move it away before "
            "restoring.").filled(wal=wal))


class RestoreFromItselfError(FileError):
    """The file chosen to restore from is the database itself."""

    def __init__(self, path: Path) -> None:
        super().__init__(translatable("Files", "{path} is the database itself; choose a backup file to restore "
            "from.").filled(path=path))
