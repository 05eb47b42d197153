"""bcrypt hashing and checking, always in a worker thread (a cost-12 hash takes about 0.2 s)."""

from __future__ import annotations

import asyncio

import bcrypt

from homelog_desktop.errors import HomeLogError, InvalidInputError
from homelog_desktop.services.password_policy import BCRYPT_MAX_BYTES

DEFAULT_BCRYPT_COST = 12
_BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")


def describe_hash_scheme(hashed: str) -> str:
    """A short name of the scheme of a stored hash, never the hash itself."""
    if hashed.startswith(_BCRYPT_PREFIXES):
        return "bcrypt"
    if hashed.startswith("$argon2"):
        return "argon2"
    return "unknown"


class PasswordHasher:
    """Hashes with bcrypt at a fixed cost; checks bcrypt hashes of any cost and prefix."""

    def __init__(self, cost: int = DEFAULT_BCRYPT_COST) -> None:
        if not 4 <= cost <= 31:
            raise ValueError("bcrypt cost must be between 4 and 31")
        self.cost = cost

    async def hash(self, password: str) -> str:
        """A new bcrypt hash of `password` (computed off the event loop thread)."""
        secret = _encode(password)
        hashed = await asyncio.to_thread(bcrypt.hashpw, secret, bcrypt.gensalt(self.cost))
        return hashed.decode("ascii")

    async def verify(self, password: str, hashed: str) -> bool:
        """Whether `password` matches the stored hash (computed off the event loop thread)."""
        scheme = describe_hash_scheme(hashed)
        if scheme != "bcrypt":
            raise HomeLogError(
                f"The stored password uses a hash format this app cannot check yet ({scheme})."
            )
        secret = password.encode("utf-8")
        if len(secret) > BCRYPT_MAX_BYTES:
            return False  # nothing longer can have been hashed by bcrypt 5 or later
        try:
            return await asyncio.to_thread(bcrypt.checkpw, secret, hashed.encode("ascii"))
        except ValueError as error:
            raise HomeLogError("The stored password hash is damaged and cannot be checked.") from error


def _encode(password: str) -> bytes:
    secret = password.encode("utf-8")
    if len(secret) > BCRYPT_MAX_BYTES:
        raise InvalidInputError(
            f"The password is longer than {BCRYPT_MAX_BYTES} bytes in UTF-8, the most bcrypt can use."
        )
    return secret
