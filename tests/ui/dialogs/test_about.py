"""Help > About: the version, the database in use, and the licences of the bundled components."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.about import AboutDialog, app_version, components
from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.ui import wait_for


def test_help_about_shows_version_database_and_licences(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    window.action("about").trigger()
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
