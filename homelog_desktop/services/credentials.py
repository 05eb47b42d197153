"""Passwords of server databases beyond libpq's own (PGPASSWORD, ~/.pgpass, a service file): the
operating system's keyring (the `keyring` package: service "HomeLog Desktop", user
`user@host:port/db`), and the password given for this run. Nowhere else: never settings, files or logs.
Where no keyring exists, saving is refused with a sentence and the password is asked each time."""

from __future__ import annotations

import asyncio
import logging

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.server_passwords import forget_password, password_for, use_password
from homelog_desktop.errors import HomeLogError
from homelog_desktop.messages import translatable

log = logging.getLogger(__name__)

KEYRING_SERVICE = "HomeLog Desktop"
NO_KEYRING = translatable(
    "Messages", "This system has no keyring to keep passwords in, so the password is asked for each time "
    "(or keep it in ~/.pgpass).")

__all__ = [
    "KEYRING_SERVICE",
    "NO_KEYRING",
    "KeyringUnavailableError",
    "forget_password",
    "has_keyring",
    "keyring_user",
    "password_for",
    "save_password",
    "saved_password",
    "use_password",
]


class KeyringUnavailableError(HomeLogError):
    """No keyring to save a password in (a headless machine, no Secret Service)."""

    def __init__(self) -> None:
        super().__init__(NO_KEYRING)


def keyring_user(location: DatabaseLocation) -> str:
    """The keyring's user name for a server database: `user@host:port/db` (a service: `service NAME`)."""
    return location.display()


def has_keyring() -> bool:
    """Whether a real keyring backend exists here (not keyring's "fail" stand-in)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # a broken backend configuration counts as none
        log.warning("The system keyring cannot be used", exc_info=True)
        return False


def _read(location: DatabaseLocation) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_user(location))
    except KeyringError:
        return None


async def saved_password(location: DatabaseLocation) -> str | None:
    """The password saved in the keyring for `location`, None when none is (or there is no keyring)."""
    if not has_keyring():
        return None
    return await asyncio.to_thread(_read, location)


def _write(location: DatabaseLocation, password: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_user(location), password)
    except KeyringError as error:
        raise KeyringUnavailableError() from error


async def save_password(location: DatabaseLocation, password: str) -> None:
    """Keep the password of `location` in the keyring (KeyringUnavailableError where there is none)."""
    if not has_keyring():
        raise KeyringUnavailableError()
    await asyncio.to_thread(_write, location, password)


def _delete(location: DatabaseLocation) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_user(location))
    except KeyringError:
        pass


async def delete_saved_password(location: DatabaseLocation) -> None:
    """Remove the saved password of `location` (the server refused it); nothing when none is saved."""
    if has_keyring():
        await asyncio.to_thread(_delete, location)
