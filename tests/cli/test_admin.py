"""homelog-admin as a program (cli/admin.py): usage errors, --version and --help, the error contract
(known errors: one line, exit 2; bugs: one line naming the log file, exit 70, never a traceback), a
closed pipe, and no Qt loaded."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop import __version__
from homelog_desktop.cli import commands
from homelog_desktop.cli.admin import main
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.cli import assert_error, create, dump, run_module, stored_hash

# usage, version, help


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


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n")
    assert_error(main(["--db", str(path), "init"]), *capsys.readouterr(), "not a HomeLog database")
    assert path.read_text() == "shopping list\n"


# bugs: one line, details in the log file, exit 70


def bug_log(state_home: Path) -> Path:
    return state_home / "home-log" / "HomeLog Desktop" / "log" / "homelog-admin.log"


def break_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `list` fail as a bug in our code would: a ValueError nobody catches, naming 'not a date'."""

    def broken(account: object) -> tuple[str, ...]:
        raise ValueError(f"not a date: {account!r}")

    monkeypatch.setattr(commands, "account_row", broken)


def expect_one_bug_logged(caplog: pytest.LogCaptureFixture, kind: type[BaseException]) -> None:
    """The bug report was logged (at ERROR, with its exception); it was expected, so it fails no test."""
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is not None and errors[0].exc_info[0] is kind
    caplog.clear()


def test_a_creation_time_that_is_not_a_date_is_listed_as_its_text(admin: Any, db_path: Path) -> None:
    create(admin, "ann@example.com")
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE users SET created_at = 'not a date'")
    code, out, err = admin("list")
    assert (code, err) == (0, "")
    assert "not a date (not a time)" in out.splitlines()[1]


