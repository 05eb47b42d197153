"""The table's painter paints pixel for pixel what QTableView paints through an item delegate of the same
look (selection, greyed and amber texts, placeholders, right-aligned ids, elided texts, the grid, with the
app's stylesheet and without), in whole repaints and partial ones; texts are laid out once per row and
column width, again after a font change, kept for a bounded number of rows, and laid out ahead for the
loaded rows a screen below and above while the loop is idle."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import qasync
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPalette, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.accounts_table import layout as layout_module
from homelog_desktop.ui.accounts_table.columns import COLUMNS
from homelog_desktop.ui.accounts_table.layout import CellLayouts
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.accounts_table.view import ROW_HEIGHT, AccountsTableView
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.resources import stylesheet
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.account_states import seed_states
from tests.helpers.template_database import fresh_database_file
from tests.helpers.ui import run

LONG_EMAIL = "a.very.long.email.address.that.cannot.fit@some.example.org"
LONG_NAME = "Bartholomew Maximilian Featherstonehaugh-Worthington"


class ReferenceDelegate(QStyledItemDelegate):
    """The look to keep, as a delegate painting cell by cell: the selection, the model's text colour
    (ForegroundRole) and alignment (TextAlignmentRole), the text elided to fit with 4 pixels each side."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        active = option.state & QStyle.StateFlag.State_Active
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(group, QPalette.ColorRole.Highlight))
            painter.setPen(option.palette.color(group, QPalette.ColorRole.HighlightedText))
        else:
            color = index.data(Qt.ItemDataRole.ForegroundRole)
            painter.setPen(color if color is not None else option.palette.color(group, QPalette.ColorRole.Text))
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        flags = Qt.AlignmentFlag(alignment) if alignment else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        area = option.rect.adjusted(4, 0, -4, 0)
        if option.fontMetrics.horizontalAdvance(text) > area.width():
            text = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(flags), text)


@pytest.fixture
def model(qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path) -> Iterator[AccountsTableModel]:
    """A model (pages of 5) over accounts in every state, one with a long email and name, and 40 more."""
    workspace = run(qtbot, Workspace.open(fresh_database_file(tmp_path / "states.db"), bcrypt_cost=TEST_BCRYPT_COST))
    run(qtbot, seed_states(workspace, at=datetime.now(UTC)))
    service = workspace.accounts
    run(qtbot, service.create(LONG_EMAIL, LONG_NAME, None))
    with sqlite3.connect(workspace.path) as connection:
        connection.executemany(
            "INSERT INTO users (email, username, created_at) VALUES (?, ?, '2025-03-01 10:00:00')",
            [(f"more{n:02d}@example.org", f"More {n}" if n % 3 else None) for n in range(40)],
        )
    tasks = Operations()
    table_model = AccountsTableModel(tasks=tasks, page_size=5, max_pages=20)
    table_model.set_service(service)
    qtbot.waitUntil(lambda: not table_model.loading)
    yield table_model
    run(qtbot, tasks.cancel_all())
    run(qtbot, workspace.close())


def views(qtbot: QtBot, model: AccountsTableModel, *, styled: bool, width: int = 1100) -> tuple[QTableView, QTableView]:
    """The app's table and a QTableView of the same look through ReferenceDelegate, side by side."""
    ours = AccountsTableView(model=model, operations=Operations())
    reference = QTableView()
    reference.setObjectName(ours.objectName())
    reference.setModel(model)
    reference.setItemDelegate(ReferenceDelegate(reference))
    reference.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    reference.setAlternatingRowColors(True)
    reference.setWordWrap(False)
    reference.verticalHeader().hide()
    reference.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    reference.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    # The columns as the app's table sizes them (before any stylesheet, as it does).
    header, reference_header = ours.horizontalHeader(), reference.horizontalHeader()
    reference_header.setMinimumSectionSize(header.minimumSectionSize())
    for column in range(len(COLUMNS)):
        reference_header.setSectionResizeMode(column, header.sectionResizeMode(column))
        reference.setColumnWidth(column, ours.natural_width(column))
    for view in (ours, reference):
        qtbot.addWidget(view)
        if styled:
            view.setStyleSheet(stylesheet())
        view.resize(width, 300)
        view.show()
    qtbot.waitExposed(reference)
    return ours, reference


def pixels(view: QTableView, region: QRegion | None = None) -> QImage:
    """What the view's viewport paints (of `region` only, when given), as an image."""
    viewport = view.viewport()
    if region is None:
        return viewport.grab().toImage()
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    viewport.render(image, QPoint(), region)
    return image


