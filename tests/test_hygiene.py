"""Hygiene (issue 5, item 9): no password and no hash ever reaches a log, an error message, stdout, stderr,
a crash report or the audit trail; the database file and its backups are owner-only (0600).

Realistic flows run through the services and through homelog-admin with distinctive passwords, while
everything they say is captured: every log record of every logger at DEBUG (SQLAlchemy's engine and
aiosqlite included, which log statements and their parameters at that level), stdout and stderr at
the file-descriptor level, every exception raised (message, repr, and the traceback a crash report
would hold, chained causes included), the exports made without hashes, and the audit table. Then no
password, no hash found in any database file, no 20-character piece of such a hash, and nothing shaped
like a bcrypt or Argon2 hash may appear in any of it. Only the export made with --include-hashes holds
hashes, as it must.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import re
import sqlite3
import stat
import traceback
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from homelog_desktop.cli.admin import main
from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.sign_in import SignInReason
from homelog_desktop.services.transfer import ExportOptions, OnExisting, TransferFormat
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.clock import Clock
from tests.helpers.homelog_schema import sample_homelog_database
from tests.helpers.workspaces import open_workspace

PASSWORD_ADMIN = "Hygiene-Pass-7391x"
PASSWORD_TEMPORARY = "Hygiene-Temp-5520q"
PASSWORD_CHOSEN = "Hygiene-Own-2284w"
PASSWORD_CLI = "Hygiene-Cli-8842z"
PASSWORD_WRONG = "Hygiene-Wrong-1164k"
PASSWORD_WEAK = "hygiene-weak-nodigit"  # breaks the policy: refused
PASSWORD_IN_FILE = "Hygiene-File-6613m"  # in a plaintext column of an import file: refused
# 4 x 21 + 3 characters, 116 bytes in UTF-8: too long for bcrypt, fine for Argon2id.
LONG_UNICODE = "Hygiène-Ünïcødé-Paß-ž" * 4 + "7Aa"
PASSWORDS = {
    "admin password": PASSWORD_ADMIN,
    "temporary password": PASSWORD_TEMPORARY,
    "chosen password": PASSWORD_CHOSEN,
    "CLI password": PASSWORD_CLI,
    "wrong password": PASSWORD_WRONG,
    "weak password": PASSWORD_WEAK,
    "password in an import file": PASSWORD_IN_FILE,
    "long unicode password": LONG_UNICODE,
}
PIECE = 20  # no 20 characters in a row of any hash may show
# Anything shaped like a bcrypt or Argon2 hash, whichever password it hashes (also one never stored).
HASH_SHAPES = (
    re.compile(r"\$2[aby]\$\d\d\$[./A-Za-z0-9]{20,}"),
    re.compile(r"\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{10,}"),
)


class Evidence:
    """Everything the flows said, by where it was said."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self.errors = 0
        self.hashes: set[str] = set()

    def keep_hashes(self, path: Path) -> None:
        """Remember the hashes a database holds now (they may be replaced later)."""
        self.hashes |= hashes_in(path)

    def add(self, where: str, text: str) -> None:
        self.texts.append((where, text))

    def error(self, where: str, error: BaseException) -> None:
        """An exception as every front end could show it: its message, its repr, and a crash report's
        traceback (chained causes included), as the window's excepthook and logging would write it."""
        self.errors += 1
        self.add(f"{where}: message", str(error))
        self.add(f"{where}: repr", repr(error))
        self.add(f"{where}: traceback", "".join(traceback.format_exception(error)))
        self.add(f"{where}: logged traceback", logging.Formatter().formatException(
            (type(error), error, error.__traceback__)
        ))

    @contextlib.contextmanager
    def raises(self, where: str, kind: type[BaseException] = Exception) -> Iterator[None]:
        """Expect the block to raise; keep what it raised."""
        try:
            yield
        except kind as error:
            self.error(where, error)
        else:
            raise AssertionError(f"{where}: expected an exception, none was raised")


