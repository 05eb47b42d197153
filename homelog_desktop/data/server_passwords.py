"""Passwords for server databases that libpq cannot find itself (asked for, or read from the system
keyring): held in this process's memory only, for new connections to that location (reconnects too).
Never written anywhere, never part of a location, URL, repr or log line."""

from __future__ import annotations

import threading

from homelog_desktop.data.location import DatabaseLocation

_lock = threading.Lock()
_passwords: dict[str, str] = {}


def _key(location: DatabaseLocation) -> str:
    return location.conninfo or ""


def use_password(location: DatabaseLocation, password: str) -> None:
    """Connect to `location` with this password from now on (in place of what libpq finds)."""
    with _lock:
        _passwords[_key(location)] = password


def forget_password(location: DatabaseLocation) -> None:
    """Let libpq find the password of `location` again (e.g. the one given was refused)."""
    with _lock:
        _passwords.pop(_key(location), None)


def password_for(location: DatabaseLocation) -> str | None:
    """The password given for `location` in this process, None when libpq finds its own."""
    with _lock:
        return _passwords.get(_key(location))
