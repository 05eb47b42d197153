"""Small widget helpers shared by dialogs and views: a label's stylesheet role, a password field."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit

from homelog_desktop.services.account_validation import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH
from homelog_desktop.ui.resources import icon


def set_role(label: QLabel, role: str) -> None:
    """Give a label the stylesheet role (met, unmet...); restyled only when the role changes."""
    if label.property("role") != role:
        label.setProperty("role", role)
        label.style().unpolish(label)
        label.style().polish(label)


def hint_label(name: str, role: str = "hint") -> QLabel:
    """A word-wrapped label with a stylesheet role (hint, error...), named for tests and style."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setProperty("role", role)
    return label


def password_field(name: str) -> QLineEdit:
    """A password entry with a show/hide toggle at its end."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setProperty("lockWhileBusy", True)
    toggle = QAction(icon("show-password"), "Show password", field)
    toggle.setObjectName(f"{name}Toggle")
    toggle.setCheckable(True)
    toggle.setToolTip("Show the password")

    def show(shown: bool) -> None:
        field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        toggle.setIcon(icon("hide-password" if shown else "show-password"))
        toggle.setToolTip("Hide the password" if shown else "Show the password")

    toggle.toggled.connect(show)
    field.addAction(toggle, QLineEdit.ActionPosition.TrailingPosition)
    return field


def email_field(name: str) -> QLineEdit:
    """An email entry that takes one character more than allowed, so an over-long paste is reported
    instead of silently cut."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText("name@example.org")
    field.setMaxLength(EMAIL_MAX_LENGTH + 1)
    field.setProperty("lockWhileBusy", True)
    return field


def name_field(name: str) -> QLineEdit:
    """An optional account name entry (one character more than allowed, as for emails)."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText("optional")
    field.setMaxLength(USERNAME_MAX_LENGTH + 1)
    field.setProperty("lockWhileBusy", True)
    return field


def intro_label(text: str) -> QLabel:
    """The sentence at the top of a dialog that says what it is for."""
    label = QLabel(text)
    label.setObjectName("introLabel")
    label.setWordWrap(True)
    return label
