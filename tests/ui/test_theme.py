"""Light and dark: state colours readable (WCAG AA) on each scheme's backgrounds, icons drawn in the
palette's ink, and a change of scheme picked up live by the stylesheet, the icons and the tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.resources import icon, refresh_icons, stylesheet
from homelog_desktop.ui.theme import (
    MIN_TEXT_CONTRAST,
    SCHEME_VARIABLE,
    STATE_COLORS,
    Theme,
    backgrounds,
    contrast_ratio,
    dark_palette,
    install_theme,
    scheme_of,
    state_color,
    themed_stylesheet,
)
from tests.helpers.ui import seed, settle


def light_palette() -> QPalette:
    fusion = QStyleFactory.create("Fusion")
    assert fusion is not None
    return fusion.standardPalette()


SCHEMES = {"light": light_palette, "dark": dark_palette}


@pytest.fixture
def theme(qapp: QApplication) -> Iterator[Theme]:
    """The app's theme (as create_application installs it); the palette it found is put back afterwards."""
    before = QPalette(qapp.palette())
    made = install_theme(qapp, stylesheet(), refresh_icons)
    yield made
    made.force(None)
    qapp.setPalette(before)
    made.apply()


def ink_of(drawn: QIcon) -> QColor:
    """The average colour of an icon's opaque pixels."""
    image = drawn.pixmap(32, 32).toImage()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    opaque = [pixel for pixel in pixels if pixel.alpha() > 200]
    assert opaque, "the icon drew nothing"
    return QColor(
        sum(p.red() for p in opaque) // len(opaque),
        sum(p.green() for p in opaque) // len(opaque),
        sum(p.blue() for p in opaque) // len(opaque),
    )


def test_the_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("state", sorted(STATE_COLORS))
def test_every_state_colour_is_readable_on_every_background(qapp: QApplication, scheme: str, state: str) -> None:
    palette = SCHEMES[scheme]()
    assert scheme_of(palette) == scheme
    color = state_color(state, palette)
    light, dark = STATE_COLORS[state]
    assert color.name() == (light if scheme == "light" else dark)  # chosen to pass, not nudged into passing
    for ground in backgrounds(palette):
        ratio = contrast_ratio(color, ground)
        assert ratio >= MIN_TEXT_CONTRAST, f"{state} {color.name()} on {ground.name()}: {ratio:.2f}"
    # The palette's own text passes too, and so does the selection the stylesheet paints.
    assert contrast_ratio(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)) >= 7
    assert contrast_ratio(QColor("#ffffff"), QColor("#1565c0")) >= MIN_TEXT_CONTRAST
    assert "#1565c0" in stylesheet() and "#1e88e5;\n    selection-color" not in stylesheet()


def test_a_colour_too_faint_for_a_system_palette_is_made_readable(qapp: QApplication) -> None:
    palette = dark_palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#3c3c3c"))  # a lighter dark than ours
    faint = QColor("#777777")
    assert contrast_ratio(faint, QColor("#3c3c3c")) < MIN_TEXT_CONTRAST
    from homelog_desktop.ui.theme import readable

    fixed = readable(faint, palette)
    assert min(contrast_ratio(fixed, ground) for ground in backgrounds(palette)) >= MIN_TEXT_CONTRAST


def test_the_stylesheet_has_no_fixed_text_colour_and_is_filled_in_per_scheme() -> None:
    written = stylesheet()
    for light, _dark in STATE_COLORS.values():
        assert light not in written
    for old_light in ("#c62828", "#e65100", "#607d8b", "#2e7d32", "#9e9e9e"):  # unreadable on dark
        assert old_light not in written
    for scheme, make in SCHEMES.items():
        filled = themed_stylesheet(written, make())
        assert "@error" not in filled and "@accent" not in filled
        expected = STATE_COLORS["error"][0 if scheme == "light" else 1]
        assert f"color: {expected};" in filled


