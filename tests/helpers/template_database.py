"""A fresh database file for a test, copied from an empty one that Database.open_sqlite made once per test
process through every migration: a real SQLite file (owner-only, WAL, our schema at its head revision), as
a first opening would leave it, without running the migrations again for every test."""

from __future__ import annotations

import asyncio
import atexit
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from homelog_desktop.data.database import Database

_lock = threading.Lock()
_template: Path | None = None


async def _build(path: Path) -> None:
    database = await Database.open_sqlite(path)
    await database.close()


def _template_file() -> Path:
    """The empty database of this process, made on first use."""
    global _template
    with _lock:
        if _template is None:
            folder = Path(tempfile.mkdtemp(prefix="homelog-tests-template-"))
            atexit.register(shutil.rmtree, folder, True)
            path = folder / "template.db"
            # In a thread of its own: a test's event loop (qasync's or pytest-asyncio's) may run in this one.
            with ThreadPoolExecutor(1) as pool:
                pool.submit(asyncio.run, _build(path)).result()
            # Closed: everything is in the one file (no write-ahead log left beside it to copy).
            assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
            _template = path
        return _template


def fresh_database_file(path: Path) -> Path:
    """Put an empty, fully migrated database at `path` (which must not exist yet); `path`."""
    assert not path.exists(), f"{path} exists already"
    shutil.copy(_template_file(), path)  # with its mode: owner-only, as the app creates it
    return path
