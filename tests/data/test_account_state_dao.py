"""AccountStateDao on real SQLite files: state rows, the last-administrator guard inside the write,
atomic failure counting against a lock schedule, conditional rehash."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from homelog_desktop.data.account_state_dao import AccountStateDao, StateSnapshot
from homelog_desktop.data.audit_dao import AuditDao, AuditDraft
from homelog_desktop.data.database import Database
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import LastAdministratorError, NotFoundError

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


@pytest.mark.asyncio
async def test_failures_are_counted_atomically_and_lock(database: Database, dao: AccountStateDao) -> None:
    user_id = await make_user(database, "ann@example.org")
    first = await dao.register_failure(user_id, LOCK_AFTER_TWO, NOW, draft("sign_in_failed"), draft("lock"))
    assert (first.account.failed_attempts, first.account.locked_until, first.locked) == (1, None, False)
    assert [entry.action for entry in await AuditDao(database).page()][1:] == ["sign_in_failed"]  # no lock yet
    results = await asyncio.gather(*[
        dao.register_failure(user_id, LOCK_AFTER_TWO, NOW, draft("sign_in_failed"), draft("lock")) for _ in range(4)
    ])
    assert sorted(result.account.failed_attempts or 0 for result in results) == [2, 3, 4, 5]
    state = await state_of(database, user_id)
    assert state.failed_attempts == 5 and state.locked_until == NOW + timedelta(minutes=5)
    assert [entry.action for entry in await AuditDao(database).page()].count("lock") == 4


@pytest.mark.asyncio
async def test_success_resets_and_rehashes_only_the_hash_that_was_checked(
    database: Database, dao: AccountStateDao
) -> None:
    user_id = await make_user(database, "ann@example.org", "$2b$04$old")
    await dao.register_failure(user_id, LOCK_AFTER_TWO, NOW, draft("sign_in_failed"), draft("lock"))
    await dao.register_failure(user_id, LOCK_AFTER_TWO, NOW, draft("sign_in_failed"), draft("lock"))
    signed_in, rehashed = draft("sign_in"), draft("password_rehashed", "password")
    outcome = await dao.register_success(user_id, NOW, signed_in, rehashed, rehash=("$2b$04$other", "$2b$12$new"))
    assert outcome.rehashed is False
    assert await PasswordDao(database).get_hash(user_id) == "$2b$04$old"  # changed since: left alone
    state = await state_of(database, user_id)
    assert (state.failed_attempts, state.locked_until, state.last_sign_in_at) == (0, None, NOW)
    assert [entry.action for entry in await AuditDao(database).page()][-1] == "sign_in"
    outcome = await dao.register_success(user_id, NOW, signed_in, rehashed, rehash=("$2b$04$old", "$2b$12$new"))
    assert outcome.rehashed is True
    assert await PasswordDao(database).get_hash(user_id) == "$2b$12$new"
    assert [entry.action for entry in await AuditDao(database).page()][-2:] == ["sign_in", "password_rehashed"]
