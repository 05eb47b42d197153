"""Where HomeLog Desktop keeps its files by default (per-user app data folder)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

APPLICATION_NAME = "HomeLog Desktop"
ORGANIZATION_NAME = "home-log"
DATABASE_FILE_NAME = "homelog.db"
DATABASE_ENV_VAR = "HOMELOG_DB"


def set_application_identity() -> None:
    """Name the app so QSettings and QStandardPaths pick its own folders."""
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)


def default_database_path() -> Path:
    """`homelog.db` in the platform's per-user app data folder (the folder is not created here)."""
    set_application_identity()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / DATABASE_FILE_NAME


def resolve_database_path(cli_value: str | None) -> tuple[Path, bool]:
    """The database to open: --db, else $HOMELOG_DB, else the default; and whether it is the default."""
    if cli_value:
        return Path(cli_value).expanduser(), False
    env_value = os.environ.get(DATABASE_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser(), False
    return default_database_path(), True
