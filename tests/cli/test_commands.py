"""homelog-admin's account commands end to end (cli/commands.py): init, create, list, show, update,
set-password, clear-password, delete. Real SQLite files, real bcrypt at cost 4, `main()` in-process."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.cli.commands import LIST_PAGE_SIZE
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.cli import (
    JSON_KEYS,
    LIST_JSON_KEYS,
    OTHER_PASSWORD,
    assert_error,
    create,
    dump,
    show_json,
    stored_hash,
)
from tests.helpers.homelog_schema import create_homelog_database, homelog_rows

# init and create


def test_init_creates_the_database_and_prints_its_path(admin: Any, db_path: Path) -> None:
    assert not db_path.exists()
    code, out, err = admin("init")
    assert (code, out, err) == (0, f"{db_path}\n", "")
    with closing(sqlite3.connect(db_path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"users", "user_passwords"} <= tables
    assert admin("init")[0] == 0  # opening an existing database again is fine


def test_create_prints_only_the_new_id(admin: Any, db_path: Path) -> None:
    code, out, err = admin("create", "ann@example.com", "--username", "Ann")
    assert (code, err) == (0, "")
    assert out.strip().isdigit() and out.count("\n") == 1
    account = show_json(admin, out.strip())
    assert (account["email"], account["username"]) == ("ann@example.com", "Ann")
    assert account["has_password"] is False
    assert dump(db_path)[1] == []


def test_create_with_password_stores_a_hash_of_the_chosen_cost(admin: Any, db_path: Path) -> None:
    user_id = create(admin, "ann@example.com", password=GOOD_PASSWORD)
    assert show_json(admin, str(user_id))["has_password"] is True
    hashed = stored_hash(db_path, user_id)
    assert hashed is not None and hashed.startswith(f"$2b$0{TEST_BCRYPT_COST}$")
    assert admin("verify", str(user_id), "--password-stdin", stdin=GOOD_PASSWORD + "\n")[:2] == (0, "match\n")


@pytest.mark.parametrize("email", ["ann@example.com", "ANN@Example.COM", "  ann@example.com  "])
def test_duplicate_email_in_any_case_changes_nothing(admin: Any, db_path: Path, email: str) -> None:
    create(admin, "ann@example.com", password=GOOD_PASSWORD)
    before = dump(db_path)
    code, out, err = admin("create", email, "--password-stdin", stdin=OTHER_PASSWORD + "\n")
    assert_error(code, out, err, "already exists")
    assert dump(db_path) == before and len(before[0]) == 1


@pytest.mark.parametrize("email", ["not-an-email", "ann@localhost", "", "a b@example.com"])
def test_invalid_email_is_refused(admin: Any, db_path: Path, email: str) -> None:
    admin("init")
    assert_error(*admin("create", email))
    assert dump(db_path) == ([], [])


def test_weak_password_is_refused_listing_every_problem(admin: Any, db_path: Path) -> None:
    admin("init")
    code, out, err = admin("create", "ann@example.com", "--password-stdin", stdin="aaab\n")
    assert_error(code, out, err, "at least 7 characters", "uppercase letter", "digit", "three times in a row")
    assert dump(db_path) == ([], [])  # the account is not created without its password either


def test_password_of_73_bytes_is_refused(admin: Any, db_path: Path) -> None:
    password = "Ab1" + "xy" * 35  # 73 ASCII characters, 73 bytes
    assert len(password.encode()) == 73
    admin("init")
    assert_error(*admin("create", "ann@example.com", "--password-stdin", stdin=password + "\n"), "72 bytes")
    assert dump(db_path) == ([], [])
    user_id = create(admin, "ann@example.com", password=GOOD_PASSWORD)
    before = dump(db_path)
    assert_error(*admin("set-password", str(user_id), "--password-stdin", stdin=password), "72 bytes")
    assert dump(db_path) == before


def test_password_of_72_bytes_is_accepted(admin: Any) -> None:
    password = "Ab1" + "éè" * 17 + "x"  # 3 + 68 + 1 = 72 bytes in UTF-8
    assert len(password.encode()) == 72
    user_id = create(admin, "ann@example.com", password=password)
    assert admin("verify", str(user_id), "--password-stdin", stdin=password + "\n")[0] == 0


# list


def test_list_prints_a_table(admin: Any) -> None:
    create(admin, "ann@example.com", "--username", "Ann", password=GOOD_PASSWORD)
    create(admin, "bob@example.com")
    code, out, err = admin("list")
    assert (code, err) == (0, "")
    header, *rows = out.splitlines()
    assert header.split() == ["ID", "EMAIL", "NAME", "PASSWORD", "CREATED", "(UTC)"]
    assert [row.split()[:4] for row in rows] == [
        ["1", "ann@example.com", "Ann", "yes"],
        ["2", "bob@example.com", "-", "no"],
    ]
    assert all(row.index("@") == header.index("EMAIL") + 3 for row in rows)  # columns line up


def test_list_of_an_empty_database_prints_the_header_or_an_empty_array(admin: Any) -> None:
    assert admin("init")[0] == 0
    assert admin("list")[:2] == (0, "ID  EMAIL  NAME  PASSWORD  CREATED (UTC)\n")
    code, out, _ = admin("list", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_list_json_has_the_listed_keys_and_never_a_hash(admin: Any) -> None:
    create(admin, "ann@example.com", "--username", "Ann", password=GOOD_PASSWORD)
    create(admin, "bob@example.com")
    code, out, err = admin("list", "--json")
    assert (code, err) == (0, "")
    assert "$2b$" not in out and "hashed_password" not in out
    accounts = json.loads(out)
    assert [set(account) for account in accounts] == [LIST_JSON_KEYS, LIST_JSON_KEYS]
    assert [(a["id"], a["email"], a["username"], a["has_password"]) for a in accounts] == [
        (1, "ann@example.com", "Ann", True),
        (2, "bob@example.com", None, False),
    ]


def test_list_search_filters_by_email_or_name(admin: Any) -> None:
    create(admin, "ann@example.com", "--username", "Ann")
    create(admin, "bob@example.com", "--username", "Bobby")
    create(admin, "carol@other.org")

    def emails(*args: str) -> list[str]:
        code, out, _ = admin("list", *args, "--json")
        assert code == 0
        return [account["email"] for account in json.loads(out)]

    assert emails("--search", "EXAMPLE") == ["ann@example.com", "bob@example.com"]
    assert emails("--search", "bobby") == ["bob@example.com"]
    assert emails("--search", "nobody") == []
    table = admin("list", "--search", "other")[1].splitlines()
    assert len(table) == 2 and "carol@other.org" in table[1]


def test_list_pages_through_every_account(admin: Any, db_path: Path) -> None:
    admin("init")
    total = 2 * LIST_PAGE_SIZE + 3
    # Rows as home-log writes them (naive UTC text), inserted directly: bcrypt-free and fast.
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [(f"user{n:04}@example.com", None, "2024-05-01 10:00:00", None) for n in range(total)],
        )
    code, out, _ = admin("list", "--json")
    assert code == 0
    ids = [account["id"] for account in json.loads(out)]
    assert ids == list(range(1, total + 1))  # none lost or repeated at a page boundary
    code, out, _ = admin("list")
    assert code == 0 and len(out.splitlines()) == total + 1
    code, out, _ = admin("list", "--search", "user09", "--json")
    assert len(json.loads(out)) == 100


# show


def test_show_by_id_or_by_email_in_any_case(admin: Any) -> None:
    user_id = create(admin, "Ann@Example.com", "--username", "Ann", password=GOOD_PASSWORD)
    by_id = show_json(admin, str(user_id))
    assert show_json(admin, "ann@EXAMPLE.COM") == by_id
    assert set(by_id) == JSON_KEYS
    code, out, err = admin("show", "ANN@example.com")
    assert (code, err) == (0, "")
    assert "Ann@Example.com" in out and "name:     Ann" in out and "password: yes" in out
    assert "$2b$" not in out


def test_show_json_never_contains_a_hash(admin: Any) -> None:
    user_id = create(admin, "ann@example.com", password=GOOD_PASSWORD)
    code, out, _ = admin("show", str(user_id), "--json")
    assert code == 0 and "$2b$" not in out
    assert json.loads(out)["has_password"] is True


def test_control_characters_stored_by_others_are_escaped(admin: Any, db_path: Path) -> None:
    admin("init")
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute(
            "INSERT INTO users (email, username, created_at) VALUES ('evil@example.com', ?, '2024-05-01')",
            ("Eve\x1b[2J\nline",),
        )
    for args in (("list",), ("show", "1")):
        out = admin(*args)[1]
        assert "\x1b" not in out and "Eve\\x1b[2J\\nline" in out
    assert len(admin("list")[1].splitlines()) == 2


# update


def test_update_changes_only_what_is_given(admin: Any) -> None:
    user_id = str(create(admin, "ann@example.com", "--username", "Ann"))
    code, out, err = admin("update", user_id, "--email", "ANN.NEW@example.com")
    assert (code, err) == (0, "") and user_id in out
    account = show_json(admin, user_id)
    assert (account["email"], account["username"]) == ("ANN.NEW@example.com", "Ann")
    assert admin("update", "ann.new@example.com", "--username", "Annie")[0] == 0
    account = show_json(admin, user_id)
    assert (account["email"], account["username"]) == ("ANN.NEW@example.com", "Annie")


def test_update_with_an_empty_username_clears_the_name(admin: Any) -> None:
    user_id = str(create(admin, "ann@example.com", "--username", "Ann"))
    assert admin("update", user_id, "--username", "")[0] == 0
    assert show_json(admin, user_id)["username"] is None


def test_update_to_another_accounts_email_changes_nothing(admin: Any, db_path: Path) -> None:
    create(admin, "ann@example.com")
    bob = str(create(admin, "bob@example.com", "--username", "Bob"))
    before = dump(db_path)
    assert_error(*admin("update", bob, "--email", "ANN@example.com", "--username", "X"), "already exists")
    assert_error(*admin("update", bob, "--email", "broken"), "not a valid email")
    assert dump(db_path) == before


# passwords: set, clear


def test_set_password_replaces_the_old_one(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com"))
    code, out, err = admin("set-password", user_id, "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert (code, err) == (0, "") and user_id in out
    first_hash = stored_hash(db_path, int(user_id))
    assert admin("set-password", "ANN@example.com", "--password-stdin", stdin=OTHER_PASSWORD + "\n")[0] == 0
    assert stored_hash(db_path, int(user_id)) not in (None, first_hash)
    assert admin("verify", user_id, "--password-stdin", stdin=OTHER_PASSWORD + "\n")[:2] == (0, "match\n")
    assert admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD + "\n")[:2] == (1, "no match\n")


def test_set_weak_password_keeps_the_old_hash(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    before = dump(db_path)
    result = admin("set-password", user_id, "--password-stdin", stdin=" lower1 \n")
    assert_error(*result, "uppercase", "space")
    assert dump(db_path) == before


def test_clear_password(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    code, out, err = admin("clear-password", user_id)
    assert (code, err) == (0, "") and user_id in out
    assert show_json(admin, user_id)["has_password"] is False
    assert dump(db_path)[1] == []
    assert_error(*admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD + "\n"), "no password")
    assert admin("clear-password", user_id)[0] == 0  # clearing twice is harmless


# delete


def test_delete_with_yes_removes_the_account_and_its_password(admin: Any, db_path: Path) -> None:
    ann = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    create(admin, "bob@example.com")
    code, out, err = admin("delete", "ANN@example.com", "--yes")
    assert (code, err) == (0, "") and "ann@example.com" in out
    users, passwords = dump(db_path)
    assert [row[1] for row in users] == ["bob@example.com"] and passwords == []
    assert_error(*admin("show", ann), "No account")


# errors common to every command


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("show", "{user}"), None),
        (("show", "{user}", "--json"), None),
        (("update", "{user}", "--username", "X"), None),
        (("set-password", "{user}", "--password-stdin"), GOOD_PASSWORD + "\n"),
        (("clear-password", "{user}"), None),
        (("verify", "{user}", "--password-stdin"), GOOD_PASSWORD + "\n"),
        (("delete", "{user}", "--yes"), None),
    ],
)
@pytest.mark.parametrize("user", ["999", "nobody@example.com"])
def test_unknown_user_is_an_error_and_changes_nothing(
    admin: Any, db_path: Path, args: tuple[str, ...], stdin: str | None, user: str
) -> None:
    create(admin, "ann@example.com", password=GOOD_PASSWORD)
    before = dump(db_path)
    assert_error(*admin(*(arg.format(user=user) for arg in args), stdin=stdin), "No account", user)
    assert dump(db_path) == before


def test_passwords_and_hashes_never_reach_the_output(admin: Any, db_path: Path) -> None:
    secret, other, weak = "Sekr1t-Kangaroo", "Sekr2t-Wombat", "sekr3t-wallaby"
    outputs = []
    outputs.append(admin("create", "ann@example.com", "--password-stdin", stdin=secret + "\n"))
    outputs.append(admin("create", "ANN@example.com", "--password-stdin", stdin=other + "\n"))
    outputs.append(admin("set-password", "1", "--password-stdin", stdin=weak + "\n"))
    outputs.append(admin("set-password", "999", "--password-stdin", stdin=other + "\n"))
    outputs.append(admin("verify", "1", "--password-stdin", stdin=secret + "\n"))
    outputs.append(admin("verify", "1", "--password-stdin", stdin=other + "\n"))
    outputs.append(admin("set-password", "1", "--password-stdin", stdin=other + "\n"))
    for args in (("list",), ("list", "--json"), ("show", "1"), ("show", "1", "--json")):
        outputs.append(admin(*args))
    assert [code for code, _, _ in outputs] == [0, 2, 2, 2, 0, 1, 0, 0, 0, 0, 0]
    text = "".join(out + err for _, out, err in outputs)
    hashed = stored_hash(db_path, 1)
    assert hashed is not None
    for forbidden in (secret, other, weak, "Sekr", hashed, "$2b$"):
        assert forbidden not in text


def test_an_id_too_large_for_sqlite_is_not_found(admin: Any) -> None:
    create(admin, "ann@example.com")
    code, _out, err = admin("show", "9" * 25)
    assert code == 2 and "No account" in err


# beside home-log: its real schema (username NOT NULL), its email rules, values others stored


def test_create_without_a_name_on_home_logs_schema_stores_an_empty_name(admin_on: Any, tmp_path: Path) -> None:
    db = create_homelog_database(tmp_path / "home-log.db")
    code, out, err = admin_on(db, "create", "ann@example.org")
    assert (code, out, err) == (0, "1\n", "")
    assert homelog_rows(db, "SELECT email, username FROM users") == [("ann@example.org", "")]
    code, out, _ = admin_on(db, "show", "1")
    assert code == 0 and "name:     -\n" in out
    assert json.loads(admin_on(db, "show", "1", "--json")[1])["username"] is None
    written = homelog_rows(db, "SELECT created_at, updated_at FROM users")[0]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", str(value)) for value in written)  # as home-log


@pytest.mark.parametrize(
    "email", ["ann@example.test", "ann@exa_mple.org", "ann@-example.org", "ann,bob@example.org", "ann@123.45.67.89"]
)
def test_an_address_home_log_cannot_serve_is_refused_with_the_reason_on_stderr(admin: Any, email: str) -> None:
    code, out, err = admin("create", email)
    assert (code, out) == (2, "")
    assert err.startswith(f"homelog-admin: “{email}” is not a valid email address: ") and err.count("\n") == 1


def test_a_twin_by_case_or_normal_form_is_refused(admin: Any) -> None:
    assert create(admin, "\u00e9mile@example.org") == 1
    for twin in ("E\u0301MILE@example.org", "Émile@Example.org"):
        code, _, err = admin("create", twin)
        assert code == 2 and "already exists" in err


def test_a_mixed_script_address_is_warned_on_stderr(admin: Any) -> None:
    code, out, err = admin("create", "\u0430dmin@example.org")
    assert (code, out) == (0, "1\n")
    assert "warning:" in err and "mixes Latin letters with Cyrillic ones" in err


def test_values_another_program_stored_are_listed_shown_and_exported_as_their_text(admin: Any, db_path: Path) -> None:
    create(admin, "ann@example.org")
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE users SET created_at = 'yesterday', updated_at = 42")
    code, out, err = admin("list")
    assert (code, err) == (0, "") and "yesterday (not a time)" in out
    code, out, err = admin("show", "1")
    assert (code, err) == (0, "") and "created:  yesterday (not a time)" in out and "updated:  42 (not a time)" in out
    assert json.loads(admin("list", "--json")[1])[0]["created_at"] == "yesterday"
    code, out, err = admin("export")
    assert (code, err) == (0, "") and out.splitlines()[1].endswith(",yesterday,42")
    code, out, err = admin("report")
    assert (code, err) == (0, "") and "created_at is not a time" in out
    assert admin("audit", "--user", "1")[0] == 0
