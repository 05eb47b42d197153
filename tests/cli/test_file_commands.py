"""homelog-admin backup, restore, export and import (cli/file_commands.py), end to end on real files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.cli import AS_ROOT, assert_error, create, device_node, dump, run_module

OTHER_PASSWORD = "Batt3ry-staple"


@pytest.fixture
def seeded(admin: Any) -> None:
    create(admin, "ann@example.org", "--username", "Ann", password=GOOD_PASSWORD)
    create(admin, "bob@example.org")
    create(admin, "carl@home.net", "--username", "Annika", password=OTHER_PASSWORD)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def no_secret(*texts: str) -> bool:
    return all("$2b$" not in text and GOOD_PASSWORD not in text for text in texts)


# backup and restore


def test_backup_prints_the_new_file(admin: Any, seeded: None, tmp_path: Path, db_path: Path) -> None:
    target = tmp_path / "copy.db"
    code, out, err = admin("backup", str(target))
    assert (code, out, err) == (0, f"{target}\n", "")
    assert target.stat().st_mode & 0o777 == 0o600
    assert dump(target) == dump(db_path)


def test_backup_never_overwrites(admin: Any, seeded: None, tmp_path: Path) -> None:
    target = tmp_path / "taken.db"
    target.write_text("keep me")
    assert_error(*admin("backup", str(target)), "already exists")
    assert target.read_text() == "keep me"


def test_restore_prints_where_the_replaced_database_was_kept(
    admin: Any, seeded: None, tmp_path: Path, db_path: Path
) -> None:
    saved = tmp_path / "saved.db"
    assert admin("backup", str(saved))[0] == 0
    before = dump(db_path)
    create(admin, "dave@example.org")
    changed = dump(db_path)
    code, out, err = admin("restore", str(saved))
    assert (code, err) == (0, "")
    kept = Path(out.strip())
    assert out.count("\n") == 1 and kept.name.startswith("homelog-test.before-restore-")
    assert dump(kept) == changed
    assert dump(db_path) == before
    assert admin("verify", "ann@example.org", "--password-stdin", stdin=GOOD_PASSWORD + "\n")[:2] == (0, "match\n")
    assert db_path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("content", "message"), [(b"shopping list\n", "not an SQLite file"), (b"", "not an SQLite file")]
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    admin: Any, seeded: None, tmp_path: Path, db_path: Path, content: bytes, message: str
) -> None:
    chosen = tmp_path / "chosen.db"
    chosen.write_bytes(content)
    before = sha256(db_path), sha256(chosen)
    assert_error(*admin("restore", str(chosen)), message)
    assert (sha256(db_path), sha256(chosen)) == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_restore_into_a_new_database_file(admin: Any, admin_on: Any, seeded: None, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    admin("backup", str(saved))
    fresh = tmp_path / "elsewhere.db"
    assert admin_on(fresh, "restore", str(saved)) == (0, "", "")
    assert json.loads(admin_on(fresh, "list", "--json")[1])[0]["email"] == "ann@example.org"


# export


def test_export_defaults_to_csv_on_stdout_without_hashes(admin: Any, seeded: None) -> None:
    code, out, err = admin("export")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["id", "email", "username", "has_password", "created_at", "updated_at"]
    assert [(r["id"], r["email"], r["has_password"]) for r in rows] == [
        ("1", "ann@example.org", "true"), ("2", "bob@example.org", "false"), ("3", "carl@home.net", "true"),
    ]
    assert no_secret(out, err)


def test_export_json_with_search_and_hashes(admin: Any, seeded: None) -> None:
    code, out, _ = admin("export", "--format", "json", "--search", "ANN", "--include-hashes")
    records = json.loads(out)
    assert code == 0 and [r["email"] for r in records] == ["ann@example.org", "carl@home.net"]
    assert all(r["hashed_password"].startswith(f"$2b$0{TEST_BCRYPT_COST}$") for r in records)
    assert GOOD_PASSWORD not in out


def test_export_to_a_file(admin: Any, seeded: None, tmp_path: Path) -> None:
    target = tmp_path / "accounts.json"
    code, out, err = admin("export", "-o", str(target))
    assert (code, out, err) == (0, f"Exported 3 accounts to {target}.\n", "")
    assert target.stat().st_mode & 0o777 == 0o600
    assert len(json.loads(target.read_text())) == 3  # format taken from the extension


def test_export_pages_through_many_accounts_in_id_order(admin: Any, db_path: Path) -> None:
    for number in range(12):
        create(admin, f"u{number:02d}@example.org")
    _code, out, _ = admin("export", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == list(range(1, 13))


# Issue 11, "Export destroys what is at its path": `export -o` replaced device nodes (as root, /dev/full
# became a file), named pipes, symbolic links, hard links and other users' files. Now each is refused in
# one sentence and left exactly as it was; only a regular file of the user's own is replaced.


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_symlink(path: Path) -> None:
    (path.parent / "pointed-at.csv").write_text("keep me\n")
    path.symlink_to(path.parent / "pointed-at.csv")


def make_hard_link(path: Path) -> None:
    path.write_text("keep me\n")
    os.link(path, path.parent / "second-name.csv")


def make_others_file(path: Path) -> None:
    path.write_text("keep me\n")
    os.chown(path, 4242, 4242)


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (make_fifo, "is a named pipe, not a regular file"),
        (lambda path: path.mkdir(), "is a folder, not a regular file"),
        (make_symlink, "is a symbolic link"),
        (make_hard_link, "has other names (hard links)"),
        pytest.param(make_others_file, "belongs to another user", marks=pytest.mark.skipif(
            os.geteuid() != 0, reason="only root can give a file to another user (CI runs as root)")),
    ],
    ids=["fifo", "folder", "symlink", "hard-link", "other-user"],
)
def test_export_refuses_what_it_must_not_replace(
    admin: Any, seeded: None, tmp_path: Path, make: Callable[[Path], None], sentence: str
) -> None:
    target = tmp_path / "accounts.csv"
    make(target)
    before = os.lstat(target)
    assert_error(*admin("export", "-o", str(target)), str(target), sentence)
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode, after.st_uid, after.st_mtime_ns) == (
        before.st_ino, before.st_mode, before.st_uid, before.st_mtime_ns,
    )
    for other in tmp_path.glob("*.csv"):
        if other.is_file() and not other.is_symlink():
            assert other.read_text() == "keep me\n"
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".part")]


@pytest.mark.skipif(not AS_ROOT, reason="only root can make a device node (CI runs as root)")
@pytest.mark.parametrize(("name", "minor"), [("full", 7), ("null", 3)])
def test_export_never_replaces_a_device(admin: Any, seeded: None, tmp_path: Path, name: str, minor: int) -> None:
    """As root, the rename that replaces a file used to replace the device node itself (`-o /dev/full`).
    Device nodes of the test's own, with /dev/full's and /dev/null's numbers (see device_node)."""
    device = device_node(tmp_path / name, minor=minor)
    before = os.lstat(device)
    assert_error(*admin("export", "-o", str(device)), f"{device} is a device, not a regular file")
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".part")]


