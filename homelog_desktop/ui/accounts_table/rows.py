"""What a row of the accounts table shows: its texts and text colours, formatted once per row and kept with
the row's page, with room for what the painter made of them (so that goes when the row goes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QColor

from homelog_desktop.services.accounts import Account
from homelog_desktop.ui.accounts_table.columns import (
    COLUMNS,
    LAST_SIGN_IN_COLUMN,
    PASSWORD_COLUMN,
    STATUS_COLUMN,
)
from homelog_desktop.ui.theme import state_color

PLACEHOLDER = "…"  # what a row shows while its page is being read


class ShownRow:
    """A row's texts and text colours per column (None: the palette's text colour); `prepared` is the
    painter's, for what it laid out from them (see painter.py)."""

    __slots__ = ("colors", "prepared", "texts")

    def __init__(self, texts: tuple[str, ...], colors: tuple[QColor | None, ...]) -> None:
        self.texts = texts
        self.colors = colors
        self.prepared: Any = None


class RowFormatter:
    """Makes the ShownRow of an account as of a moment; rows in the same states share their colours."""

    def __init__(self) -> None:
        # Grey and amber of the scheme in use, readable on base and alternate rows alike (ui/theme.py).
        self.muted_color = state_color("muted")
        self.warning_color = state_color("warning")
        self._colors: dict[tuple[bool, ...], tuple[QColor | None, ...]] = {}
        self.placeholder = ShownRow((PLACEHOLDER,) * len(COLUMNS), (self.muted_color,) * len(COLUMNS))

    def shown(self, account: Account, now: datetime) -> ShownRow:
        """What the row of `account` shows (locks and password ages as of `now`)."""
        texts = tuple(column.text(account, now) for column in COLUMNS)
        flags = (
            account.disabled, not account.has_password, account.last_sign_in_at is None, account.locked_at(now)
        )
        colors = self._colors.get(flags)
        if colors is None:
            colors = self._colors[flags] = self._colors_of(*flags)
        return ShownRow(texts, colors)

    def refresh_colors(self) -> None:
        """Take the state colours of the scheme now in use (every row holding them follows)."""
        self.muted_color.setRgba(state_color("muted").rgba())
        self.warning_color.setRgba(state_color("warning").rgba())

    def _colors_of(self, disabled: bool, no_password: bool, never: bool, locked: bool) -> tuple[QColor | None, ...]:
        if disabled:  # the whole row greyed
            return (self.muted_color,) * len(COLUMNS)
        listed: list[QColor | None] = [None] * len(COLUMNS)
        if no_password:
            listed[PASSWORD_COLUMN] = self.muted_color
        if never:
            listed[LAST_SIGN_IN_COLUMN] = self.muted_color
        if locked:
            listed[STATUS_COLUMN] = self.warning_color
        return tuple(listed)
