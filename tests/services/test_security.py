"""SecurityService: lockout timeline on an injected clock, sign-in, hash formats and upgrades, roles and
the last administrator, audit chain, readiness report. Real SQLite, real bcrypt at cost 4, no sleeps."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import argon2
import bcrypt
import pytest

from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import HomeLogError, InvalidInputError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.password_hashing import PasswordHasher
from homelog_desktop.services.security import (
    WRONG_CREDENTIALS,
    SecurityService,
    SignInReason,
    local_time,
    lock_duration,
)
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST

WRONG = "Wrong7password"
CHEAP_ARGON2 = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def security(service: AccountService, clock: Clock) -> SecurityService:
    return SecurityService(service, now=clock)


def bcrypt_hash(password: str, cost: int = TEST_BCRYPT_COST, prefix: bytes = b"2b") -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(cost, prefix=prefix)).decode()


def audit_rows(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT * FROM homelog_desktop_audit ORDER BY id").fetchall()


def execute(path: Path, statement: str, *parameters: object, foreign_keys: bool = True) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        connection.execute(statement, parameters)


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(query).fetchall()


def test_lock_durations_double_from_one_minute_to_fifteen() -> None:
    assert [lock_duration(n) for n in range(1, 5)] == [None] * 4
    minutes = [lock_duration(n) / timedelta(minutes=1) for n in range(5, 12)]  # type: ignore[operator]
    assert minutes == [1, 2, 4, 8, 15, 15, 15]
    assert lock_duration(10_000) == timedelta(minutes=15)


@pytest.mark.asyncio
async def test_lockout_timeline(service: AccountService, security: SecurityService, clock: Clock) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    for _ in range(4):
        result = await security.sign_in("ann@example.org", WRONG)
        assert (result.ok, result.reason, result.message, result.locked_until) == (
            False, SignInReason.WRONG, WRONG_CREDENTIALS, None,
        )
    fifth = await security.sign_in("ann@example.org", WRONG)
    assert fifth.locked_until == clock() + timedelta(minutes=1)
    assert fifth.message.startswith(WRONG_CREDENTIALS) and "locked until" in fifth.message

    refused = await security.sign_in("ANN@example.org", GOOD_PASSWORD)  # the right password, while locked
    assert (refused.ok, refused.reason) == (False, SignInReason.LOCKED)
    assert local_time(clock() + timedelta(minutes=1)) in refused.message and "(local time)" in refused.message
    clock.advance(seconds=59)
    assert (await security.sign_in("ann@example.org", GOOD_PASSWORD)).reason is SignInReason.LOCKED

    for minutes in (2, 4, 8, 15, 15):  # each failure after a lock has run out doubles the wait, up to 15
        clock.advance(minutes=16)
        result = await security.sign_in("ann@example.org", WRONG)
        assert result.locked_until == clock() + timedelta(minutes=minutes)

    # Persisted: another service on the same file sees the count and the lock.
    other = SecurityService(service, now=clock, attach=False)
    state = await other.security_of(account.id)
    assert (state.failed_attempts, state.locked_until) == (10, clock() + timedelta(minutes=15))
    assert state.locked_at(clock())

    clock.advance(minutes=15, seconds=1)
    success = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (success.ok, success.reason, success.message, success.account.id) == (  # type: ignore[union-attr]
        True, SignInReason.OK, "", account.id,
    )
    state = await security.security_of(account.id)
    assert (state.failed_attempts, state.locked_until, state.last_sign_in_at) == (0, None, clock())
    after_reset = await security.sign_in("ann@example.org", WRONG)
    assert after_reset.locked_until is None  # counting starts again from zero


@pytest.mark.asyncio
async def test_unlock_ends_the_lock(service: AccountService, security: SecurityService) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    for _ in range(5):
        await security.sign_in("ann@example.org", WRONG)
    assert (await security.sign_in("ann@example.org", GOOD_PASSWORD)).reason is SignInReason.LOCKED
    state = await security.unlock(account.id)
    assert (state.failed_attempts, state.locked_until) == (0, None)
    assert (await security.sign_in("ann@example.org", GOOD_PASSWORD)).ok


@pytest.mark.asyncio
async def test_unknown_email_gets_the_same_answer_as_a_wrong_password(
    service: AccountService, security: SecurityService, db_path: Path
) -> None:
    await service.create("ann@example.org", password=GOOD_PASSWORD)
    unknown = await security.sign_in("nobody@example.org", GOOD_PASSWORD)
    wrong = await security.sign_in("ann@example.org", WRONG)
    assert (unknown.ok, unknown.reason, unknown.message) == (wrong.ok, wrong.reason, wrong.message)
    assert unknown.message == WRONG_CREDENTIALS and unknown.account is None
    assert security._dummy_hash is not None and security._dummy_hash.startswith("$2b$04$")  # current scheme
    actions = [row[6] for row in audit_rows(db_path)]
    assert actions[-2:] == ["sign_in_failed", "sign_in_failed"]


@pytest.mark.asyncio
async def test_disabled_accounts_cannot_sign_in(service: AccountService, security: SecurityService) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)
    assert (await security.disable(account.id)).disabled
    result = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (result.ok, result.reason) == (False, SignInReason.DISABLED) and "disabled" in result.message
    assert (await security.check_password(account.id, GOOD_PASSWORD)).reason is SignInReason.DISABLED
    await security.enable(account.id)
    assert (await security.sign_in("ann@example.org", GOOD_PASSWORD)).ok


@pytest.mark.asyncio
async def test_no_password_and_must_change_password(service: AccountService, security: SecurityService) -> None:
    account = await service.create("ann@example.org")
    result = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (result.reason, result.message) == (SignInReason.NO_PASSWORD, WRONG_CREDENTIALS)
    with pytest.raises(InvalidInputError, match="no password"):
        await security.check_password(account.id, GOOD_PASSWORD)
    await service.set_password(account.id, GOOD_PASSWORD)
    await security.set_must_change_password(account.id)
    result = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and result.must_change_password


@pytest.mark.asyncio
@pytest.mark.parametrize("prefix", [b"2a", b"2b"])
async def test_each_bcrypt_prefix_verifies(service: AccountService, security: SecurityService, prefix: bytes) -> None:
    account = await service.create("ann@example.org")
    await UserDao(service.database).set_password(account.id, bcrypt_hash(GOOD_PASSWORD, prefix=prefix))
    assert not (await security.sign_in("ann@example.org", WRONG)).ok
    result = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and not result.rehashed


@pytest.mark.asyncio
async def test_a_2y_bcrypt_hash_verifies(service: AccountService, security: SecurityService) -> None:
    account = await service.create("ann@example.org")
    hashed = "$2y$" + bcrypt_hash(GOOD_PASSWORD)[4:]
    await UserDao(service.database).set_password(account.id, hashed)
    assert (await security.sign_in("ann@example.org", GOOD_PASSWORD)).ok


@pytest.mark.asyncio
async def test_argon2_hashes_verify_and_stay_argon2_in_a_bcrypt_database(
    service: AccountService, security: SecurityService
) -> None:
    account = await service.create("ann@example.org")
    hashed = CHEAP_ARGON2.hash(GOOD_PASSWORD)
    await UserDao(service.database).set_password(account.id, hashed)
    assert not (await security.sign_in("ann@example.org", WRONG)).ok
    result = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and not result.rehashed  # never made bcrypt: home-log checks Argon2id only
    assert await UserDao(service.database).get_password_hash(account.id) == hashed


@pytest.mark.asyncio
async def test_a_weak_argon2id_hash_is_upgraded_where_argon2id_is_written(db_path: Path) -> None:
    opened = await AccountService.open(db_path, bcrypt_cost=TEST_BCRYPT_COST)
    try:
        account = await opened.create("ann@example.org")
        await UserDao(opened.database).set_password(account.id, CHEAP_ARGON2.hash(GOOD_PASSWORD))
    finally:
        await opened.close()
    reopened = await AccountService.open(db_path, bcrypt_cost=TEST_BCRYPT_COST)  # now writes Argon2id
    try:
        assert reopened.hasher.scheme == "argon2id"
        result = await SecurityService(reopened).sign_in("ann@example.org", GOOD_PASSWORD)
        assert result.ok and result.rehashed
        stored = await UserDao(reopened.database).get_password_hash(account.id)
        assert stored is not None and not reopened.hasher.needs_rehash(stored)
    finally:
        await reopened.close()


@pytest.mark.asyncio
async def test_an_outdated_bcrypt_hash_is_rehashed_at_the_configured_cost_on_sign_in(
    service: AccountService, clock: Clock
) -> None:
    account = await service.create("ann@example.org", password=GOOD_PASSWORD)  # cost 4
    before = await service.get(account.id)
    stronger = AccountService(service.database, PasswordHasher(6))
    security = SecurityService(stronger, now=clock)
    wrong = await security.sign_in("ann@example.org", WRONG)
    assert not wrong.rehashed
    assert (await UserDao(service.database).get_password_hash(account.id) or "").startswith("$2b$04$")
    result = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert result.ok and result.rehashed
    stored = await UserDao(service.database).get_password_hash(account.id)
    assert stored is not None and stored.startswith("$2b$06$")
    assert (await service.get(account.id)).password_updated_at == before.password_updated_at  # same password
    again = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert again.ok and not again.rehashed


@pytest.mark.asyncio
async def test_an_unreadable_hash_is_refused_with_a_sentence(
    service: AccountService, security: SecurityService
) -> None:
    account = await service.create("ann@example.org")
    await UserDao(service.database).set_password(account.id, "pbkdf2_sha256$1$salt$hash")
    result = await security.sign_in("ann@example.org", GOOD_PASSWORD)
    assert (result.ok, result.reason) == (False, SignInReason.HASH_UNREADABLE)
    assert "cannot check" in result.message and "pbkdf2" not in result.message.replace("(unknown)", "")


@pytest.mark.asyncio
async def test_the_last_administrator_is_protected(service: AccountService, security: SecurityService) -> None:
    ann = await service.create("ann@example.org", password=GOOD_PASSWORD)
    bob = await service.create("bob@example.org")
    assert await security.count_administrators() == 0
    await service.delete(bob.id)  # no administrator at all: nothing to protect
    bob = await service.create("bob@example.org")
    assert (await security.set_role(ann.id, "administrator")).role == "administrator"
    assert await security.count_administrators() == 1
    for attempt, word in (
        (security.disable(ann.id), "disabled"),
        (security.set_role(ann.id, "member"), "member"),
        (service.delete(ann.id), "deleted"),
        (security.check_can_delete(ann.id), "deleted"),
    ):
        with pytest.raises(HomeLogError, match=f"last administrator: it cannot (be|become a) {word}"):
            await attempt
    assert (await service.get(ann.id)).email == "ann@example.org"
    assert (await security.security_of(ann.id)).role == "administrator"
    with pytest.raises(InvalidInputError, match="administrator or member"):
        await security.set_role(bob.id, "root")

    await security.set_role(bob.id, "administrator")
    await security.disable(bob.id)  # a disabled administrator does not count
    with pytest.raises(HomeLogError, match="last administrator"):
        await security.set_role(ann.id, "member")
    await security.enable(bob.id)
    await security.set_role(ann.id, "member")
    await service.delete(ann.id)
    assert await security.count_administrators() == 1


@pytest.mark.asyncio
async def test_every_change_is_audited_without_secrets(
    service: AccountService, security: SecurityService, db_path: Path, clock: Clock
) -> None:
    admin = await service.create("admin@example.org", password=GOOD_PASSWORD)
    await security.set_role(admin.id, "administrator")
    security.act_as(admin)
    ann = await service.create("ann@example.org", "Ann")
    await service.update(ann.id, email="ann@example.org", username="Annie")
    await service.set_password(ann.id, GOOD_PASSWORD)
    await service.clear_password(ann.id)
    await security.set_role(ann.id, "administrator")
    await security.disable(ann.id)
    await security.enable(ann.id)
    await security.unlock(ann.id)
    deleted = await service.delete(ann.id)
    await service.undo_delete(deleted)
    await security.sign_in("admin@example.org", WRONG)
    await security.sign_in("admin@example.org", GOOD_PASSWORD)
    history = await security.history()
    assert [(entry.action, entry.fields) for entry in history] == [
        ("create", ("email", "username", "password")),
        ("role", ("role",)),
        ("create", ("email", "username")),
        ("update", ("username",)),
        ("password_set", ("password",)),
        ("password_cleared", ("password",)),
        ("role", ("role",)),
        ("disable", ("disabled",)),
        ("enable", ("disabled",)),
        ("unlock", ("failed_attempts", "locked_until")),
        ("delete", ()),
        ("restore", ("email", "username")),
        ("sign_in_failed", ("password",)),
        ("sign_in", ()),
    ]
    assert {history[0].actor_id, history[1].actor_id} == {None}  # before anyone acted
    assert {(e.actor_id, e.actor_email) for e in history[2:]} == {(admin.id, "admin@example.org")}
    assert {e.target_id for e in history[2:12]} == {ann.id} and history[2].target_email == "ann@example.org"
    assert all(entry.at == clock() for entry in history)
    assert [e.action for e in await security.history(ann.id)][:2] == ["create", "update"]
    assert [e.id for e in await security.recent_history(limit=2)] == [history[-1].id, history[-2].id]
    stored = " ".join(map(str, audit_rows(db_path)))
    hashed = await UserDao(service.database).get_password_hash(admin.id)
    assert hashed is not None and hashed not in stored and GOOD_PASSWORD not in stored and WRONG not in stored
    assert await security.verify_audit_chain() == (True, None)


@pytest.mark.asyncio
async def test_the_audit_chain_detects_a_modified_entry(
    service: AccountService, security: SecurityService, db_path: Path
) -> None:
    for name in ("ann", "bob", "cid"):
        await service.create(f"{name}@example.org")
    assert await security.verify_audit_chain() == (True, None)
    execute(db_path, "UPDATE homelog_desktop_audit SET target_email = 'eve@example.org' WHERE id = 2")
    assert await security.verify_audit_chain() == (False, 2)


@pytest.mark.asyncio
async def test_the_audit_chain_detects_a_rehashed_modified_entry(
    service: AccountService, security: SecurityService, db_path: Path
) -> None:
    from homelog_desktop.data.security_dao import audit_entry_hash

    for name in ("ann", "bob", "cid"):
        await service.create(f"{name}@example.org")
    entry = (await security.history())[0]
    forged = audit_entry_hash(entry.previous_hash, {
        "id": 1, "at": entry.at, "actor_id": None, "actor_email": None, "target_id": 1,
        "target_email": "eve@example.org", "action": "create", "fields": ["email", "username"],
    })
    execute(db_path, "UPDATE homelog_desktop_audit SET target_email = 'eve@example.org', entry_hash = ? WHERE id = 1",
            forged)
    assert await security.verify_audit_chain() == (False, 2)  # the next entry no longer follows on


@pytest.mark.asyncio
@pytest.mark.parametrize(("removed", "first_bad"), [(2, 2), (1, 1), (4, 4)])
async def test_the_audit_chain_detects_a_deleted_entry(
    service: AccountService, security: SecurityService, db_path: Path, removed: int, first_bad: int
) -> None:
    for name in ("ann", "bob", "cid", "dan"):
        await service.create(f"{name}@example.org")
    execute(db_path, "DELETE FROM homelog_desktop_audit WHERE id = ?", removed)
    assert await security.verify_audit_chain() == (False, first_bad)


@pytest.mark.asyncio
async def test_readiness_report(
    service: AccountService, security: SecurityService, db_path: Path, clock: Clock
) -> None:
    ready = await service.create("ready@example.org", password=GOOD_PASSWORD)
    await service.create("nopassword@example.org")
    disabled = await service.create("disabled@example.org", password=GOOD_PASSWORD)
    await security.disable(disabled.id)
    await service.create("locked@example.org", password=GOOD_PASSWORD)
    for _ in range(5):
        await security.sign_in("locked@example.org", WRONG)
    unknown = await service.create("unknown@example.org")
    await UserDao(service.database).set_password(unknown.id, "plain-text-password")
    damaged = await service.create("damaged@example.org")
    await UserDao(service.database).set_password(damaged.id, "$2b$04$tooshort")
    execute(db_path, "INSERT INTO user_passwords (user_id, hashed_password) VALUES (99, ?)",
            bcrypt_hash(GOOD_PASSWORD), foreign_keys=False)
    stronger = SecurityService(AccountService(service.database, PasswordHasher(6)), now=clock, attach=False)
    rows = {row.email: row for row in await stronger.readiness_report()}
    assert set(rows) == {
        "ready@example.org", "nopassword@example.org", "disabled@example.org", "locked@example.org",
        "unknown@example.org", "damaged@example.org", None,
    }
    assert rows["ready@example.org"].can_sign_in and rows["ready@example.org"].hash_scheme == "bcrypt"
    assert rows["ready@example.org"].notes == ("hash needs an upgrade (done at its next sign-in)",)
    assert rows["ready@example.org"].user_id == ready.id
    assert rows["nopassword@example.org"].problems == ("no password",)
    assert rows["disabled@example.org"].problems == ("disabled",)
    assert rows["locked@example.org"].problems == (f"locked until {local_time(clock() + timedelta(minutes=1))}",)
    assert rows["unknown@example.org"].problems == ("hash format unknown",)
    assert rows["damaged@example.org"].problems == ("hash unreadable",)
    orphan = rows[None]
    assert (orphan.user_id, orphan.orphan, orphan.can_sign_in) == (99, True, False)
    assert "plain-text-password" not in repr(rows) and "$2b$" not in repr(rows)
    clock.advance(minutes=2)
    rows = {row.email: row for row in await security.readiness_report()}
    assert rows["locked@example.org"].can_sign_in  # the lock ran out
    assert rows["ready@example.org"].notes == ()  # cost 4 is this service's cost


@pytest.mark.asyncio
async def test_a_read_only_database_counts_and_records_nothing(service: AccountService, db_path: Path) -> None:
    await service.create("ann@example.org", password=GOOD_PASSWORD)
    entries = len(audit_rows(db_path))
    read_only = await AccountService.open(db_path, bcrypt_cost=TEST_BCRYPT_COST, read_only=True)
    try:
        security = SecurityService(read_only)
        for _ in range(6):
            assert (await security.sign_in("ann@example.org", WRONG)).reason is SignInReason.WRONG
        assert (await security.sign_in("ann@example.org", GOOD_PASSWORD)).ok
    finally:
        await read_only.close()
    assert len(audit_rows(db_path)) == entries


@pytest.mark.asyncio
async def test_a_write_and_its_audit_entry_are_saved_together_or_not_at_all(
    service: AccountService, db_path: Path
) -> None:
    SecurityService(service)
    ann = await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
    before = rows(db_path, "SELECT hashed_password FROM user_passwords")
    # The audit table refuses every new entry (as a full disk or a damaged page would refuse it).
    execute(db_path, "CREATE TRIGGER refuse_audit BEFORE INSERT ON homelog_desktop_audit "
                     "BEGIN SELECT RAISE(ABORT, 'audit refused'); END")
    for write in (
        service.create("bob@example.org", None, GOOD_PASSWORD),
        service.update(ann.id, email="ann@example.net", username="Ann"),
        service.set_password(ann.id, "Another7pass"),
        service.clear_password(ann.id),
        service.delete(ann.id),
    ):
        with pytest.raises(Exception, match="audit refused"):
            await write
    assert rows(db_path, "SELECT id, email, username FROM users") == [(ann.id, "ann@example.org", "Ann")]
    assert rows(db_path, "SELECT hashed_password FROM user_passwords") == before
    assert [entry.action for entry in await SecurityService(service, attach=False).history()] == ["create"]
