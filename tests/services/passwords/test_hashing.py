"""PasswordHasher: real bcrypt at cost 4 and real Argon2 (low cost, plus one hash as home-log writes
it), other programs' prefixes, the schemes' length limits, rehash decisions, hashes it cannot check,
threads."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

import argon2
import bcrypt
import pytest

from homelog_desktop.errors import HomeLogError, InvalidInputError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.passwords.hashing import (
    HOMELOG_ARGON2_PARAMETERS,
    PasswordHasher,
    describe_hash_scheme,
    scheme_of,
)
from homelog_desktop.services.passwords.policy import (
    ARGON2_LIMIT_RULE,
    BCRYPT_LIMIT_RULE,
    HOMELOG_MAX_CHARS,
    RULES,
    check_rules,
    password_problems,
    rules_for,
)
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.workspaces import store_hash

ARGON2_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
PASSWORD_72_BYTES = "Aa1" + "éb" * 23
# 255 characters, 460 bytes in UTF-8: fine for Argon2 and home-log, far too long for bcrypt.
PASSWORD_255_CHARS = "Aa1" + "éb" * 126
# Cheap Argon2id for tests that make their own hashes (the real default needs 64 MiB and ~50 ms).
CHEAP_ARGON2 = dataclasses.replace(HOMELOG_ARGON2_PARAMETERS, time_cost=1, memory_cost=64, parallelism=1)


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
@pytest.mark.parametrize("prefix", [b"2a", b"2b"])
async def test_verify_accepts_bcrypts_own_prefixes(hasher: PasswordHasher, prefix: bytes) -> None:
    hashed = bcrypt.hashpw(GOOD_PASSWORD.encode(), bcrypt.gensalt(TEST_BCRYPT_COST, prefix=prefix)).decode()
    assert hashed.startswith(f"${prefix.decode()}$")
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert await hasher.verify("Wrong7horse", hashed) is False


# Argon2: hashes as home-log's backend writes them, and this app's own


@pytest.mark.asyncio
async def test_verify_accepts_an_argon2id_hash_written_like_home_logs_backend(hasher: PasswordHasher) -> None:
    hashed = argon2.PasswordHasher().hash(GOOD_PASSWORD)  # what home-log's security.py does
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert await hasher.verify("Wrong7horse", hashed) is False


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", [argon2.Type.ID, argon2.Type.I, argon2.Type.D])
async def test_verify_accepts_every_argon2_variant(hasher: PasswordHasher, kind: argon2.Type) -> None:
    other = argon2.PasswordHasher(time_cost=1, memory_cost=64, parallelism=1, type=kind)
    hashed = other.hash(GOOD_PASSWORD)
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert await hasher.verify(GOOD_PASSWORD + "x", hashed) is False


@pytest.mark.asyncio
async def test_verify_of_a_reference_argon2id_hash_with_another_password_is_false(hasher: PasswordHasher) -> None:
    assert await hasher.verify(GOOD_PASSWORD, ARGON2_HASH) is False


@pytest.mark.asyncio
async def test_argon2id_hasher_writes_hashes_home_logs_backend_accepts() -> None:
    hasher = PasswordHasher(scheme="argon2id")  # home-log's own parameters, at full cost once
    hashed = await hasher.hash(GOOD_PASSWORD)
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert argon2.extract_parameters(hashed) == HOMELOG_ARGON2_PARAMETERS
    assert argon2.PasswordHasher().verify(hashed, GOOD_PASSWORD) is True
    assert argon2.PasswordHasher().check_needs_rehash(hashed) is False
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert hasher.needs_rehash(hashed) is False


@pytest.mark.asyncio
async def test_argon2id_hasher_round_trip_with_chosen_parameters() -> None:
    hasher = PasswordHasher(TEST_BCRYPT_COST, scheme="argon2id", argon2_parameters=CHEAP_ARGON2)
    hashed = await hasher.hash(GOOD_PASSWORD)
    assert scheme_of(hashed) == "argon2id"
    assert argon2.extract_parameters(hashed) == CHEAP_ARGON2
    assert await hasher.hash(GOOD_PASSWORD) != hashed  # a new salt every time
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert await hasher.verify(GOOD_PASSWORD.lower(), hashed) is False


@pytest.mark.asyncio
async def test_argon2id_takes_up_to_255_characters_of_any_byte_length() -> None:
    hasher = PasswordHasher(scheme="argon2id", argon2_parameters=CHEAP_ARGON2)
    assert len(PASSWORD_255_CHARS) == HOMELOG_MAX_CHARS and len(PASSWORD_255_CHARS.encode()) > 72
    assert hasher.accepts(PASSWORD_255_CHARS) and not hasher.accepts(PASSWORD_255_CHARS + "x")
    hashed = await hasher.hash(PASSWORD_255_CHARS)
    assert await hasher.verify(PASSWORD_255_CHARS, hashed) is True
    assert await hasher.verify(PASSWORD_255_CHARS[:72], hashed) is False  # no truncation anywhere
    with pytest.raises(InvalidInputError, match="255 characters"):
        await hasher.hash(PASSWORD_255_CHARS + "x")


@pytest.mark.asyncio
async def test_the_bcrypt_hasher_still_refuses_what_only_argon2_can_take(hasher: PasswordHasher) -> None:
    assert hasher.scheme == "bcrypt"
    assert not hasher.accepts(PASSWORD_255_CHARS) and hasher.accepts(PASSWORD_72_BYTES)
    with pytest.raises(InvalidInputError, match="72 bytes"):
        await hasher.hash(PASSWORD_255_CHARS)


def test_the_policy_swaps_the_length_rule_by_scheme() -> None:
    assert rules_for() == rules_for("bcrypt") == RULES
    argon2_rules = rules_for("argon2id")
    assert [r.label for r in argon2_rules] == [
        "At most 255 characters" if r is BCRYPT_LIMIT_RULE else r.label for r in RULES
    ]
    assert ARGON2_LIMIT_RULE in argon2_rules and BCRYPT_LIMIT_RULE not in argon2_rules
    assert [r for r, _ in check_rules(GOOD_PASSWORD, "argon2id")] == list(argon2_rules)
    with pytest.raises(ValueError, match="scheme"):
        rules_for("md5")  # type: ignore[arg-type]


def test_the_policy_applies_home_logs_255_characters_for_argon2id() -> None:
    assert password_problems(PASSWORD_255_CHARS, "argon2id") == []
    assert password_problems(PASSWORD_255_CHARS) == [BCRYPT_LIMIT_RULE.problem]  # bcrypt stays the default
    assert password_problems(PASSWORD_255_CHARS + "x", scheme="argon2id") == [ARGON2_LIMIT_RULE.problem]
    assert password_problems("short", "argon2id") == password_problems("short", "bcrypt")


@pytest.mark.asyncio
async def test_argon2_hashing_and_verifying_run_off_the_event_loop_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = PasswordHasher(scheme="argon2id", argon2_parameters=CHEAP_ARGON2)
    threads: list[int] = []
    monkeypatch.setattr(argon2.PasswordHasher, "hash", recording(argon2.PasswordHasher.hash, threads))
    monkeypatch.setattr(argon2.PasswordHasher, "verify", recording(argon2.PasswordHasher.verify, threads))
    hashed = await hasher.hash(GOOD_PASSWORD)
    assert await hasher.verify(GOOD_PASSWORD, hashed) is True
    assert len(threads) == 2 and threading.get_ident() not in threads


@pytest.mark.asyncio
async def test_check_password_of_the_service_verifies_argon2_hashes(service: AccountService) -> None:
    account = await service.create("anna@example.com")
    store_hash(service.path, account.id, argon2.PasswordHasher().hash(GOOD_PASSWORD))
    assert await service.check_password(account.id, GOOD_PASSWORD) is True
    assert await service.check_password(account.id, "Wrong7horse") is False


# Which scheme, and when to hash again


@pytest.mark.parametrize("cost", [4, 12])
def test_the_first_positional_argument_is_still_the_bcrypt_cost(cost: int) -> None:
    hasher = PasswordHasher(cost)
    assert (hasher.scheme, hasher.cost, hasher.bcrypt_cost) == ("bcrypt", cost, cost)
    assert PasswordHasher(bcrypt_cost=cost, scheme="argon2id").bcrypt_cost == cost


def test_an_unknown_scheme_or_a_non_id_argon2_is_refused() -> None:
    with pytest.raises(ValueError, match="scheme"):
        PasswordHasher(scheme="argon2i")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Argon2id"):
        PasswordHasher(scheme="argon2id", argon2_parameters=dataclasses.replace(CHEAP_ARGON2, type=argon2.Type.I))


def cheap_argon2_hash(kind: argon2.Type = argon2.Type.ID, **changes: int) -> str:
    parameters = dataclasses.replace(CHEAP_ARGON2, type=kind, **changes)
    return argon2.PasswordHasher.from_parameters(parameters).hash(GOOD_PASSWORD)


def bcrypt_hash(cost: int) -> str:
    return bcrypt.hashpw(GOOD_PASSWORD.encode(), bcrypt.gensalt(cost)).decode()


@pytest.mark.parametrize(
    ("hashed", "expected"),
    [
        pytest.param(lambda: bcrypt_hash(4), False, id="same cost"),
        pytest.param(lambda: bcrypt_hash(5), False, id="higher cost"),
        pytest.param(lambda: "$2y$" + bcrypt_hash(4)[4:], False, id="other prefix"),
        pytest.param(lambda: cheap_argon2_hash(), True, id="argon2id"),
        pytest.param(lambda: "$2b$0", True, id="damaged"),
        pytest.param(lambda: "sha256$abc", True, id="unknown"),
    ],
)
def test_needs_rehash_for_a_bcrypt_hasher(hashed: Callable[[], str], expected: bool) -> None:
    assert PasswordHasher(TEST_BCRYPT_COST).needs_rehash(hashed()) is expected


def test_needs_rehash_for_a_lower_bcrypt_cost() -> None:
    assert PasswordHasher(5).needs_rehash(bcrypt_hash(4)) is True


@pytest.mark.parametrize(
    ("hashed", "expected"),
    [
        pytest.param(lambda: cheap_argon2_hash(), False, id="same parameters"),
        pytest.param(lambda: cheap_argon2_hash(time_cost=2, memory_cost=128), False, id="stronger"),
        pytest.param(lambda: cheap_argon2_hash(memory_cost=32), True, id="less memory"),
        pytest.param(lambda: cheap_argon2_hash(hash_len=16), True, id="shorter hash"),
        pytest.param(lambda: cheap_argon2_hash(argon2.Type.I), True, id="argon2i"),
        pytest.param(lambda: cheap_argon2_hash(argon2.Type.D), True, id="argon2d"),
        pytest.param(lambda: bcrypt_hash(4), True, id="bcrypt"),
        pytest.param(lambda: "$argon2id$v=19$broken", True, id="damaged"),
    ],
)
def test_needs_rehash_for_an_argon2id_hasher(hashed: Callable[[], str], expected: bool) -> None:
    hasher = PasswordHasher(scheme="argon2id", argon2_parameters=CHEAP_ARGON2)
    assert hasher.needs_rehash(hashed()) is expected


def test_home_logs_defaults_need_no_rehash_and_weaker_hashes_do() -> None:
    hasher = PasswordHasher(scheme="argon2id")
    assert hasher.needs_rehash(argon2.PasswordHasher().hash(GOOD_PASSWORD)) is False
    assert hasher.needs_rehash(cheap_argon2_hash()) is True
    assert hasher.needs_rehash(ARGON2_HASH) is True  # an 8-byte salt and a 24-byte hash


@pytest.mark.parametrize(
    ("stored", "scheme"),
    [
        ("$2a$04$x", "bcrypt"),
        ("$2b$04$x", "bcrypt"),
        ("$2y$04$x", "bcrypt"),
        (ARGON2_HASH, "argon2id"),
        ("$argon2i$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "argon2i"),
        ("$argon2d$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "argon2d"),
        ("$argon2x$v=19$", "unknown"),
        ("$2x$04$x", "unknown"),
        ("pbkdf2_sha256$1$a$b", "unknown"),
        ("", "unknown"),
    ],
)
def test_scheme_of_names_the_scheme_only(stored: str, scheme: str) -> None:
    assert scheme_of(stored) == scheme


# Hashes that cannot be checked: a readable sentence that never quotes the hash


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "stored",
    ["pbkdf2_sha256$260000$c2FsdHNhbHQ$aGFzaGhhc2g=", "{SSHA}c2VjcmV0aGFzaA==", "$argon2x$v=19$m=8,t=1,p=1$abc$def"],
)
async def test_an_unknown_hash_raises_a_sentence_without_the_hash(hasher: PasswordHasher, stored: str) -> None:
    with pytest.raises(HomeLogError) as caught:
        await hasher.verify(GOOD_PASSWORD, stored)
    message = str(caught.value)
    assert "cannot check" in message and "unknown" in message and message.endswith(".")
    assert stored not in message and stored[4:20] not in message
    assert GOOD_PASSWORD not in message


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "stored",
    [
        "$argon2id$v=19$broken",
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",  # salt and hash too short for Argon2
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$Rdés",  # not ASCII
        "$argon2i$",
    ],
)
async def test_a_damaged_argon2_hash_raises_a_sentence_without_the_hash(hasher: PasswordHasher, stored: str) -> None:
    with pytest.raises(HomeLogError, match="damaged") as caught:
        await hasher.verify(GOOD_PASSWORD, stored)
    assert stored not in str(caught.value) and "$argon2" not in str(caught.value)


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
