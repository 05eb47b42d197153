"""Paints the accounts table in one Python call per repaint, pixel for pixel what QTableView painted with a
lean item delegate: alternate rows, the selected row, each cell's text in its colour (aligned, elided to
fit) and the grid.

QTableView calls its delegate once per visible cell, and each call crosses from C++ into Python with a
style option to convert and the model's data to ask for, role by role. At a screenful of rows that was
twice what QTableView over a QStandardItemModel needs. Here the view's paintEvent paints it all from the
rows' texts; where a text goes (and its elided form) is worked out once per row and column width and
kept with the row (rows.ShownRow.prepared) for the next repaint.
"""

from __future__ import annotations

import math
import sys
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from homelog_desktop.ui.accounts_table.rows import PLACEHOLDER, ShownRow

PADDING = 4  # between a cell's edge and its text
# Rows whose laid-out texts are kept: a few screenfuls. Others are laid out again when painted again.
PREPARED_ROWS = 300
_ANY_WIDTH = sys.maxsize
# Measuring a text shapes it, which costs about what drawing it does. The sum of its characters' own
# advances is cheap, and with this much room to spare the text surely fits (kerning and ligatures take
# a little off, rarely add a little): then it is not measured.
_ESTIMATE_SLACK, _ESTIMATE_SPARE = 1.01, 2.0
_NONE: frozenset[int] = frozenset()
_PRINTABLE = "".join(map(chr, range(32, 127))) + PLACEHOLDER

