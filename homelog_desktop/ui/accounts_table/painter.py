"""Paints the accounts table in one Python call per repaint, pixel for pixel what QTableView painted with a
lean item delegate: alternate rows, the selected row, each cell's text in its colour (aligned, elided to
fit, see layout.py) and the grid.

QTableView calls its delegate once per visible cell, and each call crosses from C++ into Python with a
style option to convert and the model's data to ask for, role by role. At a screenful of rows that was
twice what QTableView over a QStandardItemModel needs. Here the view's paintEvent paints it all from the
rows' texts, laid out once per row and column width. While the loop is idle after a paint, the rows a
screen below, those shown and those a screen above are formatted, laid out and shaped, so that
repainting and scrolling on mostly paint rows ready.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, cast

from PySide6.QtCore import QAbstractEventDispatcher, QLineF, QObject, QPointF, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from homelog_desktop.ui.accounts_table.layout import PADDING, CellLayouts, Placed
from homelog_desktop.ui.accounts_table.rows import ShownRow

_NONE: frozenset[int] = frozenset()
AHEAD_ROWS_PER_STEP = 2  # rows laid out ahead each time the loop is idle: under a millisecond


class WhenIdle(QObject):
    """Runs `step` each time the event loop has nothing left to do and is about to wait, for as long as
    `step` says there is more to do. A zero timer would not do: Qt runs it before timers and input that
    were already waiting. A child of the widget whose work it does, so it stops with it."""

    def __init__(self, parent: QObject, step: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._step = step
        self._pending = False
        self._held = False
        self._wake = QTimer(self)  # only wakes the loop up, so that it comes back to waiting (and here)
        self._wake.setSingleShot(True)
        self._wake.setInterval(0)
        dispatcher = QAbstractEventDispatcher.instance()
        assert dispatcher is not None
        dispatcher.aboutToBlock.connect(self._idle)

    def request(self) -> None:
        """Run the steps once the loop is idle."""
        self._pending = True
        self._held = False
        self._wake.start()

    def hold(self) -> None:
        """No step until the next request: a paint is coming (the loop may look idle just before it)."""
        self._held = True

    @Slot()
    def _idle(self) -> None:
        if self._pending and not self._held:
            self._pending = self._step()
            if self._pending:
                self._wake.start()


class RowSource(Protocol):
    """What the painter asks the model."""

    def shown_row(self, row: int) -> ShownRow:
        """What a row shows (a placeholder, and a read of its page, while that is not loaded)."""

    def loaded_shown_row(self, row: int) -> ShownRow | None:
        """What a row shows if its page is loaded, else None (asking for nothing)."""


@dataclass(frozen=True, slots=True)
class _Area:
    """What one rectangle of the dirty region shows: its rows (from y `top`, `pitch` apart, the grid
    line included), its columns, the columns still to paint in each row, the selected ones by row."""

    rows: range
    top: int
    pitch: int
    grid: int  # 1 with a grid, else 0
    columns: list[Placed]
    cells: list[list[Placed]]
    selected: dict[int, frozenset[int]]


class TablePainter:
    """Paints a QTableView's viewport from what each row shows; rows are neither moved nor hidden and all
    have one height (the view fixes them), columns may be anything the header allows."""

    def __init__(self, view: QTableView, rows: RowSource, right_aligned: Sequence[bool]) -> None:
        self._view = view
        self._rows = rows
        self.layouts = CellLayouts(right_aligned)
        self.layouts.use_font(view.font())
        self._blends: dict[tuple[int, int], QColor] = {}  # (colour, background): the colour they blend to
        self._ahead = WhenIdle(view, self.prepare_ahead)
        self.warmed_up = False
        self._warm_up = QTimer(view)  # a timer of the view: it goes with it
        self._warm_up.setSingleShot(True)
        self._warm_up.setInterval(0)
        self._warm_up.timeout.connect(self.warm_up)

    def paint(self, event: QPaintEvent) -> None:
        """Paint the dirty region of the viewport."""
        view = self._view
        self.layouts.use_font(view.font())
        vertical, horizontal = view.verticalHeader(), view.horizontalHeader()
        if vertical.count() == 0 or horizontal.count() == 0:
            if not self.warmed_up and not self._warm_up.isActive():
                self._warm_up.start()  # the table waits for its first rows: get ready meanwhile
            return
        # Where the last row and column end: the grid is not drawn beyond them.
        last_x = horizontal.length() - horizontal.offset() - 1
        last_y = vertical.length() - vertical.offset() - 1
        dirty_rects = list(cast("Iterable[QRect]", event.region()))  # a QRegion iterates its rectangles
        # As QTableView does, a cell reaching into several rectangles of the region is painted once (the
        # painter clips to the whole region): anti-aliased text is not painted over itself.
        drawn: set[tuple[int, int]] | None = set() if len(dirty_rects) > 1 else None
        painter = QPainter(view.viewport())
        try:
            for dirty in dirty_rects:
                dirty.setRight(min(dirty.right(), last_x))
                dirty.setBottom(min(dirty.bottom(), last_y))
                area = self._area(dirty, drawn) if dirty.isValid() else None
                if area is not None:
                    self._paint_backgrounds(painter, area)
                    self._paint_texts(painter, area)
                    if area.grid:
                        self._paint_grid(painter, dirty, area)
        finally:
            painter.end()
        self._ahead.request()

    def scrolled(self) -> None:
        """The view scrolled: it paints next; work ahead waits until then."""
        self._ahead.hold()

    def warm_up(self) -> None:
        """Paint a little of everything the painter paints into a throwaway image. The first call of
        each QPainter method in a process costs milliseconds (5 ms for fillRect, more for drawText with a
        font not drawn with yet); better while the database opens than while the first rows paint."""
        self.warmed_up = True
        image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
        palette = self._view.palette()
        painter = QPainter(image)
        try:
            painter.fillRect(QRect(0, 0, 1, 8), palette.color(QPalette.ColorRole.Mid))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRects([QRect(1, 0, 2, 2)])
            painter.setFont(self.layouts.font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QPointF(0, 6), self.layouts.warm_up_text())
            painter.drawStaticText(QPointF(0, 0), self.layouts.shaped("0"))
        finally:
            painter.end()

    def prepare_ahead(self) -> bool:
        """Format, lay out and shape the loaded rows of the screen below the viewport, then of the shown
        ones, then of the screen above, a few rows at a time; whether there may be more to do."""
        view = self._view
        vertical = view.verticalHeader()
        viewport = view.viewport().rect()
        first, last = vertical.visualIndexAt(viewport.top()), vertical.visualIndexAt(viewport.bottom())
        count = vertical.count()
        columns = self._columns(viewport)
        if first < 0 or not columns:
            return False
        if last < 0:
            last = count - 1
        screen = last - first + 1
        room = (1 if view.showGrid() else 0) + 2 * PADDING
        budget = AHEAD_ROWS_PER_STEP
        below = range(last + 1, min(count, last + 1 + screen))
        above = range(first - 1, max(-1, first - 1 - screen), -1)
        for row in itertools.chain(below, range(first, last + 1), above):
            shown = self._rows.loaded_shown_row(row)
            if shown is not None and self.layouts.prepare(shown, columns, room):
                budget -= 1
                if budget == 0:
                    return True
        return False

    def _area(self, dirty: QRect, drawn: set[tuple[int, int]] | None) -> _Area | None:
        """The rows and cells to paint for one rectangle of the dirty region (None: nothing)."""
        view = self._view
        vertical = view.verticalHeader()
        first = vertical.visualIndexAt(dirty.top())
        last = vertical.visualIndexAt(dirty.bottom())
        columns = self._columns(dirty)
        if first < 0 or not columns:
            return None
        rows = range(first, (last if last >= 0 else vertical.count() - 1) + 1)
        if drawn is None:
            cells = [columns] * len(rows)
        else:
            cells = []
            for row in rows:
                fresh = [placed for placed in columns if (row, placed[0]) not in drawn]
                drawn.update((row, placed[0]) for placed in fresh)
                cells.append(fresh)
        return _Area(
            rows, vertical.sectionViewportPosition(first), vertical.sectionSize(first),
            1 if view.showGrid() else 0, columns, cells, self._selected_columns(rows),
        )

    def _columns(self, dirty: QRect) -> list[Placed]:
        """The shown columns crossing the dirty area, left to right."""
        header = self._view.horizontalHeader()
        left, right = header.visualIndexAt(dirty.left()), header.visualIndexAt(dirty.right())
        if left < 0:
            left = 0
        if right < 0:
            right = header.count() - 1
        columns = []
        for visual in range(left, right + 1):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                columns.append((logical, header.sectionViewportPosition(logical), header.sectionSize(logical)))
        return columns

    def _selected_columns(self, rows: range) -> dict[int, frozenset[int]]:
        """The selected columns of each painted row that has any (whole rows, as the view selects)."""
        view = self._view
        selection = view.selectionModel()
        found: dict[int, set[int]] = {}
        if selection is None or not selection.hasSelection():
            return {}
        ranges = selection.selection()
        for position in range(ranges.count()):
            chosen = ranges.at(position)
            if chosen.parent() != view.rootIndex():
                continue
            columns = range(chosen.left(), chosen.right() + 1)
            for row in range(max(chosen.top(), rows.start), min(chosen.bottom() + 1, rows.stop)):
                found.setdefault(row, set()).update(columns)
        return {row: frozenset(columns) for row, columns in found.items()}

    def _groups(self) -> tuple[QPalette.ColorGroup, QPalette.ColorGroup]:
        """The palette's colour groups for texts and selection, and for the row backgrounds (as the style
        picks them: disabled when the view is)."""
        view = self._view
        group = QPalette.ColorGroup.Active if view.isActiveWindow() else QPalette.ColorGroup.Inactive
        return group, group if view.isEnabled() else QPalette.ColorGroup.Disabled

    def _paint_backgrounds(self, painter: QPainter, area: _Area) -> None:
        """Alternate rows and the selection, cell by cell (the grid's pixels stay the viewport's)."""
        view = self._view
        palette = view.palette()
        group, background_group = self._groups()
        alternate = view.alternatingRowColors()
        height, grid = area.pitch - area.grid, area.grid
        plain: list[QRect] = []
        chosen: list[QRect] = []
        for n, row in enumerate(area.rows):
            selected_columns = area.selected.get(row)
            if selected_columns is None and not (alternate and row & 1):
                continue
            y = area.top + n * area.pitch
            for column, x, width in area.cells[n]:
                cell = QRect(x, y, width - grid, height)
                if selected_columns is not None and column in selected_columns:
                    chosen.append(cell)
                elif alternate and row & 1:
                    plain.append(cell)
        painter.setPen(Qt.PenStyle.NoPen)
        if plain:
            painter.setBrush(palette.color(background_group, QPalette.ColorRole.AlternateBase))
            painter.drawRects(plain)
        if chosen:
            painter.setBrush(palette.color(group, QPalette.ColorRole.Highlight))
            painter.drawRects(chosen)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_texts(self, painter: QPainter, area: _Area) -> None:
        """Each cell's text in its colour, laid out (aligned, elided) once per row and column width."""
        palette = self._view.palette()
        group, _background_group = self._groups()
        text_color = palette.color(group, QPalette.ColorRole.Text)
        selected_color = palette.color(group, QPalette.ColorRole.HighlightedText)
        layouts = self.layouts
        line_top, baseline = layouts.line_top_and_baseline(area.pitch - area.grid)
        right_aligned = layouts.right_aligned
        room = area.grid + 2 * PADDING  # what a cell's width leaves its text
        pen: QColor | None = None
        for n, row in enumerate(area.rows):
            shown = self._rows.shown_row(row)
            prepared = layouts.cells(shown)
            texts, colors = shown.texts, shown.colors
            selected_columns = area.selected.get(row, _NONE)
            y = area.top + n * area.pitch
            for column, x, width in area.cells[n]:
                space = width - room
                cell = prepared[column]
                if cell is None or not cell[2] <= space <= cell[3]:
                    cell = prepared[column] = layouts.lay_out(texts[column], space, right_aligned[column])
                if not cell[0]:
                    continue
                color = selected_color if column in selected_columns else colors[column] or text_color
                if color is not pen:
                    painter.setPen(color)
                    pen = color
                left = x + PADDING + (space - cell[1] if right_aligned[column] else 0)
                text = cell[0]
                if isinstance(text, str):  # laid out as it was painted first: shaped anew each time
                    painter.drawText(QPointF(left, y + baseline), text)
                else:
                    painter.drawStaticText(QPointF(left, y + line_top), text)

    def _paint_grid(self, painter: QPainter, dirty: QRect, area: _Area) -> None:
        """The grid as QTableView draws it: a line under each row and right of each column, within the
        dirty area, in the style's grid colour (translucent lines cross where they meet)."""
        view = self._view
        style = view.style()
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)  # styles take the grid colour from its palette
        color = QColor.fromRgba(style.styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view) & 0xFFFFFFFF)
        bottom = area.top + area.pitch - 1  # the line under the first row
        across = [QRect(dirty.left(), bottom + n * area.pitch, dirty.width(), 1) for n in range(len(area.rows))]
        down = [QRect(x + width - 1, dirty.top(), 1, dirty.height()) for _column, x, width in area.columns]
        if view.verticalHeader().isHidden() and style.styleHint(
            QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines, option, view
        ):
            x = area.columns[0][1]
            if x == dirty.left():
                down.append(QRect(x, dirty.top(), 1, dirty.height()))
        if view.gridStyle() != Qt.PenStyle.SolidLine:
            painter.setPen(QPen(color, 1, view.gridStyle()))
            for line in across + down:
                end = line.bottomRight()
                painter.drawLine(QLineF(line.left() + 0.5, line.top() + 0.5, end.x() + 0.5, end.y() + 0.5))
            return
        # A 1-pixel fill covers what a 1-pixel line does, several times faster. A translucent fill is
        # blended span by span, one span per pixel down a vertical line: those are filled with the
        # colour the blend gives over the plain background instead; the lines across, blended after,
        # make their crossings what two translucent lines make.
        opaque = self._over_background(color)
        for line in down:
            painter.fillRect(line, opaque)
        for line in across:
            painter.fillRect(line, color)

    def _over_background(self, color: QColor) -> QColor:
        """What `color` blended over the viewport's background gives (itself where that is no plain
        opaque colour: then it is blended where painted)."""
        viewport = self._view.viewport()
        brush = viewport.palette().brush(viewport.backgroundRole())
        background = brush.color()
        if color.alpha() == 255 or not viewport.autoFillBackground() or brush.style() != Qt.BrushStyle.SolidPattern:
            return color
        if background.alpha() != 255:
            return color
        key = (color.rgba(), background.rgba())
        blended = self._blends.get(key)
        if blended is None:
            probe = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
            probe.fill(background)
            probe_painter = QPainter(probe)
            probe_painter.fillRect(QRect(0, 0, 1, 1), color)
            probe_painter.end()
            blended = self._blends[key] = QColor.fromRgba(probe.pixel(0, 0))
        return blended
