"""A fresh PostgreSQL database per test, from the server .ci/postgres starts (HOMELOG_TEST_PG_URL for the
role homelog with its password over TCP, HOMELOG_TEST_PG_ADMIN_URL for the superuser); the password goes
into a private pgpass file, never into the location the app is given."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from homelog_desktop.data.location import DatabaseLocation

NO_SERVER = (
    "no PostgreSQL server: HOMELOG_TEST_PG_URL is not set (run the tests under `.ci/postgres run --`, "
    "or `eval \"$(.ci/postgres start)\"` first)"
)


def require_server() -> tuple[str, str]:
    """(test URL, admin URL); skipped outside CI without a server, failed under CI (env CI set)."""
    url, admin = os.environ.get("HOMELOG_TEST_PG_URL"), os.environ.get("HOMELOG_TEST_PG_ADMIN_URL")
    if not url or not admin:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but there is {NO_SERVER}")
        pytest.skip(NO_SERVER)
    return url, admin


@contextlib.contextmanager
def fresh_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabaseLocation]:
    """A new database owned by homelog (pg_trgm created in it), as a location without a password;
    dropped afterwards."""
    import psycopg

    url, admin = require_server()
    parts = urlsplit(url)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{parts.hostname}:{parts.port}:*:{parts.username}:{parts.password}\n", "utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" OWNER homelog')
    with psycopg.connect(admin.replace("/postgres?", f"/{name}?"), autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    try:
        yield DatabaseLocation.parse(f"postgresql://{parts.username}@{parts.hostname}:{parts.port}/{name}")
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def admin_connect(location: DatabaseLocation) -> object:
    """A synchronous superuser connection to the location's database (for a test's raw SQL)."""
    import psycopg

    _, admin = require_server()
    name = (location.conninfo or "").rsplit("/", 1)[-1]
    return psycopg.connect(admin.replace("/postgres?", f"/{name}?"), autocommit=True)
