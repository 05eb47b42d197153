"""Noticing writes made by other programs (home-log, a second window, homelog-admin), SQLite only.

`PRAGMA data_version` on a connection of its own changes whenever any other connection commits.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class SqliteChangeWatch:
    """Answers "did anyone commit since I last asked?" from a private read-only connection."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._version = self._read()

    def _read(self) -> int:
        with self._lock:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """Whether another connection committed since the last call (blocking: run it in a thread).
        A file that cannot be read right now counts as unchanged; the next call tries again."""
        try:
            version = self._read()
        except sqlite3.Error:
            return False
        changed, self._version = version != self._version, version
        return changed

    def close(self) -> None:
        """Release the connection."""
        with self._lock:
            self._connection.close()