class HashPieces:
    """Every PIECE-character piece of the given hashes (a shorter hash is one piece), found in a text in one
    pass over it: a piece can only lie inside a run of characters that occur in the hashes, so only such runs
    of a piece's length or more are looked at, window by window (the same answer as `piece in text` for every
    piece of every hash, without a search of the whole text per piece)."""

    def __init__(self, hashes: list[str]) -> None:
        self.numbers: dict[str, set[int]] = {}  # piece -> the numbers of the hashes that hold it
        for number, hashed in enumerate(hashes):
            for start in range(max(1, len(hashed) - PIECE + 1)):
                self.numbers.setdefault(hashed[start : start + PIECE], set()).add(number)
        self.lengths = sorted({len(piece) for piece in self.numbers})
        alphabet = "".join(sorted(set("".join(hashes))))
        shortest = self.lengths[0] if self.lengths else 1
        self.runs = re.compile(f"[{re.escape(alphabet)}]{{{shortest},}}") if alphabet else None

    def found_in(self, text: str) -> dict[int, set[str]]:
        """The pieces found in `text`, by the number of the hash they belong to."""
        found: dict[int, set[str]] = {}
        if self.runs is None:
            return found
        for run in self.runs.finditer(text):
            stretch = run.group()
            for length in self.lengths:
                for start in range(len(stretch) - length + 1):
                    piece = stretch[start : start + length]
                    for number in self.numbers.get(piece, ()):
                        found.setdefault(number, set()).add(piece)
        return found


