"""Telling assistive technology what changed: status messages and errors announced as they appear."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QStatusBar, QWidget

from homelog_desktop.ui.translation import translate


class Announcements(QObject):
    """Every announcement made, as a signal too (for a log, a test, or an app-wide listener)."""

    said = Signal(str, bool)  # the text, and whether it was urgent (an error)


@cache
def announcements() -> Announcements:
    """The app's one Announcements object."""
    return Announcements()


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have a screen reader say `text` about `widget`: at once for an error (assertive), after what it is
    saying for anything else (polite). Nothing for an empty text (a message cleared)."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive if urgent else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    announcements().said.emit(text, urgent)


def announce_messages(status_bar: QStatusBar) -> None:
    """Announce every message the status bar shows (what was done, why nothing was)."""
    status_bar.setAccessibleName(translate("Dialogs", "Status"))
    status_bar.messageChanged.connect(lambda text: announce(status_bar, text))
