"""`homelog-admin hash-scheme`: show the scheme (set or detected), set it, the bcrypt-among-Argon2 warning
on stderr, refusals. Real SQLite, bcrypt at cost 4."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from homelog_desktop.services.hash_scheme import BCRYPT_ON_ARGON2_WARNING
from tests.conftest import GOOD_PASSWORD
from tests.data.test_schema import home_log_database


def stored_hash(db: Path, user_id: str) -> str:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return connection.execute(
            "SELECT hashed_password FROM user_passwords WHERE user_id = ?", (int(user_id),)
        ).fetchone()[0]


def test_show_and_set(admin: Any, db_path: Path) -> None:
    assert admin("init")[0] == 0
    assert admin("hash-scheme") == (0, "bcrypt (detected: no Argon2 hashes in the database)\n", "")
    assert admin("hash-scheme", "argon2id") == (0, "New passwords are hashed with argon2id from now on.\n", "")
    assert admin("hash-scheme") == (0, "argon2id (set for this database)\n", "")
    code, out, _ = admin("create", "ann@example.org", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert code == 0 and stored_hash(db_path, out.strip()).startswith("$argon2id$")
    code, out, _ = admin("audit", "--json")
    entries = json.loads(out)
    assert (entries[0]["action"], entries[0]["fields"], entries[0]["target_id"]) == ("hash_scheme", ["scheme"], None)
    # Ann's hash is Argon2id now: going back to bcrypt warns.
    code, out, err = admin("hash-scheme", "bcrypt")
    assert (code, out) == (0, "New passwords are hashed with bcrypt from now on.\n")
    assert err == f"homelog-admin: warning: {BCRYPT_ON_ARGON2_WARNING}\n"
    code, out, _ = admin("create", "bob@example.org", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert code == 0 and stored_hash(db_path, out.strip()).startswith("$2b$04$")


def test_bcrypt_among_argon2_hashes_is_set_with_a_warning(admin_on: Any, tmp_path: Path) -> None:
    db = home_log_database(tmp_path / "home-log.db")
    assert admin_on(db, "hash-scheme") == (0, "argon2id (detected: the database holds Argon2 hashes)\n", "")
    code, out, err = admin_on(db, "hash-scheme", "bcrypt")
    assert (code, out) == (0, "New passwords are hashed with bcrypt from now on.\n")
    assert err == f"homelog-admin: warning: {BCRYPT_ON_ARGON2_WARNING}\n"
    code, out, err = admin_on(db, "hash-scheme")  # shown again while it applies
    assert (code, out) == (0, "bcrypt (set for this database)\n") and BCRYPT_ON_ARGON2_WARNING in err
    assert admin_on(db, "hash-scheme", "argon2id") == (
        0, "New passwords are hashed with argon2id from now on.\n", ""
    )


def test_refusals(admin: Any, db_path: Path) -> None:
    code, out, err = admin("hash-scheme")
    assert (code, out) == (2, "") and "does not exist" in err and not db_path.exists()
    assert admin("init")[0] == 0
    code, out, err = admin("hash-scheme", "md5")
    assert (code, out) == (2, "") and "invalid choice: 'md5'" in err and err.count("\n") == 1
    assert admin("hash-scheme")[1] == "bcrypt (detected: no Argon2 hashes in the database)\n"
