"""Workspaces on test database files: bcrypt at a low cost, closed when the block ends."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.services.workspace import Workspace

TEST_BCRYPT_COST = 4
GOOD_PASSWORD = "Correct7horse"


@contextlib.asynccontextmanager
async def open_workspace(path: Path | DatabaseLocation, **options: Any) -> AsyncIterator[Workspace]:
    """A workspace on `path` (bcrypt cost 4 unless told otherwise), closed when the block ends."""
    workspace = await Workspace.open(path, **{"bcrypt_cost": TEST_BCRYPT_COST, **options})
    try:
        yield workspace
    finally:
        await workspace.close()


def store_hash(path: Path, user_id: int, hashed: str) -> None:
    """Store a password hash as another program (home-log) would: plain SQL, behind the app's back."""
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "INSERT INTO user_passwords (user_id, hashed_password, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP) "
            "ON CONFLICT (user_id) DO UPDATE SET hashed_password = excluded.hashed_password",
            (user_id, hashed),
        )


def stored_hash(path: Path, user_id: int) -> str | None:
    """The password hash stored for an account, read with plain SQL."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        row = connection.execute("SELECT hashed_password FROM user_passwords WHERE user_id = ?", (user_id,)).fetchone()
    return row[0] if row else None


def execute(path: Path, statement: str, *parameters: object, foreign_keys: bool = True) -> None:
    """Run one statement on the database file behind the app's back."""
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        connection.execute(statement, parameters)


def rows(path: Path, query: str, *parameters: object) -> list[tuple[object, ...]]:
    """The rows of a query, read with plain SQL."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(query, parameters).fetchall()