def hashes_in(path: Path) -> set[str]:
    """Every password hash stored in a database file (none when it has no user_passwords table)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        try:
            return {row[0] for row in connection.execute("SELECT hashed_password FROM user_passwords")}
        except sqlite3.OperationalError:
            return set()


def hash_of(path: Path, user_id: int) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        row = connection.execute("SELECT hashed_password FROM user_passwords WHERE user_id = ?", (user_id,))
        return row.fetchone()[0]


def audit_table(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return "\n".join(repr(row) for row in connection.execute("SELECT * FROM homelog_desktop_audit ORDER BY id"))


def set_hash(path: Path, user_id: int, hashed: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE user_passwords SET hashed_password = ? WHERE user_id = ?", (hashed, user_id))


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# The flows


async def service_flows(db: Path, tmp_path: Path, evidence: Evidence) -> None:
    """The window's use cases, through the services, with an injected clock."""
    clock = Clock()
    async with open_workspace(db, bcrypt_cost=TEST_BCRYPT_COST, now=clock) as workspace:
        service = workspace.accounts
        assert not workspace.database.engine.echo  # never echo: it would print every parameter
        await workspace.sign_in.prepare()
        admin = await service.create("admin@example.org", "Admin", PASSWORD_ADMIN)
        await workspace.roles.set_role(admin.id, "administrator")
        signed_in = await workspace.sign_in.sign_in("admin@example.org", PASSWORD_ADMIN)
        assert signed_in.ok
        evidence.add("sign-in result", repr(signed_in))
        workspace.act_as(signed_in.account)

        ann = await service.create("ann@example.org", "Ann")
        await workspace.accounts.set_password(ann.id, PASSWORD_TEMPORARY, temporary=True)
        evidence.keep_hashes(db)  # replaced in a moment: remember it
        first = await workspace.sign_in.sign_in("ann@example.org", PASSWORD_TEMPORARY)
        assert first.ok and first.must_change_password
        await workspace.accounts.set_password(ann.id, PASSWORD_CHOSEN, temporary=False)  # chosen by Ann at sign-in

        for attempt in range(5):  # failed sign-ins, then a lock
            failed = await workspace.sign_in.sign_in("ann@example.org", PASSWORD_WRONG)
            evidence.add(f"failed sign-in {attempt}", f"{failed.message} {failed!r}")
        assert failed.locked_until is not None
        refused = await workspace.sign_in.sign_in("ann@example.org", PASSWORD_CHOSEN)
        assert not refused.ok and refused.reason is SignInReason.LOCKED
        evidence.add("locked sign-in", f"{refused.message} {refused!r}")
        unknown = await workspace.sign_in.sign_in("nobody@example.org", PASSWORD_CHOSEN)
        evidence.add("unknown email", f"{unknown.message} {unknown!r}")
        await workspace.roles.unlock(ann.id)
        clock.moment += timedelta(minutes=1)
        checked = await workspace.sign_in.check_password(ann.id, PASSWORD_CHOSEN)
        assert checked.ok
        evidence.add("password check", repr(checked))

        # Operations that fail, each with a password in hand.
        with evidence.raises("too long for bcrypt", HomeLogError):
            await service.create("long@example.org", None, LONG_UNICODE)
        with evidence.raises("against the policy", HomeLogError):
            await workspace.accounts.set_password(ann.id, PASSWORD_WEAK, temporary=False)
        with evidence.raises("missing account", HomeLogError):
            await workspace.accounts.set_password(ann.id + 1000, PASSWORD_ADMIN, temporary=False)
        with evidence.raises("no password to check", HomeLogError):
            await service.check_password((await service.create("nopass@example.org", None)).id, PASSWORD_ADMIN)
        # The database refuses the write after the hash was made: the statement, with the new hash as one
        # of its parameters, fails inside SQLAlchemy; the window's excepthook would log that traceback.
        with contextlib.closing(sqlite3.connect(db)) as connection, connection:
            connection.execute(
                "CREATE TRIGGER hygiene_refuse BEFORE UPDATE ON user_passwords "
                "BEGIN SELECT RAISE(ABORT, 'refused by the hygiene test'); END"
            )
        with evidence.raises("write refused by the database"):
            await service.set_password(ann.id, PASSWORD_ADMIN)
        with contextlib.closing(sqlite3.connect(db)) as connection, connection:
            connection.execute("DROP TRIGGER hygiene_refuse")

        # Damaged hashes: checking them fails with a sentence that quotes none of them.
        dora = await service.create("dora@example.org", None, PASSWORD_ADMIN)
        eve = await service.create("eve@example.org", None, PASSWORD_ADMIN)
        evidence.keep_hashes(db)
        dora_hash = hash_of(db, dora.id)
        set_hash(db, dora.id, dora_hash[:7] + "!" + dora_hash[8:])  # a character bcrypt refuses in its salt
        set_hash(db, eve.id, "$argon2id$v=19$m=65536,t=3,p=4$bm90LWEtc2FsdA$" + "!" * 30)
        for account in (dora, eve):
            result = await workspace.sign_in.sign_in(account.email, PASSWORD_ADMIN)
            assert not result.ok
            evidence.add(f"damaged hash sign-in {account.email}", f"{result.message} {result!r}")
            with evidence.raises(f"damaged hash check {account.email}", HomeLogError):
                await service.check_password(account.id, PASSWORD_ADMIN)

        # Delete and undo.
        deleted = await service.delete(ann.id)
        evidence.add("deleted account", repr(deleted))
        evidence.add("restored account", repr(await service.undo_delete(deleted)))

        # The report, the history, the hash scheme.
        for row in await workspace.readiness.report():
            evidence.add("readiness", repr(row) + str(row.to_json()))
        async for entry in workspace.audit.iter_history():
            evidence.add("history", repr(entry) + str(entry.to_json()))
        evidence.add("hash scheme", repr(await workspace.hash_scheme.setting()))
        evidence.add("accounts", repr(await service.list_page(limit=100)))

        # Export without hashes (checked like any output), then with (kept out of the checks).
        plain = tmp_path / "service-export.json"
        await workspace.transfer.export_to_file(ExportOptions(format=TransferFormat.JSON), plain)
        evidence.add("service export without hashes", plain.read_text(encoding="utf-8"))
        with_hashes = tmp_path / "service-with-hashes.csv"
        await workspace.transfer.export_to_file(ExportOptions(include_hashes=True), with_hashes)

        # Imports: refused files (a malformed hash, a password in clear), then one that writes.
        bad_hash = dora_hash[:30] + "%%%" + dora_hash[33:]
        refused_file = tmp_path / "refused.csv"
        refused_file.write_text(f"email,hashed_password\nbad@example.org,{bad_hash}\n", encoding="utf-8")
        report = await workspace.transfer.import_file(refused_file, OnExisting.SKIP)
        assert report.plan.has_errors
        evidence.add("import refused", repr(report) + report.summary() + repr(report.plan.rows))
        plaintext_file = tmp_path / "plaintext.csv"
        plaintext_file.write_text(f"email,password\nplain@example.org,{PASSWORD_IN_FILE}\n", encoding="utf-8")
        with evidence.raises("import of a password in clear", HomeLogError):
            await workspace.transfer.import_file(plaintext_file, OnExisting.SKIP)
        good_file = tmp_path / "good.csv"
        good_file.write_text(
            f"email,username,hashed_password\nadmin@example.org,Admin,{dora_hash}\nnew@example.org,New,{dora_hash}\n",
            encoding="utf-8",
        )
        report = await workspace.transfer.import_file(good_file, OnExisting.UPDATE)
        assert report.written and report.backup is not None
        evidence.add("import written", repr(report) + report.summary())


