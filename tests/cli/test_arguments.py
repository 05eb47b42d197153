"""What homelog-admin refuses before opening anything (cli/arguments.py): the bcrypt cost, the password on
stdin, delete without --yes, update without a change; and its choices agree with the services'."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.cli import arguments
from homelog_desktop.cli.admin import main
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER
from homelog_desktop.services.passwords.policy import HASH_SCHEMES
from homelog_desktop.services.transfer import OnExisting, TransferFormat
from tests.conftest import GOOD_PASSWORD
from tests.helpers.cli import assert_error, create, dump, stored_hash

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
