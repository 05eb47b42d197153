"""What the window shows where the accounts would be while no database is shown: why, and buttons for
the ways on (Sign in again after a cancelled sign-in, Open database), each bound to its window action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.main_window.locations import shown_name
from homelog_desktop.ui.translation import translate


def _plain(text: str) -> str:
    """An action's text without its mnemonic (the buttons are reached by Tab; the menus keep the letters)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class NoDatabasePanel(QWidget):
    """"Not signed in to homelog.db" with [Sign in…] [Open database…], or "No database is open"."""

    def __init__(self, *, sign_in: QAction, open_database: QAction) -> None:
        super().__init__()
        self.setObjectName("noDatabasePanel")
        self.label = QLabel()
        self.label.setObjectName("noDatabaseLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setProperty("role", "hint")
        self.sign_in_button = self._button(sign_in, "signInButton")
        self.open_button = self._button(open_database, "openDatabaseButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 12)
        layout.addWidget(self.label)
        layout.addLayout(buttons)

    @staticmethod
    def _button(action: QAction, name: str) -> QPushButton:
        button = QPushButton(_plain(action.text()))
        button.setObjectName(name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)

        def follow() -> None:  # enabled (and shown) as the action is
            button.setEnabled(action.isEnabled())
            button.setVisible(action.isEnabled())

        action.changed.connect(follow)
        follow()
        return button

    def show_waiting(self, waiting: DatabaseLocation | None) -> None:
        """Say why no accounts are shown: a database waits for a sign-in, or none is open."""
        if waiting is not None:
            self.label.setText(translate(
                "MainWindow", "Not signed in: the accounts of {file} are shown once an administrator signs in."
            ).format(file=shown_name(waiting)))
        else:
            self.label.setText(translate("MainWindow", "No database is open."))