def assert_same(ours: QImage, reference: QImage) -> None:
    assert ours.size() == reference.size()
    if ours != reference:
        differing = sum(
            ours.pixel(x, y) != reference.pixel(x, y) for y in range(ours.height()) for x in range(ours.width())
        )
        pytest.fail(f"{differing} of {ours.width() * ours.height()} pixels differ")


def all_loaded(model: AccountsTableModel) -> bool:
    return all(model.account_at(row, fetch=True) is not None for row in range(model.rowCount()))


@pytest.mark.parametrize("styled", [True, False])
def test_paints_what_qtableview_paints_with_the_delegate(
    qtbot: QtBot, model: AccountsTableModel, styled: bool
) -> None:
    ours, reference = views(qtbot, model, styled=styled)
    # Pages not read yet show placeholders in both (painting only asks for them).
    for view in (ours, reference):
        view.verticalScrollBar().setValue(15)
    assert model.account_at(15) is None
    assert_same(pixels(ours), pixels(reference))
    qtbot.waitUntil(lambda: all_loaded(model))
    for row in (0, 2, 3, 12):  # an administrator, a disabled, a locked account, the long email and name
        for view in (ours, reference):
            view.verticalScrollBar().setValue(0)
            view.selectRow(row)
        assert_same(pixels(ours), pixels(reference))


def shaped(view: AccountsTableView, model: AccountsTableModel) -> bool:
    """Whether every text on screen has been shaped ahead (while the loop was idle)."""
    shown = range(view.rowAt(0), view.rowAt(view.viewport().height() - 1) + 1)
    cells = [model.shown_row(row).prepared for row in shown]
    return all(row is not None and all(cell is None or not isinstance(cell[0], str) or not cell[0] for cell in row)
               for row in cells)


