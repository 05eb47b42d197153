"""Many accounts at once in the window: Ctrl+A across pages not loaded, Shift+arrows, the marks kept
across a sort, one confirmation that counts and names a few, Cancel, the last-administrator rule over
the set before asking, a bulk delete undone, a large set read under progress with Cancel, and Export
selected writing the selected accounts only."""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.ui.dialogs.export import ExportDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.ui import choose_file, error_shown, run, settle, visible, wait_for
from tests.helpers.workspaces import rows

COUNT = 60
DISABLED = "SELECT user_id FROM homelog_desktop_account_state WHERE disabled ORDER BY user_id"


def many(qtbot: QtBot, window: MainWindow, count: int = COUNT) -> list[int]:
    """`count` accounts, shown in pages of 10 with at most 4 pages held: the rows beyond are not loaded."""
    assert window.workspace is not None
    ids = [run(qtbot, window.workspace.accounts.create(f"user{n:03}@example.org")).id for n in range(count)]
    window.model.page_size, window.model.max_pages = 10, 4
    run(qtbot, window.table.refresh())
    settle(qtbot, window)
    window.table.setFocus()
    return ids


def answer(qtbot: QtBot, window: MainWindow, button: str) -> str:
    """Answer the bulk confirmation (its "confirmButton", or Cancel); its question."""
    box = wait_for(qtbot, window, QMessageBox, "confirmBulk")
    question = box.text()
    if button == "confirm":
        qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    return question


def test_ctrl_a_selects_every_account_also_on_pages_not_loaded(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    ids = many(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    marks = window.table.marks
    assert marks.everything and marks.count == COUNT
    assert window.model.loaded_row_count < COUNT  # never read them all
    assert "60 selected" in window.status.count_label.text()
    assert window.action("disable").isEnabled() and not window.action("edit_user").isEnabled()
    # Ctrl-click leaves one out; a sort keeps the marks, by id.
    second = window.model.index(1, 0)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     window.table.visualRect(second).center())
    qtbot.waitUntil(lambda: marks.count == COUNT - 1)
    assert marks.ids == {ids[1]}
    window.model.sort(1, Qt.SortOrder.DescendingOrder)
    settle(qtbot, window)
    assert marks.count == COUNT - 1 and "59 selected" in window.status.count_label.text()

    window.action("disable").trigger()
    assert answer(qtbot, window, "cancel").startswith("Disable 59 accounts: ")
    settle(qtbot, window)
    assert rows(db_path, DISABLED) == []  # cancelled: nothing written

    qtbot.waitUntil(window.action("disable").isEnabled)
    window.action("disable").trigger()
    question = answer(qtbot, window, "confirm")
    assert question == (
        "Disable 59 accounts: user000@example.org, user002@example.org, user003@example.org and 56 more?"
    )
    qtbot.waitUntil(lambda: len(rows(db_path, DISABLED)) == COUNT - 1)
    assert (ids[1],) not in rows(db_path, DISABLED)
    audit = "SELECT count(*) FROM homelog_desktop_audit WHERE action = 'disable'"
    assert rows(db_path, audit) == [(COUNT - 1,)]


def test_shift_arrows_select_and_a_bulk_delete_is_undone(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    many(qtbot, window, 12)
    window.table.select_only(0)
    for _ in range(2):
        qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert window.table.marks.count == 3 and not window.table.marks.everything
    window.action("delete_user").trigger()
    assert answer(qtbot, window, "confirm") == (
        "Delete 3 accounts: user000@example.org, user001@example.org, user002@example.org?"
    )
    qtbot.waitUntil(lambda: rows(db_path, "SELECT count(*) FROM users") == [(9,)])
    settle(qtbot, window)
    assert window.action("undo").text() == "&Undo Delete 3 accounts"
    window.action("undo").trigger()
    qtbot.waitUntil(lambda: rows(db_path, "SELECT count(*) FROM users") == [(12,)])
    settle(qtbot, window)
    assert window.model.total == 12


def test_the_last_administrator_rule_is_applied_to_the_set_before_asking(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    ids = many(qtbot, window, 5)
    assert window.workspace is not None
    for user_id in ids[:2]:
        run(qtbot, window.workspace.roles.set_role(user_id, ROLE_ADMINISTRATOR))
    run(qtbot, window.table.refresh())
    settle(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    window.action("make_member").trigger()
    qtbot.waitUntil(lambda: "every enabled administrator" in error_shown(window))
    assert visible(window, QMessageBox, "confirmBulk") is None  # refused before asking anything
    # Leaving one administrator out makes it possible.
    window.table.selectionModel().select(
        window.model.index(0, 0), QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows
    )
    assert window.table.marks.count == 4
    window.action("make_member").trigger()
    assert answer(qtbot, window, "confirm").startswith("Make members of 4 accounts: ")
    qtbot.waitUntil(lambda: rows(
        db_path, "SELECT user_id FROM homelog_desktop_account_state WHERE role = 'administrator'"
    ) == [(ids[0],)])


def test_a_large_selection_is_read_under_progress_and_cancel_writes_nothing(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    count = 20_000  # read 1,000 ids at a time: the progress dialog is up long enough to be cancelled
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.executemany(
            "INSERT INTO users (email, username, created_at, updated_at) VALUES (?, '', '2026-01-01', '2026-01-01')",
            ((f"many{n:05}@example.org",) for n in range(count)),
        )
    qtbot.waitUntil(lambda: window.model.total == count, timeout=10_000)  # another program's write, seen
    settle(qtbot, window)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert window.table.marks.count == count
    window.action("disable").trigger()
    progress = wait_for(qtbot, window, QProgressDialog, "bulkProgress")
    assert progress.labelText() == "Reading the 20,000 accounts selected…"
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel button
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Cancelled: nothing was changed.", timeout=20_000)
    settle(qtbot, window)
    assert visible(window, QMessageBox, "confirmBulk") is None  # never asked: nothing to confirm
    assert visible(window, QProgressDialog) is None
    assert rows(db_path, DISABLED) == []
    assert rows(db_path, "SELECT count(*) FROM homelog_desktop_audit WHERE action = 'disable'") == [(0,)]


def test_export_selected_writes_the_selected_accounts_only(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    many(qtbot, window, 12)
    window.table.select_only(2)
    for _ in range(2):
        qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert window.table.marks.count == 3
    window.action("export_selected").trigger()
    dialog = wait_for(qtbot, window, ExportDialog)
    assert "the 3 selected accounts" in dialog.findChild(QLabel, "exportScope").text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "selected.csv"
    choose_file(qtbot, window, "exportFileDialog", target)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"), timeout=10_000)
    settle(qtbot, window)
    with target.open(newline="") as stream:
        emails = [row["email"] for row in csv.DictReader(stream)]
    assert emails == ["user002@example.org", "user003@example.org", "user004@example.org"]
