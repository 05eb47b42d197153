"""The floor of first rows: a minimal PySide6 window that reads the first page with sqlite3 (the same
rows, columns and order as the app's first page) and shows it in a QTableView over a QStandardItemModel."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from homelog_desktop.ui.resources import stylesheet

# The app's first page: accounts in id order with their password and state, 200 of them.
FIRST_PAGE = (
    "SELECT users.id, users.email, users.username, user_passwords.user_id IS NOT NULL, "
    "state.role, state.disabled, state.last_sign_in_at, user_passwords.updated_at, "
    "users.created_at, users.updated_at, state.must_change_password, state.locked_until "
    "FROM users LEFT OUTER JOIN user_passwords ON user_passwords.user_id = users.id "
    "LEFT OUTER JOIN homelog_desktop_account_state AS state ON state.user_id = users.id "
    "ORDER BY users.id LIMIT 200"
)
TITLES = ("ID", "Email", "Name", "Password", "Role", "Disabled", "Last sign-in", "Password set", "Created", "Updated")


class FirstPaint(QObject):
    """Notes when the first paint of a widget after `arm()` has been handled, then quits the app."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.done_at = 0.0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint:
            self.armed = False
            QTimer.singleShot(0, self._finished)  # runs once this paint has been handled
        return False

    def _finished(self) -> None:
        self.done_at = time.perf_counter()
        QApplication.quit()


def floor_first_rows_ms(path: Path, width: int, height: int) -> float:
    """Show the minimal window, read and show the first page; ms until those rows are painted."""
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(stylesheet())
    model = QStandardItemModel(0, len(TITLES))
    model.setHorizontalHeaderLabels(list(TITLES))
    view = QTableView()
    view.setObjectName("userTable")
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    view.resize(width, height)
    watch = FirstPaint()
    view.viewport().installEventFilter(watch)
    started = time.perf_counter()
    view.show()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(FIRST_PAGE).fetchall()
    for row in rows:
        model.appendRow([QStandardItem("" if value is None else str(value)) for value in row[: len(TITLES)]])
    watch.armed = True
    app.exec()
    return (watch.done_at - started) * 1000.0
