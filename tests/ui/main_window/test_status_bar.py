"""The status bar's permanent parts: the count never hidden by messages, and the busy indicator."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window.status_bar import StatusParts


def test_activity_shows_with_the_busy_bar_and_messages_leave_the_count(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    parts = StatusParts(window.statusBar())
    window.show()
    parts.count_label.setText("3 accounts")
    parts.show_activity("Deleting ann@example.org…")
    assert parts.busy_bar.isVisible() and parts.activity_label.text() == "Deleting ann@example.org…"
    window.statusBar().showMessage("Deleted ann@example.org.")
    assert parts.count_label.isVisible() and parts.count_label.text() == "3 accounts"
    parts.show_activity("")
    assert not parts.busy_bar.isVisible() and parts.activity_label.text() == ""
