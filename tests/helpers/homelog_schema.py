"""home-log's database as home-log itself makes and writes it, for tests: its real schema (the DDL its
`create_all` makes on SQLite, from shared/reference/home-log-schema.md) and its habits, imitated with
plain SQL on a plain `sqlite3` connection — no function of ours registered, foreign keys OFF (home-log
never turns them on), timestamps as the text it stores, and its reset that drops and re-creates its
tables."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

# Verbatim: home-log's four tables as its own create_all makes them on SQLite.
HOMELOG_DDL = """
CREATE TABLE users (
	id INTEGER NOT NULL,
	email VARCHAR(160) NOT NULL,
	username VARCHAR(60) NOT NULL,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (email)
);
CREATE TABLE user_passwords (
	user_id INTEGER NOT NULL,
	hashed_password VARCHAR NOT NULL,
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (user_id),
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE data_sources (
	id INTEGER NOT NULL,
	name VARCHAR(60) NOT NULL,
	owner_id INTEGER,
	description VARCHAR(80),
	metrics JSON NOT NULL,
	is_public BOOLEAN NOT NULL,
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE TABLE readings (
	id INTEGER NOT NULL,
	timestamp TIMESTAMP NOT NULL,
	data_source_id INTEGER NOT NULL,
	created_by_id INTEGER,
	"values" JSON NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(data_source_id) REFERENCES data_sources (id) ON DELETE CASCADE,
	FOREIGN KEY(created_by_id) REFERENCES users (id) ON DELETE SET NULL
);
"""
HOMELOG_TABLES = ("users", "user_passwords", "data_sources", "readings")
# An Argon2id hash as home-log's argon2-cffi defaults write it (not of any password used in tests).
HOMELOG_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"


def homelog_time(moment: datetime | None = None) -> str:
    """A timestamp as home-log stores it in SQLite: aware UTC written as naive text with microseconds."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


@contextlib.contextmanager
def homelog_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection as home-log's has: plain sqlite3, no function of ours, foreign keys OFF; committed
    when the block ends."""
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        yield connection


def create_homelog_database(path: Path, users: Sequence[tuple[str, str]] = ()) -> Path:
    """A new file holding home-log's four tables (and these (email, username) users, ids from 1)."""
    with homelog_connection(path) as connection:
        connection.executescript(HOMELOG_DDL)
    # Private, as an administrator keeps it: the warning about a file others can read has tests of its own.
    path.chmod(0o600)
    for email, username in users:
        insert_user(path, email, username)
    return path


def sample_homelog_database(path: Path) -> Path:
    """home-log's tables with two users (ann with an Argon2id password, a data source and a reading; bob
    without a name, which home-log stores as ''), as its own code would have written them."""
    create_homelog_database(path)
    ann = insert_user(path, "ann@example.org", "Ann", hashed_password=HOMELOG_HASH)
    insert_user(path, "bob@example.org", "")
    with homelog_connection(path) as connection:
        now = homelog_time()
        connection.execute(
            "INSERT INTO data_sources (name, owner_id, description, metrics, is_public, created_at) "
            "VALUES ('Power meter', ?, NULL, '[\"kWh\"]', 0, ?)", (ann, now),
        )
        connection.execute(
            'INSERT INTO readings (timestamp, data_source_id, created_by_id, "values") VALUES (?, 1, ?, ?)',
            (now, ann, '{"kWh": 12.5}'),
        )
    return path


def insert_user(
    path: Path, email: str, username: str = "", *, created_at: str | None = None, hashed_password: str | None = None
) -> int:
    """Create a user as home-log's `user_dao.create` does (its timestamps as text, a password row when
    given); the new id (SQLite hands out a freed highest id again)."""
    now = homelog_time()
    with homelog_connection(path) as connection:
        cursor = connection.execute(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (email, username, created_at or now, now),
        )
        user_id = int(cursor.lastrowid or 0)
        if hashed_password is not None:
            connection.execute(
                "INSERT INTO user_passwords (user_id, hashed_password, updated_at) VALUES (?, ?, ?)",
                (user_id, hashed_password, now),
            )
    return user_id


def add_data_source(path: Path, owner_id: int | None, name: str = "Water meter") -> int:
    """A data source of home-log's, owned by this user; its id."""
    with homelog_connection(path) as connection:
        cursor = connection.execute(
            "INSERT INTO data_sources (name, owner_id, description, metrics, is_public, created_at) "
            "VALUES (?, ?, NULL, '[\"m3\"]', 0, ?)", (name, owner_id, homelog_time()),
        )
        return int(cursor.lastrowid or 0)


def add_reading(path: Path, data_source_id: int, created_by_id: int | None) -> int:
    """A reading of home-log's, made by this user; its id."""
    with homelog_connection(path) as connection:
        cursor = connection.execute(
            'INSERT INTO readings (timestamp, data_source_id, created_by_id, "values") VALUES (?, ?, ?, ?)',
            (homelog_time(), data_source_id, created_by_id, '{"m3": 1.0}'),
        )
        return int(cursor.lastrowid or 0)


def update_user(path: Path, user_id: int, **values: object) -> None:
    """Change columns of a user as another program would (any value SQLite takes)."""
    assignments = ", ".join(f"{name} = ?" for name in values)
    with homelog_connection(path) as connection:
        connection.execute(f"UPDATE users SET {assignments} WHERE id = ?", (*values.values(), user_id))


def delete_user(path: Path, user_id: int) -> None:
    """Delete a user as home-log's `delete_user` does: foreign keys off, so no ON DELETE of the database
    runs; its ORM deletes the password row itself."""
    with homelog_connection(path) as connection:
        connection.execute("DELETE FROM user_passwords WHERE user_id = ?", (user_id,))
        connection.execute("DELETE FROM users WHERE id = ?", (user_id,))


def reset_homelog_tables(path: Path) -> None:
    """home-log's `delete_tables()` then `create_tables()` (its tests and reset scripts): its four tables
    dropped and made again, empty; every index and trigger of others on them goes with them."""
    with homelog_connection(path) as connection:
        for table in reversed(HOMELOG_TABLES):
            connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.executescript(HOMELOG_DDL)


def homelog_rows(path: Path, query: str, *parameters: object) -> list[tuple[object, ...]]:
    """The rows of a query, read on a connection as home-log's."""
    with homelog_connection(path) as connection:
        return connection.execute(query, parameters).fetchall()
