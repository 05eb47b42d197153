"""Many accounts at once: resolving "every account matching a search" to ids, then disabling, enabling,
deleting and restoring them, each one transaction with an audit entry per account.

    python benchmarks/bulk_actions.py [--users 20000] [--selected 10000] [--json]

Builds home-log's users table holding N users (plain SQL, as home-log writes them), opens it with the app,
then times each step through the services; peak RSS (ru_maxrss) is printed after each step, so that a
step that held every row in memory would show. Times are wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from homelog_desktop.services.bulk import BulkAction, Selection
from homelog_desktop.services.workspace import Workspace

HOMELOG_USERS = """CREATE TABLE users (id INTEGER NOT NULL, email VARCHAR(160) NOT NULL, username VARCHAR(60) NOT NULL,
    created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (id), UNIQUE (email));
CREATE TABLE user_passwords (user_id INTEGER NOT NULL, hashed_password VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL, PRIMARY KEY (user_id), FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE);
"""
STAMP = "2026-12-02 01:18:03.123456"


def build(path: Path, users: int, selected: int) -> None:
    """`users` accounts; the first `selected` at old.example.org, the others at new.example.org."""
    with sqlite3.connect(path) as connection:
        connection.executescript(HOMELOG_USERS)
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, '', ?, ?)",
            ((f"user{n}@{'old' if n < selected else 'new'}.example.org", STAMP, STAMP) for n in range(users)),
        )


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(path: Path, selected: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    workspace = await Workspace.open(path, bcrypt_cost=4)
    try:
        bulk = workspace.bulk

        async def timed(name: str, work: object) -> object:
            start = time.perf_counter()
            result = await work  # type: ignore[misc]
            figures[f"{name}_s"] = round(time.perf_counter() - start, 3)
            figures[f"{name}_peak_rss_mib"] = round(peak_mib(), 1)
            return result

        ids = await timed("resolve", bulk.resolve(Selection.matching("@old.example.org")))
        assert isinstance(ids, list) and len(ids) == selected
        await timed("check", bulk.check(BulkAction.DISABLE, ids))
        await timed("disable", bulk.apply(BulkAction.DISABLE, ids))
        await timed("enable", bulk.apply(BulkAction.ENABLE, ids))
        deleted = await timed("delete", bulk.delete(ids))
        await timed("restore", bulk.undo_delete(deleted))  # type: ignore[arg-type]
    finally:
        await workspace.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--selected", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="homelog-bulk-") as folder:
        path = Path(folder) / "bulk.db"
        build(path, args.users, args.selected)
        figures = asyncio.run(measure(path, args.selected))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name:28} {value}")


if __name__ == "__main__":
    main()
