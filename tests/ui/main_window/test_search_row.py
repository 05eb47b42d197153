"""The search row: the search field and the "Show" filter narrow the table together, and the window
says how many accounts match, or why none do."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.accounts_table.columns import COLUMNS
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.theme import state_color
from tests.helpers.account_states import STATES, emails_with, seed_states
from tests.helpers.ui import run, settle


def seed_all_states(qtbot: QtBot, window: MainWindow) -> None:
    assert window.workspace is not None
    run(qtbot, seed_states(window.workspace, at=datetime.now(UTC)))
    run(qtbot, window.table.refresh())
    settle(qtbot, window)


def emails(window: MainWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(row, 1)) for row in range(model.rowCount())]


def show(qtbot: QtBot, window: MainWindow, label: str) -> None:
    box = window.search_row.filter_box
    box.setCurrentIndex(box.findText(label))
    qtbot.waitUntil(lambda: not window.model.loading)
    settle(qtbot, window)


def test_the_show_box_sits_next_to_the_search_field(window: MainWindow) -> None:
    box = window.findChild(QComboBox, "accountFilter")
    assert box is window.search_row.filter_box and box.accessibleName() == "Show" and box.isEnabled()
    assert [box.itemText(n) for n in range(box.count())] == [
        "All accounts", "Administrators", "Disabled", "Locked", "Must change password", "No password",
        "Never signed in",
    ]
    label = next(label for label in window.findChildren(QLabel) if label.buddy() is box)
    assert label.text() == "&Show:"
    # On the search field's line, to its right.
    assert abs(box.geometry().center().y() - window.search_row.field.geometry().center().y()) <= 4
    assert box.geometry().left() > window.search_row.field.geometry().right()


def test_choosing_disabled_narrows_the_rows_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    seed_all_states(qtbot, window)
    assert len(emails(window)) == len(STATES)
    show(qtbot, window, "Disabled")
    assert sorted(emails(window)) == sorted(emails_with("disabled"))
    assert window.status.count_label.text() == f"3 of {len(STATES)} accounts (Disabled)"
    # Every cell of a disabled account is greyed.
    muted = state_color("muted")  # the scheme's grey, readable on its backgrounds
    model = window.model
    assert all(
        model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole) == muted
        for row in range(model.rowCount()) for column in range(len(COLUMNS))
    )
    # With a search too; then a search nobody matches.
    window.search_row.field.setText("hank")
    qtbot.waitUntil(lambda: emails(window) == ["hank@example.org"])
    assert window.status.count_label.text() == f"1 of {len(STATES)} accounts match “hank” (Disabled)"
    window.search_row.field.setText("nobody")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.empty_label.isVisible()
    assert window.empty_label.text() == "No account matches the search (Disabled)."
    window.search_row.field.clear()
    show(qtbot, window, "All accounts")
    qtbot.waitUntil(lambda: window.model.rowCount() == len(STATES))
    assert window.status.count_label.text() == f"{len(STATES)} accounts"


def test_an_empty_filter_says_what_it_looked_for(qtbot: QtBot, window: MainWindow) -> None:
    assert window.workspace is not None
    run(qtbot, window.workspace.accounts.create("ann@example.org", "Ann"))
    run(qtbot, window.table.refresh())
    show(qtbot, window, "Locked")
    assert window.model.rowCount() == 0
    assert window.empty_label.isVisible() and window.empty_label.text() == "No account is locked."
    assert window.status.count_label.text() == "0 of 1 account (Locked)"
    show(qtbot, window, "No password")
    assert emails(window) == ["ann@example.org"] and not window.empty_label.isVisible()


def test_down_goes_from_the_search_field_to_the_results(qtbot: QtBot, window: MainWindow) -> None:
    window.search_row.focus_search()
    assert window.search_row.field.hasFocus()
    qtbot.keyClick(window.search_row.field, Qt.Key.Key_Down)
    assert window.table.hasFocus()


def test_escape_clears_the_search_in_the_field_and_in_the_table(qtbot: QtBot, window: MainWindow) -> None:
    seed_all_states(qtbot, window)
    everyone = emails(window)
    field = window.search_row.field
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "locked")
    qtbot.waitUntil(lambda: window.model.query.search == "locked")
    settle(qtbot, window)
    assert len(emails(window)) < len(everyone)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and window.model.query.search == ""  # at once, no typing pause
    settle(qtbot, window)
    assert emails(window) == everyone and field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # empty: back to the table
    assert window.table.hasFocus()

    field.setText("locked")
    qtbot.waitUntil(lambda: window.model.query.search == "locked")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    assert field.text() == "" and window.model.query.search == ""
    settle(qtbot, window)
    assert emails(window) == everyone


def test_tab_leaves_the_table(qtbot: QtBot, window: MainWindow) -> None:
    seed_all_states(qtbot, window)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert not window.table.hasFocus()  # not from cell to cell
