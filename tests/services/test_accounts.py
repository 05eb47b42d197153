"""AccountService on a real database file with bcrypt: use cases, refusals that write nothing, snapshots."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import argon2
import pytest

from homelog_desktop.errors import DuplicateEmailError, HomeLogError, InvalidInputError, NotFoundError
from homelog_desktop.services.accounts import Account, AccountService, SortColumn
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.workspaces import open_workspace, store_hash

OTHER_PASSWORD = "Battery9staple"
PASSWORD_73_BYTES = "Aa1" + "bc" * 35
ARGON2_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
JSON_KEYS = {"id", "email", "username", "has_password", "created_at", "updated_at"}


def raw_count(service: AccountService, table: str) -> int:
    with closing(sqlite3.connect(service.path)) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def stored_hash(service: AccountService, account_id: int) -> str | None:
    with closing(sqlite3.connect(service.path)) as connection:
        row = connection.execute(
            "SELECT hashed_password FROM user_passwords WHERE user_id = ?", (account_id,)
        ).fetchone()
    return row[0] if row else None


def hash_like_strings(account: Account) -> list[str]:
    """Every value of the snapshot (and of its JSON and repr) that looks like a bcrypt hash."""
    values: list[Any] = [getattr(account, field.name) for field in dataclasses.fields(account)]
    values += [*account.to_json().values(), repr(account)]
    flat = [item for value in values for item in (value if isinstance(value, tuple) else (value,))]
    return [value for value in flat if isinstance(value, str) and ("$2" in value or "$argon" in value)]


# Creating, and passwords


@pytest.mark.asyncio
async def test_service_hashes_at_the_cost_it_was_opened_with(service: AccountService) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    assert (stored_hash(service, account.id) or "").startswith(f"$2b${TEST_BCRYPT_COST:02d}$")


@pytest.mark.asyncio
async def test_create_with_a_password_then_check_it(service: AccountService) -> None:
    account = await service.create("anna@example.com", "Anna", GOOD_PASSWORD)
    assert account.has_password is True
    assert await service.check_password(account.id, GOOD_PASSWORD) is True


@pytest.mark.asyncio
async def test_check_password_refuses_a_wrong_password(service: AccountService) -> None:
    account = await service.create("anna@example.com", "Anna", GOOD_PASSWORD)
    assert await service.check_password(account.id, OTHER_PASSWORD) is False


@pytest.mark.asyncio
async def test_create_without_a_password(service: AccountService) -> None:
    account = await service.create("anna@example.com", "Anna")
    assert (account.has_password, account.password_updated_at) == (False, None)
    assert raw_count(service, "user_passwords") == 0


@pytest.mark.asyncio
async def test_create_stores_the_cleaned_fields(service: AccountService) -> None:
    account = await service.create("  Anna@Example.com ", "  Anna Berg ")
    assert (account.email, account.username) == ("Anna@Example.com", "Anna Berg")
    assert (await service.get(account.id)).username == "Anna Berg"


@pytest.mark.asyncio
async def test_create_with_an_empty_name_stores_none(service: AccountService) -> None:
    assert (await service.create("anna@example.com", "   ")).username is None


@pytest.mark.asyncio
async def test_created_times_are_aware_utc(service: AccountService) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    assert account.created_at.utcoffset() == timedelta(0)
    assert account.password_updated_at is not None and account.password_updated_at.utcoffset() == timedelta(0)


INVALID_INPUT = {
    "bad email": ("anna", None, GOOD_PASSWORD, "not a valid email"),
    "missing email": ("  ", None, GOOD_PASSWORD, "email address is required"),
    "weak password": ("anna@example.com", None, "abc", "at least 7 characters"),
    "empty password": ("anna@example.com", None, "", "uppercase"),
    "73-byte password": ("anna@example.com", None, PASSWORD_73_BYTES, "72 bytes"),
    "name too long": ("anna@example.com", "n" * 61, GOOD_PASSWORD, "longer than 60"),
    "control character in name": ("anna@example.com", "An\x00na", None, "control characters"),
}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("email", "name", "password", "problem"), INVALID_INPUT.values(), ids=INVALID_INPUT.keys()
)
async def test_invalid_input_is_refused_and_nothing_is_written(
    service: AccountService, email: str, name: str | None, password: str | None, problem: str
) -> None:
    await service.create("existing@example.com", "Existing", GOOD_PASSWORD)
    with pytest.raises(InvalidInputError) as raised:
        await service.create(email, name, password)
    assert any(problem in text for text in raised.value.problems)
    assert await service.count() == 1
    assert raw_count(service, "users") == 1 and raw_count(service, "user_passwords") == 1


@pytest.mark.asyncio
async def test_a_weak_password_is_refused_with_every_problem(service: AccountService) -> None:
    with pytest.raises(InvalidInputError) as raised:
        await service.create("anna@example.com", password="aaa")
    assert len(raised.value.problems) == 4  # length, uppercase, digit, three in a row


@pytest.mark.asyncio
async def test_creating_a_taken_email_in_another_case_is_refused(service: AccountService) -> None:
    await service.create("anna@example.com")
    with pytest.raises(DuplicateEmailError):
        await service.create("ANNA@example.com", password=GOOD_PASSWORD)
    assert (await service.count(), raw_count(service, "user_passwords")) == (1, 0)


# Finding


@pytest.mark.asyncio
async def test_find_by_id(service: AccountService) -> None:
    await service.create("anna@example.com")
    bob = await service.create("bob@example.com")
    assert (await service.find(f" {bob.id} ")).email == "bob@example.com"


@pytest.mark.asyncio
async def test_find_by_email_in_any_case(service: AccountService) -> None:
    anna = await service.create("Anna@Example.com")
    assert (await service.find("  anna@EXAMPLE.com ")).id == anna.id


@pytest.mark.asyncio
async def test_find_by_an_email_with_non_ascii_capitals(service: AccountService) -> None:
    emile = await service.create("Émile@example.com")
    assert (await service.find("Émile@example.com")).id == emile.id


@pytest.mark.asyncio
@pytest.mark.parametrize("reference", ["999", "nobody@example.com", "²", "anna"])
async def test_find_of_an_unknown_reference_raises_not_found(service: AccountService, reference: str) -> None:
    await service.create("anna@example.com")
    with pytest.raises(NotFoundError):
        await service.find(reference)


@pytest.mark.asyncio
async def test_get_returns_the_account(service: AccountService) -> None:
    created = await service.create("anna@example.com", "Anna", GOOD_PASSWORD)
    assert await service.get(created.id) == created


@pytest.mark.asyncio
async def test_get_of_a_missing_id_raises_not_found(service: AccountService) -> None:
    with pytest.raises(NotFoundError):
        await service.get(1)


# Editing and deleting


@pytest.mark.asyncio
async def test_update_changes_email_and_name(service: AccountService) -> None:
    account = await service.create("anna@example.com", "Anna")
    updated = await service.update(account.id, email=" anna.berg@example.com ", username=" ")
    assert (updated.email, updated.username) == ("anna.berg@example.com", None)
    assert await service.get(account.id) == updated


@pytest.mark.asyncio
async def test_update_with_invalid_input_changes_nothing(service: AccountService) -> None:
    account = await service.create("anna@example.com", "Anna")
    with pytest.raises(InvalidInputError):
        await service.update(account.id, email="not an email", username="Changed")
    assert await service.get(account.id) == account


@pytest.mark.asyncio
async def test_update_to_a_taken_email_is_refused(service: AccountService) -> None:
    anna = await service.create("anna@example.com", "Anna")
    await service.create("bob@example.com")
    with pytest.raises(DuplicateEmailError):
        await service.update(anna.id, email="Bob@Example.com", username="Anna")
    assert await service.get(anna.id) == anna


@pytest.mark.asyncio
async def test_update_keeps_the_password(service: AccountService) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    await service.update(account.id, email="anna@example.org", username="Anna")
    assert await service.check_password(account.id, GOOD_PASSWORD) is True


@pytest.mark.asyncio
async def test_delete_removes_the_account_and_its_password(service: AccountService) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    await service.delete(account.id)
    assert (await service.count(), raw_count(service, "user_passwords")) == (0, 0)
    with pytest.raises(NotFoundError):
        await service.get(account.id)


@pytest.mark.asyncio
async def test_delete_of_a_missing_id_raises_not_found(service: AccountService) -> None:
    with pytest.raises(NotFoundError):
        await service.delete(1)


# Setting, clearing and checking passwords


@pytest.mark.asyncio
async def test_set_password_on_an_account_without_one(service: AccountService) -> None:
    account = await service.create("anna@example.com")
    updated = await service.set_password(account.id, GOOD_PASSWORD)
    assert updated.has_password is True and updated.password_updated_at is not None
    assert await service.check_password(account.id, GOOD_PASSWORD) is True


@pytest.mark.asyncio
async def test_set_password_replaces_the_old_one(service: AccountService) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    await service.set_password(account.id, OTHER_PASSWORD)
    assert await service.check_password(account.id, OTHER_PASSWORD) is True
    assert await service.check_password(account.id, GOOD_PASSWORD) is False
    assert raw_count(service, "user_passwords") == 1


@pytest.mark.asyncio
@pytest.mark.parametrize("password", ["weak", PASSWORD_73_BYTES, "Correct7\x00horse"])
async def test_set_password_refuses_a_password_against_the_policy(
    service: AccountService, password: str
) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    before = stored_hash(service, account.id)
    with pytest.raises(InvalidInputError):
        await service.set_password(account.id, password)
    assert stored_hash(service, account.id) == before
    assert await service.check_password(account.id, GOOD_PASSWORD) is True


@pytest.mark.asyncio
async def test_set_password_of_a_missing_id_raises_not_found(service: AccountService) -> None:
    with pytest.raises(NotFoundError):
        await service.set_password(1, GOOD_PASSWORD)
    assert raw_count(service, "user_passwords") == 0


@pytest.mark.asyncio
async def test_clear_password_removes_it(service: AccountService) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    cleared = await service.clear_password(account.id)
    assert (cleared.has_password, cleared.password_updated_at) == (False, None)
    assert raw_count(service, "user_passwords") == 0
    assert (await service.get(account.id)).has_password is False


@pytest.mark.asyncio
async def test_check_password_of_an_account_without_one_is_invalid_input(service: AccountService) -> None:
    account = await service.create("anna@example.com")
    with pytest.raises(InvalidInputError, match="no password"):
        await service.check_password(account.id, GOOD_PASSWORD)


@pytest.mark.asyncio
async def test_check_password_after_clearing_is_invalid_input(service: AccountService) -> None:
    account = await service.create("anna@example.com", password=GOOD_PASSWORD)
    await service.clear_password(account.id)
    with pytest.raises(InvalidInputError):
        await service.check_password(account.id, GOOD_PASSWORD)


@pytest.mark.asyncio
async def test_check_password_of_a_missing_id_raises_not_found(service: AccountService) -> None:
    with pytest.raises(NotFoundError):
        await service.check_password(1, GOOD_PASSWORD)


@pytest.mark.asyncio
async def test_check_password_against_a_home_log_argon2_hash(service: AccountService) -> None:
    """home-log's backend writes Argon2id (argon2-cffi); those passwords check here too."""
    account = await service.create("anna@example.com")
    hashed = argon2.PasswordHasher(time_cost=1, memory_cost=64, parallelism=1).hash(GOOD_PASSWORD)
    store_hash(service.path, account.id, hashed)
    assert await service.check_password(account.id, GOOD_PASSWORD)
    assert not await service.check_password(account.id, GOOD_PASSWORD + "x")