def test_export_replaces_a_regular_file_of_ours(admin: Any, seeded: None, tmp_path: Path) -> None:
    target = tmp_path / "accounts.csv"
    target.write_text("an older export\n")
    target.chmod(0o644)
    assert admin("export", "-o", str(target))[0] == 0
    assert target.read_text().startswith("id,email,")
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["accounts.csv", "homelog-test.db"]


# Issue 11, "Leftovers and odd messages": a killed `backup` left a 0-byte target that blocked the next one,
# and a restore refused because the file is in use still wrote its before-restore copy.

BACKUP_KILLED_HALF_WAY = """
import os, sys, threading
from pathlib import Path
from homelog_desktop.data.sqlite_backup import backup_sqlite_file
source, target = Path(sys.argv[1]), Path(sys.argv[2])
def kill_once_started():  # the copy waits for the test's lock: kill the process in the middle of it
    while not any(p.name.startswith("." + target.name) for p in target.parent.iterdir()):
        pass
    os.kill(os.getpid(), 9)
threading.Thread(target=kill_once_started, daemon=True).start()
backup_sqlite_file(source, target)
"""


def test_a_killed_backup_leaves_nothing_that_blocks_the_next(
    admin: Any, seeded: None, tmp_path: Path, db_path: Path
) -> None:
    target = tmp_path / "copy.db"
    with closing(sqlite3.connect(db_path, isolation_level=None)) as holder:
        holder.execute("PRAGMA journal_mode=DELETE")
        holder.execute("BEGIN EXCLUSIVE")  # the copy waits for this lock: killed while it copies
        done = subprocess.run([sys.executable, "-c", BACKUP_KILLED_HALF_WAY, str(db_path), str(target)],
                              capture_output=True, text=True, timeout=60)
        holder.execute("ROLLBACK")
    assert done.returncode == -9, done.stderr
    assert not target.exists()  # before: a 0-byte copy.db
    code, out, err = admin("backup", str(target))
    assert (code, out, err) == (0, f"{target}\n", "")
    assert dump(target) == dump(db_path)
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(("copy", ".copy"))) == ["copy.db"]


