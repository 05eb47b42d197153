"""The colour scheme: light or dark as the system (or a forced choice) says; state colours readable on its
backgrounds, the stylesheet filled in for it, and everything redone live when the scheme changes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

Scheme = Literal["light", "dark"]

# The environment variable that forces a scheme: for desktops that do not tell Qt theirs (a plain X11
# window manager), and for screenshots.
SCHEME_VARIABLE = "HOMELOG_COLOR_SCHEME"

# WCAG AA for normal text.
MIN_TEXT_CONTRAST = 4.5

# Text colours by state, (light scheme, dark scheme); each meets MIN_TEXT_CONTRAST on that scheme's base and
# window colours, and `readable` darkens or lightens it further on a system palette where it would not.
STATE_COLORS: dict[str, tuple[str, str]] = {
    "error": ("#b71c1c", "#ff8a80"),
    "warning": ("#a14f00", "#ffb74d"),  # also locked accounts
    "hint": ("#4e6470", "#b0bec5"),
    "met": ("#1b5e20", "#81c784"),
    "unmet": ("#5f5f5f", "#b4b4b4"),
    "muted": ("#6a6a6a", "#a8a8a8"),  # disabled accounts, no password, never signed in
}

# The icons' ink and accent as drawn in resources/icons, and what they become per scheme: the ink is the
# palette's text colour, so that an icon is never dark grey on dark grey.
ICON_INK = "#37474f"
ICON_ACCENT = "#1e88e5"
ACCENTS: dict[Scheme, str] = {"light": "#1e88e5", "dark": "#64b5f6"}

_TOKEN = re.compile(r"@(error|warning|hint|met|unmet|muted|accent)\b")


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG 2 contrast ratio of two opaque colours (1 to 21)."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def scheme_of(palette: QPalette) -> Scheme:
    """Dark when the palette draws light text on a dark window."""
    return "dark" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "light"


def backgrounds(palette: QPalette) -> tuple[QColor, ...]:
    """What state colours are drawn on: base (fields, tables), alternate rows and window (dialogs)."""
    return tuple(
        palette.color(QPalette.ColorGroup.Active, role)
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Window)
    )


def readable(color: QColor, palette: QPalette) -> QColor:
    """`color`, moved step by step toward the palette's text colour until it meets MIN_TEXT_CONTRAST on
    every background (a system palette may not be the one the colour was chosen for)."""
    text = palette.color(QPalette.ColorRole.Text)
    grounds = backgrounds(palette)
    result = QColor(color)
    for step in range(1, 11):
        if min(contrast_ratio(result, ground) for ground in grounds) >= MIN_TEXT_CONTRAST:
            break
        share = step / 10
        result = QColor.fromRgbF(
            color.redF() * (1 - share) + text.redF() * share,
            color.greenF() * (1 - share) + text.greenF() * share,
            color.blueF() * (1 - share) + text.blueF() * share,
        )
    return result


def state_color(state: str, palette: QPalette | None = None) -> QColor:
    """The text colour of a state (error, warning, hint, met, unmet, muted) on a palette (the app's)."""
    palette = palette if palette is not None else QApplication.palette()
    light, dark = STATE_COLORS[state]
    return readable(QColor(dark if scheme_of(palette) == "dark" else light), palette)


def themed_stylesheet(text: str, palette: QPalette) -> str:
    """The stylesheet with its @state tokens (and @accent) replaced by the palette's colours."""

    def color(match: re.Match[str]) -> str:
        name = match.group(1)
        return ACCENTS[scheme_of(palette)] if name == "accent" else state_color(name, palette).name()

    return _TOKEN.sub(color, text)


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, for a platform that has no dark palette of its own."""
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2d2d30",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f22",
        QPalette.ColorRole.AlternateBase: "#28282c",
        QPalette.ColorRole.ToolTipBase: "#3a3a3e",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#38383c",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff8a80",
        QPalette.ColorRole.Light: "#4a4a4f",
        QPalette.ColorRole.Midlight: "#3f3f44",
        QPalette.ColorRole.Mid: "#2a2a2d",
        QPalette.ColorRole.Dark: "#1a1a1c",
        QPalette.ColorRole.Shadow: "#0c0c0d",
        QPalette.ColorRole.Highlight: "#1e88e5",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#64b5f6",
        QPalette.ColorRole.LinkVisited: "#b39ddb",
    }
    for role, name in colors.items():
        palette.setColor(role, QColor(name))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    return palette


class Theme(QObject):
    """Keeps the app's look in step with its colour scheme: the stylesheet's colours, the icons' ink
    (drawn again by the function it is given) and the models' state colours, which listen to `changed`."""

    changed = Signal()  # the scheme's colours were applied anew

    def __init__(self, app: QApplication, stylesheet: str, redraw_icons: Callable[[], None]) -> None:
        super().__init__(app)
        self._redraw_icons = redraw_icons  # resources.refresh_icons: resources draws icons with this module
        self.setObjectName("theme")
        self._app = app
        self._stylesheet = stylesheet
        self._forced: Scheme | None = None
        self._own_palette = False  # the palette is ours, put in place of the platform's
        self._fusion_set = False
        self._applied: tuple[int, int] | None = None
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)
        # A desktop switched to dark changes the app's palette. The signal, not an event filter on the app,
        # which would see every event of every widget.
        app.paletteChanged.connect(lambda _palette: QTimer.singleShot(0, self, self._reapply_if_changed))

    @property
    def scheme(self) -> Scheme:
        """The scheme now shown."""
        return scheme_of(self._app.palette())

    def force(self, scheme: Scheme | None) -> None:
        """Show `scheme` whatever the system says (None: follow the system again); for tests, screenshots
        and platforms without a scheme of their own."""
        self._forced = scheme
        self._settle_palette()
        self.apply()

    def apply(self) -> None:
        """Fill in the stylesheet and redraw icons and state colours for the palette now in use."""
        palette = self._app.palette()
        key = (palette.color(QPalette.ColorRole.Window).rgba(), palette.color(QPalette.ColorRole.Text).rgba())
        self._applied = key
        self._app.setStyleSheet(themed_stylesheet(self._stylesheet, palette))
        self._redraw_icons()
        self.changed.emit()

    def wanted(self) -> Scheme | None:
        """The scheme asked for: forced, else the system's (None: the system does not say)."""
        if self._forced is not None:
            return self._forced
        system = self._app.styleHints().colorScheme()
        if system == Qt.ColorScheme.Dark:
            return "dark"
        if system == Qt.ColorScheme.Light:
            return "light"
        return None

    def _settle_palette(self) -> None:
        """Put a palette of the wanted scheme in place where the platform's is of the other one (a platform
        without a dark theme, or a forced scheme); give the platform's back once it is wanted again."""
        wanted = self.wanted()
        if wanted is not None and scheme_of(self._app.palette()) != wanted:
            self._use_fusion()
            self._app.setPalette(dark_palette() if wanted == "dark" else self._app.style().standardPalette())
            self._own_palette = True
        elif wanted is None and self._own_palette:
            self._app.setPalette(QPalette())  # an empty palette: the platform's again
            self._own_palette = False

    def _use_fusion(self) -> None:
        # A native style may draw with its own colours, not the palette's; Fusion draws with the palette.
        # Once: the stylesheet wraps the style in one without a name.
        if not self._fusion_set and self._app.style().name().lower() != "fusion":
            fusion = QStyleFactory.create("Fusion")
            if fusion is not None:
                self._app.setStyle(fusion)
        self._fusion_set = True

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        # The platform changes its palette around this signal: look once both have happened.
        QTimer.singleShot(0, self, self._follow)

    def _follow(self) -> None:
        self._settle_palette()
        self._reapply_if_changed()

    def _reapply_if_changed(self) -> None:
        palette = self._app.palette()
        key = (palette.color(QPalette.ColorRole.Window).rgba(), palette.color(QPalette.ColorRole.Text).rgba())
        if key != self._applied:
            self.apply()


def theme() -> Theme | None:
    """The app's Theme, once create_application (or install_theme) made it."""
    app = QGuiApplication.instance()
    found = app.findChild(Theme, "theme") if app is not None else None
    return found if isinstance(found, Theme) else None


def install_theme(app: QApplication, stylesheet: str, redraw_icons: Callable[[], None], *, forced: str = "") -> Theme:
    """Make the app follow the colour scheme (once; later calls return the same Theme), drawing the icons
    again with `redraw_icons` on each change; `forced` ("light" or "dark", else ignored) shows that scheme
    whatever the system says."""
    existing = theme()
    if existing is not None:
        return existing
    made = Theme(app, stylesheet, redraw_icons)
    choice = forced.strip().lower()
    made._forced = "dark" if choice == "dark" else "light" if choice == "light" else None
    made._settle_palette()
    made.apply()
    return made


def on_theme_changed(slot: Callable[[], None]) -> None:
    """Call `slot` (a method of a QObject: Qt disconnects it when that object is deleted) whenever the
    scheme's colours are applied anew; nothing before the theme is installed (a test's bare QApplication
    keeps its palette)."""
    current = theme()
    if current is not None:
        current.changed.connect(slot)