def cli_flows(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """homelog-admin, as a script would use it; its output is captured at the fd level by the caller."""

    def admin(*args: str, stdin: str | None = None) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin if stdin is not None else ""))
        return main(["--db", str(db), "--bcrypt-cost", str(TEST_BCRYPT_COST), *args])

    def with_password(*args: str, password: str) -> int:
        return admin(*args, "--password-stdin", stdin=password + "\n")

    assert admin("hash-scheme", "bcrypt") == 0  # Argon2 hashes are there (Eve's): bcrypt, with the warning
    assert with_password("create", "cli@example.org", "--username", "Cli", password=PASSWORD_CLI) == 0
    assert with_password("set-password", "cli@example.org", password=PASSWORD_ADMIN) == 0
    assert with_password("verify", "cli@example.org", password=PASSWORD_ADMIN) == 0
    for _ in range(5):
        assert with_password("verify", "cli@example.org", password=PASSWORD_WRONG) == 1
    assert with_password("verify", "cli@example.org", password=PASSWORD_ADMIN) == 3  # locked
    assert admin("unlock", "cli@example.org") == 0
    assert with_password("create", "long@example.org", password=LONG_UNICODE) == 2  # too long for bcrypt
    assert with_password("set-password", "cli@example.org", password=PASSWORD_WEAK) == 2
    assert with_password("verify", "dora@example.org", password=PASSWORD_ADMIN) == 2  # damaged hash
    assert admin("hash-scheme", "argon2id") == 0
    assert with_password("set-password", "cli@example.org", password=LONG_UNICODE) == 0
    assert with_password("verify", "cli@example.org", password=LONG_UNICODE) == 0
    assert admin("hash-scheme", "bcrypt") == 0
    assert admin("hash-scheme") == 0
    for args in (
        ("list",), ("list", "--json"), ("show", "cli@example.org"), ("show", "cli@example.org", "--json"),
        ("report",), ("report", "--json"), ("audit",), ("audit", "--json"), ("audit", "verify"),
        ("audit", "--user", "cli@example.org"), ("export",), ("export", "--format", "json"),
    ):
        assert admin(*args) in (0, 1), args
    files = {
        "plain export": tmp_path / "cli-export.json",
        "export with hashes": tmp_path / "cli-with-hashes.csv",
        "backup": tmp_path / "cli-backup.db",
    }
    assert admin("export", "-o", str(files["plain export"])) == 0
    assert admin("export", "--include-hashes", "-o", str(files["export with hashes"])) == 0
    assert admin("import", str(tmp_path / "refused.csv")) == 2
    assert admin("import", str(tmp_path / "plaintext.csv")) == 2
    assert admin("import", "--on-existing", "update", str(tmp_path / "good.csv")) == 0
    assert admin("backup", str(files["backup"])) == 0
    assert admin("restore", str(files["backup"])) == 0
    assert admin("delete", "cli@example.org", "--yes") == 0
    return files


