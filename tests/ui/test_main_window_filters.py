"""The window's "Show" filter and account-state columns, driven through its widgets."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot

from homelog_desktop.services.accounts import SortColumn
from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.user_table_model import COLUMNS
from tests.helpers.account_states import STATES, emails_with, seed_states
from tests.ui.conftest import run


def seed(qtbot: QtBot, window: MainWindow) -> None:
    assert window.workspace is not None
    run(qtbot, seed_states(window.workspace, at=datetime.now(UTC)))
    run(qtbot, window.refresh())
    run(qtbot, window.wait_until_idle())


def emails(window: MainWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(row, 1)) for row in range(model.rowCount())]


def show(qtbot: QtBot, window: MainWindow, label: str) -> None:
    box = window.account_filter
    box.setCurrentIndex(box.findText(label))
    qtbot.waitUntil(lambda: not window.model.loading)
    run(qtbot, window.wait_until_idle())


def test_the_show_box_sits_next_to_the_search_field(window: MainWindow) -> None:
    box = window.findChild(QComboBox, "accountFilter")
    assert box is window.account_filter and box.accessibleName() == "Show" and box.isEnabled()
    assert [box.itemText(n) for n in range(box.count())] == [
        "All accounts", "Administrators", "Disabled", "Locked", "Must change password", "No password",
        "Never signed in",
    ]
    label = next(label for label in window.findChildren(QLabel) if label.buddy() is box)
    assert label.text() == "&Show:"
    # On the search field's line, to its right.
    assert abs(box.geometry().center().y() - window.search_field.geometry().center().y()) <= 4
    assert box.geometry().left() > window.search_field.geometry().right()


def test_choosing_disabled_narrows_the_rows_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window)
    assert len(emails(window)) == len(STATES)
    show(qtbot, window, "Disabled")
    assert sorted(emails(window)) == sorted(emails_with("disabled"))
    assert window.count_label.text() == f"3 of {len(STATES)} accounts (Disabled)"
    # Every cell of a disabled account is greyed.
    muted = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    model = window.model
    assert all(
        model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole) == muted
        for row in range(model.rowCount()) for column in range(len(COLUMNS))
    )
    # With a search too; then a search nobody matches.
    window.search_field.setText("hank")
    qtbot.waitUntil(lambda: emails(window) == ["hank@example.org"])
    assert window.count_label.text() == f"1 of {len(STATES)} accounts match “hank” (Disabled)"
    window.search_field.setText("nobody")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.empty_label.isVisible()
    assert window.empty_label.text() == "No account matches the search (Disabled)."
    window.search_field.clear()
    show(qtbot, window, "All accounts")
    qtbot.waitUntil(lambda: window.model.rowCount() == len(STATES))
    assert window.count_label.text() == f"{len(STATES)} accounts"


def test_an_empty_filter_says_what_it_looked_for(qtbot: QtBot, window: MainWindow) -> None:
    assert window.workspace is not None
    run(qtbot, window.workspace.accounts.create("ann@example.org", "Ann"))
    run(qtbot, window.refresh())
    show(qtbot, window, "Locked")
    assert window.model.rowCount() == 0
    assert window.empty_label.isVisible() and window.empty_label.text() == "No account is locked."
    assert window.count_label.text() == "0 of 1 account (Locked)"
    show(qtbot, window, "No password")
    assert emails(window) == ["ann@example.org"] and not window.empty_label.isVisible()


def test_clicking_a_state_column_header_keeps_the_order(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window)
    header = window.table.horizontalHeader()

    def click(column: int) -> None:
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton,
            pos=QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2),
        )

    click(1)  # Email, ascending
    qtbot.waitUntil(lambda: emails(window) == sorted(emails(window)) and window.model.query.sort == SortColumn.EMAIL)
    run(qtbot, window.wait_until_idle())
    before = emails(window)
    kept: list[int] = []
    window.model.sort_kept.connect(lambda column, _order: kept.append(column))
    for column, title in enumerate(column.title for column in COLUMNS):
        if title in ("Role", "Status", "Last sign-in", "Password age"):
            window.table.scrollTo(window.model.index(0, column))  # the header may need scrolling there
            click(column)
            run(qtbot, window.wait_until_idle())
            assert header.sortIndicatorSection() == 1, title
            assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder, title
            assert (window.model.query.sort, window.model.query.descending) == (SortColumn.EMAIL, False)
            assert emails(window) == before, title
    assert kept == [1, 1, 1, 1]  # each click reached the model, which kept sorting by Email
    window.table.scrollTo(window.model.index(0, 1))
    click(1)  # Email again: descending, as before the change
    qtbot.waitUntil(lambda: emails(window) == before[::-1])
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
