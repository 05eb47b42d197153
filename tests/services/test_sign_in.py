"""SignInService: the lockout timeline on an injected clock, unknown emails, disabled accounts, hash
formats and their upgrades after a sign-in, read-only databases. Real SQLite, real bcrypt at cost 4."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import argon2
import bcrypt
import pytest
import pytest_asyncio

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.passwords.hashing import PasswordHasher
from homelog_desktop.services.sign_in import (
    DISABLED,
    LOCK_SCHEDULE,
    LOCKOUT_THRESHOLD,
    WRONG_CREDENTIALS,
    SignInReason,
    SignInService,
    local_time,
    lock_duration,
)
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.clock import Clock
from tests.helpers.template_database import fresh_database_file
from tests.helpers.workspaces import open_workspace, rows, store_hash, stored_hash

WRONG = "Wrong7password"
CHEAP_ARGON2 = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest_asyncio.fixture
async def workspace(db_path: Path, clock: Clock) -> AsyncIterator[Workspace]:
    async with open_workspace(fresh_database_file(db_path), now=clock) as opened:
        yield opened


def bcrypt_hash(password: str, cost: int = TEST_BCRYPT_COST, prefix: bytes = b"2b") -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(cost, prefix=prefix)).decode()


def audit_actions(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT action FROM homelog_desktop_audit ORDER BY id")]


def test_lock_durations_double_from_one_minute_to_fifteen() -> None:
    assert [lock_duration(n) for n in range(1, 5)] == [None] * 4
    minutes = [lock_duration(n) / timedelta(minutes=1) for n in range(5, 12)]  # type: ignore[operator]
    assert minutes == [1, 2, 4, 8, 15, 15, 15]
    assert lock_duration(10_000) == timedelta(minutes=15)


def test_the_schedule_the_data_layer_applies_is_lock_duration() -> None:
    for failures in range(0, 40):
        assert LOCK_SCHEDULE[min(failures, len(LOCK_SCHEDULE) - 1)] == lock_duration(failures)


@pytest.mark.asyncio
async def test_lockout_timeline(service: AccountService, workspace: Workspace, clock: Clock) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    for _ in range(4):
        result = await workspace.sign_in.sign_in("ann@example.org", WRONG)
        assert (result.ok, result.reason, result.message, result.locked_until) == (
            False, SignInReason.WRONG, WRONG_CREDENTIALS, None,
        )
    fifth = await workspace.sign_in.sign_in("ann@example.org", WRONG)
    assert fifth.locked_until == clock() + timedelta(minutes=1)
    assert fifth.message == WRONG_CREDENTIALS  # the door never says "locked": an unknown email would not

    refused = await workspace.sign_in.sign_in("ANN@example.org", GOOD_PASSWORD)  # the right password, while locked
    assert (refused.ok, refused.reason, refused.message) == (False, SignInReason.LOCKED, WRONG_CREDENTIALS)
    assert refused.locked_until == clock() + timedelta(minutes=1)  # for administrators, never shown at the door
    checked = await workspace.sign_in.check_password(account.id, GOOD_PASSWORD)  # what an administrator hears
    assert checked.reason is SignInReason.LOCKED
    assert local_time(clock() + timedelta(minutes=1)) in checked.message and "(local time)" in checked.message
    clock.advance(seconds=59)
    assert (await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)).reason is SignInReason.LOCKED

    for minutes in (2, 4, 8, 15, 15):  # each failure after a lock has run out doubles the wait, up to 15
        clock.advance(minutes=16)
        result = await workspace.sign_in.sign_in("ann@example.org", WRONG)
        assert result.locked_until == clock() + timedelta(minutes=minutes)

    # Persisted: another workspace on the same file sees the count and the lock.
    async with open_workspace(workspace.path, now=clock) as other:
        state = await other.accounts.get(account.id)
    assert (state.failed_attempts, state.locked_until) == (10, clock() + timedelta(minutes=15))
    assert state.locked_at(clock())

    clock.advance(minutes=15, seconds=1)
    success = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (success.ok, success.reason, success.message, success.account.id) == (  # type: ignore[union-attr]
        True, SignInReason.OK, "", account.id,
    )
    state = await workspace.accounts.get(account.id)
    assert (state.failed_attempts, state.locked_until, state.last_sign_in_at) == (0, None, clock())
    after_reset = await workspace.sign_in.sign_in("ann@example.org", WRONG)
    assert after_reset.locked_until is None  # counting starts again from zero


@pytest.mark.asyncio
async def test_the_result_carries_the_account_as_the_attempt_left_it(service: AccountService, workspace: Workspace,
                                                                    clock: Clock) -> None:
    await service.create("ann@example.org", password=GOOD_PASSWORD)
    failed = await workspace.sign_in.sign_in("ann@example.org", WRONG)
    assert failed.account is not None and failed.account.failed_attempts == 1
    signed_in = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert signed_in.account is not None
    assert (signed_in.account.failed_attempts, signed_in.account.last_sign_in_at) == (0, clock())


@pytest.mark.asyncio
async def test_unlock_ends_the_lock(service: AccountService, workspace: Workspace) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    for _ in range(5):
        await workspace.sign_in.sign_in("ann@example.org", WRONG)
    assert (await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)).reason is SignInReason.LOCKED
    state = await workspace.roles.unlock(account.id)
    assert (state.failed_attempts, state.locked_until) == (0, None)
    assert (await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)).ok


@pytest.mark.asyncio
async def test_unknown_email_gets_the_same_answer_as_a_wrong_password(
    service: AccountService, workspace: Workspace, db_path: Path
) -> None:
    await service.create("ann@example.org", password=GOOD_PASSWORD)
    unknown = await workspace.sign_in.sign_in("nobody@example.org", GOOD_PASSWORD)
    wrong = await workspace.sign_in.sign_in("ann@example.org", WRONG)
    assert (unknown.ok, unknown.reason, unknown.message) == (wrong.ok, wrong.reason, wrong.message)
    assert unknown.message == WRONG_CREDENTIALS and unknown.account is None
    dummy = workspace.sign_in._dummy
    assert dummy is not None and dummy[1].startswith("$2b$04$")  # a hash of the current scheme and cost
    assert audit_actions(db_path)[-2:] == ["sign_in_failed", "sign_in_failed"]


@pytest.mark.asyncio
async def test_disabled_accounts_cannot_sign_in(service: AccountService, workspace: Workspace) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    assert (await workspace.roles.disable(account.id)).disabled
    wrong = await workspace.sign_in.sign_in("ann@example.org", WRONG)
    assert (wrong.reason, wrong.message) == (SignInReason.WRONG, WRONG_CREDENTIALS)  # nothing said to a guess
    result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (result.ok, result.reason) == (False, SignInReason.DISABLED) and "disabled" in result.message
    assert (await workspace.sign_in.check_password(account.id, GOOD_PASSWORD)).reason is SignInReason.DISABLED
    await workspace.roles.enable(account.id)
    assert (await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)).ok


@pytest.mark.asyncio
async def test_no_password_and_must_change_password(service: AccountService, workspace: Workspace) -> None:
    account = await service.create("ann@example.org")
    result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (result.reason, result.message) == (SignInReason.NO_PASSWORD, WRONG_CREDENTIALS)
    with pytest.raises(InvalidInputError, match="no password"):
        await workspace.sign_in.check_password(account.id, GOOD_PASSWORD)
    await service.set_password(account.id, GOOD_PASSWORD)
    await workspace.roles.set_must_change_password(account.id)
    result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and result.must_change_password


@pytest.mark.asyncio
@pytest.mark.parametrize("prefix", [b"2a", b"2b"])
async def test_each_bcrypt_prefix_verifies(service: AccountService, workspace: Workspace, prefix: bytes) -> None:
    account = await service.create("ann@example.org")
    store_hash(workspace.path, account.id, bcrypt_hash(GOOD_PASSWORD, prefix=prefix))
    assert not (await workspace.sign_in.sign_in("ann@example.org", WRONG)).ok
    result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and not result.rehashed


@pytest.mark.asyncio
async def test_a_2y_bcrypt_hash_verifies(service: AccountService, workspace: Workspace) -> None:
    account = await service.create("ann@example.org")
    store_hash(workspace.path, account.id, "$2y$" + bcrypt_hash(GOOD_PASSWORD)[4:])
    assert (await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)).ok


@pytest.mark.asyncio
async def test_argon2_hashes_verify_and_stay_argon2_in_a_bcrypt_database(
    service: AccountService, workspace: Workspace
) -> None:
    account = await service.create("ann@example.org")
    hashed = CHEAP_ARGON2.hash(GOOD_PASSWORD)
    store_hash(workspace.path, account.id, hashed)
    assert not (await workspace.sign_in.sign_in("ann@example.org", WRONG)).ok
    result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and not result.rehashed  # never made bcrypt: home-log checks Argon2id only
    assert stored_hash(workspace.path, account.id) == hashed


@pytest.mark.asyncio
async def test_a_weak_argon2id_hash_is_upgraded_where_argon2id_is_written(db_path: Path) -> None:
    async with open_workspace(db_path) as opened:
        account = await opened.accounts.create("ann@example.org")
        store_hash(db_path, account.id, CHEAP_ARGON2.hash(GOOD_PASSWORD))
    async with open_workspace(db_path) as reopened:  # now writes Argon2id
        assert reopened.hasher.scheme == "argon2id"
        result = await reopened.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
        assert result.ok and result.rehashed
        stored = stored_hash(db_path, account.id)
        assert stored is not None and not reopened.hasher.needs_rehash(stored)


@pytest.mark.asyncio
async def test_an_outdated_bcrypt_hash_is_rehashed_at_the_configured_cost_on_sign_in(
    service: AccountService, workspace: Workspace, clock: Clock
) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)  # cost 4
    before = await service.get(account.id)
    stronger = Workspace.wire(workspace.database, PasswordHasher(6), now=clock)
    wrong = await stronger.sign_in.sign_in("ann@example.org", WRONG)
    assert not wrong.rehashed
    assert (stored_hash(workspace.path, account.id) or "").startswith("$2b$04$")
    result = await stronger.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and result.rehashed
    stored = stored_hash(workspace.path, account.id)
    assert stored is not None and stored.startswith("$2b$06$")
    assert (await service.get(account.id)).password_updated_at == before.password_updated_at  # same password
    again = await stronger.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert again.ok and not again.rehashed


@pytest.mark.asyncio
async def test_an_unreadable_hash_is_refused_with_a_sentence(service: AccountService, workspace: Workspace) -> None:
    account = await service.create("ann@example.org")
    store_hash(workspace.path, account.id, "pbkdf2_sha256$1$salt$hash")
    result = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (result.ok, result.reason, result.message) == (False, SignInReason.HASH_UNREADABLE, WRONG_CREDENTIALS)
    checked = await workspace.sign_in.check_password(account.id, GOOD_PASSWORD)  # what an administrator hears
    assert (checked.ok, checked.reason) == (False, SignInReason.HASH_UNREADABLE)
    assert "cannot check" in checked.message and "pbkdf2" not in checked.message.replace("(unknown)", "")
    assert (await service.get(account.id)).failed_attempts == 0  # a hash nobody can check counts no failure


@pytest.mark.asyncio
async def test_a_read_only_database_counts_and_records_nothing(service: AccountService, db_path: Path) -> None:
    await service.create("ann@example.org", password=GOOD_PASSWORD)
    entries = len(audit_actions(db_path))
    async with open_workspace(db_path, read_only=True) as read_only:
        for _ in range(6):
            assert (await read_only.sign_in.sign_in("ann@example.org", WRONG)).reason is SignInReason.WRONG
        assert (await read_only.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)).ok
    assert len(audit_actions(db_path)) == entries


@pytest.mark.asyncio
async def test_parallel_wrong_attempts_are_each_counted_once(service: AccountService, workspace: Workspace) -> None:
    """Every failure is counted inside its own writing transaction: none is lost to another."""
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    await asyncio.gather(*(workspace.sign_in.sign_in("ann@example.org", WRONG) for _ in range(4)))
    assert (await service.get(account.id)).failed_attempts == 4


class CountingHasher(PasswordHasher):
    """A real hasher (bcrypt at the tests' cost) that counts its checks: all of them, and those against
    the one hash `real` (an account's stored hash), which are the passwords really checked."""

    def __init__(self) -> None:
        super().__init__(TEST_BCRYPT_COST)
        self.real: str | None = None
        self.checks = 0
        self.real_checks = 0

    async def verify(self, password: str, hashed: str) -> bool:
        self.checks += 1
        self.real_checks += hashed == self.real
        return await super().verify(password, hashed)


def counting(workspace: Workspace, clock: Clock) -> tuple[Workspace, CountingHasher]:
    hasher = CountingHasher()
    return Workspace.wire(workspace.database, hasher, now=clock), hasher


@pytest.mark.asyncio
async def test_twenty_wrong_attempts_at_once_check_at_most_five_passwords(
    service: AccountService, workspace: Workspace, clock: Clock
) -> None:
    """Count first, settle after: each attempt is counted (and the 5th locks) before any hash is checked,
    so the 15 after the 5th are refused without checking the password. Before, every one was checked."""
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    watched, hasher = counting(workspace, clock)
    hasher.real = stored_hash(workspace.path, account.id)
    await watched.sign_in.prepare()
    results = await asyncio.gather(*(watched.sign_in.sign_in("ann@example.org", WRONG) for _ in range(20)))
    assert hasher.real_checks <= LOCKOUT_THRESHOLD
    assert hasher.checks == 21  # still one check each (the others against a stand-in), and prepare's
    assert {result.message for result in results} == {WRONG_CREDENTIALS}
    state = await service.get(account.id)
    assert (state.failed_attempts, state.locked_until) == (LOCKOUT_THRESHOLD, clock() + timedelta(minutes=1))
    checks = await asyncio.gather(*(watched.sign_in.check_password(account.id, WRONG) for _ in range(20)))
    assert {result.reason for result in checks} == {SignInReason.LOCKED}
    assert hasher.real_checks <= LOCKOUT_THRESHOLD


ATTEMPTS = 8  # past the lock at the 5th


async def door_answers(sign_in: SignInService, email: str, passwords: list[str]) -> list[tuple[bool, str]]:
    return [((result := await sign_in.sign_in(email, password)).ok, result.message) for password in passwords]


@pytest.mark.asyncio
async def test_unknown_disabled_and_locked_accounts_answer_alike(
    service: AccountService, workspace: Workspace, clock: Clock
) -> None:
    """The same sequence of attempts at an unknown email, a real account, a disabled one and a locked one
    gets the same answers, with the same work (one hash check each); a lock is never told at the door."""
    for email in ("ann@example.org", "dora@example.org", "lena@example.org"):
        await service.create(email, password=GOOD_PASSWORD)
    await workspace.roles.disable((await service.find("dora@example.org")).id)
    for _ in range(LOCKOUT_THRESHOLD):
        await workspace.sign_in.sign_in("lena@example.org", WRONG)
    watched, hasher = counting(workspace, clock)
    await watched.sign_in.prepare()
    wrong = [f"Wrong7guess{number}" for number in range(ATTEMPTS)]
    sequences = {}
    for email in ("nobody@example.org", "ann@example.org", "dora@example.org", "lena@example.org"):
        before = hasher.checks
        sequences[email] = await door_answers(watched.sign_in, email, wrong)
        assert hasher.checks - before == ATTEMPTS, email  # one check per attempt, whoever it names
    assert len({tuple(sequence) for sequence in sequences.values()}) == 1
    assert sequences["nobody@example.org"] == [(False, WRONG_CREDENTIALS)] * ATTEMPTS
    # The right password of a locked account is not even checked: the same answer again.
    assert await door_answers(watched.sign_in, "lena@example.org", [GOOD_PASSWORD]) == [(False, WRONG_CREDENTIALS)]
    # Addresses of no account lock alike: the 6th attempt is refused unchecked, as at a real account.
    refused = await watched.sign_in.sign_in("NOBODY@example.org", WRONG)
    assert (refused.reason, refused.account) == (SignInReason.WRONG, None)


@pytest.mark.asyncio
async def test_the_right_password_of_a_disabled_account_hears_why(
    service: AccountService, workspace: Workspace
) -> None:
    account = await service.create("dora@example.org", password=GOOD_PASSWORD)
    await workspace.sign_in.sign_in("dora@example.org", WRONG)
    await workspace.roles.disable(account.id)
    result = await workspace.sign_in.sign_in("dora@example.org", GOOD_PASSWORD)
    assert (result.ok, result.reason, result.message) == (False, SignInReason.DISABLED, DISABLED)
    after = await service.get(account.id)
    assert (after.failed_attempts, after.last_sign_in_at) == (0, None)  # the right password, not a sign-in


@pytest.mark.asyncio
async def test_an_administrators_check_is_never_the_accounts_sign_in(
    service: AccountService, workspace: Workspace, db_path: Path, clock: Clock
) -> None:
    """Recorded as "password checked" by the administrator (match or not); Last sign-in unchanged; counted
    towards the lockout as a sign-in is (a wrong one counts, a match resets the count)."""
    admin = await service.create("admin@example.org", password=GOOD_PASSWORD)
    workspace.act_as(await workspace.roles.set_role(admin.id, "administrator"))
    ann = await service.create("ann@example.org", password=GOOD_PASSWORD)
    assert not (await workspace.sign_in.check_password(ann.id, WRONG)).ok
    assert (await service.get(ann.id)).failed_attempts == 1
    matched = await workspace.sign_in.check_password(ann.id, GOOD_PASSWORD)
    assert matched.ok and matched.account is not None
    assert (matched.account.failed_attempts, matched.account.last_sign_in_at) == (0, None)
    for _ in range(LOCKOUT_THRESHOLD):
        last = await workspace.sign_in.check_password(ann.id, WRONG)
    assert last.locked_until == clock() + timedelta(minutes=1) and "locked until" in last.message
    entries = rows(
        db_path, "SELECT action, actor_email, fields FROM homelog_desktop_audit "
        "WHERE target_id = ? AND action != 'create'", ann.id,
    )
    assert entries == (
        [("password_checked", "admin@example.org", '["no_match"]'), ("password_checked", "admin@example.org",
                                                                     '["match"]')]
        + [("password_checked", "admin@example.org", '["no_match"]')] * 4
        + [("lock", "admin@example.org", '["failed_attempts", "locked_until"]'),
           ("password_checked", "admin@example.org", '["no_match"]')]
    )
    assert "sign_in" not in [action for action, _, _ in entries]