@pytest.mark.asyncio
async def test_check_password_against_an_unknown_hash_raises_a_readable_error(service: AccountService) -> None:
    account = await service.create("anna@example.com")
    store_hash(service.path, account.id, "pbkdf2_sha256$600000$salt$hash")
    with pytest.raises(HomeLogError, match="unknown") as refused:
        await service.check_password(account.id, GOOD_PASSWORD)
    assert "pbkdf2" not in str(refused.value)


# Listing


@pytest.mark.asyncio
async def test_list_page_and_count_ignore_spaces_around_the_search(service: AccountService) -> None:
    await service.create("anna@example.com", "Anna")
    await service.create("bob@example.com", "Bob")
    assert await service.count("  ANNA ") == 1
    assert [a.email for a in await service.list_page(search=" anna ")] == ["anna@example.com"]


@pytest.mark.asyncio
async def test_list_page_keys_page_forward(service: AccountService) -> None:
    for name in ("dora", "anna", "carl", "bob", "emil"):
        await service.create(f"{name}@example.com", name.title())
    first = await service.list_page(sort=SortColumn.USERNAME, limit=2)
    second = await service.list_page(sort=SortColumn.USERNAME, limit=2, after=first[-1].page_key)
    assert [a.username for a in first + second] == ["Anna", "Bob", "Carl", "Dora"]


