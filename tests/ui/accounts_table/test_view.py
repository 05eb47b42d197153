"""The accounts table view: sorting by header clicks, and the selection kept across reads."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.services.accounts import SortColumn
from homelog_desktop.ui.accounts_table.columns import COLUMNS
from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.account_states import seed_states
from tests.helpers.ui import run, seed, select_email, settle, table_column


def seed_all_states(qtbot: QtBot, window: MainWindow) -> None:
    assert window.workspace is not None
    run(qtbot, seed_states(window.workspace, at=datetime.now(UTC)))
    run(qtbot, window.table.refresh())
    settle(qtbot, window)


def emails(window: MainWindow) -> list[str]:
    return table_column(window, 1)



def test_clicking_a_state_column_header_keeps_the_order(qtbot: QtBot, window: MainWindow) -> None:
    seed_all_states(qtbot, window)
    header = window.table.horizontalHeader()

    def click(column: int) -> None:
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton,
            pos=QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2),
        )

    click(1)  # Email, ascending
    qtbot.waitUntil(lambda: emails(window) == sorted(emails(window)) and window.model.query.sort == SortColumn.EMAIL)
    settle(qtbot, window)
    before = emails(window)
    kept: list[int] = []
    window.model.sort_kept.connect(lambda column, _order: kept.append(column))
    for column, title in enumerate(column.title for column in COLUMNS):
        if title in ("Role", "Status", "Last sign-in", "Password age"):
            window.table.scrollTo(window.model.index(0, column))  # the header may need scrolling there
            click(column)
            settle(qtbot, window)
            assert header.sortIndicatorSection() == 1, title
            assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder, title
            assert (window.model.query.sort, window.model.query.descending) == (SortColumn.EMAIL, False)
            assert emails(window) == before, title
    assert kept == [1, 1, 1, 1]  # each click reached the model, which kept sorting by Email
    window.table.scrollTo(window.model.index(0, 1))
    click(1)  # Email again: descending, as before the change
    qtbot.waitUntil(lambda: emails(window) == before[::-1])
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_a_change_keeps_the_changed_account_selected_and_a_delete_its_row(qtbot: QtBot, window: MainWindow) -> None:
    seed(
        qtbot, window, ("ann@example.org", None, None), ("bob@example.org", None, None), ("cy@example.org", None, None)
    )
    select_email(qtbot, window, "cy@example.org")
    bob = window.model.account_at(1)
    assert bob is not None
    following = window.table.follow_change([bob.id])  # one changed account: it is the one shown
    qtbot.waitUntil(following.done)
    assert window.table.selected_id() == bob.id
    assert window.workspace is not None
    run(qtbot, window.workspace.accounts.delete(bob.id))
    following = window.table.follow_change([bob.id])  # deleted: its row stays selected, now its neighbour
    qtbot.waitUntil(following.done)
    assert table_column(window, 1) == ["ann@example.org", "cy@example.org"]
    assert window.table.selected_account().email == "cy@example.org"  # type: ignore[union-attr]
