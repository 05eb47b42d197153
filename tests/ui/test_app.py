"""`homelog-desktop` as a user starts it: --version, --screenshot on a real database, bad files, the private
log file and settings file it writes, and a bug reported as one."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.app import install_excepthook, parse_arguments, run_window
from homelog_desktop.ui.dialogs.first_run import FirstRunDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.ui import backend_sql, error_shown, seed, table_column, wait_for
from tests.helpers.workspaces import open_workspace


def start_app(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"))
    # The log goes to the default state folder under HOME (~/.local/state), not the test session's.
    for variable in ("HOMELOG_DB", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env.pop(variable, None)
    return subprocess.run([sys.executable, "-m", "homelog_desktop", *args], capture_output=True, text=True,
                          env=env, timeout=120)


async def make_database(path: Path) -> None:
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
        await service.create("bob@example.org", None)


def test_version(tmp_path: Path) -> None:
    done = start_app("--version", home=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("homelog-desktop ")


def test_screenshot_of_a_database(tmp_path: Path, db_path: Path) -> None:
    asyncio.run(make_database(db_path))
    shot = tmp_path / "shot.png"
    done = start_app("--db", str(db_path), "--screenshot", str(shot), home=tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 400 and image.height() > 300
    assert GOOD_PASSWORD not in done.stdout + done.stderr


def test_screenshot_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01 not sqlite at all")
    done = start_app("--db", str(junk), "--screenshot", str(tmp_path / "shot.png"), home=tmp_path)
    assert done.returncode == 2
    assert "not a HomeLog database" in done.stderr
    assert junk.read_bytes() == b"\x00\x01 not sqlite at all"
    assert not (tmp_path / "shot.png").exists()


def test_default_database_is_created_private_in_the_app_data_folder(tmp_path: Path) -> None:
    done = start_app("--screenshot", str(tmp_path / "shot.png"), home=tmp_path)
    assert done.returncode == 0, done.stderr
    created = list((tmp_path / "data").rglob("homelog.db"))
    assert len(created) == 1 and created[0].stat().st_mode & 0o777 == 0o600


def test_screenshot_of_a_database_that_asks_for_a_sign_in(tmp_path: Path, db_path: Path) -> None:
    async def with_administrator() -> None:
        await make_database(db_path)
        async with open_workspace(db_path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
            ann = await workspace.accounts.find("ann@example.org")
            await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)

    asyncio.run(with_administrator())
    for name, expected in (("admin.png", "signInDialog"), ("fresh.png", "firstRunDialog")):
        path = db_path if name == "admin.png" else tmp_path / "fresh.db"
        shot = tmp_path / name
        done = start_app("--db", str(path), "--screenshot", str(shot), home=tmp_path)
        assert done.returncode == 0, done.stderr  # the picture shows the dialog; nothing hangs
        image = QImage(str(shot))
        assert not image.isNull() and image.width() > 400 and image.height() > 300
        log = next((tmp_path / ".local" / "state").rglob("homelog-desktop.log")).read_text(encoding="utf-8")
        assert f"asks for a sign-in first ({expected})" in log


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


def test_closing_the_window_ends_the_app_whatever_it_waits_for(
    qtbot: QtBot, gated: MainWindow, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.db"  # no administrator: the first-run dialog asks for one
    running = asyncio.get_event_loop().create_task(run_window(gated, parse_arguments(["--db", str(fresh)])))
    dialog = wait_for(qtbot, gated, FirstRunDialog)
    gated.close()  # Quit while the first-run dialog is still open
    qtbot.waitUntil(running.done, timeout=5000)
    assert running.result() == 0
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_quitting_after_a_cancelled_first_run_ends_the_app(qtbot: QtBot, gated: MainWindow, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    running = asyncio.get_event_loop().create_task(run_window(gated, parse_arguments(["--db", str(fresh)])))
    qtbot.keyClick(wait_for(qtbot, gated, FirstRunDialog), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: gated.session.waiting == DatabaseLocation.file(fresh))
    assert not running.done()
    gated.action("quit").trigger()
    qtbot.waitUntil(running.done, timeout=5000)
    assert running.result() == 0


def test_qts_standard_options_are_accepted_and_the_settings_file_is_private(tmp_path: Path, db_path: Path) -> None:
    asyncio.run(make_database(db_path))
    shot = tmp_path / "shot.png"
    done = start_app("-style", "fusion", "--db", str(db_path), "-reverse", "--screenshot", str(shot), home=tmp_path)
    assert done.returncode == 0, done.stderr  # once "unrecognized arguments: -style fusion -reverse"
    log = next((tmp_path / ".local" / "state").rglob("homelog-desktop.log")).read_text(encoding="utf-8")
    assert "style fusion, RightToLeft" in log
    settings = next((tmp_path / "config").rglob("*.conf"))
    assert settings.stat().st_mode & 0o777 == 0o600 and settings.parent.stat().st_mode & 0o777 == 0o700
    assert "geometry" in settings.read_text()  # written, and still private


# Issue 11, item 1: the window shows a bug as one message saying it is one (never a traceback, never the
# user's mistake), the details in the log.


def test_a_bug_is_one_message_that_says_so_and_where_its_details_are(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    # A real failure the app does not expect: a trigger of someone else's refuses the write.
    backend_sql(db_path, "CREATE TRIGGER refuse BEFORE UPDATE ON users BEGIN SELECT RAISE(ABORT, 'refused here'); END")
    log_file = tmp_path / "homelog-desktop.log"
    previous = sys.excepthook
    install_excepthook(window, log_file)
    try:
        workspace = window.workspace
        assert workspace is not None
        window.operations.start(workspace.accounts.update(1, email="anna@example.org", username="Ann"))
        qtbot.waitUntil(lambda: error_shown(window) != "")
    finally:
        sys.excepthook = previous
    assert error_shown(window) == (
        "An unexpected error happened (IntegrityError): this is a bug in HomeLog Desktop, not something you did; "
        f"its details were written to {log_file}."
    )
    assert table_column(window, 1) == ["ann@example.org"]
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is not None and "refused here" in str(errors[0].exc_info[1])
    caplog.clear()  # the bug was expected here: it fails no test
