"""homelog-admin end to end: real SQLite files, real bcrypt at cost 4, `main()` in-process and as a module."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop import __version__
from homelog_desktop.cli.admin import LIST_PAGE_SIZE, main
from homelog_desktop.services.accounts import AccountService
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST

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


# init and database choice


def test_init_creates_the_database_and_prints_its_path(admin: Any, db_path: Path) -> None:
    assert not db_path.exists()
    code, out, err = admin("init")
    assert (code, out, err) == (0, f"{db_path}\n", "")
    with closing(sqlite3.connect(db_path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"users", "user_passwords"} <= tables
    assert admin("init")[0] == 0  # opening an existing database again is fine


def test_init_in_a_missing_folder_fails_without_creating_it(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "missing"
    code = main(["--db", str(folder / "x.db"), "--bcrypt-cost", "4", "init"])
    assert_error(code, *capsys.readouterr(), "does not exist")
    assert not folder.exists()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    assert_error(main(["--db", str(path), "init"]), *capsys.readouterr(), "not a HomeLog database")
    assert path.read_text() == "shopping list\n"


def test_homelog_db_environment_variable_is_used_without_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("HOMELOG_DB", str(path))
    assert main(["init"]) == 0
    assert capsys.readouterr().out == f"{path}\n"
    assert path.exists()


def test_db_option_wins_over_the_environment(db_path: Path, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("HOMELOG_DB", str(tmp_path / "ignored.db"))
    assert main(["--db", str(db_path), "init"]) == 0
    assert db_path.exists() and not (tmp_path / "ignored.db").exists()


# create


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


def test_bcrypt_cost_option_is_honoured(db_path: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD_PASSWORD + "\n"))
    code = main(["--db", str(db_path), "--bcrypt-cost", "5", "create", "a@example.com", "--password-stdin"])
    assert code == 0
    user_id = int(capsys.readouterr().out)
    assert (stored_hash(db_path, user_id) or "").startswith("$2b$05$")


@pytest.mark.parametrize("cost", ["3", "32", "twelve"])
def test_bcrypt_cost_out_of_range_is_a_usage_error(db_path: Path, capsys: Any, cost: str) -> None:
    assert_error(main(["--db", str(db_path), "--bcrypt-cost", cost, "init"]), *capsys.readouterr(), "4 to 31")
    assert not db_path.exists()


def test_bad_bcrypt_cost_in_the_environment_is_an_error(db_path: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setenv("HOMELOG_BCRYPT_COST", "2")
    assert_error(main(["--db", str(db_path), "init"]), *capsys.readouterr(), "HOMELOG_BCRYPT_COST")
    assert not db_path.exists()


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


# password from stdin


def test_only_the_trailing_newline_is_stripped(admin: Any) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD + "\r"))  # sent as "...\r\n"
    assert admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD + "\n")[0] == 0
    assert admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD)[0] == 0  # no newline at all
    # Only the first line is the password, and inner spaces are part of it.
    assert admin("verify", user_id, "--password-stdin", stdin=f"{GOOD_PASSWORD}\nsecond line\n")[0] == 0
    assert admin("verify", user_id, "--password-stdin", stdin=f"{GOOD_PASSWORD} \n")[:2] == (1, "no match\n")


@pytest.mark.parametrize("stdin", ["", "\n", "\r\n"])
def test_empty_stdin_is_an_error(admin: Any, db_path: Path, stdin: str) -> None:
    assert_error(*admin("create", "ann@example.com", "--password-stdin", stdin=stdin), "standard input")
    assert not db_path.exists()  # refused before the database was even opened
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    before = dump(db_path)
    assert_error(*admin("set-password", user_id, "--password-stdin", stdin=stdin), "standard input")
    assert_error(*admin("verify", user_id, "--password-stdin", stdin=stdin), "standard input")
    assert dump(db_path) == before


@pytest.mark.parametrize("command", ["set-password", "verify"])
def test_password_stdin_is_required_where_a_password_is_needed(admin: Any, command: str) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    assert_error(*admin(command, user_id), "--password-stdin")


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


def test_update_without_any_change_is_a_usage_error(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com"))
    before = dump(db_path)
    assert_error(*admin("update", user_id), "--email or --username")
    assert dump(db_path) == before


# passwords: set, clear, verify


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


def test_verify_exit_codes(admin: Any) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    assert admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD + "\n") == (0, "match\n", "")
    assert admin("verify", "ANN@EXAMPLE.COM", "--password-stdin", stdin=GOOD_PASSWORD + "\n")[0] == 0
    assert admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD.lower() + "\n") == (
        1, "no match\n", "",
    )
    too_long = "Ab1" + "x" * 80  # can never match a bcrypt hash, but is not an error either
    assert admin("verify", user_id, "--password-stdin", stdin=too_long + "\n")[:2] == (1, "no match\n")


def test_clear_password(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    code, out, err = admin("clear-password", user_id)
    assert (code, err) == (0, "") and user_id in out
    assert show_json(admin, user_id)["has_password"] is False
    assert dump(db_path)[1] == []
    assert_error(*admin("verify", user_id, "--password-stdin", stdin=GOOD_PASSWORD + "\n"), "no password")
    assert admin("clear-password", user_id)[0] == 0  # clearing twice is harmless


# delete


def test_delete_without_yes_is_refused_and_keeps_the_account(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    before = dump(db_path)
    assert_error(*admin("delete", user_id), "--yes")
    assert dump(db_path) == before


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


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        ([], "COMMAND"),
        (["frobnicate"], "invalid choice"),
        (["create"], "EMAIL"),
        (["show"], "USER"),
        (["list", "--colour"], "unrecognized arguments"),
        (["delete", "1", "--yes", "extra"], "unrecognized arguments"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    db_path: Path, capsys: Any, argv: list[str], fragment: str
) -> None:
    assert_error(main(["--db", str(db_path), *argv]), *capsys.readouterr(), fragment)
    assert not db_path.exists()


def test_version_and_help_exit_0(capsys: Any) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"homelog-admin {__version__}\n"
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "set-password" in out and "--bcrypt-cost" not in out  # the cost stays hidden


def test_unexpected_exceptions_propagate(admin: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    create(admin, "ann@example.com")

    async def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(AccountService, "list_page", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        admin("list")


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


# as a program


def _run_module(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Any:
    base = {k: v for k, v in os.environ.items() if k not in ("HOMELOG_DB", "HOMELOG_BCRYPT_COST")}
    return subprocess.run(
        [sys.executable, "-m", "homelog_desktop.cli.admin", *args],
        input=stdin, capture_output=True, text=True, timeout=60,
        env={**base, "HOMELOG_BCRYPT_COST": str(TEST_BCRYPT_COST), **(env or {})},
    )


def test_runs_as_a_module(db_path: Path) -> None:
    db = ("--db", str(db_path))
    created = _run_module(*db, "create", "ann@example.com", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert (created.returncode, created.stderr) == (0, "")
    user_id = int(created.stdout)
    # HOMELOG_BCRYPT_COST reached the hasher: the stored hash has cost 4, not the default 12.
    assert (stored_hash(db_path, user_id) or "").startswith(f"$2b$0{TEST_BCRYPT_COST}$")
    verified = _run_module(*db, "verify", "ANN@example.com", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert (verified.returncode, verified.stdout) == (0, "match\n")
    wrong = _run_module(*db, "verify", str(user_id), "--password-stdin", stdin="Wrong-pa55\n")
    assert (wrong.returncode, wrong.stdout) == (1, "no match\n")
    refused = _run_module(*db, "delete", str(user_id))
    assert refused.returncode == 2 and refused.stderr.startswith("homelog-admin: ")
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert len(dump(db_path)[0]) == 1


def test_default_database_goes_in_a_new_app_data_folder(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    result = _run_module("init", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(data_home)})
    assert (result.returncode, result.stderr) == (0, "")
    path = Path(result.stdout.strip())
    assert path.is_file() and path.name == "homelog.db"
    assert path.is_relative_to(data_home)  # the missing folders were created (create_folder=True)


def test_a_closed_pipe_stops_list_quietly(admin: Any, db_path: Path) -> None:
    admin("init")
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.executemany(
            "INSERT INTO users (email, created_at) VALUES (?, '2024-05-01 10:00:00')",
            [(f"someone.with.a.long.address.{n:05}@example.com",) for n in range(3000)],
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "homelog_desktop.cli.admin", "--db", str(db_path), "list"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("ID")
    process.stdout.close()  # like `| head -1`: far more output is still to come than a pipe holds
    _, err = process.communicate(timeout=60)
    assert err == ""
    assert process.returncode == 141


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["delete", "1", "--yes"], ["clear-password", "1"]])
def test_commands_other_than_init_and_create_never_create_a_database(
    admin: Any, db_path: Path, command: list[str]
) -> None:
    code, out, err = admin(*command)
    assert (code, out) == (2, "")
    assert "does not exist" in err and len(err.splitlines()) == 1
    assert not db_path.exists()


def test_an_id_too_large_for_sqlite_is_not_found(admin: Any) -> None:
    create(admin, "ann@example.com")
    code, _out, err = admin("show", "9" * 25)
    assert code == 2 and "No account" in err
