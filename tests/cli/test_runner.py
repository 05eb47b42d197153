"""Which database homelog-admin opens, and when it creates one (cli/runner.py): never out of an empty file
or a device unless asked to create."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.cli.admin import build_parser, main
from homelog_desktop.cli.runner import COMMANDS, CREATING
from tests.helpers.cli import AS_ROOT, assert_error, device_node, run_module


def test_init_in_a_missing_folder_fails_without_creating_it(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "missing"
    code = main(["--db", str(folder / "x.db"), "--bcrypt-cost", "4", "init"])
    assert_error(code, *capsys.readouterr(), "does not exist")
    assert not folder.exists()


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


def test_default_database_goes_in_a_new_app_data_folder(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    result = run_module("init", env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(data_home)})
    assert (result.returncode, result.stderr) == (0, "")
    path = Path(result.stdout.strip())
    assert path.is_file() and path.name == "homelog.db"
    assert path.is_relative_to(data_home)  # the missing folders were created (create_folder=True)


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["delete", "1", "--yes"], ["clear-password", "1"]])
def test_commands_other_than_init_and_create_never_create_a_database(
    admin: Any, db_path: Path, command: list[str]
) -> None:
    code, out, err = admin(*command)
    assert (code, out) == (2, "")
    assert "does not exist" in err and len(err.splitlines()) == 1
    assert not db_path.exists()


def test_every_command_of_the_parser_has_a_handler() -> None:
    parser = build_parser()
    subcommands = next(action for action in parser._actions if action.dest == "command")
    names = set(subcommands.choices)  # type: ignore[arg-type]
    assert names == set(COMMANDS) | {"restore"}  # restore runs on the closed file, without services
    assert CREATING <= names


# Issue 11, "Leftovers and odd messages": `list` turned a 0-byte file into a database, and `--db /dev/null`
# said "disk I/O error". Opening never makes a database of what is not one; only init and create create.


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["report"], ["export"], ["audit"]])
def test_an_empty_file_stays_empty_unless_init_or_create(admin: Any, db_path: Path, command: list[str]) -> None:
    db_path.write_bytes(b"")
    db_path.chmod(0o600)
    assert_error(*admin(*command), f"{db_path} is not a HomeLog database (it is empty).")
    assert db_path.read_bytes() == b""
    assert sorted(path.name for path in db_path.parent.iterdir()) == [db_path.name]  # no -wal, no -shm
    assert admin("init") == (0, f"{db_path}\n", "")  # asked to create: it becomes one
    assert admin("list")[0] == 0


@pytest.mark.skipif(not AS_ROOT, reason="only root can make a device node (CI runs as root)")
@pytest.mark.parametrize("command", [["list"], ["init"], ["create", "ann@example.com"]])
def test_a_device_is_named_as_one_and_left_alone(admin_on: Any, tmp_path: Path, command: list[str]) -> None:
    """`--db /dev/null`, on a node of the test's own with /dev/null's numbers (see device_node)."""
    device = device_node(tmp_path / "null", minor=3)
    before = os.lstat(device)
    assert_error(*admin_on(device, *command), f"{device} is a device, not a database file.")
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null"]  # no -wal, no -shm beside it


def test_dev_null_is_named_as_a_device(admin_on: Any) -> None:
    assert_error(*admin_on(Path("/dev/null"), "list"), "/dev/null is a device, not a database file.")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(admin_on: Any, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)  # reading its header would wait forever
    assert_error(*admin_on(pipe, "list"), "is a named pipe, not a database file.")
    assert_error(*admin_on(tmp_path, "list"), "is a folder, not a database file.")


def test_a_database_others_can_read_is_warned_about_on_every_run(admin: Any, db_path: Path) -> None:
    assert admin("init")[0] == 0
    db_path.chmod(0o644)  # as home-log may leave it
    code, out, err = admin("list")
    assert code == 0 and out.startswith("ID")
    assert err == (
        f"homelog-admin: warning: {db_path} can be read by other users of this computer, password hashes "
        f"included; run chmod 600 {db_path} to make it yours only.\n"
    )
    db_path.chmod(0o600)
    assert admin("list")[2] == ""


# --actor: an enabled administrator, recorded as named on the command line


def test_the_actor_must_be_an_enabled_unlocked_administrator(admin: Any, db_path: Path) -> None:
    from tests.helpers.cli import create, dump
    from tests.helpers.workspaces import rows

    ann = create(admin, "ann@example.org", password="Correct7horse")
    bob = create(admin, "bob@example.org")
    create(admin, "carl@example.org")
    for args in (("set-role", str(ann), "administrator"), ("set-role", str(bob), "administrator")):
        assert admin(*args)[0] == 0
    before = dump(db_path)
    assert_error(*admin("--actor", "nobody@example.org", "delete", "carl@example.org", "--yes"),
                 "No account with the email nobody@example.org")
    assert admin("disable", str(bob))[0] == 0
    entries = len(rows(db_path, "SELECT id FROM homelog_desktop_audit"))
    for given, why in (("BOB@example.org", "disabled"), ("carl@example.org", "made a member")):
        code, out, err = admin("--actor", given, "delete", "carl@example.org", "--yes")
        assert_error(code, out, err, f"--actor {given}: ", f"is not an enabled administrator ({why})")
    for _ in range(5):
        admin("verify", str(ann), "--password-stdin", stdin="Wrong7password\n")
    assert_error(*admin("--actor", str(ann), "clear-password", "carl@example.org"), "(locked after failed sign-ins)")
    assert dump(db_path) == before  # nothing written by a refused actor
    assert len(rows(db_path, "SELECT id FROM homelog_desktop_audit")) == entries + 6  # the checks and the lock


def test_the_trail_records_the_actor_as_named_on_the_command_line(admin: Any, db_path: Path) -> None:
    from tests.helpers.cli import create
    from tests.helpers.workspaces import rows

    ann = create(admin, "Ann@Example.org")
    assert admin("set-role", str(ann), "administrator")[0] == 0
    assert admin("--actor", "ANN@example.org", "create", "bob@example.org")[0] == 0
    assert admin("--actor", str(ann), "set-role", "bob@example.org", "administrator")[0] == 0
    recorded = rows(db_path, "SELECT action, actor_id, actor_email, actor_via FROM homelog_desktop_audit")
    assert recorded[-2:] == [
        ("create", ann, "Ann@Example.org", "homelog-admin --actor ANN@example.org"),
        ("make_administrator", ann, "Ann@Example.org", f"homelog-admin --actor {ann}"),
    ]
    assert recorded[0][3] is None  # nobody acting: nothing to say how
    code, out, _ = admin("audit", "verify")
    assert (code, out) == (0, "The audit trail is intact.\n")
    code, out, _ = admin("audit")
    assert f"by Ann@Example.org (homelog-admin --actor {ann})  on" in out


def test_kept_heads_that_cannot_be_read_check_nothing_and_stop_nothing(tmp_path: Path) -> None:
    from homelog_desktop.cli.kept_heads import FileHeadStore

    store = FileHeadStore(tmp_path / "state" / "audit-heads.json")
    assert store.kept(tmp_path / "a.db") is None  # no file yet
    store.keep(tmp_path / "a.db", "1 aa bb")
    store.keep(tmp_path / "b.db", "2 cc dd")
    assert (store.kept(tmp_path / "a.db"), store.kept(tmp_path / "b.db")) == ("1 aa bb", "2 cc dd")
    assert (tmp_path / "state").stat().st_mode & 0o777 == 0o700
    store.keep(tmp_path / "a.db", None)
    assert store.kept(tmp_path / "a.db") is None and store.kept(tmp_path / "b.db") == "2 cc dd"
    store.file.write_text("[not an object", encoding="utf-8")
    assert store.kept(tmp_path / "b.db") is None
    store.keep(tmp_path / "a.db", "3 ee ff")  # replaces what could not be read
    assert store.kept(tmp_path / "a.db") == "3 ee ff"
    assert sorted(path.name for path in (tmp_path / "state").iterdir()) == ["audit-heads.json"]
