"""The user's settings (QSettings: window, table, last database), in a file only its owner can read."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def make_private(path: Path) -> None:
    """Create (or keep) the settings file readable and writable by its owner only, in a folder only the
    owner can enter. Qt replaces the file through a copy that keeps its permissions."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    path.parent.chmod(PRIVATE_FOLDER)
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    os.close(descriptor)
    path.chmod(PRIVATE_FILE)


def private_settings() -> QSettings:
    """The app's QSettings (organisation and application names set first), owner-only where it is a file
    (everywhere but Windows, whose registry keeps it per user)."""
    settings = QSettings()
    if sys.platform != "win32":
        make_private(Path(settings.fileName()))
    return settings