def test_icons_are_drawn_in_the_palettes_ink(qapp: QApplication, theme: Theme) -> None:
    for scheme in ("dark", "light"):
        theme.force(scheme)  # type: ignore[arg-type]
        window_color = qapp.palette().color(QPalette.ColorRole.Window)
        for name in ("user-new", "user-edit", "refresh", "show-password", "hide-password", "password-set"):
            ink = ink_of(icon(name))
            # Non-text contrast (WCAG 1.4.11): 3:1 at least against the window behind the toolbar.
            assert contrast_ratio(ink, window_color) >= 3, f"{name} in {scheme}: {ink.name()}"


def test_forcing_dark_recolours_a_shown_window_live(qtbot: QtBot, theme: Theme, window: MainWindow) -> None:
    # `theme` before `window`: the app installs its theme before it makes a window (create_application).
    seed(qtbot, window, ("ann@example.org", None, "Ann-pass-1234"), ("bob@example.org", None, None))
    settle(qtbot, window)
    toolbar_action = window.action("new_user")
    light_ink = ink_of(toolbar_action.icon())
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 1)) == "bob@example.org")
    muted_light = QColor(model.data(model.index(row, 3), Qt.ItemDataRole.ForegroundRole))
    assert muted_light == state_color("muted")  # no password: greyed

    theme.force("dark")
    assert theme.scheme == "dark" and scheme_of(qapp_palette()) == "dark"
    dark_ink = ink_of(toolbar_action.icon())
    assert dark_ink.lightness() > light_ink.lightness() + 80  # light ink now, not dark grey on dark grey
    muted_dark = model.data(model.index(row, 3), Qt.ItemDataRole.ForegroundRole)
    assert muted_dark == QColor(STATE_COLORS["muted"][1]) != muted_light
    assert f"color: {STATE_COLORS['error'][1]};" in QApplication.instance().styleSheet()  # type: ignore[union-attr]

    theme.force("light")
    assert theme.scheme == "light"
    assert ink_of(toolbar_action.icon()).lightness() < 128


def test_a_palette_changed_by_the_platform_is_followed(qtbot: QtBot, qapp: QApplication, theme: Theme) -> None:
    """What a desktop does when its user switches to dark: it changes the app's palette."""
    theme.force(None)
    seen: list[bool] = []
    theme.changed.connect(lambda: seen.append(True))
    qapp.setPalette(dark_palette())
    qtbot.waitUntil(lambda: bool(seen))
    assert f"color: {STATE_COLORS['hint'][1]};" in qapp.styleSheet()
    assert ink_of(icon("refresh")).lightness() > 128


def test_the_eye_of_a_password_field_follows_the_scheme(qtbot: QtBot, theme: Theme) -> None:
    from homelog_desktop.ui.dialogs.password import PasswordDialog

    dialog = PasswordDialog(parent=None, account_label="ann@example.org")
    qtbot.addWidget(dialog)
    dialog.show()
    theme.force("dark")
    assert ink_of(dialog.show_toggle.icon()).lightness() > 128
    rule = dialog.rule_labels[0]
    assert rule.accessibleName().endswith(": not met") and rule.text().endswith("not met")
    theme.force("light")
    assert ink_of(dialog.show_toggle.icon()).lightness() < 128


def qapp_palette() -> QPalette:
    return QApplication.palette()


def lightness(image: QImage) -> float:
    step = 7
    values = [image.pixelColor(x, y).lightness() for x in range(0, image.width(), step)
              for y in range(0, image.height(), step)]
    return sum(values) / len(values)


def test_the_environment_forces_a_scheme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ui.test_app import start_app

    db_path = tmp_path / "homelog.db"
    shots = {}
    for scheme in ("light", "dark"):
        shot = tmp_path / f"{scheme}.png"
        monkeypatch.setenv(SCHEME_VARIABLE, scheme)
        done = start_app("--db", str(db_path), "--screenshot", str(shot), home=tmp_path)
        assert done.returncode == 0, done.stderr
        shots[scheme] = lightness(QImage(str(shot)))
    assert shots["dark"] < 100 < 180 < shots["light"]
