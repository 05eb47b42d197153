"""Opening SQLite files for reading without leaving anything behind, SQLite only."""

from __future__ import annotations

import os
from pathlib import Path

_WAL_MARKER = b"\x02\x02"  # header bytes 18-19: the file is in WAL mode


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
