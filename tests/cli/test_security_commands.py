"""homelog-admin's security commands end to end (cli/security_commands.py): verify's exit codes, lockout and
exit 3, roles, disable/enable, unlock, report, audit and audit verify, list --json's security columns,
and hash-scheme (show, set, the bcrypt-among-Argon2 warning on stderr, refusals). Real SQLite, bcrypt
at cost 4."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from homelog_desktop.cli.kept_heads import FileHeadStore
from homelog_desktop.services.hash_scheme import BCRYPT_ON_ARGON2_WARNING
from tests.conftest import GOOD_PASSWORD
from tests.helpers.cli import create as create_account
from tests.helpers.homelog_schema import insert_user, reset_homelog_tables, sample_homelog_database

WRONG = "Wrong7password"


def create(admin: Any, email: str, password: str | None = GOOD_PASSWORD) -> str:
    if password is None:
        code, out, _ = admin("create", email)
    else:
        code, out, _ = admin("create", email, "--password-stdin", stdin=password + "\n")
    assert code == 0
    return out.strip()


def verify(admin: Any, user: str, password: str) -> tuple[int, str, str]:
    return admin("verify", user, "--password-stdin", stdin=password + "\n")


def listed(admin: Any) -> dict[str, dict[str, Any]]:
    code, out, _ = admin("list", "--json")
    assert code == 0
    return {account["email"]: account for account in json.loads(out)}


# verify


def test_verify_exit_codes(admin: Any) -> None:
    user_id = str(create_account(admin, "ann@example.com", password=GOOD_PASSWORD))
    assert admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD + "\n") == (0, "match\n", "")
    assert admin("verify", "ANN@EXAMPLE.COM", "--password-stdin", stdin=GOOD_PASSWORD + "\n")[0] == 0
    assert admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD.lower() + "\n") == (
        1, "no match\n", "",
    )
    too_long = "Ab1" + "x" * 80  # can never match a bcrypt hash, but is not an error either
    assert admin("verify", user_id, "--password-stdin", stdin=too_long + "\n")[:2] == (1, "no match\n")


def test_verify_counts_failures_locks_and_exits_3(admin: Any) -> None:
    ann = create(admin, "ann@example.org")
    for _ in range(4):
        assert verify(admin, ann, WRONG) == (1, "no match\n", "")
    code, out, err = verify(admin, ann, WRONG)
    assert (code, out) == (1, "no match\n") and "locked until" in err
    code, out, err = verify(admin, ann, GOOD_PASSWORD)  # the right password, refused while locked
    assert (code, out) == (3, "") and "locked" in err and "(local time)" in err
    account = listed(admin)["ann@example.org"]
    assert account["locked_until"] is not None
    assert admin("unlock", ann)[:2] == (0, f"Account {ann} is unlocked.\n")
    assert verify(admin, ann, GOOD_PASSWORD) == (0, "match\n", "")
    assert listed(admin)["ann@example.org"]["last_sign_in"] is None  # a check, never the account's sign-in


def test_disabled_accounts_exit_3_until_enabled(admin: Any) -> None:
    ann = create(admin, "ann@example.org")
    assert admin("disable", "ANN@example.org")[:2] == (0, f"Account {ann} is disabled.\n")
    assert listed(admin)["ann@example.org"]["disabled"] is True
    code, out, err = verify(admin, ann, GOOD_PASSWORD)
    assert (code, out) == (3, "") and "disabled" in err
    assert admin("enable", ann)[0] == 0
    assert verify(admin, ann, GOOD_PASSWORD)[0] == 0


# roles, states, report, audit


def test_set_role_and_the_last_administrator(admin: Any) -> None:
    ann, bob = create(admin, "ann@example.org"), create(admin, "bob@example.org", None)
    assert admin("set-role", ann, "administrator")[:2] == (0, f"Account {ann} is now an administrator.\n")
    for args in (("set-role", ann, "member"), ("disable", ann), ("delete", ann, "--yes")):
        code, out, err = admin(*args)
        assert (code, out) == (2, "") and "last administrator" in err and err.count("\n") == 1
    assert admin("set-role", bob, "administrator")[0] == 0
    assert admin("set-role", ann, "member")[:2] == (0, f"Account {ann} is now a member.\n")
    assert listed(admin)["ann@example.org"]["role"] == "member"
    code, _, err = admin("set-role", ann, "root")
    assert code == 2 and "invalid choice" in err


def test_list_json_has_the_security_columns_and_never_a_hash(admin: Any, db_path: Path) -> None:
    create(admin, "ann@example.org")
    create(admin, "bob@example.org", None)
    code, out, _ = admin("list", "--json")
    assert code == 0 and "$2b$" not in out
    accounts = json.loads(out)
    assert [(a["role"], a["disabled"], a["locked_until"], a["last_sign_in"], a["hash_scheme"]) for a in accounts] == [
        ("member", False, None, None, "bcrypt"), ("member", False, None, None, None),
    ]
    assert accounts[0]["password_changed_at"] is not None and accounts[1]["password_changed_at"] is None


def test_report(admin: Any, db_path: Path) -> None:
    ann = create(admin, "ann@example.org")
    bob = create(admin, "bob@example.org", None)
    admin("disable", ann)
    code, out, err = admin("report")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{ann} ann@example.org  cannot sign in: disabled",
        f"{bob} bob@example.org  cannot sign in: no password",
    ]
    admin("enable", ann)
    code, out, _ = admin("report", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["can_sign_in"], r["problems"], r["hash_scheme"]) for r in rows] == [
        (int(ann), True, [], "bcrypt"), (int(bob), False, ["no password"], None),
    ]
    assert "$2b$" not in out


def test_audit_lists_and_verifies_the_trail(admin: Any, db_path: Path) -> None:
    ann = create(admin, "ann@example.org")
    admin("set-role", ann, "administrator")
    bob = create(admin, "bob@example.org", None)
    assert admin("--actor", "ann@example.org", "update", bob, "--username", "Bob")[0] == 0
    verify(admin, bob, GOOD_PASSWORD)  # no password: an error, nothing counted
    verify(admin, ann, WRONG)
    code, out, err = admin("audit", "--json")
    assert (code, err) == (0, "")
    entries = json.loads(out)
    assert [(e["action"], e["target_id"], e["fields"]) for e in entries] == [
        ("create", int(ann), ["email", "username", "password"]),
        ("make_administrator", int(ann), ["role"]),
        ("create", int(bob), ["email", "username"]),
        ("update", int(bob), ["username"]),
        ("password_checked", int(ann), ["no_match"]),  # a check by nobody, never a sign-in of ann
    ]
    assert entries[3]["actor_email"] == "ann@example.org" and entries[0]["actor_id"] is None
    code, out, _ = admin("audit", "--user", "bob@example.org")
    assert code == 0 and len(out.splitlines()) == 2 and "update  by ann@example.org" in out
    assert admin("audit", "verify")[:2] == (0, "The audit trail is intact.\n")
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE homelog_desktop_audit SET action = 'enable' WHERE id = 3")
    code, out, _ = admin("audit", "verify")
    assert (code, out) == (1, "The audit trail was changed: entry 3 was modified or removed.\n")
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        stored = " ".join(map(str, connection.execute("SELECT * FROM homelog_desktop_audit").fetchall()))
    assert GOOD_PASSWORD not in stored and WRONG not in stored and "$2b$" not in stored


def test_audit_head_is_checked_by_verify_head(admin: Any, db_path: Path) -> None:
    assert admin("init")[0] == 0
    assert admin("audit", "head") == (0, "", "")  # an empty trail has no head
    assert admin("audit", "head", "--json") == (0, "null\n", "")
    ann = create(admin, "ann@example.org")
    create(admin, "bob@example.org")
    code, out, err = admin("audit", "head")
    kept = out.strip()
    assert (code, err, len(kept)) == (0, "", 64)
    assert json.loads(admin("audit", "head", "--json")[1]) == {"id": 2, "hash": kept}
    assert admin("disable", ann)[0] == 0
    assert admin("audit", "verify", "--head", kept.upper()) == (
        0, "The audit trail is intact and holds that head.\n", "",
    )
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("DELETE FROM homelog_desktop_audit WHERE id >= 2")
        connection.execute("UPDATE homelog_desktop_settings SET value = '1 ' || "
                           "(SELECT entry_hash FROM homelog_desktop_audit WHERE id = 1) WHERE key = 'audit.head'")
    code, out, err = admin("audit", "verify", "--head", kept)
    assert (code, out) == (1, "The audit trail was changed: it no longer holds the entry of the head given, as it "
                              "was.\n")
    assert "warning: The audit trail of" in err and "was cut short: entry 3" in err  # kept by homelog-admin too
    assert admin("audit", "verify")[:2] == (0, "The audit trail is intact.\n")  # the chain alone cannot tell
    for args, fragment in ((("audit", "--head", kept), "with 'audit verify' only"),
                           (("audit", "verify", "--head", "abc"), "64 hexadecimal digits")):
        code, out, err = admin(*args)
        assert (code, out) == (2, "") and fragment in err


def test_a_trail_rewritten_behind_its_back_is_said_on_stderr_once(admin: Any, db_path: Path) -> None:
    ann = create(admin, "ann@example.org")
    create(admin, "bob@example.org")
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE homelog_desktop_audit SET target_email = 'eve@example.org' WHERE id = 2")
    code, out, err = admin("show", ann)
    assert code == 0 and out
    assert err.startswith("homelog-admin: warning: The audit trail of") and "was rewritten: entry 2" in err
    assert err.count("\n") == 1
    assert admin("show", ann)[2] == ""  # said once
    backup = db_path.with_name("copy.db")
    assert admin("backup", str(backup))[0] == 0
    create(admin, "carl@example.org")
    heads = FileHeadStore().file  # in the per-user state folder, readable by its owner only
    assert heads.stat().st_mode & 0o777 == 0o600 and str(db_path.absolute()) in json.loads(heads.read_text())
    code, out, err = admin("restore", str(backup))
    assert code == 0, err
    assert admin("show", ann)[2] == ""  # a restore is a replacement made knowingly: nothing to warn of


# hash-scheme


def stored_hash_of(db: Path, user_id: str) -> str:
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
    assert code == 0 and stored_hash_of(db_path, out.strip()).startswith("$argon2id$")
    code, out, _ = admin("audit", "--json")
    entries = json.loads(out)
    assert (entries[0]["action"], entries[0]["fields"], entries[0]["target_id"]) == ("hash_scheme", ["scheme"], None)
    # Ann's hash is Argon2id now: going back to bcrypt warns.
    code, out, err = admin("hash-scheme", "bcrypt")
    assert (code, out) == (0, "New passwords are hashed with bcrypt from now on.\n")
    assert err == f"homelog-admin: warning: {BCRYPT_ON_ARGON2_WARNING}\n"
    code, out, _ = admin("create", "bob@example.org", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert code == 0 and stored_hash_of(db_path, out.strip()).startswith("$2b$04$")


def test_bcrypt_among_argon2_hashes_is_set_with_a_warning(admin_on: Any, tmp_path: Path) -> None:
    db = sample_homelog_database(tmp_path / "home-log.db")
    db.chmod(0o600)  # private: the warnings here are about the scheme only, not about who can read the file
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


def test_a_mixed_script_address_becomes_an_administrator_only_when_confirmed(admin: Any) -> None:
    create(admin, "\u0430dmin@example.org", None)
    code, out, err = admin("set-role", "1", "administrator")
    assert (code, out) == (2, "") and "--confirm-mixed-script" in err and err.count("\n") == 1
    assert json.loads(admin("list", "--json")[1])[0]["role"] == "member"
    code, out, err = admin("set-role", "1", "administrator", "--confirm-mixed-script")
    assert (code, out, err) == (0, "Account 1 is now an administrator.\n", "")


def test_a_repair_at_open_is_said_on_stderr(admin_on: Any, tmp_path: Path) -> None:
    db = sample_homelog_database(tmp_path / "home-log.db")
    assert admin_on(db, "set-role", "1", "administrator")[0] == 0
    reset_homelog_tables(db)
    insert_user(db, "dora@example.org", "Dora")
    code, out, err = admin_on(db, "report")
    assert code == 0 and out.startswith("1 dora@example.org  cannot sign in: no password\n")
    assert out.splitlines()[-1] == (
        "1 ann@example.org  cannot sign in: state of a deleted account removed when the database was opened "
        "(administrator)"
    )
    assert err.startswith("homelog-admin: warning: Repaired what another program removed from the database: ")
    assert "the search index rebuilt" in err and "before-repair" in err
