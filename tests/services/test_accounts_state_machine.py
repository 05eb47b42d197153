"""Random sequences of account changes against a plain Python model: after every step the database holds
exactly what the model says, and every refused change raises the project's own error and changes nothing.

The model is independent of the app: it knows the documented rules (stripped fields, email syntax as
email-validator — home-log's EmailStr — says, control characters, length limits, the password policy,
emails compared after NFC normalisation and full Unicode case folding) and what each operation should
do, and is compared with what `list_page`, `count`, `find` and `check_password` read back from a real
SQLite file. The steps include imports of a small batch of accounts (JSON or CSV, through
`workspace.transfer.import_file`).
"""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
import string
import tempfile
import unicodedata
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import bcrypt
import email_validator
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from homelog_desktop.errors import DuplicateEmailError, HomeLogError, InvalidInputError, NotFoundError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.transfer import OnExisting, RowStatus, TransferService
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.template_database import fresh_database_file

T = TypeVar("T")

EMAIL_LIMIT = 160
USERNAME_LIMIT = 60
MAX_SQLITE_ID = 2**63 - 1
_ASCII_SWAP = str.maketrans(
    string.ascii_uppercase + string.ascii_lowercase, string.ascii_lowercase + string.ascii_uppercase
)

# Passwords whose bcrypt hashes an import may carry (hashed once, at the test cost).
KNOWN_PASSWORDS = ("Import3d-one", "Sec0nd-import", "Thir9-import")
KNOWN_HASHES = {
    password: bcrypt.hashpw(password.encode(), bcrypt.gensalt(TEST_BCRYPT_COST)).decode()
    for password in KNOWN_PASSWORDS
}


