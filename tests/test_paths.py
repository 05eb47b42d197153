"""Where the app keeps its files by default (paths.py): the same folders Qt gave, found without Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from homelog_desktop import paths
from tests.conftest import SESSION_HOME

# In a fresh interpreter, for each environment: what Qt answers (AppDataLocation, StateLocation, with the
# app's organisation and name) and what paths.py answers, for the same HOME and XDG variables.
QT_AND_US = """
import json, os, sys
from PySide6.QtCore import QCoreApplication, QStandardPaths
from homelog_desktop import paths
QCoreApplication.setOrganizationName(paths.ORGANIZATION_NAME)
QCoreApplication.setApplicationName(paths.APPLICATION_NAME)
answers = []
for environment in json.loads(sys.argv[1]):
    for name in ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        os.environ.pop(name, None)
    os.environ.update(environment)
    qt = [QStandardPaths.writableLocation(kind) for kind in
          (QStandardPaths.StandardLocation.AppDataLocation, QStandardPaths.StandardLocation.StateLocation)]
    answers.append({"qt": qt, "us": [str(paths.app_data_folder()), str(paths.state_folder())]})
print(json.dumps(answers))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="Qt's answer is compared on the platform it runs on")
def test_the_folders_are_the_ones_qt_gives_on_linux(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    environments = [
        {"HOME": home},  # the defaults: ~/.local/share and ~/.local/state
        {"HOME": home, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")},
        {"HOME": home, "XDG_DATA_HOME": "relative/data", "XDG_STATE_HOME": "relative/state"},  # ignored
        {"HOME": home, "XDG_DATA_HOME": "", "XDG_STATE_HOME": ""},
    ]
    done = subprocess.run([sys.executable, "-c", QT_AND_US, json.dumps(environments)],
                          capture_output=True, text=True, timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    for answer in answers:
        assert answer["us"] == answer["qt"]
    assert answers[0]["us"] == [f"{home}/.local/share/home-log/HomeLog Desktop",
                                f"{home}/.local/state/home-log/HomeLog Desktop"]
    assert answers[1]["us"][0] == f"{tmp_path}/data/home-log/HomeLog Desktop"


def test_the_folders_on_macos(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.app_data_folder() == tmp_path / "Library" / "Application Support" / "home-log" / "HomeLog Desktop"
    assert paths.state_folder() == tmp_path / "Library" / "Preferences" / "home-log" / "HomeLog Desktop" / "State"


def test_the_folders_on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Windows' known folders (FOLDERID_RoamingAppData, FOLDERID_LocalAppData) as platformdirs reads them.
    known = {True: tmp_path / "AppData" / "Roaming", False: tmp_path / "AppData" / "Local"}
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(paths, "_windows_folder", lambda *, roaming: known[roaming])
    assert paths.app_data_folder() == known[True] / "home-log" / "HomeLog Desktop"
    assert paths.state_folder() == known[False] / "home-log" / "HomeLog Desktop" / "State"


def test_the_database_to_open(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOMELOG_DB", str(tmp_path / "from-env.db"))
    assert paths.resolve_database_path(str(tmp_path / "given.db")) == (tmp_path / "given.db", False)
    assert paths.resolve_database_path(None) == (tmp_path / "from-env.db", False)
    monkeypatch.setenv("HOMELOG_DB", "~/in-home.db")
    assert paths.resolve_database_path(None) == (Path.home() / "in-home.db", False)
    monkeypatch.delenv("HOMELOG_DB")
    assert paths.resolve_database_path(None) == (paths.app_data_folder() / "homelog.db", True)


def test_the_tests_never_reach_the_real_home() -> None:
    assert paths.default_database_path().is_relative_to(SESSION_HOME)
    assert paths.state_folder().is_relative_to(SESSION_HOME)
    assert Path.home() == SESSION_HOME


def test_finding_the_folders_loads_no_qt() -> None:
    probe = ("import sys; from homelog_desktop import paths; paths.default_database_path(); paths.state_folder(); "
             "print(sorted(name for name in sys.modules if name.startswith(('PySide6', 'shiboken6'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr
