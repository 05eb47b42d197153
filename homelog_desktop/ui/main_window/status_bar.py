"""The status bar's permanent parts: the account count, who is signed in, what runs now, a busy bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar


class StatusParts:
    """The labels and the busy indicator, added to a status bar (messages never hide the count)."""

    def __init__(self, status_bar: QStatusBar) -> None:
        self.count_label = _label("accountCount")
        self.activity_label = _label("activityLabel")
        self.signed_in_label = _label("signedInLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyIndicator")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.hide()
        for widget in (self.count_label, self.signed_in_label, self.activity_label, self.busy_bar):
            status_bar.addPermanentWidget(widget)

    def show_activity(self, activity: str) -> None:
        """What runs now ("Deleting ann@example.org…"), with the busy bar; nothing when idle."""
        self.busy_bar.setVisible(bool(activity))
        self.activity_label.setText(activity)


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    return label