# The documented rules, written again here as the oracle.


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def email_is_valid(email: str) -> bool:
    """What email-validator accepts (no deliverability check), no control characters, at most 160
    characters (after stripping)."""
    if not email or len(email) > EMAIL_LIMIT or any(_is_control(c) for c in email):
        return False
    try:
        email_validator.validate_email(email, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


def username_is_valid(username: str) -> bool:
    return len(username) <= USERNAME_LIMIT and not any(_is_control(c) for c in username)


def fields_are_valid(email: str, username: str | None) -> bool:
    return email_is_valid(email.strip()) and username_is_valid((username or "").strip())


def password_is_valid(password: str) -> bool:
    return (
        len(password) >= 7
        and any(c.isupper() for c in password)
        and any(c.islower() for c in password)
        and any(c.isdigit() for c in password)
        and password == password.strip()
        and not any(password[i] == password[i + 1] == password[i + 2] for i in range(len(password) - 2))
        and len(password.encode("utf-8")) <= 72
        and "\x00" not in password
    )


def email_key(email: str) -> str:
    """Emails are the same account when equal after NFC normalisation and full Unicode case folding."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", email.strip()).casefold())


@dataclass(frozen=True)
class Row:
    email: str
    username: str | None
    password: str | None  # in clear: the model checks it against the stored hash


# Random input: Unicode, control characters, NUL, whitespace, very long strings, emails in other cases.

CONTROL = st.sampled_from(
    ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200e", "\u2028", "\u2029", "\ufeff", "\r", "\n"]
)
WHITESPACE = st.sampled_from(["", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000", "\x1c", "\x0b"])
LOCAL_CHARS = st.sampled_from(string.ascii_letters + string.digits + "_%+-") | st.sampled_from("ÉéÄäßǅΣσ日本İıKé")
LABEL = st.text(st.sampled_from(string.ascii_letters + string.digits), min_size=1, max_size=8)
TOP_LEVEL = st.sampled_from(["org", "COM", "net", "de", "Example"])
# Mostly valid: dot-separated local parts (no leading dot, no '..'), a domain of two or three labels.
WELL_FORMED = st.builds(
    lambda parts, labels, top: f"{'.'.join(parts)}@{'.'.join(labels)}.{top}",
    st.lists(st.text(LOCAL_CHARS, min_size=1, max_size=6), min_size=1, max_size=3),
    st.lists(LABEL, min_size=1, max_size=2),
    TOP_LEVEL,
)


def _insert(text: str, position: int, extra: str) -> str:
    position %= len(text) + 1
    return text[:position] + extra + text[position:]


PADDED = st.builds(lambda before, email, after: before + email + after, WHITESPACE, WELL_FORMED, WHITESPACE)
ODD_EMAILS = st.one_of(
    st.builds(_insert, WELL_FORMED, st.integers(0, 40), CONTROL | st.just(" ")),
    # Around the 160-character limit, and far beyond it.
    st.integers(140, 160).map(lambda n: "a" * (n - 12) + "@example.org") | st.just("b" * 5000 + "@example.org"),
    st.sampled_from(["", "   ", "a@b", "a@@b.org", ".a@b.org", "a..b@c.org", "a b@c.org", "@b.org", "a@.b.org"]),
    st.text(max_size=30),
)


def _one(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """One branch of a one_of: mapped, so that one_of does not flatten its own branches into the choice."""
    return strategy.map(lambda value: value)


# Mostly addresses that should be accepted, so that accounts pile up and collide; often odd ones.
EMAILS = st.one_of(WELL_FORMED, PADDED, _one(ODD_EMAILS))
NICE_NAMES = st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), max_size=20)
ODD_NAMES = st.one_of(
    st.text(max_size=20),
    st.builds(_insert, st.text(min_size=1, max_size=10), st.integers(0, 10), CONTROL),
    st.integers(55, 65).map(lambda n: "N" * n) | st.just("é" * 3000),
)
USERNAMES = st.one_of(
    st.none(),
    NICE_NAMES,
    st.builds(lambda before, name, after: before + name + after, WHITESPACE, NICE_NAMES, WHITESPACE),
    _one(ODD_NAMES),
)
GOOD_PASSWORDS = st.one_of(
    st.just(GOOD_PASSWORD),
    st.builds(lambda middle: "Aa1" + middle + "z9", st.text(st.sampled_from("abcXYZ019 -_é€😀"), max_size=20)),
).filter(password_is_valid)
BAD_PASSWORDS = st.one_of(
    st.builds(_insert, st.just(GOOD_PASSWORD), st.integers(0, 13), CONTROL | st.just(" ")),
    # 72 bytes is the most bcrypt uses: just under, at and over it, in ASCII and in 2-byte characters.
    st.integers(66, 70).map(lambda n: "Aa1" + "xy" * (n // 2)) | st.integers(22, 24).map(lambda n: "A1" + "éb" * n),
    st.text(max_size=20),
)
PASSWORDS = st.one_of(_one(GOOD_PASSWORDS), _one(BAD_PASSWORDS))
# One bad row stops a whole import: half the batches are drawn from valid rows only, so that some go through.
VALID_HASHES = st.one_of(
    st.none(),
    st.sampled_from(KNOWN_PASSWORDS).map(lambda password: ("hash", password)),
    st.just(("padded", KNOWN_PASSWORDS[0])),
)
CLEAN_ROWS = (st.one_of(WELL_FORMED, PADDED), st.none() | NICE_NAMES, VALID_HASHES)
ANY_ROWS = (EMAILS, USERNAMES, st.one_of(VALID_HASHES, st.sampled_from(["", "secret", "$2b$04$short"])))


class AccountMachine(RuleBasedStateMachine):
    """One workspace on a fresh temporary file per run, driven from one persistent event loop."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(prefix="homelog-state-machine-"))
        self.workspace: Workspace | None = None
        self.workspace = self.run(
            Workspace.open(fresh_database_file(self.folder / "accounts.db"), bcrypt_cost=TEST_BCRYPT_COST)
        )
        self.model: dict[int, Row] = {}
        self.checks = 0
        self.imports = 0

    def teardown(self) -> None:
        try:
            if self.workspace is not None:
                self.run(self.workspace.close())
            self.run(self.loop.shutdown_default_executor())
        finally:
            self.loop.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # Helpers

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)

    def attempt(self, work: Coroutine[Any, Any, T]) -> tuple[T | None, HomeLogError | None]:
        """The result, or the HomeLogError it raised; any other exception fails the test."""
        try:
            return self.run(work), None
        except HomeLogError as error:
            return None, error

    @property
    def accounts(self) -> AccountService:
        assert self.workspace is not None
        return self.workspace.accounts

    @property
    def transfer(self) -> TransferService:
        assert self.workspace is not None
        return self.workspace.transfer

    def draw_id(self, data: st.DataObject) -> int:
        """Mostly an existing account; sometimes an id that does not exist (now)."""
        if self.model and data.draw(st.integers(0, 4), label="existing?") > 0:
            return data.draw(st.sampled_from(sorted(self.model)), label="account id")
        missing = [0, -1, max(self.model, default=0) + 1, MAX_SQLITE_ID]
        return data.draw(st.sampled_from(missing), label="missing id")

    def draw_email(self, data: st.DataObject, strategy: st.SearchStrategy[str] = EMAILS) -> str:
        """Random text, or an existing account's address in another case (and padded)."""
        if self.model and data.draw(st.integers(0, 3), label="reuse an email?") == 0:
            email = data.draw(st.sampled_from(sorted(row.email for row in self.model.values())))
            change = data.draw(st.sampled_from(["upper", "lower", "swapcase", "ascii-swap", "padded", "same"]))
            if change == "ascii-swap":
                return email.translate(_ASCII_SWAP)
            if change == "padded":
                return f" \t{email}\u3000"
            return email if change == "same" else getattr(email, change)()
        return data.draw(strategy, label="email")

    def duplicate_of(self, email: str, *, other_than: int | None = None) -> int | None:
        key = email_key(email)
        for account_id, row in self.model.items():
            if account_id != other_than and email_key(row.email) == key:
                return account_id
        return None

    @staticmethod
    def expect_error(error: HomeLogError | None, expected: type[HomeLogError] | None) -> None:
        if expected is None:
            assert error is None, f"refused unexpectedly: {error!r}"
        else:
            assert type(error) is expected, f"expected {expected.__name__}, got {error!r}"
            assert str(error)  # a sentence a user can read

    # Rules

    @initialize(
        seeds=st.lists(
            st.tuples(WELL_FORMED, st.none() | NICE_NAMES, st.none() | GOOD_PASSWORDS),
            max_size=4,
            unique_by=lambda seed: email_key(seed[0]),
        )
    )
    def seed_accounts(self, seeds: list[tuple[str, str | None, str | None]]) -> None:
        """A few valid accounts to start from, so that later steps find accounts to change and collide with."""
        for email, username, password in seeds:
            account = self.run(self.accounts.create(email, username, password))
            assert (account.email, account.username) == (email, (username or "").strip() or None)
            self.model[account.id] = Row(account.email, account.username, password)

    @rule(data=st.data(), username=USERNAMES, password=st.none() | PASSWORDS)
    def create(self, data: st.DataObject, username: str | None, password: str | None) -> None:
        email = self.draw_email(data)
        expected: type[HomeLogError] | None = None
        if not fields_are_valid(email, username) or (password is not None and not password_is_valid(password)):
            expected = InvalidInputError
        elif self.duplicate_of(email) is not None:
            expected = DuplicateEmailError
        account, error = self.attempt(self.accounts.create(email, username, password))
        self.expect_error(error, expected)
        if account is not None:
            assert account.id not in self.model
            assert (account.email, account.username) == (email.strip(), (username or "").strip() or None)
            assert account.has_password == (password is not None)
            self.model[account.id] = Row(account.email, account.username, password)

    @rule(data=st.data(), username=USERNAMES)
    def update(self, data: st.DataObject, username: str | None) -> None:
        account_id = self.draw_id(data)
        email = self.draw_email(data)
        expected: type[HomeLogError] | None = None
        if not fields_are_valid(email, username):
            expected = InvalidInputError
        elif account_id not in self.model:
            expected = NotFoundError
        elif self.duplicate_of(email, other_than=account_id) is not None:
            expected = DuplicateEmailError
        account, error = self.attempt(self.accounts.update(account_id, email=email, username=username))
        self.expect_error(error, expected)
        if account is not None:
            old = self.model[account_id]
            new = Row(email.strip(), (username or "").strip() or None, old.password)
            assert (account.id, account.email, account.username) == (account_id, new.email, new.username)
            assert account.has_password == (old.password is not None)
            self.model[account_id] = new

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        account_id = self.draw_id(data)
        _, error = self.attempt(self.accounts.delete(account_id))
        self.expect_error(error, None if account_id in self.model else NotFoundError)
        self.model.pop(account_id, None)

    @rule(data=st.data(), password=PASSWORDS)
    def set_password(self, data: st.DataObject, password: str) -> None:
        account_id = self.draw_id(data)
        expected: type[HomeLogError] | None = None
        if not password_is_valid(password):
            expected = InvalidInputError
        elif account_id not in self.model:
            expected = NotFoundError
        account, error = self.attempt(self.accounts.set_password(account_id, password))
        self.expect_error(error, expected)
        old_password = self.model[account_id].password if account_id in self.model else None
        if error is not None and old_password is not None:  # refused: the old password still works
            assert self.run(self.accounts.check_password(account_id, old_password)) is True
        if account is not None:
            assert account.has_password and account.password_updated_at is not None
            old = self.model[account_id]
            self.model[account_id] = Row(old.email, old.username, password)

    @rule(data=st.data())
    def clear_password(self, data: st.DataObject) -> None:
        account_id = self.draw_id(data)
        account, error = self.attempt(self.accounts.clear_password(account_id))
        self.expect_error(error, None if account_id in self.model else NotFoundError)
        if account is not None:
            assert not account.has_password
            old = self.model[account_id]
            self.model[account_id] = Row(old.email, old.username, None)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def check_a_wrong_password(self, data: st.DataObject) -> None:
        account_id = self.draw_id(data)
        row = self.model.get(account_id)
        wrong = (row.password if row and row.password else GOOD_PASSWORD) + "x"
        matched, error = self.attempt(self.accounts.check_password(account_id, wrong))
        if row is None:
            self.expect_error(error, NotFoundError)
        elif row.password is None:
            self.expect_error(error, InvalidInputError)
        else:
            self.expect_error(error, None)
            assert matched is False

    @rule(
        data=st.data(),
        size=st.integers(1, 4),
        on_existing=st.sampled_from(list(OnExisting)),
        kind=st.sampled_from(["json", "csv"]),
        clean=st.booleans(),
    )
    def import_batch(self, data: st.DataObject, size: int, on_existing: OnExisting, kind: str, clean: bool) -> None:
        emails, usernames, hashes = CLEAN_ROWS if clean else ANY_ROWS
        rows = [
            (self.draw_email(data, emails), data.draw(usernames, label="username"), data.draw(hashes, label="hash"))
            for _ in range(size)
        ]
        path = self.folder / f"import-{self.imports}.{kind}"
        self.imports += 1
        records = [
            {"email": email, "username": username, "hashed_password": _hash_text(hashed)}
            for email, username, hashed in rows
        ]
        if kind == "json":
            path.write_text(json.dumps(records), encoding="utf-8")
        else:
            with path.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(["email", "username", "hashed_password"])
                writer.writerows([[r["email"], r["username"] or "", r["hashed_password"] or ""] for r in records])
            # A CSV line whose cells are all blank is skipped, not an error (and not numbered).
            rows = [row for row in rows if any(str(cell or "").strip() for cell in _csv_cells(row))]
            # A cell's apostrophe before =, +, -, @, tab, CR or another apostrophe is a spreadsheet's
            # mark of text, taken off on import.
            rows = [
                (_unguarded(email), None if name is None else _unguarded(name), hashed) for email, name, hashed in rows
            ]

        statuses, changes = self.plan_import(rows, on_existing)
        report, error = self.attempt(self.transfer.import_file(path, on_existing))
        self.expect_error(error, None)
        assert report is not None
        assert [(row.number, row.status) for row in report.plan.rows] == list(enumerate(statuses, start=1))
        writes = {RowStatus.CREATE, RowStatus.UPDATE}
        will_write = RowStatus.ERROR not in statuses and any(status in writes for status in statuses)
        assert report.written == will_write
        if not will_write:
            assert report.backup is None and not report.created_ids and not report.updated_ids
            return
        assert report.backup is not None and report.backup.is_file()
        new_rows = [new for account_id, new in changes if account_id is None]
        assert len(report.created_ids) == len(new_rows)
        assert list(report.updated_ids) == [account_id for account_id, _ in changes if account_id is not None]
        for account_id, new in changes:
            if account_id is not None:
                self.model[account_id] = new
        for account_id, new in zip(report.created_ids, new_rows, strict=True):
            assert account_id not in self.model
            self.model[account_id] = new

    def plan_import(
        self, rows: list[tuple[str, str | None, Any]], on_existing: OnExisting
    ) -> tuple[list[RowStatus], list[tuple[int | None, Row]]]:
        """What the import should do with each row, and the rows it should write (None: a new account)."""
        statuses: list[RowStatus] = []
        changes: list[tuple[int | None, Row]] = []
        seen: set[str] = set()
        for email, username, hashed in rows:
            text = _hash_text(hashed)
            hash_ok = not (text or "").strip() or isinstance(hashed, tuple)
            if not fields_are_valid(email, username) or not hash_ok:
                statuses.append(RowStatus.ERROR)
                continue
            key = email_key(email)
            if key in seen:
                statuses.append(RowStatus.ERROR)  # the same address as an earlier row
                continue
            seen.add(key)
            password = hashed[1] if isinstance(hashed, tuple) else None
            new = Row(email.strip(), (username or "").strip() or None, password)
            existing = self.duplicate_of(email)
            if existing is None:
                statuses.append(RowStatus.CREATE)
                changes.append((None, new))
            elif on_existing is OnExisting.SKIP:
                statuses.append(RowStatus.SKIP)
            elif on_existing is OnExisting.ABORT:
                statuses.append(RowStatus.ERROR)
            else:
                statuses.append(RowStatus.UPDATE)
                kept = password if password is not None else self.model[existing].password
                changes.append((existing, Row(new.email, new.username, kept)))
        return statuses, changes

    # After every step

    @invariant()
    def database_equals_model(self) -> None:
        listed = self.run(self.accounts.list_page(limit=10_000))
        assert [account.id for account in listed] == sorted(self.model)
        assert {a.id: (a.email, a.username, a.has_password) for a in listed} == {
            account_id: (row.email, row.username, row.password is not None) for account_id, row in self.model.items()
        }
        assert self.run(self.accounts.count()) == len(self.model)
        if not self.model:
            return
        # One account per step, in turn: found by its address in another (ASCII) case, and its password
        # (bcrypt at cost 4, about a millisecond) is the one the model remembers.
        self.checks += 1
        ids = sorted(self.model)
        account_id = ids[self.checks % len(ids)]
        row = self.model[account_id]
        assert self.run(self.accounts.find(row.email.translate(_ASCII_SWAP))).id == account_id
        if row.password is not None:
            assert self.run(self.accounts.check_password(account_id, row.password)) is True


def _hash_text(hashed: Any) -> str | None:
    if isinstance(hashed, tuple):
        kind, password = hashed
        return f"  {KNOWN_HASHES[password]} " if kind == "padded" else KNOWN_HASHES[password]
    return hashed


def _unguarded(cell: str) -> str:
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r'" else cell


def _csv_cells(row: tuple[str, str | None, Any]) -> list[str | None]:
    email, username, hashed = row
    return [email, username, _hash_text(hashed)]


def test_accounts_match_a_model_after_any_sequence_of_changes() -> None:
    run_state_machine_as_test(
        AccountMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