def test_texts_shaped_ahead_paint_alike(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, reference = views(qtbot, model, styled=True, width=800)
    qtbot.waitUntil(lambda: all_loaded(model))
    ours.viewport().repaint()
    qtbot.waitUntil(lambda: shaped(ours, model))
    for row in (3, 12):
        for view in (ours, reference):
            view.selectRow(row)
        assert_same(pixels(ours), pixels(reference))


def test_elided_and_scrolled_sideways_alike(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, reference = views(qtbot, model, styled=True, width=640)  # the email column shrinks to its least
    qtbot.waitUntil(lambda: all_loaded(model))
    assert_same(pixels(ours), pixels(reference))
    for view in (ours, reference):
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 2)
        view.verticalScrollBar().setValue(8)
    assert_same(pixels(ours), pixels(reference))


def test_hidden_columns_are_left_out_alike(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, reference = views(qtbot, model, styled=True)
    qtbot.waitUntil(lambda: all_loaded(model))
    for view in (ours, reference):
        view.horizontalHeader().setSectionHidden(3, True)  # as the titles' context menu hides Password
        view.horizontalHeader().setSectionHidden(9, True)  # and the last column
        view.selectRow(2)
    assert_same(pixels(ours), pixels(reference))


def test_a_partial_repaint_paints_its_region_alike(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, reference = views(qtbot, model, styled=True)
    qtbot.waitUntil(lambda: all_loaded(model))
    for view in (ours, reference):
        view.selectRow(3)
    # Two rows far apart, as a selection moving from one to the other repaints them, and a column.
    region = QRegion(QRect(0, 2 * ROW_HEIGHT + 3, 700, ROW_HEIGHT)) + QRegion(QRect(300, 7 * ROW_HEIGHT, 500, 30))
    region += QRegion(QRect(ours.columnViewportPosition(5) + 10, 0, 40, 250))
    assert_same(pixels(ours, region), pixels(reference, region))


def counted_lay_outs(view: AccountsTableView) -> list[str]:
    """Note every text the view's painter lays out (the method wrapped on the instance)."""
    laid_out: list[str] = []
    layouts = view.painter.layouts
    lay_out = layouts.lay_out

    def counting(text: str, space: int, right_aligned: bool) -> tuple[str, float, int, int]:
        laid_out.append(text)
        return lay_out(text, space, right_aligned)

    layouts.lay_out = counting  # type: ignore[method-assign]
    return laid_out


def test_texts_are_laid_out_once_per_row_and_width(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, _reference = views(qtbot, model, styled=True, width=1400)  # room for the emails
    qtbot.waitUntil(lambda: all_loaded(model))
    ours.viewport().repaint()
    laid_out = counted_lay_outs(ours)
    ours.viewport().repaint()
    assert laid_out == []  # shown before: nothing is laid out again
    # Name narrower (it shares the spare room with the email unless sized by hand): the longer names
    # elided to the new width.
    ours.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
    ours.horizontalHeader().resizeSection(2, 60)
    ours.viewport().repaint()
    assert "Hank Helper" in laid_out and "Ann" not in laid_out
    # The email column took the room (the one stretching now): its texts still fit as they are.
    assert not {model.data(model.index(row, 1)) for row in range(8)} & set(laid_out)
    laid_out.clear()
    font = QFont(ours.font())
    font.setPointSize(font.pointSize() + 3)
    ours.setFont(font)
    ours.viewport().repaint()
    assert model.data(model.index(0, 1)) in laid_out  # a new font lays everything out again


def test_rows_read_again_reuse_the_texts_laid_out_before(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, _reference = views(qtbot, model, styled=True, width=1400)
    qtbot.waitUntil(lambda: all_loaded(model))
    ours.viewport().repaint()
    qtbot.waitUntil(lambda: shaped(ours, model))
    measured: list[str] = []
    layouts = ours.painter.layouts
    measure = layouts._measure
    layouts._measure = lambda text, space, right: measured.append(text) or measure(text, space, right)  # type: ignore[method-assign]
    old_rows = [model.shown_row(row) for row in range(5)]
    task = model.reload()  # the first page (of 5 rows) read again; the other rows wait for theirs
    qtbot.waitUntil(task.done)
    ours.viewport().repaint()
    new_rows = [model.shown_row(row) for row in range(5)]
    assert not set(map(id, new_rows)) & set(map(id, old_rows))  # new rows, the same texts
    assert all(not isinstance(cell[0], str) or not cell[0] for row in new_rows for cell in row.prepared)
    assert not set(measured) & {text for row in new_rows for text in row.texts}


def test_laid_out_rows_are_bounded(qtbot: QtBot, model: AccountsTableModel, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_module, "PREPARED_ROWS", 12)
    ours, _reference = views(qtbot, model, styled=False)
    qtbot.waitUntil(lambda: all_loaded(model))
    rows = [model.shown_row(row) for row in range(model.rowCount())]
    for top in range(0, model.rowCount(), 5):
        ours.verticalScrollBar().setValue(top)
        ours.viewport().repaint()
    prepared = [row for row in rows if row.prepared is not None]
    assert 0 < len(prepared) <= 12
    assert rows[-1].prepared is not None and rows[0].prepared is None  # the oldest went first


def test_ids_line_up_on_the_right_and_the_rest_on_the_left(model: AccountsTableModel) -> None:
    role = Qt.ItemDataRole.TextAlignmentRole
    alignments = [model.data(model.index(0, column), role) for column in range(len(COLUMNS))]
    assert Qt.AlignmentFlag(alignments[0]) == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert alignments[1:] == [None] * (len(COLUMNS) - 1)


@functools.cache
def table_font_layouts() -> CellLayouts:
    layouts = CellLayouts([False] * len(COLUMNS))
    layouts.use_font(QTableView().font())
    return layouts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="latin-1", categories=("L", "N", "P", "S", "Zs")), max_size=40))
def test_the_cheap_bound_is_never_below_the_advance(qapp: QWidget, text: str) -> None:
    # Texts bounded this way are not measured (nor elided): the bound must hold, kerning included.
    layouts = table_font_layouts()
    assert layouts.advance_bound(text) >= QFontMetricsF(layouts.font).horizontalAdvance(text)


def test_the_rows_a_screen_below_are_laid_out_while_idle(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, _reference = views(qtbot, model, styled=True, width=1400)
    qtbot.waitUntil(lambda: all_loaded(model))
    screen = ours.rowAt(ours.viewport().height() - 1) + 1
    ours.viewport().repaint()
    below = [model.shown_row(row) for row in range(screen, 2 * screen)]
    qtbot.waitUntil(lambda: all(row.prepared is not None and None not in row.prepared for row in below))
    laid_out = counted_lay_outs(ours)
    ours.verticalScrollBar().setValue(screen)  # a Page Down
    ours.viewport().repaint()
    assert laid_out == []


def test_laying_out_ahead_reads_no_page(qtbot: QtBot, model: AccountsTableModel) -> None:
    ours, _reference = views(qtbot, model, styled=True)
    qtbot.waitUntil(lambda: model.pending_pages == 0 and model.account_at(0) is not None)
    unread = [page for page in range(model.rowCount() // model.page_size) if model.account_at(page * 5) is None]
    assert unread  # pages of 5: most are not read (nothing painted them)
    for _ in range(20):
        ours.painter.prepare_ahead()
    assert model.pending_pages == 0
    assert all(model.account_at(page * 5) is None for page in unread)


def test_an_empty_table_warms_the_painter_up_off_screen(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    empty = AccountsTableModel(tasks=Operations())
    view = AccountsTableView(model=empty, operations=Operations())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    before = pixels(view)
    qtbot.waitUntil(lambda: view.painter.warmed_up)
    view.viewport().repaint()
    assert_same(pixels(view), before)
