"""Where HomeLog Desktop keeps its files by default: the same per-user folders Qt chose before, found without Qt.

The app used to ask Qt (`QStandardPaths`, organisation "home-log", application "HomeLog Desktop"); the
command line must not load Qt, so the folders are worked out here the way Qt does it, on each platform,
so that existing users' databases and logs are found where they are:

| platform | app data (the database)                         | state (the log, in log/)                      |
|----------|-------------------------------------------------|-----------------------------------------------|
| Linux    | $XDG_DATA_HOME or ~/.local/share, + org/app     | $XDG_STATE_HOME or ~/.local/state, + org/app  |
| Windows  | %APPDATA% (roaming), + org/app                  | %LOCALAPPDATA%, + org/app/State               |
| macOS    | ~/Library/Application Support, + org/app        | ~/Library/Preferences, + org/app/State        |
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APPLICATION_NAME = "HomeLog Desktop"
ORGANIZATION_NAME = "home-log"
DATABASE_FILE_NAME = "homelog.db"
DATABASE_ENV_VAR = "HOMELOG_DB"


def _xdg_folder(variable: str, fallback: str) -> Path:
    """An XDG base folder as Qt reads it: the variable when it holds an absolute path, else ~/fallback.

    (The XDG spec says relative values are ignored, and Qt ignores them; platformdirs would not.)
    """
    value = os.environ.get(variable, "")
    return Path(value) if value.startswith("/") else Path.home() / fallback


def _windows_folder(*, roaming: bool) -> Path:
    """%APPDATA% (roaming) or %LOCALAPPDATA%, read from Windows' known folders as Qt reads them."""
    import platformdirs  # only here: Linux needs none of it

    return Path(platformdirs.user_data_dir(roaming=roaming))


def app_data_folder() -> Path:
    """The app's own per-user data folder (not created here); Qt's AppDataLocation."""
    if sys.platform == "win32":
        base = _windows_folder(roaming=True)
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = _xdg_folder("XDG_DATA_HOME", ".local/share")
    return base / ORGANIZATION_NAME / APPLICATION_NAME


def state_folder() -> Path:
    """The app's per-user state folder, where its log goes (not created here); Qt's StateLocation."""
    if sys.platform == "win32":
        return _windows_folder(roaming=False) / ORGANIZATION_NAME / APPLICATION_NAME / "State"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / ORGANIZATION_NAME / APPLICATION_NAME / "State"
    return _xdg_folder("XDG_STATE_HOME", ".local/state") / ORGANIZATION_NAME / APPLICATION_NAME


def default_database_path() -> Path:
    """`homelog.db` in the platform's per-user app data folder (the folder is not created here)."""
    return app_data_folder() / DATABASE_FILE_NAME


def resolve_database_path(cli_value: str | None) -> tuple[Path, bool]:
    """The database to open: --db, else $HOMELOG_DB, else the default; and whether it is the default."""
    if cli_value:
        return Path(cli_value).expanduser(), False
    env_value = os.environ.get(DATABASE_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser(), False
    return default_database_path(), True
