"""A lean painter for the accounts table: one text per cell, no icons, no check boxes, no editing.

QStyledItemDelegate asks the model for a dozen roles per cell and lays out every item through the
style; at a full screen of rows that is most of each repaint. This paints the same look directly.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

_PADDING = 4


class FastItemDelegate(QStyledItemDelegate):
    """Paints selection, text colour (ForegroundRole), alignment (TextAlignmentRole) and elided text."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None:
            return
        palette = option.palette
        active = option.state & QStyle.StateFlag.State_Active
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.color(group, QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(group, QPalette.ColorRole.HighlightedText))
        else:
            color = index.data(Qt.ItemDataRole.ForegroundRole)
            painter.setPen(color if color is not None else palette.color(group, QPalette.ColorRole.Text))
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        flags = Qt.AlignmentFlag(alignment) if alignment else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        area = option.rect.adjusted(_PADDING, 0, -_PADDING, 0)
        metrics = option.fontMetrics
        if metrics.horizontalAdvance(text) > area.width():
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(flags), text)