def test_a_bug_is_one_line_naming_the_log_file_that_holds_its_traceback(
    admin: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A bug of ours, as one would be: printing a row raises what nobody expects. (A creation time another
    # program stored that is not a date used to do this; it is now shown as the text it is.)
    create(admin, "ann@example.com")
    break_the_list(monkeypatch)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    code, out, err = admin("list")
    log = bug_log(tmp_path / "state")
    assert (code, out) == (70, "")
    assert err == f"homelog-admin: unexpected error (ValueError); details were written to {log}\n"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "ValueError" in text and "not a date" in text
    assert log.stat().st_mode & 0o777 == 0o600
    expect_one_bug_logged(caplog, ValueError)


def test_a_bug_in_a_real_process_never_shows_a_traceback_nor_logs_the_password(
    db_path: Path, tmp_path: Path
) -> None:
    created = run_module("--db", str(db_path), "create", "ann@example.com", "--password-stdin",
                         stdin=GOOD_PASSWORD + "\n")
    assert created.returncode == 0, created.stderr
    before = dump(db_path)
    # The database refuses the write the app makes, in a way it does not expect (a trigger of someone else's).
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE ON user_passwords BEGIN SELECT RAISE(ABORT, 'refused here'); END"
        )
    new_password = "Never-In-The-Log-4417"
    state = tmp_path / "state"
    done = run_module("--db", str(db_path), "set-password", "1", "--password-stdin", stdin=new_password + "\n",
                      env={"XDG_STATE_HOME": str(state)})
    log = bug_log(state)
    assert (done.returncode, done.stdout) == (70, "")
    assert done.stderr == f"homelog-admin: unexpected error (IntegrityError); details were written to {log}\n"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "refused here" in text
    assert new_password not in text and "$2b$" not in text
    assert dump(db_path) == before  # and nothing changed


def test_a_bug_is_still_one_line_when_the_log_cannot_be_written(
    admin: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    create(admin, "ann@example.com")
    break_the_list(monkeypatch)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the state folder would be\n")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    code, out, err = admin("list")
    assert (code, out) == (70, "")
    assert err == "homelog-admin: unexpected error (ValueError); its details could not be written to a log file\n"
    expect_one_bug_logged(caplog, ValueError)


# no Qt: homelog-admin never loads PySide6; --version and --help load no services either


PROBE = """
import sys
from homelog_desktop.cli.admin import main
code = main(sys.argv[1:])
print("exit", code, file=sys.stderr)
print("packages", *sorted({name.split(".")[0] for name in sys.modules}), file=sys.stderr)
print("ours", *sorted(name for name in sys.modules if name.startswith("homelog_desktop")), file=sys.stderr)
print("dialects", *sorted(name for name in sys.modules if name.startswith("sqlalchemy.dialects.")), file=sys.stderr)
"""


def loaded_after(*args: str) -> tuple[int, set[str], set[str]]:
    """main(args) in a fresh interpreter: its exit code, the top-level packages loaded, our modules and
    SQLAlchemy's dialects loaded."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    said = {line.split()[0]: line.split()[1:] for line in done.stderr.splitlines()[-4:]}
    assert set(said) == {"exit", "packages", "ours", "dialects"}, done.stderr
    return int(said["exit"][0]), set(said["packages"]), set(said["ours"]) | set(said["dialects"])


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_load_no_qt_no_services_no_sqlalchemy(option: str) -> None:
    code, packages, modules = loaded_after(option)
    assert code == 0
    assert not packages & {"PySide6", "shiboken6", "qasync", "sqlalchemy", "aiosqlite", "bcrypt", "argon2"}
    # errors.py writes its sentences through messages.py (a str subclass, no Qt, no imports of its own).
    assert modules <= {"homelog_desktop", "homelog_desktop.cli", "homelog_desktop.cli.admin",
                       "homelog_desktop.cli.arguments", "homelog_desktop.errors", "homelog_desktop.messages"}, modules


def test_list_loads_no_qt_and_no_postgresql_driver(admin: Any, db_path: Path) -> None:
    create(admin, "ann@example.com")
    code, packages, modules = loaded_after("--db", str(db_path), "list")
    assert code == 0
    assert "homelog_desktop.services.accounts" in modules and "sqlalchemy" in packages  # it did run
    assert not packages & {"PySide6", "shiboken6", "qasync"}
    # PostgreSQL's driver and SQL dialect only where a server is opened (they cost a tenth of the start-up)
    assert "psycopg" not in packages and not any(name.startswith("sqlalchemy.dialects.postgresql") for name in modules)


# as a program


def test_runs_as_a_module(db_path: Path) -> None:
    db = ("--db", str(db_path))
    created = run_module(*db, "create", "ann@example.com", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert (created.returncode, created.stderr) == (0, "")
    user_id = int(created.stdout)
    # HOMELOG_BCRYPT_COST reached the hasher: the stored hash has cost 4, not the default 12.
    assert (stored_hash(db_path, user_id) or "").startswith(f"$2b$0{TEST_BCRYPT_COST}$")
    verified = run_module(*db, "verify", "ANN@example.com", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert (verified.returncode, verified.stdout) == (0, "match\n")
    wrong = run_module(*db, "verify", str(user_id), "--password-stdin", stdin="Wrong-pa55\n")
    assert (wrong.returncode, wrong.stdout) == (1, "no match\n")
    refused = run_module(*db, "delete", str(user_id))
    assert refused.returncode == 2 and refused.stderr.startswith("homelog-admin: ")
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert len(dump(db_path)[0]) == 1


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


# Issue 11, "Leftovers and odd messages": a full disk said "disk I/O error". Run as root (CI), in a mount
# namespace of its own with a small tmpfs, filled up.

FULL_DISK = r"""
import json, os, subprocess, sys
folder = sys.argv[1]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", folder], check=True)
db = os.path.join(folder, "full.db")
def admin(*args, stdin=None):
    done = subprocess.run([sys.executable, "-m", "homelog_desktop.cli.admin", "--db", db, *args],
                          input=stdin, capture_output=True, text=True)
    return [done.returncode, done.stdout, done.stderr]
assert admin("create", "ann@example.com")[0] == 0
filler = os.open(os.path.join(folder, "filler"), os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(filler, b"x" * 512)
except OSError:
    os.close(filler)
results = {
    "create": admin("create", "bob@example.com", "--username", "B" * 50),
    "set-password": admin("set-password", "1", "--password-stdin", stdin="Correct7horse\n"),
    "list": admin("list"),
    "backup": admin("backup", os.path.join(folder, "copy.db")),
    "export": admin("export", "-o", os.path.join(folder, "out.csv")),
}
os.unlink(os.path.join(folder, "filler"))
results["after"] = admin("list")
results["files"] = sorted(os.listdir(folder))
print(json.dumps(results))
"""


def can_mount_a_tmpfs() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_a_tmpfs(), reason="needs root and mount namespaces (CI runs as root)")
def test_a_full_disk_says_the_disk_is_full(tmp_path: Path) -> None:
    folder = tmp_path / "small-disk"
    folder.mkdir()
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", sys.executable, "-c", FULL_DISK, str(folder)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "HOMELOG_BCRYPT_COST": str(TEST_BCRYPT_COST), "XDG_STATE_HOME": str(tmp_path / "state")},
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for command in ("create", "set-password", "backup", "export"):
        code, out, err = results[command]
        assert (code, out) == (2, ""), (command, err)
        assert err.startswith("homelog-admin: The disk is full") and err.count("\n") == 1, (command, err)
    assert results["list"][0] in (0, 2) and "I/O" not in results["list"][2]  # reading may still work
    assert results["after"][0] == 0 and "ann@example.com" in results["after"][1]
    assert "bob@example.com" not in results["after"][1]  # nothing was half written
    assert not {"copy.db", "out.csv"} & set(results["files"])
    assert not [name for name in results["files"] if name.endswith(".part")]
