"""The status bar's permanent parts: the account count, who is signed in, what runs now, a busy bar, and a
warning about the open file (other users can read it) for as long as it holds."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate, translated

FILE_WARNING = QT_TRANSLATE_NOOP("MainWindow", "⚠ Other users can read this file")


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
        self.warning_label = _label("fileWarning")
        self.warning_label.hide()
        for widget in (self.warning_label, self.count_label, self.signed_in_label, self.activity_label, self.busy_bar):
            status_bar.addPermanentWidget(widget)

    def show_warnings(self, warnings: tuple[str, ...]) -> None:
        """What the user should know about the open file (the sentences, with the command that fixes it, in
        the tooltip), shown until another file is open; not a message box, which would take the focus."""
        self.warning_label.setVisible(bool(warnings))
        self.warning_label.setText(translate("MainWindow", FILE_WARNING) if warnings else "")
        self.warning_label.setToolTip("\n".join(translated(warning) for warning in warnings))

    def show_activity(self, activity: str) -> None:
        """What runs now ("Deleting ann@example.org…"), with the busy bar; nothing when idle."""
        self.busy_bar.setVisible(bool(activity))
        self.activity_label.setText(activity)


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    return label