def test_a_restore_refused_because_the_database_is_in_use_writes_nothing(
    admin: Any, seeded: None, tmp_path: Path, db_path: Path
) -> None:
    saved = tmp_path / "saved.db"
    assert admin("backup", str(saved))[0] == 0
    create(admin, "dave@example.org")
    before = dump(db_path)
    with closing(sqlite3.connect(db_path)) as other:  # another program has it open (WAL mode)
        other.execute("SELECT COUNT(*) FROM users").fetchone()
        assert_error(*admin("restore", str(saved)), "by another program")
    assert dump(db_path) == before
    assert not list(tmp_path.glob("*before-restore*"))


# import


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_import_round_trip_keeps_accounts_and_passwords(
    admin: Any, admin_on: Any, seeded: None, tmp_path: Path, kind: str
) -> None:
    exported = tmp_path / f"accounts.{kind}"
    assert admin("export", "--include-hashes", "-o", str(exported))[0] == 0
    fresh = tmp_path / "fresh.db"
    assert admin_on(fresh, "init")[0] == 0
    code, out, err = admin_on(fresh, "import", str(exported))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [
        "row 1  ann@example.org  create", "row 2  bob@example.org  create", "row 3  carl@home.net  create",
    ]
    assert lines[3] == "Imported: 3 created, 0 updated, 0 skipped."
    assert lines[4].startswith("The database before the import was kept as ")
    assert no_secret(out, err)
    original = json.loads(admin("list", "--json")[1])
    imported = json.loads(admin_on(fresh, "list", "--json")[1])
    for account in original + imported:  # the files do not carry when a password was set
        assert account.pop("password_changed_at") is not None or not account["has_password"]
    assert imported == original
    assert admin_on(fresh, "verify", "carl@home.net", "--password-stdin", stdin=OTHER_PASSWORD + "\n")[0] == 0
    assert admin_on(fresh, "verify", "carl@home.net", "--password-stdin", stdin=GOOD_PASSWORD + "\n")[0] == 1


def test_import_with_an_invalid_row_reports_it_and_writes_nothing(admin: Any, tmp_path: Path, db_path: Path) -> None:
    admin("init")
    source = tmp_path / "bad.csv"
    source.write_text("email,username,hashed_password\nok@example.org,Ok,\nnope,Bad,\nz@example.org,,md5:0cc175b9c0f1b6a8\n")
    before = dump(db_path)
    code, out, err = admin("import", str(source))
    assert code == 2
    assert out.splitlines()[0] == "row 1  ok@example.org  create"
    assert out.splitlines()[1].startswith("row 2  nope  error  ")
    assert "not a valid email address" in out.splitlines()[1]
    assert out.splitlines()[2] == (
        "row 3  z@example.org  error  The password hash is not in a recognised format "
        "(bcrypt $2a$/$2b$/$2y$ or $argon2id$)."
    )
    assert err == "homelog-admin: 2 rows have errors; nothing was imported.\n"
    assert dump(db_path) == before
    assert "0cc175b9" not in out + err  # a rejected hash is never repeated


