"""Help > About (version, database, licences) and the app's private log file."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.about_dialog import AboutDialog, app_version, components
from homelog_desktop.ui.main_window import MainWindow
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.workspaces import open_workspace
from tests.ui.conftest import wait_for


def test_help_about_shows_version_database_and_licences(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    window.findChild(type(window.action_about), "actionAbout").trigger()
    dialog = wait_for(qtbot, window, AboutDialog, "aboutDialog")
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert app_version() in texts
    assert str(db_path) in texts
    for name, licence in [("Qt", "LGPL-3.0"), ("SQLAlchemy", "MIT"), ("aiosqlite", "MIT"), ("bcrypt", "Apache-2.0"),
                          ("qasync", "BSD-2-Clause"), ("greenlet", "MIT and PSF-2.0")]:
        assert name in texts and licence in texts
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None)  # deleted on close


def test_components_are_all_present() -> None:
    names = [name for name, _version, _licence in components()]
    assert {"Qt", "Python", "SQLAlchemy", "aiosqlite", "greenlet", "bcrypt", "qasync"} <= set(names)


async def make_database(path: Path) -> None:
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        await service.create("ann@example.org", "Ann", GOOD_PASSWORD)


def test_the_log_file_is_private_and_never_holds_a_password(tmp_path: Path) -> None:
    db = tmp_path / "logged.db"
    asyncio.run(make_database(db))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    done = subprocess.run([sys.executable, "-m", "homelog_desktop", "--db", str(db), "--screenshot",
                           str(tmp_path / "shot.png")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    logs = list((tmp_path / "state").rglob("homelog-desktop.log"))
    assert len(logs) == 1 and logs[0].parent.name == "log"
    assert logs[0].stat().st_mode & 0o777 == 0o600
    text = logs[0].read_text(encoding="utf-8")
    assert "starting" in text and str(db) in text
    assert GOOD_PASSWORD not in text and "$2b$" not in text
    assert "INFO" not in done.stderr  # the terminal only gets warnings
