"""Helpers of the command line's tests: homelog-admin's output checked against the database file itself."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.conftest import TEST_BCRYPT_COST

OTHER_PASSWORD = "Batt3ry-staple"
JSON_KEYS = {"id", "email", "username", "has_password", "created_at", "updated_at"}
# list --json adds the security columns (issue 5); the scheme's name, never the hash.
LIST_JSON_KEYS = JSON_KEYS | {
    "role", "disabled", "locked_until", "last_sign_in", "password_changed_at", "hash_scheme",
}


def dump(db_path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every row of both tables, hashes included: equal dumps mean nothing changed."""
    with closing(sqlite3.connect(db_path)) as connection:
        users = connection.execute("SELECT * FROM users ORDER BY id").fetchall()
        passwords = connection.execute("SELECT * FROM user_passwords ORDER BY user_id").fetchall()
    return users, passwords


def stored_hash(db_path: Path, user_id: int) -> str | None:
    with closing(sqlite3.connect(db_path)) as connection:
        row = connection.execute(
            "SELECT hashed_password FROM user_passwords WHERE user_id = ?", (user_id,)
        ).fetchone()
    return row[0] if row else None


def assert_error(code: int, out: str, err: str, *fragments: str) -> None:
    """Exit 2, nothing on stdout, exactly one `homelog-admin: ` line on stderr containing the fragments."""
    assert code == 2
    assert out == ""
    assert err.startswith("homelog-admin: ")
    assert err.endswith("\n") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err


def create(admin: Any, email: str, *options: str, password: str | None = None) -> int:
    args = ["create", email, *options] + (["--password-stdin"] if password is not None else [])
    code, out, err = admin(*args, stdin=None if password is None else password + "\n")
    assert (code, err) == (0, "")
    return int(out)


def show_json(admin: Any, user: str) -> dict[str, Any]:
    code, out, _ = admin("show", user, "--json")
    assert code == 0
    return json.loads(out)


def run_module(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Any:
    """homelog-admin in a process of its own (python -m), bcrypt at the tests' cost."""
    base = {k: v for k, v in os.environ.items() if k not in ("HOMELOG_DB", "HOMELOG_BCRYPT_COST")}
    return subprocess.run(
        [sys.executable, "-m", "homelog_desktop.cli.admin", *args],
        input=stdin, capture_output=True, text=True, timeout=60,
        env={**base, "HOMELOG_BCRYPT_COST": str(TEST_BCRYPT_COST), **(env or {})},
    )


def run_module_bytes(*args: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None) -> Any:
    """homelog-admin in a process of its own, arguments and streams as bytes (what a shell passes)."""
    base = {k: v for k, v in os.environ.items() if k not in ("HOMELOG_DB", "HOMELOG_BCRYPT_COST")}
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"homelog_desktop.cli.admin", *(os.fsencode(arg) for arg in args)],
        input=stdin, capture_output=True, timeout=60,
        env={**base, "HOMELOG_BCRYPT_COST": str(TEST_BCRYPT_COST), **(env or {})},
    )


AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def device_node(path: Path, major: int = 1, minor: int = 7) -> Path:
    """A character device node of the test's own (root only; default /dev/full's numbers).

    Tests that check a device is never replaced use one of these, never /dev/full or /dev/null
    themselves: run as root against code that does replace it, such a test would replace the
    machine's own device (it did, once, while checking that the tests fail on the old code).
    """
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    return path
