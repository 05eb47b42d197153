"""The user's settings file is the owner's alone: 0600 in a 0700 folder, and stays so as Qt rewrites it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from homelog_desktop.ui.settings import make_private


def test_the_settings_file_and_its_folder_are_private_and_stay_so(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "home-log"
    folder.mkdir(parents=True, mode=0o755)
    path = folder / "HomeLog Desktop.conf"
    make_private(path)
    assert folder.stat().st_mode & 0o777 == 0o700 and path.stat().st_mode & 0o777 == 0o600
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue("database/last", "/home/ann/homelog.db")
    settings.sync()
    assert path.stat().st_mode & 0o777 == 0o600 and "homelog.db" in path.read_text()
    path.chmod(0o644)  # made readable by others meanwhile: the next start takes that back
    make_private(path)
    assert path.stat().st_mode & 0o777 == 0o600 and "homelog.db" in path.read_text()
