"""Writes by other programs show up in the window without F5, keeping the selection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.ui import backend_sql, seed, select_email, table_column


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
