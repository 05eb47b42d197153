"""Password hashing and checking in two schemes, always in a worker thread.

Checks bcrypt hashes of any prefix ($2a$, $2b$, $2y$) and cost, and Argon2 hashes (Argon2id as
home-log's backend writes them with argon2-cffi's defaults, also Argon2i and Argon2d). Writes new
hashes in one chosen scheme: bcrypt (a cost-12 hash takes about 0.2 s) or Argon2id (about 0.05 s,
64 MiB). `needs_rehash` tells whether a hash that just matched should be replaced by a new one.
"""

from __future__ import annotations

import asyncio

import argon2
import bcrypt
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from homelog_desktop.errors import InvalidInputError, UnreadableHashError
from homelog_desktop.services.passwords.policy import (
    ARGON2_LIMIT_RULE,
    BCRYPT_LIMIT_RULE,
    BCRYPT_MAX_BYTES,
    HASH_SCHEMES,
    HOMELOG_MAX_CHARS,
    HashScheme,
)

DEFAULT_BCRYPT_COST = 12
DEFAULT_SCHEME: HashScheme = "bcrypt"
# What home-log's backend writes: argon2-cffi's PasswordHasher() defaults,
# $argon2id$v=19$m=65536,t=3,p=4$ with a 16-byte salt and a 32-byte hash.
HOMELOG_ARGON2_PARAMETERS: argon2.Parameters = argon2.profiles.RFC_9106_LOW_MEMORY
_BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")
_ARGON2_PREFIXES = {"$argon2id$": "argon2id", "$argon2i$": "argon2i", "$argon2d$": "argon2d"}


def scheme_of(hashed: str) -> str:
    """The scheme of a stored hash: bcrypt, argon2id, argon2i, argon2d or unknown (never the hash)."""
    if hashed.startswith(_BCRYPT_PREFIXES):
        return "bcrypt"
    for prefix, scheme in _ARGON2_PREFIXES.items():
        if hashed.startswith(prefix):
            return scheme
    return "unknown"


def describe_hash_scheme(hashed: str) -> str:
    """A short name of the scheme of a stored hash, never the hash itself."""
    if hashed.startswith(_BCRYPT_PREFIXES):
        return "bcrypt"
    if hashed.startswith("$argon2"):
        return "argon2"
    return "unknown"


