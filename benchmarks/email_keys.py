"""The email keys at a million accounts: filling them, and the duplicate check of every address write.

    python benchmarks/email_keys.py [--users 1000000] [--json]

Builds home-log's own tables holding N users written as home-log writes them (plain SQL, no app), then:
opens it with the app (the schema upgrade: indexes, the search index, and every account's email key
computed: NFC + case folding, in Python, into a table of ours); opens it again (the check of our objects
that every open makes); creates accounts, and is refused a case twin, through the service (each a
writing transaction that first computes the keys of rows others wrote, then looks the address up by its
key); finds an account by an address in another case and normal form; lets "home-log" insert 1,000 users
(their keys left for the next write) and times the write that computes them; and shows SQLite's plan for
the key lookup (the index, not a scan). Times are wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run from a checkout without installing.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from homelog_desktop.errors import DuplicateEmailError
from homelog_desktop.services.workspace import Workspace

HOMELOG_USERS = """CREATE TABLE users (id INTEGER NOT NULL, email VARCHAR(160) NOT NULL, username VARCHAR(60) NOT NULL,
    created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (id), UNIQUE (email));
CREATE TABLE user_passwords (user_id INTEGER NOT NULL, hashed_password VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL, PRIMARY KEY (user_id), FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE);
"""
STAMP = "2026-12-02 01:18:03.123456"


def build(path: Path, users: int) -> None:
    """home-log's tables with `users` accounts, some with non-ASCII addresses."""
    with sqlite3.connect(path) as connection:
        connection.executescript(HOMELOG_USERS)
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, ?, ?, ?)",
            ((f"{'émile' if n % 10 == 0 else 'user'}{n}@example.org", f"User {n}", STAMP, STAMP)
             for n in range(users)),
        )


def add_homelog_rows(path: Path, first: int, count: int) -> None:
    with sqlite3.connect(path) as connection:  # as home-log: no functions of ours, foreign keys off
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, '', ?, ?)",
            ((f"late{n}@example.org", STAMP, STAMP) for n in range(first, first + count)),
        )


async def timed(figures: dict[str, Any], name: str, work: Any) -> Any:
    start = time.perf_counter()
    result = await work
    figures[name] = round(time.perf_counter() - start, 3)
    return result


async def measure(path: Path, users: int) -> dict[str, Any]:
    figures: dict[str, Any] = {"users": users}
    start = time.perf_counter()
    build(path, users)
    figures["build (plain SQL)"] = round(time.perf_counter() - start, 1)
    workspace = await timed(figures, "first open: upgrade, search index, email keys", Workspace.open(path))
    await workspace.close()
    workspace = await timed(figures, "next open: the check of our objects", Workspace.open(path))
    try:
        accounts = workspace.accounts
        await timed(figures, "create (duplicate check under the write lock)", accounts.create("new@example.org"))
        start = time.perf_counter()
        try:
            await accounts.create("ÉMILE10@EXAMPLE.ORG")
        except DuplicateEmailError:
            figures["create a case twin (refused)"] = round(time.perf_counter() - start, 3)
        found = await timed(figures, "find by another case and normal form", accounts.find("E\u0301MILE20@Example.org"))
        figures["found"] = found.email
        add_homelog_rows(path, 0, 1000)
        await timed(figures, "create after home-log wrote 1,000 users (their keys computed)",
                    accounts.create("newer@example.org"))
    finally:
        await workspace.close()
    with sqlite3.connect(path) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT k.user_id FROM homelog_desktop_email_key k JOIN users u "
            "ON u.id = k.user_id AND u.email = k.email WHERE k.email_key = 'user5@example.org'"
        ).fetchall()
        figures["plan"] = [row[-1] for row in plan]
        figures["keys"] = connection.execute("SELECT count(*) FROM homelog_desktop_email_key").fetchone()[0]
        figures["size (MB)"] = round(path.stat().st_size / 1e6, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = asyncio.run(measure(Path(folder) / "keys.db", args.users))
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        for name, value in figures.items():
            print(f"{name:>62}: {value}")


if __name__ == "__main__":
    main()
