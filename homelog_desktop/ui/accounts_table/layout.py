"""Where each text of the accounts table goes: elided to fit its cell or whole, and how far it reaches
(right-aligned texts end at the cell's right), worked out once per row and column width and kept with
the row (rows.ShownRow.prepared) for the rows painted last. Rows laid out ahead, while the loop is
idle, also get their texts shaped once (QStaticText), which then draw in about half the time."""

from __future__ import annotations

import math
import sys
from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QStaticText, QTransform

from homelog_desktop.ui.accounts_table.rows import PLACEHOLDER, ShownRow

PADDING = 4  # between a cell's edge and its text
# Rows whose laid-out texts are kept: a few screenfuls. Others are laid out again when painted again.
PREPARED_ROWS = 300
# Laid-out texts kept by text, whatever row shows them: "Member", "never", a date shown again after
# the rows were read again. Each takes about a kilobyte once shaped.
TEXTS_KEPT = 4000
_ANY_WIDTH = sys.maxsize
# Measuring a text shapes it, which costs about what drawing it does. The sum of its characters' own
# advances is cheap, and with this much room to spare the text surely fits (kerning and ligatures take
# a little off, rarely add a little): then it is not measured.
_ESTIMATE_SLACK, _ESTIMATE_SPARE = 1.01, 2.0
_PRINTABLE = "".join(map(chr, range(32, 127))) + PLACEHOLDER

# A cell's text laid out for a text area of some width: (text drawn, as a string or shaped once, its
# advance, and the narrowest and widest area it still fits as drawn: one width when elided, any width
# from its own up when whole).
Cell = tuple[str | QStaticText, float, int, int]
# A column as painted: (logical column, x, width).
Placed = tuple[int, int, int]


class CellLayouts:
    """Lays the texts of rows out in their cells in one font, and keeps that for the rows used last."""

    def __init__(self, right_aligned: Sequence[bool]) -> None:
        self.right_aligned = tuple(right_aligned)
        self._prepared: OrderedDict[int, ShownRow] = OrderedDict()  # by id, least recently used first
        self.font = QFont()
        self._metrics = QFontMetrics(self.font)
        self._metrics_f = QFontMetricsF(self.font)
        self._advances: dict[str, float] = {}  # each character's own advance in the font
        self._by_text: dict[tuple[str, bool], Cell] = {}  # (text, right-aligned): its cell, oldest first

    def use_font(self, font: QFont) -> None:
        """Lay texts out in `font` from now on (when it is another, everything is laid out anew)."""
        if font == self.font and self._advances:
            return
        self.forget()
        self.font, self._metrics, self._metrics_f = QFont(font), QFontMetrics(font), QFontMetricsF(font)
        # The characters most texts are made of, measured now: typically while the table is still
        # empty, waiting for its first rows, rather than while painting them.
        self._advances = {char: self._metrics_f.horizontalAdvance(char) for char in _PRINTABLE}

    def forget(self) -> None:
        """Drop every laid-out text (they are laid out again as they are needed)."""
        for row in self._prepared.values():
            row.prepared = None
        self._prepared.clear()
        self._by_text.clear()

    def cells(self, shown: ShownRow) -> list[Cell | None]:
        """The row's laid-out cells by column (None: not yet), kept for the rows used last."""
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

    def prepare(self, shown: ShownRow, columns: list[Placed], room: int) -> bool:
        """Lay the row's texts out for these columns (each leaving its text `room` pixels less than its
        width) and shape them once, where that is not done yet; whether anything was."""
        cells = self.cells(shown)
        done = False
        for column, _x, width in columns:
            space = width - room
            cell = cells[column]
            if cell is None or not cell[2] <= space <= cell[3]:
                cell = self.lay_out(shown.texts[column], space, self.right_aligned[column])
            elif not isinstance(cell[0], str) or not cell[0]:
                continue
            text, advance, narrowest, widest = cell
            if isinstance(text, str) and text:
                cell = (self.shaped(text), advance, narrowest, widest)
                self._keep(shown.texts[column], self.right_aligned[column], cell)
            cells[column] = cell
            done = True
        return done

    def shaped(self, text: str) -> QStaticText:
        """The text shaped once in the font, to be drawn many times."""
        shaped = QStaticText(text)
        shaped.setTextFormat(Qt.TextFormat.PlainText)
        shaped.prepare(QTransform(), self.font)
        return shaped

    @staticmethod
    def warm_up_text() -> str:
        """The characters most texts are made of."""
        return _PRINTABLE

    def lay_out(self, text: str, space: int, right_aligned: bool) -> Cell:
        """The text as drawn in an area `space` pixels wide (elided when it does not fit), its advance
        (right-aligned texts only), and the areas it fits as drawn; as laid out (and shaped) before if
        that still fits."""
        key = (text, right_aligned)
        kept = self._by_text.get(key)
        if kept is not None and kept[2] <= space <= kept[3]:
            return kept
        cell = self._measure(text, space, right_aligned)
        self._keep(text, right_aligned, cell)
        return cell

    def _keep(self, text: str, right_aligned: bool, cell: Cell) -> None:
        by_text = self._by_text
        by_text[text, right_aligned] = cell
        if len(by_text) > TEXTS_KEPT:
            del by_text[next(iter(by_text))]

    def _measure(self, text: str, space: int, right_aligned: bool) -> Cell:
        metrics = self._metrics
        surely = math.ceil(self.advance_bound(text))
        if surely <= space:
            narrowest, widest = surely, _ANY_WIDTH
        else:
            whole = metrics.horizontalAdvance(text)
            if whole > space:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, space)
                narrowest = widest = space
            else:
                narrowest, widest = whole, _ANY_WIDTH
        # Only right-aligned texts need their exact (fractional) advance, as Qt's own layout measures it.
        advance = self._metrics_f.horizontalAdvance(text) if right_aligned and text else 0.0
        return text, advance, narrowest, widest

    def advance_bound(self, text: str) -> float:
        """More than the text's advance: its characters' advances summed, with room to spare."""
        advances = self._advances
        try:
            total = sum(map(advances.__getitem__, text))
        except KeyError:
            for char in set(text).difference(advances):
                advances[char] = self._metrics_f.horizontalAdvance(char)
            total = sum(map(advances.__getitem__, text))
        return total * _ESTIMATE_SLACK + _ESTIMATE_SPARE

    def line_top_and_baseline(self, height: int) -> tuple[float, float]:
        """Where a line's top and baseline go in a cell `height` pixels high, as QPainter.drawText(rect,
        AlignVCenter, text) places it: the line's ascent + descent centred."""
        metrics = self._metrics_f
        top = (height - metrics.ascent() - metrics.descent()) / 2
        return top, top + metrics.ascent()
