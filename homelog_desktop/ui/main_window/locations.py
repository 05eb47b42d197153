"""Database locations in the window: how one is named in sentences, how it is remembered (never with a
password), and opening one on a server with the password libpq finds, else the keyring's, else asked."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from homelog_desktop.errors import HomeLogError
from homelog_desktop.paths import DATABASE_ENV_VAR, resolve_database_path
from homelog_desktop.server_errors import ServerSignInError
from homelog_desktop.services import credentials
from homelog_desktop.services.workspace import DatabaseLocation, Workspace
from homelog_desktop.ui.dialogs.server_password import ServerPasswordDialog
from homelog_desktop.ui.operations import OperationFailed, Operations
from homelog_desktop.ui.translation import translate

Opener = Callable[[DatabaseLocation], Awaitable[Workspace]]


def as_location(where: Path | str | DatabaseLocation) -> DatabaseLocation:
    """A location from what the window was given: a path is a file (as before), a location itself."""
    return where if isinstance(where, DatabaseLocation) else DatabaseLocation.file(where)


def shown_name(location: DatabaseLocation) -> str:
    """How sentences name a database: a file's name, or user@host:port/db (never a password)."""
    return location.file_path().name if location.is_file else location.display()


def remembered(location: DatabaseLocation) -> str:
    """The text kept in settings (last and recent databases): a file's path, or the server's URL or
    service=NAME as given (a location never holds a password)."""
    return str(location.file_path()) if location.is_file else (location.conninfo or "")


async def open_location(
    parent: QWidget, operations: Operations, location: DatabaseLocation, opener: Opener
) -> Workspace | None:
    """Open `location` through `opener`; for a server refusing the sign-in, with the keyring's password,
    else the one asked for. None: the user cancelled the password; OperationFailed: shown already."""
    label = translate("Messages", "Opening {file}…").format(file=shown_name(location))
    if location.is_file:
        return await operations.run(label, opener(location))
    try:
        async with operations.busy(label):
            return await opener(location)
    except ServerSignInError:
        pass  # libpq found no password, or a wrong one: the keyring's, else ask
    except HomeLogError as error:
        operations.show_error(str(error))
        raise OperationFailed from error
    saved = await credentials.saved_password(location)
    if saved is not None:
        credentials.use_password(location, saved)
        try:
            async with operations.busy(label):
                return await opener(location)
        except ServerSignInError:
            credentials.forget_password(location)
        except HomeLogError as error:
            operations.show_error(str(error))
            raise OperationFailed from error
    return await _ask_password(parent, operations, location, opener)


async def _ask_password(
    parent: QWidget, operations: Operations, location: DatabaseLocation, opener: Opener
) -> Workspace | None:
    dialog = ServerPasswordDialog(parent=parent, where=location.display(), can_save=credentials.has_keyring())

    async def connect() -> Workspace:
        password, keep = dialog.password(), dialog.save_requested()
        credentials.use_password(location, password)
        try:
            workspace = await opener(location)
        except BaseException:
            credentials.forget_password(location)
            raise
        if keep:
            try:
                await credentials.save_password(location, password)
            except HomeLogError as error:
                operations.tell(str(error), 10_000)
        return workspace

    return await operations.submit(dialog, connect, label=lambda: translate(
        "Messages", "Connecting to {server}…").format(server=location.display()))


def location_to_open(given: str | None, last: object) -> tuple[DatabaseLocation, bool]:
    """--db, else $HOMELOG_DB (a file path, a postgresql:// URL or service=NAME), else the last database
    used (a file only if it still exists), else the default file; and whether it is the default.
    InvalidInputError for a URL holding a password."""
    path, is_default = resolve_database_path(given)
    text = given or os.environ.get(DATABASE_ENV_VAR) or ""
    if not is_default:
        return DatabaseLocation.parse(text), False
    if isinstance(last, str) and last:
        try:
            location = DatabaseLocation.parse(last)
        except HomeLogError:
            return DatabaseLocation.file(path), True
        if not location.is_file or location.file_path().is_file():
            return location, False
    return DatabaseLocation.file(path), True


RECENT_KEY = "database/recent"
RECENT_COUNT = 8


def recent_locations(settings: QSettings) -> list[DatabaseLocation]:
    """The databases opened last, newest first (what cannot be read as a location is left out)."""
    value = settings.value(RECENT_KEY, [])
    # QSettings' INI files give a list of one back as a plain string.
    texts = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    found: list[DatabaseLocation] = []
    for text in texts:
        try:
            found.append(DatabaseLocation.parse(str(text)))
        except HomeLogError:
            continue
    return found


def remember_recent(settings: QSettings, location: DatabaseLocation) -> None:
    """Put `location` first among the recent databases (as `remembered` writes it: no password)."""
    text = remembered(location)
    kept = [remembered(known) for known in recent_locations(settings)]
    settings.setValue(RECENT_KEY, [text, *(known for known in kept if known != text)][:RECENT_COUNT])