# The test


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """A umask that leaves new files readable by everyone: owner-only must come from the code."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_no_password_or_hash_escapes_and_files_stay_private(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    usual_umask: None,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, at its most talkative
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "aiosqlite", "asyncio", "homelog_desktop"):
        caplog.set_level(logging.DEBUG, logger=name)
    evidence = Evidence()
    db = tmp_path / "hygiene.db"

    asyncio.run(service_flows(db, tmp_path, evidence))
    evidence.keep_hashes(db)
    files = cli_flows(db, tmp_path, monkeypatch)

    # A home-log database: opening it upgrades the schema after a backup copy.
    home_log = sample_homelog_database(tmp_path / "home-log.db")
    assert main(["--db", str(home_log), "list", "--json"]) == 0

    out, err = capfd.readouterr()
    evidence.add("stdout", out)
    evidence.add("stderr", err)
    for record in caplog.records:
        evidence.add(f"log {record.name}", record.getMessage())
        if record.exc_info:
            evidence.add(f"log {record.name} traceback", logging.Formatter().formatException(record.exc_info))
    evidence.add("audit table", audit_table(db))
    evidence.add("CLI export without hashes", files["plain export"].read_text(encoding="utf-8"))

    # The secrets: every password, and every hash any of these databases holds or held.
    backups = sorted(tmp_path.glob("*.before-*"))
    databases = [db, home_log, files["backup"], *backups]
    hashes = evidence.hashes.union(*(hashes_in(path) for path in databases))
    with_hashes = files["export with hashes"].read_text(encoding="utf-8")
    assert len(hashes) >= 5 and all(hashed in with_hashes for hashed in hashes_in(db))  # the one place for them
    assert any(hashed.startswith("$argon2id$") for hashed in hashes) and any(h.startswith("$2b$") for h in hashes)
    assert evidence.errors >= 8
    assert any("SQL parameters hidden" in text or "refused by the hygiene test" in text for _, text in evidence.texts)

    leaks = []
    pieces = HashPieces(sorted(hashes))
    for where, text in evidence.texts:
        for label, password in PASSWORDS.items():
            if password in text:
                leaks.append(f"{where}: the {label}")
        for number, found in sorted(pieces.found_in(text).items()):
            leaks.append(f"{where}: {len(found)} {PIECE}-character pieces of stored hash #{number}")
        for shape in HASH_SHAPES:
            if shape.search(text):
                leaks.append(f"{where}: something shaped like a password hash ({shape.pattern[:12]}...)")
    assert not leaks, "secrets escaped:\n" + "\n".join(leaks)

    # Owner-only: the database (and SQLite's files beside it), every backup, every export.
    kinds = {re.sub(r"-\d{8}-\d{6}(-\d+)?$", "", path.stem.split(".", 1)[1]) for path in backups}
    assert kinds == {"before-import", "before-restore", "before-upgrade"}, kinds
    private = [db, files["backup"], files["plain export"], files["export with hashes"], *backups]
    private += [tmp_path / name for name in ("service-export.json", "service-with-hashes.csv")]
    private += [Path(f"{db}{suffix}") for suffix in ("-wal", "-shm") if Path(f"{db}{suffix}").exists()]
    wrong = {path.name: oct(mode_of(path)) for path in private if mode_of(path) != 0o600}
    assert not wrong, f"files that are not owner-only (0600): {wrong}"
