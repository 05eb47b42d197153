"""A fresh database file for a test, copied from an empty one that Database.open_sqlite made once per test
process through every migration: a real SQLite file (owner-only, WAL, our schema at its head revision), as
a first opening would leave it, without running the migrations again for every test. Likewise databases
that many tests fill alike, filled once per process and copied into each test's own file."""

from __future__ import annotations

import asyncio
import atexit
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from homelog_desktop.data.database import Database

T = TypeVar("T")
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


_built: dict[str, tuple[Path, Any]] = {}


async def built_once(name: str, build: Callable[[Path], Awaitable[T]]) -> tuple[Path, T]:
    """A database `build` filled once per test process, starting from a fresh file (which it opens and closes
    itself, on the running event loop), and what it returned; the same file and value on every later call."""
    if name not in _built:
        folder = Path(tempfile.mkdtemp(prefix=f"homelog-tests-{name}-"))
        atexit.register(shutil.rmtree, folder, True)
        path = fresh_database_file(folder / f"{name}.db")
        _built[name] = (path, await build(path))
    path, value = _built[name]
    return path, value


def copy_into(source: Path, target: Path) -> None:
    """Replace the contents of the database at `target` with those of `source`, page by page through SQLite's
    backup API: connections that hold `target` open (a test's workspace) read the new contents from then on."""
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)
