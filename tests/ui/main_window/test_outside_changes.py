"""Writes by other programs show up in the window without F5, keeping the selection."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.main_window.outside_changes import OutsideChangeWatch
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.operations import Operations
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.ui import backend_sql, run, seed, select_email, table_column


def test_outside_changes_appear_without_refresh_keeping_the_selection(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None), ("bob@example.org", "Bob", None))
    select_email(qtbot, window, "bob@example.org")
    backend_sql(db_path, "INSERT INTO users (email, created_at) VALUES ('aaa@example.org', '2026-01-01')")
    window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["aaa@example.org", "ann@example.org", "bob@example.org"],
                    timeout=8000)
    qtbot.waitUntil(lambda: window.table.selected_account() is not None)
    assert window.table.selected_account().email == "bob@example.org"  # type: ignore[union-attr]


def test_the_watch_asks_only_while_the_window_is_quiet_and_says_when_the_file_changed(
    qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path
) -> None:
    workspace = run(qtbot, Workspace.open(db_path, bcrypt_cost=TEST_BCRYPT_COST))
    operations = Operations()
    quiet = [False]
    watch = OutsideChangeWatch(operations=operations, quiet=lambda: quiet[0], interval_ms=60_000)
    changes: list[bool] = []
    watch.changed.connect(lambda: changes.append(True))
    try:
        watch.follow(workspace)  # the first look: what is there now is not a change
        qtbot.waitUntil(lambda: len(operations) == 0)
        backend_sql(db_path, "INSERT INTO users (email, created_at) VALUES ('new@example.org', '2026-01-01')")
        watch.poll()
        assert len(operations) == 0  # the window is busy reading: no check now
        quiet[0] = True
        with qtbot.waitSignal(watch.changed, timeout=5000):
            watch.poll()
        qtbot.waitUntil(lambda: len(operations) == 0)
        watch.poll()  # nothing written since
        qtbot.waitUntil(lambda: len(operations) == 0)
        assert changes == [True]
        run(qtbot, watch.unfollow())
        watch.poll()
        assert len(operations) == 0  # no database followed
    finally:
        watch.stop()
        run(qtbot, workspace.close())