class PasswordHasher:
    """Hashes in one scheme (bcrypt at a fixed cost, or Argon2id); checks bcrypt and Argon2 hashes.

    `PasswordHasher(12)` still means bcrypt at cost 12: the first positional argument is the bcrypt cost.
    `argon2_parameters` (default: home-log's) are those new Argon2id hashes are written with, and the
    floor below which `needs_rehash` asks for a new hash.
    """

    def __init__(
        self,
        bcrypt_cost: int = DEFAULT_BCRYPT_COST,
        *,
        scheme: HashScheme = DEFAULT_SCHEME,
        argon2_parameters: argon2.Parameters | None = None,
    ) -> None:
        if not 4 <= bcrypt_cost <= 31:
            raise ValueError("bcrypt cost must be between 4 and 31")
        _check_scheme(scheme)
        parameters = argon2_parameters or HOMELOG_ARGON2_PARAMETERS
        if parameters.type is not argon2.Type.ID:
            raise ValueError("new Argon2 hashes must be Argon2id")
        self.scheme: HashScheme = scheme
        self.cost = bcrypt_cost
        self.argon2_parameters = parameters
        self._argon2 = argon2.PasswordHasher.from_parameters(parameters)

    def use_scheme(self, scheme: HashScheme) -> None:
        """Write new hashes in `scheme` from now on (the database's setting changed)."""
        _check_scheme(scheme)
        self.scheme = scheme

    @property
    def bcrypt_cost(self) -> int:
        """The cost of new bcrypt hashes (the same as `cost`)."""
        return self.cost

    def accepts(self, password: str) -> bool:
        """Whether `hash` can store this password in the configured scheme (its length limit only;
        the rest of the policy is passwords/policy.py's)."""
        if self.scheme == "bcrypt":
            return len(password.encode("utf-8")) <= BCRYPT_MAX_BYTES
        return len(password) <= HOMELOG_MAX_CHARS

    async def hash(self, password: str) -> str:
        """A new hash of `password` in the configured scheme (computed off the event loop thread)."""
        if self.scheme == "argon2id":
            secret = _encode_for_argon2(password)
            return await asyncio.to_thread(self._argon2.hash, secret)
        secret = _encode(password)
        hashed = await asyncio.to_thread(bcrypt.hashpw, secret, bcrypt.gensalt(self.cost))
        return hashed.decode("ascii")

    async def verify(self, password: str, hashed: str) -> bool:
        """Whether `password` matches the stored hash, whatever scheme among bcrypt and Argon2 wrote it
        (computed off the event loop thread). UnreadableHashError when the hash is unknown or damaged."""
        scheme = scheme_of(hashed)
        if scheme.startswith("argon2"):
            return await self._verify_argon2(password, hashed)
        if scheme != "bcrypt":
            raise UnreadableHashError(scheme)
        secret = password.encode("utf-8")
        if len(secret) > BCRYPT_MAX_BYTES:
            return False  # nothing longer can have been hashed by bcrypt 5 or later
        try:
            return await asyncio.to_thread(bcrypt.checkpw, secret, hashed.encode("ascii"))
        except ValueError as error:
            raise UnreadableHashError() from error

    async def _verify_argon2(self, password: str, hashed: str) -> bool:
        secret = password.encode("utf-8")
        try:
            stored = hashed.encode("ascii")
        except UnicodeEncodeError:
            raise UnreadableHashError() from None
        try:
            return await asyncio.to_thread(self._argon2.verify, stored, secret)
        except VerifyMismatchError:
            return False
        except (InvalidHashError, VerificationError, ValueError):
            # `from None`: argon2's own messages may quote parts of the hash.
            raise UnreadableHashError() from None

    def needs_rehash(self, hashed: str) -> bool:
        """Whether a stored hash (that just matched its password) should be replaced by a new one:
        it is in another scheme than the configured one (bcrypt, Argon2i/d vs Argon2id), a bcrypt
        hash of a lower cost, or an Argon2id hash whose parameters are below the configured ones
        (argon2's check_needs_rehash, ignoring hashes that are stronger in every parameter).
        A hash that cannot be read needs one too. Fast: it only reads the hash's header."""
        if scheme_of(hashed) != self.scheme:
            return True
        if self.scheme == "bcrypt":
            cost = _bcrypt_cost(hashed)
            return cost is None or cost < self.cost
        try:
            if not self._argon2.check_needs_rehash(hashed):
                return False
            found = argon2.extract_parameters(hashed)
        except (InvalidHashError, ValueError):
            return True
        wanted = self.argon2_parameters
        return any(
            getattr(found, name) < getattr(wanted, name)
            for name in ("version", "time_cost", "memory_cost", "parallelism", "hash_len", "salt_len")
        )


def _bcrypt_cost(hashed: str) -> int | None:
    digits = hashed[4:6]
    if len(hashed) > 6 and hashed[6] == "$" and digits.isascii() and digits.isdigit():
        return int(digits)
    return None


def _check_scheme(scheme: str) -> None:
    if scheme not in HASH_SCHEMES:
        raise ValueError(f"unknown password hash scheme {scheme!r}; expected one of {', '.join(HASH_SCHEMES)}")


def _encode_for_argon2(password: str) -> bytes:
    if not ARGON2_LIMIT_RULE.test(password):
        raise InvalidInputError(ARGON2_LIMIT_RULE.problem)
    return password.encode("utf-8")


def _encode(password: str) -> bytes:
    if not BCRYPT_LIMIT_RULE.test(password):
        raise InvalidInputError(BCRYPT_LIMIT_RULE.problem)
    return password.encode("utf-8")
