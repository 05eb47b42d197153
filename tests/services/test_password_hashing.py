"""PasswordHasher: real bcrypt at cost 4, other programs' prefixes, hashes it cannot check, threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import bcrypt
import pytest

from homelog_desktop.errors import HomeLogError, InvalidInputError
from homelog_desktop.services.password_hashing import PasswordHasher, describe_hash_scheme
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST

ARGON2_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
PASSWORD_72_BYTES = "Aa1" + "éb" * 23


@pytest.fixture
def hasher() -> PasswordHasher:
    return PasswordHasher(TEST_BCRYPT_COST)


def recording(real: Callable[..., Any], threads: list[int]) -> Callable[..., Any]:
    """A wrapper that notes the thread it runs on, then calls the real function."""

    def wrapper(*args: Any) -> Any:
        threads.append(threading.get_ident())
        return real(*args)

    return wrapper


@pytest.mark.asyncio
async def test_hash_is_bcrypt_at_the_chosen_cost(hasher: PasswordHasher) -> None:
    hashed = await hasher.hash(GOOD_PASSWORD)
    assert hashed.startswith(f"$2b${TEST_BCRYPT_COST:02d}$")
    assert len(hashed) == 60


@pytest.mark.asyncio
async def test_hash_then_verify_round_trip(hasher: PasswordHasher) -> None:
    hashed = await hasher.hash(GOOD_PASSWORD)
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True


@pytest.mark.asyncio
async def test_verify_refuses_a_wrong_password(hasher: PasswordHasher) -> None:
    hashed = await hasher.hash(GOOD_PASSWORD)
    assert await hasher.verify(GOOD_PASSWORD.lower(), hashed) is False


@pytest.mark.asyncio
async def test_hashing_the_same_password_twice_uses_new_salts(hasher: PasswordHasher) -> None:
    assert await hasher.hash(GOOD_PASSWORD) != await hasher.hash(GOOD_PASSWORD)


@pytest.mark.asyncio
async def test_a_72_byte_password_round_trips(hasher: PasswordHasher) -> None:
    hashed = await hasher.hash(PASSWORD_72_BYTES)
    assert await hasher.verify(PASSWORD_72_BYTES, hashed) is True
    assert await hasher.verify(PASSWORD_72_BYTES[:-1], hashed) is False


@pytest.mark.asyncio
async def test_hashing_more_than_72_bytes_is_refused(hasher: PasswordHasher) -> None:
    with pytest.raises(InvalidInputError, match="72 bytes"):
        await hasher.hash(PASSWORD_72_BYTES + "x")


@pytest.mark.asyncio
async def test_verify_of_more_than_72_bytes_is_false_even_if_the_first_72_match(
    hasher: PasswordHasher,
) -> None:
    hashed = await hasher.hash(PASSWORD_72_BYTES)
    assert await hasher.verify(PASSWORD_72_BYTES + "x", hashed) is False


@pytest.mark.asyncio
async def test_verify_checks_hashes_of_another_cost(hasher: PasswordHasher) -> None:
    hashed = bcrypt.hashpw(GOOD_PASSWORD.encode(), bcrypt.gensalt(5)).decode()
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True


@pytest.mark.asyncio
@pytest.mark.parametrize("prefix", ["$2a$", "$2y$"])
async def test_verify_accepts_other_bcrypt_prefixes(hasher: PasswordHasher, prefix: str) -> None:
    hashed = prefix + (await hasher.hash(GOOD_PASSWORD))[4:]
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert await hasher.verify("Wrong7horse", hashed) is False


@pytest.mark.asyncio
async def test_verify_of_an_argon2_hash_raises_a_readable_error(hasher: PasswordHasher) -> None:
    with pytest.raises(HomeLogError, match="argon2"):
        await hasher.verify(GOOD_PASSWORD, ARGON2_HASH)


@pytest.mark.asyncio
@pytest.mark.parametrize("stored", ["", "Correct7horse", "$1$abc$def", "sha256$abc"])
async def test_verify_of_an_unknown_scheme_raises(hasher: PasswordHasher, stored: str) -> None:
    with pytest.raises(HomeLogError, match="unknown"):
        await hasher.verify(GOOD_PASSWORD, stored)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "stored",
    ["$2b$04$garbage", "$2b$", "$2b$99$" + "a" * 53, "$2b$04$" + "!" * 53, "$2b$04$" + "é" * 53],
    ids=["short", "prefix only", "cost 99", "bad characters", "not ascii"],
)
async def test_verify_of_a_damaged_hash_raises_a_readable_error(hasher: PasswordHasher, stored: str) -> None:
    with pytest.raises(HomeLogError, match="damaged"):
        await hasher.verify(GOOD_PASSWORD, stored)


@pytest.mark.parametrize("cost", [3, 32])
def test_a_cost_outside_bcrypts_range_is_refused(cost: int) -> None:
    with pytest.raises(ValueError, match="cost"):
        PasswordHasher(cost)


@pytest.mark.parametrize(
    ("stored", "scheme"),
    [
        ("$2a$x", "bcrypt"),
        ("$2b$x", "bcrypt"),
        ("$2y$x", "bcrypt"),
        (ARGON2_HASH, "argon2"),
        ("$2x$", "unknown"),
    ],
)
def test_describe_hash_scheme_names_the_scheme_only(stored: str, scheme: str) -> None:
    assert describe_hash_scheme(stored) == scheme


@pytest.mark.asyncio
async def test_hashing_runs_off_the_event_loop_thread(
    hasher: PasswordHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    monkeypatch.setattr(bcrypt, "hashpw", recording(bcrypt.hashpw, threads))
    hashed = await hasher.hash(GOOD_PASSWORD)
    assert hashed.startswith("$2b$")
    assert len(threads) == 1 and threads[0] != threading.get_ident()


@pytest.mark.asyncio
async def test_verifying_runs_off_the_event_loop_thread(
    hasher: PasswordHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = await hasher.hash(GOOD_PASSWORD)
    threads: list[int] = []
    monkeypatch.setattr(bcrypt, "checkpw", recording(bcrypt.checkpw, threads))
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert len(threads) == 1 and threads[0] != threading.get_ident()
