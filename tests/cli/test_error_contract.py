"""homelog-admin's error contract against anything a shell can pass (cli/admin.py): whatever the arguments and
standard input hold, bytes that are not UTF-8 included, the exit code is 0, 1, 2 or 3, standard error holds
at most one line and never a traceback, and a refusal (exit 2) changes nothing.

A Hypothesis fuzz test drives main() in this process (arguments as Python receives them: the bytes that are
not UTF-8 held as lone surrogates; standard input as bytes, beneath a text stream as in a real process); a
few cases run as real processes, with real bytes.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homelog_desktop.cli.admin import main
from homelog_desktop.cli.runner import COMMANDS
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.cli import create, run_module_bytes

ALLOWED_EXIT_CODES = {0, 1, 2, 3}
OPTIONS = [
    "--json", "--yes", "--password-stdin", "--username", "--email", "--search", "--user", "--format",
    "--include-hashes", "-o", "--output", "--dry-run", "--on-existing", "--actor", "--help",
]
WORDS = [
    "verify", "administrator", "member", "bcrypt", "argon2id", "csv", "json", "skip", "update", "abort",
    "1", "2", "3", "0", "-1", "99999999999999999999", "ann@example.com", "BOB@example.com", "", " ",
    "out.csv", "out.json", "copy.db", "homelog.db", "accounts.csv", ".", "..",
]
COMMAND_NAMES = sorted({*COMMANDS, "restore"})


def as_argument(raw: bytes) -> str:
    """Bytes as Python hands them to main() (lone surrogates for what is not UTF-8). A command line holds
    no NUL byte; no slash either, so that a fuzzed file name stays in the example's own folder."""
    return os.fsdecode(raw.replace(b"\0", b"").replace(b"/", b"_"))


FUZZED = st.one_of(
    st.binary(max_size=24).map(as_argument),
    st.text(max_size=24).map(lambda text: text.replace("\0", "").replace("/", "_")),
)
ARGUMENT = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(WORDS), FUZZED)
VALUE = st.one_of(st.sampled_from(WORDS), FUZZED)
USER = st.one_of(st.sampled_from(["1", "2", "3", "4", "ann@example.com", "BOB@example.com"]), FUZZED)
FILE = st.one_of(st.sampled_from(["out.csv", "out.json", "copy.db", "homelog.db", "."]), FUZZED)


def maybe(*parts: Any) -> st.SearchStrategy[list[str]]:
    """These arguments (strategies or plain words), or none of them."""
    given_parts = [part if isinstance(part, st.SearchStrategy) else st.just(part) for part in parts]
    return st.one_of(st.just([]), st.tuples(*given_parts).map(list))


def sequence(*parts: st.SearchStrategy[list[str]] | st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """The parts in order, each a word or a list of words."""
    return st.tuples(*parts).map(lambda got: [w for part in got for w in ([part] if isinstance(part, str) else part)])


# Well-formed commands with fuzzed values (most of the time), so that the fuzz reaches the services.
COMMAND_ARGS: dict[str, st.SearchStrategy[list[str]]] = {
    "init": st.just([]),
    "create": sequence(VALUE, maybe("--username", VALUE), maybe("--password-stdin")),
    "list": sequence(maybe("--search", VALUE), maybe("--json")),
    "show": sequence(USER, maybe("--json")),
    "update": sequence(USER, maybe("--email", VALUE), st.just(["--username"]), VALUE),
    "set-password": sequence(USER, st.just(["--password-stdin"])),
    "clear-password": sequence(USER),
    "verify": sequence(USER, st.just(["--password-stdin"])),
    "delete": sequence(USER, st.just(["--yes"])),
    "set-role": sequence(USER, st.sampled_from(["administrator", "member"])),
    "disable": sequence(USER),
    "enable": sequence(USER),
    "unlock": sequence(USER),
    "report": maybe("--json"),
    "audit": sequence(maybe("verify"), maybe("--json"), maybe("--user", USER)),
    "hash-scheme": maybe(st.sampled_from(["bcrypt", "argon2id"])),
    "backup": sequence(FILE),
    "restore": sequence(FILE),
    "export": sequence(maybe("--format", st.sampled_from(["csv", "json"])), maybe("--search", VALUE),
                       maybe("--include-hashes"), maybe("-o", FILE)),
    "import": sequence(FILE, maybe("--dry-run"), maybe("--on-existing", st.sampled_from(["skip", "update"]))),
}
ACTOR = maybe("--actor", USER)
EXTRA = st.one_of(st.just([]), st.just([]), st.just([]), st.lists(ARGUMENT, min_size=1, max_size=3))
WELL_FORMED = st.sampled_from(sorted(COMMAND_ARGS)).flatmap(
    lambda name: sequence(ACTOR, st.just(name), COMMAND_ARGS[name], EXTRA)
)
ANYTHING = sequence(ACTOR, st.sampled_from(COMMAND_NAMES), st.lists(ARGUMENT, max_size=6))
ARGV = st.one_of(WELL_FORMED, WELL_FORMED, WELL_FORMED, ANYTHING)
STDIN = st.one_of(
    st.binary(max_size=80),
    st.sampled_from([f"{GOOD_PASSWORD}\n".encode(), b"Pa\xffssw0rd\n", b"\xef\xbb\xbfCorrect7horse\r\n", b""]),
)


def everything(path: Path) -> list[list[tuple[Any, ...]]]:
    """Every row of every table: equal means nothing changed."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'homelog_desktop_user_search%'"
            " ORDER BY name"
        )]
        return [connection.execute(f'SELECT * FROM "{table}"').fetchall() for table in tables]


@pytest.fixture
def template(tmp_path: Path, admin_on: Any) -> Path:
    """A database with an administrator (with a password), a member, and a disabled account."""
    path = tmp_path / "template" / "homelog.db"
    path.parent.mkdir()
    admin = lambda *args, stdin=None: admin_on(path, *args, stdin=stdin)  # noqa: E731
    create(admin, "ann@example.com", "--username", "Ann", password=GOOD_PASSWORD)
    create(admin, "bob@example.com")
    create(admin, "carl@example.com", password=GOOD_PASSWORD)
    assert admin("set-role", "1", "administrator")[0] == 0
    assert admin("disable", "3")[0] == 0
    return path


@contextmanager
def process_streams(stdin: bytes) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """stdin, stdout and stderr as a process in a UTF-8 locale has them; the bytes written come out."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = {
        "stdin": io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape"),
        "stdout": io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True),
        "stderr": io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True),
    }
    with mock.patch.multiple(sys, **streams):  # type: ignore[arg-type]
        yield out, err


