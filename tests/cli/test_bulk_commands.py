"""homelog-admin on many accounts (cli/bulk_commands.py): USER..., --from-file, --search/--filter, --dry-run,
--yes, the last-administrator rule over the set, one transaction, and the single forms unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.cli import assert_error
from tests.helpers.cli import create as create_account
from tests.helpers.workspaces import rows

DISABLED = "SELECT user_id FROM homelog_desktop_account_state WHERE disabled ORDER BY user_id"
AUDIT = "SELECT count(*) FROM homelog_desktop_audit WHERE action = ?"


def accounts(admin: Any) -> dict[str, int]:
    emails = ["ann@old.example.org", "bob@old.example.org", "cy@new.example.org", "dee@old.example.org"]
    return {email.split("@")[0]: create_account(admin, email) for email in emails}


def test_disable_by_search_lists_first_then_changes_all_at_once(admin: Any, db_path: Path) -> None:
    ids = accounts(admin)
    code, out, err = admin("disable", "--search", "@old.example.org", "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{ids['ann']}\tann@old.example.org", f"{ids['bob']}\tbob@old.example.org",
        f"{ids['dee']}\tdee@old.example.org", "Would disable 3 accounts; nothing was changed (--dry-run).",
    ]
    assert rows(db_path, DISABLED) == []
    code, out, err = admin("disable", "--search", "@old.example.org")
    assert_error(code, out, err, "without --yes")
    assert rows(db_path, DISABLED) == []
    assert admin("disable", "--search", "@old.example.org", "--yes") == (0, "Disabled 3 accounts.\n", "")
    assert rows(db_path, DISABLED) == [(ids["ann"],), (ids["bob"],), (ids["dee"],)]
    assert rows(db_path, AUDIT, "disable") == [(3,)]
    assert admin("enable", "--filter", "disabled", "--yes") == (0, "Enabled 3 accounts.\n", "")


def test_a_list_of_ids_and_emails_from_arguments_and_stdin(admin: Any, db_path: Path) -> None:
    ids = accounts(admin)
    code, out, _ = admin("require-password-change", str(ids["ann"]), "--from-file", "-", "--yes",
                         stdin="# these two\nBOB@old.example.org\n\ncy@new.example.org\n")
    assert (code, out) == (0, "Asked for a new password at the next sign-in: 3 accounts.\n")
    assert rows(db_path, "SELECT user_id FROM homelog_desktop_account_state WHERE must_change_password "
                         "ORDER BY user_id") == [(ids["ann"],), (ids["bob"],), (ids["cy"],)]
    # One unknown name: nothing is written at all.
    code, out, err = admin("unlock", str(ids["ann"]), "nobody@example.org", "--yes")
    assert_error(code, out, err, "nobody@example.org")
    assert rows(db_path, AUDIT, "unlock") == [(0,)]


def test_the_last_administrator_rule_over_the_set(admin: Any, db_path: Path) -> None:
    ids = accounts(admin)
    for name in ("ann", "bob"):
        assert admin("set-role", str(ids[name]), "administrator")[0] == 0
    for command in ("disable", "make-member", "delete"):
        code, out, err = admin(command, "--filter", "administrators", "--yes")
        assert_error(code, out, err, "every enabled administrator")
    assert rows(db_path, "SELECT count(*) FROM users") == [(4,)]
    assert admin("make-member", str(ids["bob"]), str(ids["cy"]), "--yes") == (
        0, "Made members: 1 account (1 already were).\n", "",
    )


def test_delete_many_and_the_single_forms_as_before(admin: Any, db_path: Path) -> None:
    ids = accounts(admin)
    code, out, err = admin("delete", str(ids["ann"]))
    assert_error(code, out, err, "without --yes")
    assert admin("disable", str(ids["cy"])) == (0, f"Account {ids['cy']} is disabled.\n", "")
    assert admin("delete", "--search", "old.example", "--yes") == (0, "Deleted 3 accounts.\n", "")
    assert rows(db_path, "SELECT email FROM users") == [("cy@new.example.org",)]
    code, out, err = admin("delete", "--search", "old.example", "--yes")
    assert_error(code, out, err, "No account matches")
    code, out, err = admin("disable")
    assert_error(code, out, err, "needs USER")
    code, out, err = admin("disable", "--from-file", str(db_path.parent / "missing.txt"), "--yes")
    assert_error(code, out, err, "Cannot read", "No such file")
