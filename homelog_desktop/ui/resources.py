"""Icons and the stylesheet from the resources folder (installed as homelog_desktop.resources); icons are
drawn in the palette's text colour, and drawn again when the colour scheme changes."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QAction, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from homelog_desktop.ui.theme import ACCENTS, ICON_ACCENT, ICON_INK, scheme_of

# The sizes an icon is drawn at (device pixels): toolbar and menu sizes at scale 1 and 2.
ICON_SIZES = (16, 20, 24, 32, 40, 48, 64)
# The dynamic property of an action whose icon is a resource icon, to be redrawn in a new scheme.
THEME_ICON = "themeIcon"


@cache
def resource_folder() -> Path:
    """The folder holding icons/ and the stylesheet, installed or in a source checkout."""
    try:
        return Path(str(resources.files("homelog_desktop.resources")))
    except ModuleNotFoundError:  # a source tree on sys.path ahead of an editable install
        return Path(__file__).resolve().parents[2] / "resources"


@cache
def _svg(name: str) -> str | None:
    path = resource_folder() / "icons" / f"{name}.svg"
    return path.read_text(encoding="utf-8") if path.exists() else None


@cache
def _drawn(name: str, ink: str, accent: str) -> QIcon:
    svg = _svg(name)
    if svg is None:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg.replace(ICON_INK, ink).replace(ICON_ACCENT, accent).encode("utf-8")))
    drawn = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        drawn.addPixmap(pixmap)
    return drawn


def icon(name: str) -> QIcon:
    """An icon from resources/icons by name (without .svg), its ink in the palette's text colour and its
    accent made for the scheme; an empty icon when it is missing."""
    palette = QApplication.palette()
    ink = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText).name()
    return _drawn(name, ink, ACCENTS[scheme_of(palette)])


def set_icon(action: QAction, name: str) -> None:
    """Give an action a resource icon that follows the colour scheme (see refresh_icons)."""
    action.setProperty(THEME_ICON, name)
    action.setIcon(icon(name))


def refresh_icons() -> None:
    """Draw every action's resource icon again in the palette now in use."""
    seen: set[int] = set()
    for window in QApplication.topLevelWidgets():
        for action in (*window.actions(), *window.findChildren(QAction)):
            name = action.property(THEME_ICON)
            if name and id(action) not in seen:
                seen.add(id(action))
                action.setIcon(icon(str(name)))


def stylesheet() -> str:
    """The app's stylesheet as written, with @state tokens for theme.themed_stylesheet to fill in."""
    path = resource_folder() / "style.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