@settings(
    max_examples=200, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=ARGV, stdin=STDIN)
def test_any_arguments_and_input_get_a_known_exit_code_and_at_most_one_line(
    template: Path, tmp_path: Path, argv: list[str], stdin: bytes
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    db = folder / "homelog.db"
    shutil.copy(template, db)  # with its owner-only mode
    before = everything(db)
    cwd = os.getcwd()
    os.chdir(folder)  # a fuzzed relative file name lands here
    try:
        with process_streams(stdin) as (_out, err):
            code = main(["--db", str(db), "--bcrypt-cost", str(TEST_BCRYPT_COST), *argv])
            said = err.getvalue()
    finally:
        os.chdir(cwd)
    assert code in ALLOWED_EXIT_CODES, (argv, said)
    assert said.count(b"\n") <= 1 and (not said or said.endswith(b"\n")), (argv, said)
    assert b"Traceback" not in said, (argv, said)
    if code == 2:
        assert everything(db) == before, (argv, said)
    leftovers = [path.name for path in folder.rglob("*") if path.name.endswith((".part", "-journal"))]
    assert not leftovers, (argv, leftovers)


# The reproductions as real processes, with real bytes.


@pytest.mark.parametrize(
    ("args", "stdin", "sentence"),
    [
        (["set-password", "1", "--password-stdin"], b"Pa\xffssw0rd\n", b"The password on standard input is not valid"),
        (["verify", "1", "--password-stdin"], b"Pa\xffssw0rd\n", b"The password on standard input is not valid"),
        (["create", "b@x.com", "--password-stdin"], b"Pa\xffssw0rd\n", b"The password on standard input is not valid"),
        (["create", b"a\xffb@x.com"], b"", b"The email address is not valid text"),
        (["list", "--search", b"\xff"], b"", b"--search is not valid text"),
        (["create", "c@x.com", "--username", b"\xff"], b"", b"--username is not valid text"),
        (["show", ""], b"", b"No account was named"),
        (["audit", "--user", ""], b"", b"No account was named"),
    ],
)
def test_what_used_to_be_a_traceback_is_one_sentence_in_a_real_process(
    template: Path, tmp_path: Path, args: list[str | bytes], stdin: bytes, sentence: bytes
) -> None:
    db = tmp_path / "real.db"
    shutil.copy(template, db)
    before = everything(db)
    done = run_module_bytes("--db", str(db), *args, stdin=stdin)
    assert (done.returncode, done.stdout) == (2, b""), done.stderr
    assert done.stderr.startswith(b"homelog-admin: " + sentence) and done.stderr.count(b"\n") == 1
    assert everything(db) == before


def test_a_byte_order_mark_and_a_carriage_return_in_a_real_process(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "real.db"
    shutil.copy(template, db)
    done = run_module_bytes("--db", str(db), "verify", "1", "--password-stdin",
                            stdin=b"\xef\xbb\xbf" + GOOD_PASSWORD.encode() + b"\r")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"match\n", b"")