# A cell's text laid out for an area: (text drawn, its advance, and the narrowest and widest area it
# still fits as drawn: one width when elided, any width from its own up when whole).
Cell = tuple[str, float, int, int]
# A column in the painted area: (logical column, x, width).
Placed = tuple[int, int, int]


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
    """Paints a QTableView's viewport from what each row shows (`shown_row`); rows are neither moved nor
    hidden and all have one height (the view fixes them), columns may be anything the header allows."""

    def __init__(
        self, view: QTableView, shown_row: Callable[[int], ShownRow], right_aligned: Sequence[bool]
    ) -> None:
        self._view = view
        self._shown_row = shown_row
        self._right_aligned = tuple(right_aligned)
        self._prepared: OrderedDict[int, ShownRow] = OrderedDict()  # by id, least recently painted first
        self._font = QFont()
        self._metrics = QFontMetrics(self._font)
        self._metrics_f = QFontMetricsF(self._font)
        self._advances: dict[str, float] = {}  # each character's own advance in the font
        self._use_font(view.font())

    def _use_font(self, font: QFont) -> None:
        self.forget()
        self._font, self._metrics, self._metrics_f = QFont(font), QFontMetrics(font), QFontMetricsF(font)
        # The characters most texts are made of, measured now: typically while the table is still
        # empty, waiting for its first rows, rather than while painting them.
        self._advances = {char: self._metrics_f.horizontalAdvance(char) for char in _PRINTABLE}

    def forget(self) -> None:
        """Drop every laid-out text (they are laid out again as they are painted)."""
        for row in self._prepared.values():
            row.prepared = None
        self._prepared.clear()

    def paint(self, event: QPaintEvent) -> None:
        """Paint the dirty region of the viewport."""
        view = self._view
        font = view.font()
        if font != self._font:  # a new font lays every text out anew
            self._use_font(font)
        vertical, horizontal = view.verticalHeader(), view.horizontalHeader()
        if vertical.count() == 0 or horizontal.count() == 0:
            return
        # Where the last row and column end: the grid is not drawn beyond them.
        last_x = horizontal.length() - horizontal.offset() - 1
        last_y = vertical.length() - vertical.offset() - 1
        dirty_rects = list(event.region())
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
        for chosen in selection.selection():
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
        metrics = self._metrics_f
        # As QPainter.drawText(rect, AlignVCenter, text) places one line: centred on its ascent + descent.
        baseline = (area.pitch - area.grid - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()
        right_aligned = self._right_aligned
        room = area.grid + 2 * PADDING  # what a cell's width leaves its text
        pen: QColor | None = None
        for n, row in enumerate(area.rows):
            shown = self._shown_row(row)
            prepared = self._prepared_cells(shown)
            texts, colors = shown.texts, shown.colors
            selected_columns = area.selected.get(row, _NONE)
            y = area.top + n * area.pitch + baseline
            for column, x, width in area.cells[n]:
                space = width - room
                cell = prepared[column]
                if cell is None or not cell[2] <= space <= cell[3]:
                    cell = prepared[column] = self._lay_out(texts[column], space, right_aligned[column])
                if not cell[0]:
                    continue
                color = selected_color if column in selected_columns else colors[column] or text_color
                if color is not pen:
                    painter.setPen(color)
                    pen = color
                left = x + PADDING + (space - cell[1] if right_aligned[column] else 0)
                painter.drawText(QPointF(left, y), cell[0])

    def _prepared_cells(self, shown: ShownRow) -> list[Cell | None]:
        """The row's laid-out cells, kept for the rows painted last."""
        key = id(shown)
        if shown.prepared is None:
            shown.prepared = [None] * len(shown.texts)
            self._prepared[key] = shown  # holding the row keeps its id from being reused meanwhile
            if len(self._prepared) > PREPARED_ROWS:
                _key, oldest = self._prepared.popitem(last=False)
                oldest.prepared = None
        else:
            self._prepared.move_to_end(key)
        cells: list[Cell | None] = shown.prepared
        return cells

    def _lay_out(self, text: str, area: int, right_aligned: bool) -> Cell:
        """The text as drawn in an area `area` pixels wide (elided when it does not fit), its advance,
        and the areas it fits as drawn."""
        metrics = self._metrics
        surely = math.ceil(self._advance_bound(text))
        if surely <= area:
            narrowest, widest = surely, _ANY_WIDTH
        else:
            whole = metrics.horizontalAdvance(text)
            if whole > area:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area)
                narrowest = widest = area
            else:
                narrowest, widest = whole, _ANY_WIDTH
        # Only right-aligned texts need their exact (fractional) advance, as Qt's own layout measures it.
        advance = self._metrics_f.horizontalAdvance(text) if right_aligned and text else 0.0
        return text, advance, narrowest, widest

    def _advance_bound(self, text: str) -> float:
        """More than the text's advance: its characters' advances summed, with room to spare."""
        advances = self._advances
        try:
            total = sum(map(advances.__getitem__, text))
        except KeyError:
            for char in set(text).difference(advances):
                advances[char] = self._metrics_f.horizontalAdvance(char)
            total = sum(map(advances.__getitem__, text))
        return total * _ESTIMATE_SLACK + _ESTIMATE_SPARE

    def _paint_grid(self, painter: QPainter, dirty: QRect, area: _Area) -> None:
        """The grid as QTableView draws it: a line under each row and right of each column, within the
        dirty area, in the style's grid colour (translucent lines cross where they meet)."""
        view = self._view
        style = view.style()
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)  # styles take the grid colour from its palette
        hint = style.styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view)
        color = QColor.fromRgba(hint & 0xFFFFFFFF)
        bottom = area.top + area.pitch - 1  # the line under the first row
        lines = [QRect(dirty.left(), bottom + n * area.pitch, dirty.width(), 1) for n in range(len(area.rows))]
        lines += [QRect(x + width - 1, dirty.top(), 1, dirty.height()) for _column, x, width in area.columns]
        if view.verticalHeader().isHidden() and style.styleHint(
            QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines, option, view
        ):
            x = area.columns[0][1]
            if x == dirty.left():
                lines.append(QRect(x, dirty.top(), 1, dirty.height()))
        if view.gridStyle() == Qt.PenStyle.SolidLine:
            for line in lines:  # a 1-pixel fill covers what a 1-pixel line does, several times faster
                painter.fillRect(line, color)
            return
        painter.setPen(QPen(color, 1, view.gridStyle()))
        for line in lines:
            end = line.bottomRight()
            painter.drawLine(QLineF(line.left() + 0.5, line.top() + 0.5, end.x() + 0.5, end.y() + 0.5))