@pytest.mark.asyncio
async def test_position_of_matches_the_list(service: AccountService) -> None:
    for name in ("dora", "anna", "carl"):
        await service.create(f"{name}@example.com", password=GOOD_PASSWORD if name == "carl" else None)
    listed = await service.list_page(sort=SortColumn.HAS_PASSWORD, descending=True)
    positions = [
        await service.position_of(a.id, sort=SortColumn.HAS_PASSWORD, descending=True) for a in listed
    ]
    assert positions == [0, 1, 2] and listed[0].email == "carl@example.com"


# The Account snapshot


@pytest.mark.asyncio
async def test_accounts_never_hold_a_hash(service: AccountService) -> None:
    created = await service.create("anna@example.com", "Anna", GOOD_PASSWORD)
    snapshots = [
        created,
        await service.get(created.id),
        await service.find("anna@example.com"),
        await service.set_password(created.id, OTHER_PASSWORD),
        *await service.list_page(),
    ]
    assert all(snapshot.has_password for snapshot in snapshots)
    assert [hash_like_strings(snapshot) for snapshot in snapshots] == [[]] * len(snapshots)


@pytest.mark.asyncio
async def test_an_account_is_a_frozen_snapshot(service: AccountService) -> None:
    account = await service.create("anna@example.com")
    with pytest.raises(dataclasses.FrozenInstanceError):
        account.email = "bob@example.com"  # type: ignore[misc]