def test_import_dry_run_writes_nothing(admin: Any, tmp_path: Path, db_path: Path) -> None:
    admin("init")
    source = tmp_path / "ok.json"
    source.write_text(json.dumps([{"email": "a@example.org"}, {"email": "b@example.org", "username": "B"}]))
    before = dump(db_path)
    code, out, err = admin("import", str(source), "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "Dry run: 2 to create, 0 to update, 0 skipped, 0 errors; nothing was written."
    assert dump(db_path) == before
    assert not list(tmp_path.glob("*before-import*"))


def test_import_on_existing_skip_update_abort(admin: Any, tmp_path: Path, db_path: Path) -> None:
    create(admin, "ann@example.org", "--username", "Ann")
    source = tmp_path / "people.csv"
    source.write_text("email,username\nANN@example.org,Ann Lee\nnew@example.org,New\n")

    before = dump(db_path)
    code, out, err = admin("import", str(source), "--on-existing", "abort")
    assert code == 2 and "row 1  ANN@example.org  error  Account 1 already has this email address" in out
    assert err == "homelog-admin: 1 row has an error; nothing was imported.\n"
    assert dump(db_path) == before

    code, out, _ = admin("import", str(source))  # skip is the default
    assert code == 0 and "row 1  ANN@example.org  skip  Account 1 already has this email address." in out
    assert "Imported: 1 created, 0 updated, 1 skipped." in out  # the row above, said skipped

    code, out, _ = admin("import", str(source), "--on-existing", "update")
    assert code == 0 and "Imported: 0 created, 2 updated, 0 skipped." in out
    names = {a["email"]: a["username"] for a in json.loads(admin("list", "--json")[1])}
    assert names == {"ANN@example.org": "Ann Lee", "new@example.org": "New"}


def test_import_needs_an_existing_database(admin: Any, tmp_path: Path, db_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("email\na@example.org\n")
    assert_error(*admin("import", str(source)), "does not exist")
    assert not db_path.exists()


def test_import_refuses_plaintext_passwords(admin: Any, tmp_path: Path, db_path: Path) -> None:
    admin("init")
    source = tmp_path / "clear.csv"
    source.write_text("email,password\na@example.org,Secret7pass\n")
    code, out, err = admin("import", str(source))
    assert_error(code, out, err, "never passwords in clear")
    assert "Secret7pass" not in err


@pytest.mark.parametrize(("target", "sentence"), [("null", "is a device"), ("link.db", "is a symbolic link")])
def test_backup_names_what_it_refuses(admin: Any, seeded: None, tmp_path: Path, target: str, sentence: str) -> None:
    path = tmp_path / target
    if target == "link.db":
        path.symlink_to(tmp_path / "nowhere.db")
    elif AS_ROOT:
        device_node(path, minor=3)
    else:
        path = Path("/dev/null")  # a backup never writes over an existing path: only looked at
    assert_error(*admin("backup", str(path)), f"{path} {sentence}")
    assert not (tmp_path / "nowhere.db").exists()
    assert os.path.islink(path) or stat.S_ISCHR(os.lstat(path).st_mode)


# import of hostile JSON (issue 11: each of these was a traceback)


def test_import_of_100000_nested_brackets_is_one_line(admin: Any, tmp_path: Path, db_path: Path) -> None:
    admin("init")
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000 + "]" * 100_000)
    before = dump(db_path)
    assert_error(*admin("import", str(source)), "deep.json, line 1, column 2: the entry is longer than 65,536")
    assert dump(db_path) == before and not list(tmp_path.glob("*before-import*"))


def test_import_of_a_5000_digit_integer_is_no_crash(admin: Any, tmp_path: Path, db_path: Path) -> None:
    admin("init")
    source = tmp_path / "number.json"
    source.write_text('[{"id": ' + "7" * 5000 + ', "email": "a@example.org"}, {"email": ' + "7" * 5000 + "}]")
    code, out, err = admin("import", str(source))
    assert code == 2 and out.splitlines() == [
        "row 1  a@example.org  create", "row 2  -  error  The email address must be text.",
    ]
    assert err == "homelog-admin: 1 row has an error; nothing was imported.\n"
    assert dump(db_path) == ([], []) and not list(tmp_path.glob("*before-import*"))


def test_import_of_a_lone_surrogate_writes_nothing_not_even_the_copy(tmp_path: Path) -> None:
    db = tmp_path / "accounts.db"
    assert run_module("--db", str(db), "init").returncode == 0
    source = tmp_path / "surrogate.json"
    source.write_text('[{"email": "a@example.org"}, {"email": "b\\ud800@example.org"}]')
    before = dump(db)
    # In a process of its own: the row is printed to a real, encoded stdout.
    done = run_module("--db", str(db), "import", str(source), env={"PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 2
    assert done.stdout.splitlines() == [
        "row 1  a@example.org  create",
        "row 2  b\\ud800@example.org  error  The email address holds a lone surrogate (an escape such as \\ud800), "
        "which is not text.",
    ]
    assert done.stderr == "homelog-admin: 1 row has an error; nothing was imported.\n"
    assert dump(db) == before and not list(tmp_path.glob("*before-import*"))


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"])
def test_import_of_a_date_beyond_the_calendar_is_a_row_error(
    admin: Any, tmp_path: Path, db_path: Path, moment: str
) -> None:
    admin("init")
    source = tmp_path / "dates.json"
    source.write_text(json.dumps([{"email": "a@example.org", "created_at": moment}]))
    code, out, err = admin("import", str(source))
    assert code == 2 and out == (
        "row 1  a@example.org  error  created_at is out of range: in UTC it must fall within the years 1 to 9999.\n"
    )
    assert err == "homelog-admin: 1 row has an error; nothing was imported.\n"
    assert dump(db_path) == ([], []) and not list(tmp_path.glob("*before-import*"))
