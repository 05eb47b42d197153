"""homelog-admin's security commands end to end: roles, disable/enable, unlock, verify's lockout and
exit 3, report, audit and audit verify, list --json's security columns. Real SQLite, bcrypt at cost 4."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import GOOD_PASSWORD

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
    assert listed(admin)["ann@example.org"]["last_sign_in"] is not None


def test_disabled_accounts_exit_3_until_enabled(admin: Any) -> None:
    ann = create(admin, "ann@example.org")
    assert admin("disable", "ANN@example.org")[:2] == (0, f"Account {ann} is disabled.\n")
    assert listed(admin)["ann@example.org"]["disabled"] is True
    code, out, err = verify(admin, ann, GOOD_PASSWORD)
    assert (code, out) == (3, "") and "disabled" in err
    assert admin("enable", ann)[0] == 0
    assert verify(admin, ann, GOOD_PASSWORD)[0] == 0


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
        ("role", int(ann), ["role"]),
        ("create", int(bob), ["email", "username"]),
        ("update", int(bob), ["username"]),
        ("sign_in_failed", int(ann), ["password"]),
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