@pytest.mark.asyncio
async def test_to_json_has_exactly_the_public_keys(service: AccountService) -> None:
    account = await service.create("anna@example.com", "Anna", GOOD_PASSWORD)
    data = account.to_json()
    assert set(data) == JSON_KEYS
    assert data["id"] == account.id and data["has_password"] is True


@pytest.mark.asyncio
async def test_to_json_is_serialisable_with_utc_iso_times(service: AccountService) -> None:
    account = await service.create("anna@example.com")
    data = json.loads(json.dumps(account.to_json()))
    assert data["created_at"] == account.created_at.isoformat()
    assert data["created_at"].endswith("+00:00")
    assert data["username"] is None


@pytest.mark.asyncio
async def test_a_database_holding_argon2_hashes_gets_argon2id_hashes(db_path: Path) -> None:
    """So that home-log's backend, which checks Argon2id only, can still sign those users in."""
    async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as first_workspace:
        first = first_workspace.accounts
        assert first.hasher.scheme == "bcrypt"  # a new database: bcrypt
        anna = await first.create("anna@example.com")
        store_hash(first.path, anna.id, argon2.PasswordHasher().hash(GOOD_PASSWORD))
    async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as again_workspace:
        again = again_workspace.accounts
        assert again.hasher.scheme == "argon2id"
        bob = await again.create("bob@example.com", None, "Long " * 20 + "Pass9word")  # > 72 bytes: fine for Argon2
        stored = stored_hash(again, bob.id)
        assert stored is not None and stored.startswith("$argon2id$")
        assert argon2.PasswordHasher().verify(stored, "Long " * 20 + "Pass9word")  # as home-log checks it


@pytest.mark.asyncio
@pytest.mark.parametrize("account_id", [0, -1, 2**63])
async def test_ids_no_row_can_have_are_not_found(service: AccountService, account_id: int) -> None:
    with pytest.raises(NotFoundError):
        await service.get(account_id)
    with pytest.raises(NotFoundError):
        await service.delete(account_id)
    with pytest.raises(NotFoundError):
        await service.clear_password(account_id)
