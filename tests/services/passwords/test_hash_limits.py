"""hash_problem: which stored hashes are sane to check. Hashes that would take minutes or gigabytes, or that
are damaged, are named as such; every argon2-cffi profile and bcrypt's usual costs pass."""

from __future__ import annotations

import dataclasses

import argon2
import bcrypt
import pytest

from homelog_desktop.services.passwords.hash_limits import hash_problem

SALT = "c29tZXNhbHRzYWx0MTY"  # 14 bytes
DIGEST = "RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs"  # 32 bytes
BCRYPT_TAIL = "EdPJ3siZuCaxCnRC5FVv9e.37JYGlD3RgbcZPMtKWYbBwKejIR/zS"  # salt and hash of a real bcrypt hash


def argon2_hash(parameters: str, *, kind: str = "argon2id", salt: str = SALT, digest: str = DIGEST) -> str:
    return f"${kind}$v=19${parameters}${salt}${digest}"


@pytest.mark.parametrize(
    "profile",
    [
        argon2.profiles.CHEAPEST,
        argon2.profiles.RFC_9106_LOW_MEMORY,
        argon2.profiles.PRE_21_2,
        dataclasses.replace(argon2.profiles.CHEAPEST, type=argon2.Type.I),
        dataclasses.replace(argon2.profiles.CHEAPEST, type=argon2.Type.D),
    ],
)
def test_hashes_argon2_cffi_writes_with_its_profiles_are_sane(profile: argon2.Parameters) -> None:
    assert hash_problem(argon2.PasswordHasher.from_parameters(profile).hash("Secret7x")) is None


def test_the_high_memory_profile_and_the_cost_limits_of_bcrypt_are_sane() -> None:
    # RFC 9106's high-memory profile takes 2 GiB for one check: its parameters are written out, not computed.
    assert hash_problem(argon2_hash("m=2097152,t=1,p=4")) is None
    assert hash_problem(bcrypt.hashpw(b"Secret7x", bcrypt.gensalt(4)).decode()) is None
    for prefix in ("$2a$", "$2b$", "$2y$"):
        assert hash_problem(f"{prefix}16${BCRYPT_TAIL}") is None


@pytest.mark.parametrize(
    ("hashed", "problem"),
    [
        # From the issue: each of these passed the import check, then hung a check or locked an account.
        (f"$2b$31${BCRYPT_TAIL}", "cost 31; only costs 4 to 16"),
        (argon2_hash("m=2097152,t=100,p=4"), "time cost 100; 1 to 3"),
        (argon2_hash("m=1,t=3,p=4"), "memory 1 KiB"),
        (argon2_hash("m=4294967295,t=3,p=4"), "memory 4,294,967,295 KiB"),
        (f"$argon2id$v=99$m=65536,t=3,p=4${SALT}${DIGEST}", "version 99; only version 19"),
        (f"$2b$12${BCRYPT_TAIL[:-1]}", "looks like bcrypt but is malformed"),
        # More of the same kinds.
        (f"$2b$03${BCRYPT_TAIL}", "cost 3"),
        (f"$2b$17${BCRYPT_TAIL}", "cost 17"),
        (f"$2b$12${BCRYPT_TAIL}x", "malformed"),
        (f"$2b$12${BCRYPT_TAIL[:21]}a{BCRYPT_TAIL[22:]}", "malformed"),  # a salt bcrypt itself refuses
        (argon2_hash("m=2097153,t=1,p=4"), "memory 2,097,153 KiB"),
        (argon2_hash("m=1048576,t=3,p=4"), "memory x time of 3,145,728 KiB"),
        (argon2_hash("m=65536,t=0,p=4"), "time cost 0"),
        (argon2_hash("m=65536,t=3,p=0"), "parallelism 0"),
        (argon2_hash("m=65536,t=3,p=9"), "parallelism 9"),
        (argon2_hash("m=16,t=3,p=4"), "memory 16 KiB; 8 KiB per lane"),
        (argon2_hash("m=65536,t=3,p=4", salt="c2FsdA"), "a salt of 4 bytes"),
        (argon2_hash("m=65536,t=3,p=4", digest="aGFz"), "a hash of 3 bytes"),
        (argon2_hash("m=65536,t=3,p=4", digest=DIGEST + "=="), "looks like Argon2id but is malformed"),
        ("$argon2id$m=65536,t=3,p=4$" + SALT + "$" + DIGEST, "malformed"),  # version 16 has no v=
        ("$argon2id$v=19$broken", "looks like Argon2id but is malformed"),
        ("plaintext-secret", "not in a recognised format"),
        ("", "not in a recognised format"),
    ],
)
def test_insane_or_damaged_hashes_are_named(hashed: str, problem: str) -> None:
    found = hash_problem(hashed)
    assert found is not None and problem in found
    assert found.count(".") >= 1 and "\n" not in found
    if len(hashed) > 10:
        assert hashed not in found and hashed[-20:] not in found  # never quoted
