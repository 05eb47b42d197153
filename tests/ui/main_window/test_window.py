"""The window shell: the table with its counts, search and sort, the keys and menus that reach the
actions, the busy state in the status bar, errors in one message box, what it remembers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD
from tests.helpers.ui import run, seed, select_email, table_column, visible, wait_for


def test_shows_accounts_with_password_state(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", None, None))
    assert table_column(window, 1) == ["ann@example.org", "bob@example.org"]
    assert table_column(window, 2) == ["Ann", ""]
    assert table_column(window, 3) == ["set", "none"]
    assert window.status.count_label.text() == "2 accounts"


def test_actions_need_a_selection(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    window.table.clearSelection()
    assert not window.action("delete_user").isEnabled()
    assert not window.action("edit_user").isEnabled()
    assert window.action("new_user").isEnabled()
    select_email(qtbot, window, "ann@example.org")
    assert window.action("delete_user").isEnabled()
    assert not window.action("check_password").isEnabled()  # no password to check


def test_search_filters_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    seed(
        qtbot, window,
        ("ann@example.org", "Ann", None), ("bob@example.org", "Bobby", None), ("carl@home.net", "Annika", None),
    )
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_row.field.hasFocus()
    qtbot.keyClicks(window.search_row.field, "ANN")
    qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org", "carl@home.net"])
    assert window.status.count_label.text() == "2 of 3 accounts match “ANN”"
    window.search_row.field.setText("nobody")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.empty_label.isVisible() and "No account matches" in window.empty_label.text()
    window.search_row.field.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)


def test_sort_by_clicking_a_header(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("b@example.org", "Zed", None), ("c@example.org", "amy", None), ("a@example.org", None, None))
    header = window.table.horizontalHeader()
    name_section = QPoint(header.sectionViewportPosition(2) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_section)
    qtbot.waitUntil(lambda: table_column(window, 2) == ["", "amy", "Zed"])
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["c@example.org", "b@example.org", "a@example.org"])


def test_refresh_shows_changes_from_elsewhere(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    other = run(qtbot, Workspace.open(db_path, bcrypt_cost=4))
    run(qtbot, other.accounts.create("outside@example.org", None, None))
    run(qtbot, other.close())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["outside@example.org"])


def test_remembers_geometry_and_last_database(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    window.close()
    assert window.settings.value("database/last") == str(db_path)
    assert window.settings.value("window/geometry")


def test_enter_and_double_click_on_the_table_edit_the_selected_account(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    dialog = wait_for(qtbot, window, AccountDialog)
    assert dialog.email_field.text() == "ann@example.org"
    dialog.reject()
    qtbot.waitUntil(lambda: visible(window, AccountDialog) is None)
    qtbot.waitUntil(window.action("edit_user").isEnabled)  # the action is given back when its flow ends
    window.table.doubleClicked.emit(window.model.index(0, 1))
    wait_for(qtbot, window, AccountDialog).reject()


# A popup menu raises itself and grabs the keyboard, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_the_context_menu_offers_what_applies_to_the_selected_account(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    select_email(qtbot, window, "ann@example.org")
    window.table.customContextMenuRequested.emit(QPoint(5, 5))
    menu = wait_for(qtbot, window, QMenu)
    texts = [action.text() for action in menu.actions()]
    assert texts[:2] == ["&Edit account…", "&Delete account…"]
    assert "Make &administrator" in texts and "D&isable account" in texts
    assert "Make &member" not in texts and "Ena&ble account" not in texts  # only what applies
    assert texts[-1] == "History of this a&ccount…"
    menu.close()


def test_a_running_operation_shows_in_the_status_bar_and_pauses_the_account_actions(
    qtbot: QtBot, window: MainWindow
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    select_email(qtbot, window, "ann@example.org")
    release = asyncio.Event()
    task = window.operations.start(window.operations.run("Doing something long…", release.wait()))
    qtbot.waitUntil(lambda: window.status.activity_label.text() == "Doing something long…")
    assert window.status.busy_bar.isVisible()
    assert not window.action("delete_user").isEnabled() and not window.action("new_user").isEnabled()
    assert window.action("refresh").isEnabled()  # reading needs no quiet
    release.set()
    qtbot.waitUntil(task.done)
    assert not window.status.busy_bar.isVisible() and window.status.activity_label.text() == ""
    assert window.action("delete_user").isEnabled()


def test_known_errors_share_one_message_box(qtbot: QtBot, window: MainWindow) -> None:
    window.operations.show_error("The first problem.")
    box = wait_for(qtbot, window, QMessageBox, "errorMessage")
    window.operations.show_error("The second problem.")
    assert box.text() == "The second problem." and len(window.findChildren(QMessageBox, "errorMessage")) == 1
    assert window.statusBar().currentMessage() == "The second problem."
    box.accept()
