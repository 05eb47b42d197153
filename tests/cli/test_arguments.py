"""What homelog-admin refuses before opening anything (cli/arguments.py): the bcrypt cost, the password on
stdin (bytes that are not UTF-8, a byte order mark, a carriage return), arguments that are not text, an
empty account reference, delete without --yes, update without a change; and its choices agree with the
services'."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.cli import arguments
from homelog_desktop.cli.admin import main
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER
from homelog_desktop.services.passwords.policy import HASH_SCHEMES
from homelog_desktop.services.transfer import OnExisting, TransferFormat
from tests.conftest import GOOD_PASSWORD
from tests.helpers.cli import assert_error, create, dump, run_module_bytes, stored_hash

# bcrypt cost


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


# Issue 11, "Tracebacks instead of one line": bytes that are not UTF-8 on stdin were a traceback (before
# issue 12) or a bug (exit 70); now one sentence, exit 2, nothing changed.


@pytest.mark.parametrize("command", ["set-password", "verify", "create"])
def test_a_password_that_is_not_utf8_is_refused_in_one_sentence(admin: Any, db_path: Path, command: str) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    before = dump(db_path)
    target = "bob@example.com" if command == "create" else user_id
    code, out, err = admin(command, target, "--password-stdin", stdin=b"Pa\xffssw0rd\n")
    assert_error(code, out, err, "The password on standard input is not valid text", "not UTF-8")
    assert dump(db_path) == before


def test_a_byte_order_mark_and_a_carriage_return_are_not_part_of_the_password(admin: Any, db_path: Path) -> None:
    # Notepad's UTF-8 starts with a byte order mark; a file saved on Windows without its last newline ends
    # in a bare CR. Before: the mark became part of the password (no match), and the CR was refused as "must
    # not start or end with a space".
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    assert admin("verify", user_id, "--password-stdin", stdin=f"\ufeff{GOOD_PASSWORD}\n".encode())[:2] == (
        0, "match\n",
    )
    assert admin("set-password", user_id, "--password-stdin", stdin=b"Batt3ry-staple\r")[0] == 0
    for sent in (b"Batt3ry-staple\n", b"\xef\xbb\xbfBatt3ry-staple\r\n", b"Batt3ry-staple\r"):
        assert admin("verify", user_id, "--password-stdin", stdin=sent)[:2] == (0, "match\n"), sent
    assert admin("verify", user_id, "--password-stdin", stdin=b"\xef\xbb\xbf\n")[0] == 2  # a mark alone: empty


def test_a_first_line_too_long_to_be_a_password_is_refused_unread(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    flood = b"A1b" * (arguments.MAX_PASSWORD_LINE // 3 + 10) + b"\n"
    assert_error(*admin("verify", user_id, "--password-stdin", stdin=flood), "longer than 65,536 bytes")
    longest = b"A1b" * (arguments.MAX_PASSWORD_LINE // 3) + b"c" * (arguments.MAX_PASSWORD_LINE % 3) + b"\r\n"
    code, out, err = admin("set-password", user_id, "--password-stdin", stdin=longest)  # read: then too long
    assert_error(code, out, err, "longer than 72 bytes")


def surrogate_escaped(raw: bytes) -> str:
    """An argument as Python hands it to main(): bytes that are not UTF-8 held as lone surrogates."""
    return os.fsdecode(raw)


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["create", b"a\xffb@x.com"], "The email address"),
        (["list", "--search", b"\xff"], "--search"),
        (["create", "c@x.com", "--username", b"\xff"], "--username"),
        (["update", "1", "--username", b"N\xe9"], "--username"),  # Latin-1, not UTF-8
        (["update", "1", "--email", b"\xc3(@x.com"], "The email address"),
        (["show", b"\xff"], "USER"),
        (["audit", "--user", b"\xff"], "USER"),
        (["--actor", b"\xff", "disable", "1"], "--actor"),
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_in_one_sentence(
    admin: Any, db_path: Path, argv: list[str | bytes], named: str
) -> None:
    create(admin, "ann@example.com", password=GOOD_PASSWORD)
    before = dump(db_path)
    args = [surrogate_escaped(arg) if isinstance(arg, bytes) else arg for arg in argv]
    assert_error(*admin(*args), f"{named} is not valid text: it holds bytes that are not UTF-8")
    assert dump(db_path) == before


def test_a_file_name_that_is_not_utf8_is_a_file_name(tmp_path: Path, db_path: Path) -> None:
    """Paths are bytes on Linux: --db, FILE and -o may hold any, printed as given; a refusal quotes them
    escaped, on one line."""
    assert run_module_bytes("--db", str(db_path), "create", "ann@example.com").returncode == 0
    name = os.fsencode(tmp_path) + b"/copy-\xff.db"
    done = run_module_bytes("--db", str(db_path), "backup", name)
    assert (done.returncode, done.stdout, done.stderr) == (0, name + b"\n", b"")
    assert name in {os.fsencode(path) for path in tmp_path.iterdir()}
    again = run_module_bytes("--db", str(db_path), "backup", name)
    assert again.returncode == 2 and again.stdout == b""
    assert again.stderr == b"homelog-admin: " + name.replace(b"\xff", b"\\xff") + (
        b" already exists; a backup never overwrites a file. Choose another name.\n"
    )


# Issue 11, "Leftovers and odd messages": `show ''` said "No account with the email  was found", and
# `audit --user ''` listed everything.


@pytest.mark.parametrize(
    "argv",
    [["show", ""], ["show", "   "], ["verify", "", "--password-stdin"], ["audit", "--user", ""],
     ["audit", "--user", " "], ["--actor", "", "disable", "1"], ["delete", " ", "--yes"]],
)
def test_an_empty_account_reference_is_refused_in_one_sentence(admin: Any, db_path: Path, argv: list[str]) -> None:
    create(admin, "ann@example.com", password=GOOD_PASSWORD)
    before = dump(db_path)
    code, out, err = admin(*argv, stdin=GOOD_PASSWORD + "\n")
    assert_error(code, out, err, "No account was named: give an account id or an email address.")
    assert "No account with" not in err
    assert dump(db_path) == before


# refused before the database is opened


def test_delete_without_yes_is_refused_and_keeps_the_account(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com", password=GOOD_PASSWORD))
    before = dump(db_path)
    assert_error(*admin("delete", user_id), "--yes")
    assert dump(db_path) == before


def test_update_without_any_change_is_a_usage_error(admin: Any, db_path: Path) -> None:
    user_id = str(create(admin, "ann@example.com"))
    before = dump(db_path)
    assert_error(*admin("update", user_id), "--email or --username")
    assert dump(db_path) == before


# the choices, written without importing the services


def test_the_choices_agree_with_the_services() -> None:
    assert arguments.ROLES == (ROLE_ADMINISTRATOR, ROLE_MEMBER)
    assert arguments.HASH_SCHEMES == HASH_SCHEMES
    assert arguments.TRANSFER_FORMATS == tuple(kind.value for kind in TransferFormat)
    assert arguments.ON_EXISTING == tuple(choice.value for choice in OnExisting)
