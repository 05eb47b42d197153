"""AccountStateDao on real SQLite files: state rows, the last-administrator guard inside the write,
atomic failure counting against a lock schedule, conditional rehash."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from homelog_desktop.data.account_state_dao import AccountStateDao, Attempt, StateSnapshot
from homelog_desktop.data.audit_dao import AuditDao, AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import ActorRefusedError, AdministratorExistsError, LastAdministratorError, NotFoundError
from tests.helpers.workspaces import rows

NOW = datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
# Locked after two failures for as many minutes as there were failures (up to 5).
LOCK_AFTER_TWO = (None, None, *(timedelta(minutes=n) for n in range(2, 6)))


def draft(action: str, *fields: str) -> AuditDraft:
    return AuditDraft(NOW, action, fields=fields)


@pytest.fixture
def dao(database: Database) -> AccountStateDao:
    return AccountStateDao(database)


async def make_user(database: Database, email: str, hashed: str | None = None) -> int:
    return (await UserDao(database).create(email=email, username=None, hashed_password=hashed,
                                           audit=draft("create"))).id


async def state_of(database: Database, user_id: int) -> StateSnapshot:
    row = await UserDao(database).get(user_id)
    return StateSnapshot(row.role or "member", bool(row.disabled), bool(row.must_change_password),
                         row.failed_attempts or 0, row.locked_until, row.last_sign_in_at)


@pytest.mark.asyncio
async def test_an_account_without_a_row_is_a_plain_enabled_member(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    assert await state_of(database, user_id) == StateSnapshot()
    assert await dao.count_administrators() == 0
    assert not await dao.is_last_administrator(user_id)


@pytest.mark.asyncio
async def test_update_state_creates_the_row_and_audits_in_one_transaction(
    database: Database, dao: AccountStateDao
) -> None:
    user_id = await make_user(database, "ann@example.org")
    account = await dao.update_state(user_id, {"role": "administrator"}, draft("role", "role"))
    assert account.role == "administrator" and not account.disabled
    assert await dao.count_administrators() == 1 and await dao.is_last_administrator(user_id)
    entries = await AuditDao(database).page()
    assert [(e.action, e.target_id, e.target_email, e.fields) for e in entries][-1] == (
        "role", user_id, "ann@example.org", ("role",)
    )
    with pytest.raises(LastAdministratorError):
        await dao.update_state(user_id, {"disabled": True}, draft("disable", "disabled"))
    with pytest.raises(LastAdministratorError):
        await dao.update_state(user_id, {"role": "member"}, draft("role", "role"))
    assert (await state_of(database, user_id)).role == "administrator"  # nothing written
    assert len(await AuditDao(database).page()) == len(entries)  # and nothing recorded
    with pytest.raises(NotFoundError):
        await dao.update_state(999, {"disabled": True}, draft("disable"))
    with pytest.raises(ValueError, match="unknown"):
        await dao.update_state(user_id, {"password": "x"}, draft("x"))


@pytest.mark.asyncio
async def test_state_rows_go_with_their_account(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    other = await make_user(database, "bob@example.org")
    await dao.update_state(other, {"role": "administrator"}, draft("role"))
    await dao.update_state(user_id, {"role": "administrator"}, draft("role"))
    await UserDao(database).delete(user_id, audit=draft("delete"))
    assert await dao.count_administrators() == 1


async def reserve(dao: AccountStateDao, user_id: int) -> Attempt:
    return await dao.reserve_attempt(schedule=LOCK_AFTER_TWO, now=NOW, locked=draft("lock"), user_id=user_id)


async def fail(dao: AccountStateDao, user_id: int) -> Attempt:
    attempt = await reserve(dao, user_id)
    await dao.settle_attempt(attempt, now=NOW, matched=False, entries=[draft("sign_in_failed")])
    return attempt


@pytest.mark.asyncio
async def test_failures_are_counted_atomically_and_lock(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    first = await fail(dao, user_id)
    assert first.account is not None
    assert (first.account.failed_attempts, first.account.locked_until, first.locked) == (1, None, False)
    assert [entry.action for entry in await AuditDao(database).page()][1:] == ["sign_in_failed"]  # no lock yet
    results = await asyncio.gather(*[reserve(dao, user_id) for _ in range(4)])
    # Counted before any password is checked: the second attempt locks, the ones after it are refused.
    counted = sorted(result.account.failed_attempts or 0 for result in results if result.counted)  # type: ignore[union-attr]
    assert counted == [2] and sum(result.refused == "locked" for result in results) == 3
    state = await state_of(database, user_id)
    assert state.failed_attempts == 2 and state.locked_until == NOW + timedelta(minutes=2)
    assert [entry.action for entry in await AuditDao(database).page()].count("lock") == 1


@pytest.mark.asyncio
async def test_every_failure_in_a_row_is_counted_and_locks_longer(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    for failures in range(1, 6):
        attempt = await dao.reserve_attempt(
            schedule=LOCK_AFTER_TWO, now=NOW + timedelta(hours=failures), locked=draft("lock"), user_id=user_id
        )
        assert attempt.counted and attempt.account is not None and attempt.account.failed_attempts == failures
        wait = LOCK_AFTER_TWO[failures]
        assert attempt.account.locked_until == (None if wait is None else NOW + timedelta(hours=failures) + wait)


@pytest.mark.asyncio
async def test_success_resets_and_rehashes_only_the_hash_that_was_checked(
    database: Database, dao: AccountStateDao
) -> None:
    user_id = await make_user(database, "ann@example.org", "$2b$04$old")
    await fail(dao, user_id)
    attempt = await dao.reserve_attempt(
        schedule=LOCK_AFTER_TWO, now=NOW - timedelta(hours=1), locked=draft("lock"), user_id=user_id
    )
    assert attempt.hashed_password == "$2b$04$old" and attempt.locked
    signed_in, rehashed = draft("sign_in"), draft("password_rehashed", "password")
    outcome = await dao.settle_attempt(
        attempt, now=NOW, matched=True, entries=[signed_in], signed_in=True, rehash=("$2b$04$other", "$2b$12$new"),
        rehashed=rehashed,
    )
    assert outcome.rehashed is False
    assert await PasswordDao(database).get_hash(user_id) == "$2b$04$old"  # changed since: left alone
    state = await state_of(database, user_id)
    assert (state.failed_attempts, state.locked_until, state.last_sign_in_at) == (0, None, NOW)
    assert [entry.action for entry in await AuditDao(database).page()][-1] == "sign_in"
    attempt = await reserve(dao, user_id)
    outcome = await dao.settle_attempt(
        attempt, now=NOW, matched=True, entries=[signed_in], signed_in=True, rehash=("$2b$04$old", "$2b$12$new"),
        rehashed=rehashed,
    )
    assert outcome.rehashed is True
    assert await PasswordDao(database).get_hash(user_id) == "$2b$12$new"
    assert [entry.action for entry in await AuditDao(database).page()][-2:] == ["sign_in", "password_rehashed"]


@pytest.mark.asyncio
async def test_a_match_that_is_no_sign_in_leaves_the_last_sign_in(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org", "$2b$04$old")
    attempt = await reserve(dao, user_id)
    await dao.settle_attempt(attempt, now=NOW, matched=True, entries=[draft("password_checked", "match")])
    state = await state_of(database, user_id)
    assert (state.failed_attempts, state.last_sign_in_at) == (0, None)


@pytest.mark.asyncio
async def test_a_refund_takes_back_the_failure_and_the_lock_it_set(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org", "$2b$04$old")
    await fail(dao, user_id)
    attempt = await reserve(dao, user_id)
    assert attempt.locked
    await dao.settle_attempt(attempt, now=NOW, matched=False, refund=True, entries=[draft("sign_in_failed")])
    state = await state_of(database, user_id)
    assert (state.failed_attempts, state.locked_until) == (1, None)


@pytest.mark.asyncio
async def test_disabled_accounts_are_refused_only_where_asked(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org", "$2b$04$old")
    await dao.update_state(user_id, {"disabled": True}, draft("disable"))
    refused = await dao.reserve_attempt(
        schedule=LOCK_AFTER_TWO, now=NOW, locked=draft("lock"), user_id=user_id, refuse_disabled=True
    )
    assert (refused.refused, refused.counted) == ("disabled", False)
    counted = await dao.reserve_attempt(schedule=LOCK_AFTER_TWO, now=NOW, locked=draft("lock"), email="ANN@example.org")
    assert counted.counted and counted.account is not None and counted.account.id == user_id
    assert (await state_of(database, user_id)).failed_attempts == 1


@pytest.mark.asyncio
async def test_addresses_of_no_account_are_counted_and_locked_alike_then_forgotten(
    database: Database, dao: AccountStateDao
) -> None:
    def reserve_address(now: datetime) -> Any:
        return dao.reserve_attempt(
            schedule=LOCK_AFTER_TWO, now=now, locked=draft("lock"), email="nobody@example.org", throttle_key="k1",
            forget_before=now - timedelta(days=1),
        )

    first = await reserve_address(NOW)
    assert (first.account, first.counted, first.locked, first.throttle_key) == (None, True, False, "k1")
    assert (await reserve_address(NOW)).locked
    assert (await reserve_address(NOW)).refused == "locked"
    assert [entry.action for entry in await AuditDao(database).page()] == ["lock"]
    stored = rows(database.path, "SELECT key, failed_attempts FROM homelog_desktop_sign_in_throttle")
    assert stored == [("k1", 2)]  # keyed by what it was given, never by the address
    later = await reserve_address(NOW + timedelta(days=2))  # forgotten after a day without a failure
    assert (later.counted, later.locked) == (True, False)
    assert rows(database.path, "SELECT failed_attempts FROM homelog_desktop_sign_in_throttle") == [(1,)]


@pytest.mark.asyncio
async def test_a_first_administrator_only_while_there_is_none(database: Database, dao: AccountStateDao) -> None:
    ann = await make_user(database, "ann@example.org")
    bob = await make_user(database, "bob@example.org")
    made = await dao.make_first_administrator(ann, draft("make_administrator", "role"), draft("sign_in"))
    assert (made.role, made.last_sign_in_at) == ("administrator", NOW)
    entries = [(e.action, e.actor_id, e.target_id) for e in await AuditDao(database).page()][-2:]
    assert entries == [("make_administrator", ann, ann), ("sign_in", ann, ann)]  # done by the account itself
    with pytest.raises(AdministratorExistsError):
        await dao.make_first_administrator(bob, draft("make_administrator", "role"))
    assert (await state_of(database, bob)).role == "member"


@pytest.mark.asyncio
async def test_an_acting_administrator_is_checked_inside_each_write(database: Database, dao: AccountStateDao) -> None:
    ann = await make_user(database, "ann@example.org")
    bob = await make_user(database, "bob@example.org")
    for user_id in (ann, bob):
        await dao.update_state(user_id, {"role": "administrator"}, draft("make_administrator"))

    def by_ann(action: str) -> AuditDraft:
        return AuditDraft(NOW, action, actor_id=ann, actor_email="ann@example.org", checks_actor=True)

    await dao.update_state(bob, {"must_change_password": True}, by_ann("must_change_password"))
    await dao.update_state(ann, {"role": "member"}, by_ann("make_member"))  # her own demotion goes through
    entries = len(await AuditDao(database).page())
    for write in (
        dao.update_state(bob, {"disabled": True}, by_ann("disable")),
        UserDao(database).update(bob, email="robert@example.org", username=None, audit=by_ann("update")),
        AuditDao(database).append(by_ann("password_checked")),
    ):
        with pytest.raises(ActorRefusedError, match="ann@example.org is no longer an enabled administrator here"
                                                    r" \(made a member\)"):
            await write
    assert len(await AuditDao(database).page()) == entries  # nothing written
    assert (await UserDao(database).get(bob)).email == "bob@example.org"
