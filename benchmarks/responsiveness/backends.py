"""What the benchmark does differently on a PostgreSQL server than on a SQLite file: opening the database in
the window (a location, not a file), plain DB-API connections for putting back changed rows, and the floor
(the same first page, count and search count read with the plain driver: sqlite3 or psycopg)."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.responsiveness.probes import note, raw_sqlite_figures
from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.main_window.window import MainWindow

Where = Path | DatabaseLocation


def is_server(database: Where) -> bool:
    """Whether the benchmark runs on a server database."""
    return isinstance(database, DatabaseLocation) and not database.is_file


class RawConnection:
    """A plain DB-API connection (`?` placeholders on both), autocommitting unless BEGIN is sent."""

    def __init__(self, database: Where) -> None:
        self.server = is_server(database)
        if self.server:
            import psycopg

            assert isinstance(database, DatabaseLocation)
            self._connection: Any = psycopg.connect(database.conninfo or "", autocommit=True)
        else:
            import sqlite3

            path = database.file_path() if isinstance(database, DatabaseLocation) else database
            self._connection = sqlite3.connect(path, isolation_level=None)

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; its rows."""
        if self.server:
            sql = sql.replace("%", "%%").replace("?", "%s")
        cursor = self._connection.execute(sql, parameters)
        return list(cursor.fetchall()) if cursor.description else []

    def close(self) -> None:
        """Close it."""
        self._connection.close()


@contextlib.contextmanager
def raw_connection(database: Where) -> Iterator[RawConnection]:
    """A RawConnection, closed when the block ends."""
    connection = RawConnection(database)
    try:
        yield connection
    finally:
        connection.close()


async def open_in_window(window: MainWindow, database: Where) -> bool:
    """Open the database in the window as File > Open does (a server database as the session opens a
    location: the workspace opened, the gate asked, the accounts shown)."""
    if not is_server(database):
        assert isinstance(database, Path)
        return await window.session.open(database)
    session = window.session
    workspace = await session.operations.run(
        f"Opening {database}…", Workspace.open(database, bcrypt_cost=session.bcrypt_cost)
    )
    await _without_file_watch(workspace)
    admission = await session._admit(workspace)
    if admission is None:
        return False
    await session._show(workspace, admission)
    return True


async def _without_file_watch(workspace: Workspace) -> None:
    """The outside-change watch polls a file's data_version: where it cannot watch a server yet (its
    LISTEN/NOTIFY comes separately), the run goes without it rather than fail on the first poll."""
    try:
        await workspace.changed_elsewhere()
    except HomeLogError:
        pass
    except Exception as error:  # the file watch on a server location: leave it out
        note(f"no outside-change watch on the server ({type(error).__name__})")

        async def never() -> bool:
            return False

        workspace.changed_elsewhere = never  # type: ignore[method-assign]


def raw_figures(database: Where, search_text: str) -> dict[str, float]:
    """The floor on the run's backend (median of 5 after one warm-up)."""
    if not is_server(database):
        path = database.file_path() if isinstance(database, DatabaseLocation) else database
        return raw_sqlite_figures(path, search_text)
    page = (
        "SELECT users.id, users.email, users.username, user_passwords.user_id IS NOT NULL, users.created_at, "
        "users.updated_at, user_passwords.updated_at, lower(users.email) FROM users "
        "LEFT OUTER JOIN user_passwords ON user_passwords.user_id = users.id "
        "ORDER BY lower(users.email), users.id LIMIT 200"
    )
    pattern = f"%{search_text}%"
    with raw_connection(database) as connection:

        def timed(sql: str, parameters: tuple[Any, ...] = ()) -> float:
            times = []
            for _ in range(6):
                started = time.perf_counter()
                connection.execute(sql, parameters)
                times.append((time.perf_counter() - started) * 1000.0)
            return statistics.median(times[1:])

        return {
            "raw_postgres_page_ms": round(timed(page), 3),
            "raw_postgres_count_ms": round(timed("SELECT count(*) FROM users"), 3),
            "raw_postgres_search_count_ms": round(
                timed("SELECT count(*) FROM users WHERE email ILIKE ? OR username ILIKE ?", (pattern, pattern)), 3
            ),
        }
