"""What the window remembers of the table for the user: sort, column widths, hidden columns and the Show
filter, restored on the next start before the first read; and its first size on small screens."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from homelog_desktop.services.accounts import AccountFilter, SortColumn
from homelog_desktop.ui.accounts_table.columns import COLUMNS
from homelog_desktop.ui.main_window.window import PREFERRED_SIZE, MainWindow, initial_size
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.ui import admit_without_sign_in, run, seed, settle, table_column

TITLES = [column.title for column in COLUMNS]
ROLE, STATUS, CREATED = TITLES.index("Role"), TITLES.index("Status"), TITLES.index("Created")


def test_sort_widths_hidden_columns_and_the_filter_are_there_again_after_a_restart(
    qtbot: QtBot, window: MainWindow, loop: qasync.QEventLoop, db_path: Path, settings: QSettings
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None), ("bob@example.org", None, None),
         ("cy@example.org", "Cy", None))
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["cy@example.org", "bob@example.org", "ann@example.org"])
    menu = window.table.column_menu()  # the titles' context menu
    next(action for action in menu.actions() if action.text() == "Role").setChecked(False)
    assert window.table.horizontalHeader().isSectionHidden(ROLE)
    menu.close()
    window.table.setColumnWidth(CREATED, 211)
    window.search_row.filter_box.setCurrentIndex(window.search_row.filter_box.findData(AccountFilter.NO_PASSWORD))
    settle(qtbot, window)
    window.close()  # saved as the window closes

    again = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    try:
        # Restored before any database is read, without reading anything.
        assert not again.model.loading
        assert (again.model.query.sort, again.model.query.descending) == (SortColumn.EMAIL, True)
        assert again.model.query.filter is AccountFilter.NO_PASSWORD
        assert again.search_row.filter_box.currentData() is AccountFilter.NO_PASSWORD
        header = again.table.horizontalHeader()
        assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (1, Qt.SortOrder.DescendingOrder)
        assert header.isSectionHidden(ROLE) and not header.isSectionHidden(STATUS)
        assert again.table.columnWidth(CREATED) == 211
        again.show()
        assert run(qtbot, again.session.open(db_path))
        qtbot.waitUntil(lambda: table_column(again, 1) == ["cy@example.org", "bob@example.org", "ann@example.org"])
    finally:
        run(qtbot, again.shutdown())
        again.close()
        again.deleteLater()


def test_nothing_odd_in_the_settings_makes_the_table_unusable(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings
) -> None:
    settings.setValue("table/sort", "Status")  # a column that cannot be sorted by
    settings.setValue("table/filter", "no-such-filter")
    settings.setValue("table/hidden", ["Email", "Nope"])
    settings.setValue("table/widths", ["Email=900", "Created=abc", "Updated=99999", "=3"])
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    try:
        assert window.model.query.sort is SortColumn.ID and window.model.query.filter is AccountFilter.ALL
        header = window.table.horizontalHeader()
        assert not header.isSectionHidden(1)  # the email always shows
        assert window.table.columnWidth(TITLES.index("Updated")) <= 1200
    finally:
        run(qtbot, window.shutdown())
        window.deleteLater()


def test_columns_are_as_wide_as_their_content_and_the_email_and_name_share_the_rest(
    qtbot: QtBot, window: MainWindow
) -> None:
    header = window.table.horizontalHeader()
    assert header.sectionResizeMode(1) == header.sectionResizeMode(2) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(STATUS) == QHeaderView.ResizeMode.Interactive
    needed = window.table.fontMetrics().horizontalAdvance("Must change password")
    status = window.table.columnWidth(STATUS)
    assert needed < status < needed * 1.4  # no wider than it needs
    window.resize(1600, 600)
    qtbot.waitUntil(lambda: window.table.columnWidth(2) > window.table.natural_width(2))  # Name grows
    assert window.table.columnWidth(STATUS) == status  # Status does not


def test_the_first_size_fits_small_screens_and_doubled_ones() -> None:
    assert initial_size(QRect(0, 0, 1920, 1050)) == PREFERRED_SIZE
    assert initial_size(QRect(0, 0, 1366, 740)) == QSize(1229, 666)  # 1366x768, less a panel
    assert initial_size(QRect(0, 0, 640, 400)) == QSize(576, 360)  # 1280x800 at scale 2
