"""The scheme new password hashes of a database are written in (bcrypt or Argon2id): its setting, or the
one detected from the hashes already there, and what choosing another does.

home-log's backend checks Argon2id only: where its Argon2 hashes are, new ones are Argon2id too unless
the database's setting says otherwise, and an Argon2 hash is never turned into bcrypt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.settings_dao import HASH_SCHEME_KEY, SettingsDao
from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.audit import AuditTrail
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST, PasswordHasher, scheme_of
from homelog_desktop.services.passwords.policy import HASH_SCHEMES, HashScheme

__all__ = [
    "BCRYPT_ON_ARGON2_WARNING", "HashSchemeService", "HashSchemeSetting", "describe_hash_scheme_choice",
    "detected_hash_scheme", "hash_scheme_warning", "stored_hash_scheme",
]

BCRYPT_ON_ARGON2_WARNING = (
    "home-log's backend checks Argon2id only: accounts given a bcrypt password here cannot sign in to home-log."
)


def stored_hash_scheme(value: str | None) -> HashScheme | None:
    """The scheme a database's setting names; None when it has none (or an unknown one: then the
    scheme is detected, as without a setting)."""
    for scheme in HASH_SCHEMES:
        if value == scheme:
            return scheme
    return None


def detected_hash_scheme(holds_argon2: bool) -> HashScheme:
    """The scheme of new hashes in a database without a setting: home-log's backend checks Argon2id
    only, so where its Argon2 hashes are, new ones are Argon2id too; elsewhere bcrypt."""
    return "argon2id" if holds_argon2 else "bcrypt"


def hash_scheme_warning(scheme: str, holds_argon2: bool) -> str | None:
    """The warning to show before choosing `scheme` for a database (None: nothing to warn about).
    bcrypt where home-log's Argon2 hashes are: the accounts given a password here lose home-log."""
    return BCRYPT_ON_ARGON2_WARNING if scheme == "bcrypt" and holds_argon2 else None


def describe_hash_scheme_choice(scheme: str, holds_argon2: bool, bcrypt_cost: int = DEFAULT_BCRYPT_COST) -> str:
    """What choosing `scheme` does to new and existing hashes, in sentences for the settings dialog.

    The upgrade rule (services/sign_in.py): after a successful sign-in a hash in another scheme or with
    weaker parameters is replaced by a current one, except that an Argon2 hash is never turned into
    bcrypt, because home-log's backend checks Argon2id only."""
    if scheme == "argon2id":
        return (
            "New passwords are hashed with Argon2id, as home-log's backend does. A bcrypt hash is replaced "
            "by an Argon2id one when its account next signs in."
        )
    text = (
        f"New passwords are hashed with bcrypt (cost {bcrypt_cost}). A bcrypt hash of a lower cost is "
        "upgraded when its account next signs in."
    )
    if holds_argon2:
        text += (
            " Argon2 hashes are never turned into bcrypt: they stay as they are, so those accounts can "
            "still sign in to home-log until they are given a new password."
        )
    return text


@dataclass(frozen=True, slots=True)
class HashSchemeSetting:
    """The database's hash scheme: the one new passwords get, whether the database's setting chose it
    (else it was detected from the hashes there), and whether the database holds Argon2 hashes."""

    scheme: HashScheme
    explicitly_set: bool
    holds_argon2: bool

    @property
    def detected(self) -> HashScheme:
        """The scheme the database would have without a setting."""
        return detected_hash_scheme(self.holds_argon2)

    @property
    def warning(self) -> str | None:
        """The sentence to show while this scheme is in use (bcrypt among Argon2 hashes), else None."""
        return hash_scheme_warning(self.scheme, self.holds_argon2)

    def describe(self) -> str:
        """One line: the scheme and where it comes from."""
        if self.explicitly_set:
            return f"{self.scheme} (set for this database)"
        why = "the database holds Argon2 hashes" if self.holds_argon2 else "no Argon2 hashes in the database"
        return f"{self.scheme} (detected: {why})"


class HashSchemeService:
    """Reads and changes the hash scheme of one database; the workspace's hasher follows it."""

    def __init__(
        self, *, settings: SettingsDao, passwords: PasswordDao, hasher: PasswordHasher, audit: AuditTrail
    ) -> None:
        self._settings = settings
        self._passwords = passwords
        self.hasher = hasher
        self._audit = audit

    async def current(self) -> HashScheme:
        """The scheme new hashes should be written in now: the setting, else the detected one."""
        stored = stored_hash_scheme(await self._settings.get(HASH_SCHEME_KEY))
        return stored or detected_hash_scheme(await self._passwords.holds_argon2_hashes())

    async def setting(self) -> HashSchemeSetting:
        """The database's hash scheme as stored now: its setting if it has one, else the detected one
        (argon2id where Argon2 hashes are, else bcrypt)."""
        stored = stored_hash_scheme(await self._settings.get(HASH_SCHEME_KEY))
        holds_argon2 = await self._passwords.holds_argon2_hashes()
        return HashSchemeSetting(stored or detected_hash_scheme(holds_argon2), stored is not None, holds_argon2)

    async def set_scheme(self, scheme: str) -> HashSchemeSetting:
        """Store the scheme new passwords of this database are hashed with (audited as "hash_scheme"), and
        use it from now on: the next password set is hashed with it, and existing hashes are upgraded to it
        at their next sign-in, except Argon2 ones, which never become bcrypt (home-log checks Argon2id
        only). bcrypt is allowed where Argon2 hashes are: show `HashSchemeSetting.warning` (or
        hash_scheme_warning) first. DatabaseReadOnlyError on a read-only database."""
        chosen = stored_hash_scheme(scheme)
        if chosen is None:
            raise InvalidInputError(f"The hash scheme must be {' or '.join(HASH_SCHEMES)}, not {scheme!r}.")
        await self._settings.set(HASH_SCHEME_KEY, chosen, self._audit.draft("hash_scheme", ["scheme"]))
        self.hasher.use_scheme(chosen)
        return await self.setting()

    async def schemes_of(self, account_ids: Iterable[int]) -> dict[int, str | None]:
        """The scheme of each account's hash (bcrypt, argon2id, ..., unknown; None: no password)."""
        ids = list(account_ids)
        prefixes = await self._passwords.hash_prefixes(ids)
        return {user_id: scheme_of(prefixes[user_id]) if user_id in prefixes else None for user_id in ids}
