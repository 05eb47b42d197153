"""The benchmark's database: N generated accounts, built once through the app's schema and cached.

The app creates the schema (one `Workspace.open`), then `sqlite3` bulk-inserts the accounts with
indexes and triggers dropped and made again at the end. The file is kept under the temp folder and
reused; a child process opens it once before each run, so that a schema upgrade happens there.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bcrypt

from homelog_desktop.services.workspace import Workspace

# The repository's root: the child process runs this package from there (python -m benchmarks.responsiveness).
ROOT = Path(__file__).resolve().parents[2]
CHUNK = 50_000
BUILD_BCRYPT_COST = 12
# The stored hashes reuse these passwords: account `id` has PASSWORDS[id % len(PASSWORDS)], if any.
PASSWORDS = ("Bench7Pass0", "Bench7Pass1", "Bench7Pass2", "Bench7Pass3")

FIRST_NAMES = (
    "anna", "ben", "carla", "david", "emma", "felix", "grace", "hugo", "ines", "jonas", "karin", "leo",
    "maria", "nils", "olga", "paul", "quentin", "rosa", "sven", "tanja", "ulrich", "vera", "walter",
    "xenia", "yusuf", "zoe", "amir", "bianca", "chen", "dmitri", "elena", "farah", "giulia", "hana",
    "ivan", "julia", "kenji", "lucia", "mateo", "nora", "omar", "priya", "rafael", "sofia", "tomas",
    "uma", "victor", "wen", "yara", "zeynep",
)
LAST_NAMES = (
    "smith", "mueller", "garcia", "rossi", "nowak", "silva", "kim", "nguyen", "jensen", "dubois",
    "novak", "kowalski", "schmidt", "tanaka", "okafor", "haddad", "ivanova", "larsen", "moreau",
    "fischer", "weber", "costa", "santos", "yilmaz", "petrov", "horvat", "papadopoulos", "oconnor",
    "murphy", "brown", "wilson", "taylor", "martin", "bernard", "lopez", "hernandez", "gonzalez",
    "perez", "sanchez", "ramirez", "khan", "ali", "singh", "patel", "wang", "li", "zhang", "liu",
    "chen", "yang",
)
DOMAINS = (
    "example.org", "mail.example.com", "home-log.net", "postbox.example", "inbox.example.net",
    "family.example", "uni.example.edu", "work.example.co",
)
DAY_COUNT = 2_600
DAYS = tuple((dt.date(2018, 1, 1) + dt.timedelta(days=day)).isoformat() + " " for day in range(DAY_COUNT))
CLOCK = tuple(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86_400))
# (start of the email address, display name) of every first and last name pair.
PEOPLE = tuple(
    (f"{first}.{last}", f"{first.capitalize()} {last.capitalize()}")
    for first in FIRST_NAMES
    for last in LAST_NAMES
)


# Building the database


def database_path(users: int) -> Path:
    """Where the cached database of `users` accounts is kept."""
    return Path(tempfile.gettempdir()) / "homelog-bench" / f"users-{users}.db"


def _rows(
    start: int, stop: int, hashes: list[str], rng: random.Random
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    users: list[tuple[Any, ...]] = []
    passwords: list[tuple[Any, ...]] = []
    bits = rng.getrandbits
    people = PEOPLE
    person_count, domain_count, clock = len(people), len(DOMAINS), CLOCK
    for user_id in range(start, stop):
        r = bits(128)
        handle, name = people[r % person_count]
        email = f"{handle}{user_id}@{DOMAINS[(r >> 12) % domain_count]}"
        if (r >> 16) % 20 == 0:
            email = email.capitalize()  # a few addresses typed with capitals
        if (r >> 21) % 10 == 0:
            name = None  # ~10 % without a name
        day = (r >> 25) % 2_190
        created = f"{DAYS[day]}{clock[(r >> 37) % 86_400]}.{(r >> 54) % 1_000_000:06d}"
        if (r >> 74) % 33 == 0:
            updated = None
        else:
            day = min(DAY_COUNT - 1, day + (r >> 80) % 400)
            updated = f"{DAYS[day]}{clock[(r >> 89) % 86_400]}.{(r >> 106) % 1_000_000:06d}"
        users.append((user_id, email, name, created, updated))
        if (r >> 120) % 10:  # ~90 % have a password
            passwords.append((user_id, hashes[user_id % len(hashes)], updated or created))
    return users, passwords


async def _create_schema(path: Path) -> None:
    workspace = await Workspace.open(path)
    await workspace.close()


def build_database(users: int, path: Path) -> float:
    """Create the schema through the app, then bulk insert with sqlite3; the seconds it took."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    asyncio.run(_create_schema(partial))
    hashes = [bcrypt.hashpw(p.encode(), bcrypt.gensalt(BUILD_BCRYPT_COST)).decode() for p in PASSWORDS]
    rng = random.Random(users)
    connection = sqlite3.connect(partial, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-262144")
        # Indexes and triggers (those of the search index too) are dropped and made again once at the
        # end: much faster than a million index inserts and trigger runs.
        schema = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        ).fetchall()
        full_text = [
            name for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
            )
        ]
        connection.execute("BEGIN")
        for kind, name, _sql in schema:
            connection.execute(f'DROP {kind.upper()} "{name}"')
        for start in range(1, users + 1, CHUNK):
            user_rows, password_rows = _rows(start, min(start + CHUNK, users + 1), hashes, rng)
            connection.executemany(
                "INSERT INTO users (id, email, username, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                user_rows,
            )
            connection.executemany(
                "INSERT INTO user_passwords (user_id, hashed_password, updated_at) VALUES (?, ?, ?)",
                password_rows,
            )
        for name in full_text:  # external-content FTS5 tables index the rows already there
            connection.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
        for _kind, _name, sql in schema:
            connection.execute(sql)
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode=WAL")  # what the app sets on every connection
    finally:
        connection.close()
    partial.replace(path)
    return time.perf_counter() - started


async def _open_once(path: Path) -> bool:
    """Open and close the database as the app does; whether the app upgraded its schema (after a backup)."""
    workspace = await Workspace.open(path, create=False)
    upgraded = workspace.migration_backup is not None
    await workspace.close()
    return upgraded


def prepare_database(users: int, path: Path, *, rebuild: bool) -> None:
    """Build the database if needed, then open it once so that a schema upgrade of a database cached by
    an older version of the app happens here, not in the measured open (its backup copy is removed)."""
    if rebuild or not path.exists():
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        seconds = build_database(users, path)
        print(f"built {path} ({users:,} accounts) in {seconds:.1f} s", file=sys.stderr)
    if asyncio.run(_open_once(path)):
        print(f"upgraded the schema of {path} to the app's current one", file=sys.stderr)
    for backup in path.parent.glob(f"{path.stem}.before-upgrade-*"):
        backup.unlink()


def ensure_database(users: int, *, rebuild: bool, backend: str = "sqlite") -> Path:
    """The cached database of `users` accounts, built or upgraded in a child process (so that this
    does not count in the RSS of the measured process); on a server, see server_database.py."""
    command = [
        sys.executable, "-m", "benchmarks.responsiveness", "--users", str(users), "--prepare-only", "--backend", backend
    ]
    subprocess.run(command + (["--rebuild"] if rebuild else []), check=True, cwd=ROOT)
    return database_path(users)

