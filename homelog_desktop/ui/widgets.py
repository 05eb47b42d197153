"""Small widget helpers shared by dialogs and views: a label's stylesheet role, a password field with its
eye button, a field marked invalid, and keeping a window whole on its screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QToolButton, QWidget

from homelog_desktop.services.account_validation import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH
from homelog_desktop.ui.resources import set_icon
from homelog_desktop.ui.translation import translate


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


class PasswordToggle(QToolButton):
    """The eye at the end of a password field: a real button, reached by Tab after the form's fields (so Tab
    still goes from field to field), pressed with Space; it shows or hides what was typed."""

    def __init__(self, field: QLineEdit, action: QAction) -> None:
        super().__init__(field)
        self.setObjectName(f"{field.objectName()}ToggleButton")
        self.setDefaultAction(action)
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the focus in the field
        self.setProperty("tabAfterFields", True)
        self._field = field
        field.installEventFilter(self)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._field and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        side = max(16, self._field.height() - 4)
        self.resize(side, side)
        self.move(self._field.width() - side - 2, (self._field.height() - side) // 2)
        self._field.setTextMargins(0, 0, side, 0)


def password_field(name: str) -> QLineEdit:
    """A password entry with a show/hide toggle at its end (a QAction named NAME + "Toggle", on a button)."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setProperty("lockWhileBusy", True)
    toggle = QAction(translate("Widgets", "Show password"), field)
    set_icon(toggle, "show-password")
    toggle.setObjectName(f"{name}Toggle")
    toggle.setCheckable(True)
    toggle.setToolTip(translate("Widgets", "Show the password"))
    button = PasswordToggle(field, toggle)
    button.setAccessibleName(translate("Widgets", "Show password"))
    button.setAccessibleDescription(translate("Widgets", "Shows or hides the characters typed in the password fields"))

    def show(shown: bool) -> None:
        field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        set_icon(toggle, "hide-password" if shown else "show-password")
        toggle.setToolTip(translate("Widgets", "Hide the password") if shown else translate("Widgets",
            "Show the password"))
        toggle.setText(translate("Widgets", "Hide password") if shown else translate("Widgets", "Show password"))
        button.setAccessibleName(toggle.text())

    toggle.toggled.connect(show)
    return field


def email_field(name: str) -> QLineEdit:
    """An email entry that takes one character more than allowed, so an over-long paste is reported
    instead of silently cut."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText(translate("Widgets", "name@example.org"))
    field.setMaxLength(EMAIL_MAX_LENGTH + 1)
    field.setProperty("lockWhileBusy", True)
    return field


def name_field(name: str) -> QLineEdit:
    """An optional account name entry (one character more than allowed, as for emails)."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText(translate("Widgets", "optional"))
    field.setMaxLength(USERNAME_MAX_LENGTH + 1)
    field.setProperty("lockWhileBusy", True)
    return field


def intro_label(text: str) -> QLabel:
    """The sentence at the top of a dialog that says what it is for."""
    label = QLabel(text)
    label.setObjectName("introLabel")
    label.setWordWrap(True)
    return label


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a field as the one an error is about (the stylesheet draws it red); restyled only on change."""
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


# Room a window manager takes beside the title: the window's icon and its buttons.
TITLE_BAR_EXTRA = 120


def title_width(window: QWidget) -> int:
    """How wide a window must be for the window manager to show its whole title ("Export accounts —
    HomeLog Desktop"), in the app's font made bold, as most title bars are."""
    title = window.windowTitle()
    display_name = QGuiApplication.applicationDisplayName()
    if display_name and display_name not in title:
        title = f"{title} — {display_name}"
    font = QFont(window.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_BAR_EXTRA


def fit_to_screen(window: QWidget) -> None:
    """Keep a dialog whole on its screen: wide enough for its title, tall enough for what its layout holds
    now (a message shown since), never larger than the screen's free area, and moved onto it."""
    area = window.screen().availableGeometry()
    width, height = window.width(), window.height()
    width = max(width, min(title_width(window), area.width()))
    layout = window.layout()
    if layout is not None:
        layout.activate()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        height = max(height, needed)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    keep_on_screen(window)


def keep_on_screen(window: QWidget) -> None:
    """Shrink a window to its screen's free area (frame included) if it is larger, and move it onto it."""
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    extra_width = max(0, frame.width() - window.width())
    extra_height = max(0, frame.height() - window.height())
    width = min(window.width(), area.width() - extra_width)
    height = min(window.height(), area.height() - extra_height)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = max(area.left(), min(frame.x(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.y(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class _FitOnShow(QObject):
    """Fits its window to the screen each time it is shown (see fit_on_show)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            fit_to_screen(watched)
        return False


def fit_on_show(window: QWidget) -> None:
    """Keep a window that is not a form dialog (a view, a file or progress dialog) whole on its screen and
    wide enough for its title whenever it shows."""
    fitter = _FitOnShow(window)
    window.installEventFilter(fitter)


def cancel_first_buttons(dialog: QDialog, text: str, name: str) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """Cancel and one button that writes (`text`, object name `name`), accepting and rejecting `dialog`:
    Cancel is the default, since writing is a choice made on purpose, never a stray Enter. The box is the
    dialog's child from the start, so that Cancel stays the default (ui/dialogs/form.py). Returns the box,
    the writing button and Cancel."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    write = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    write.setObjectName(name)
    write.setAutoDefault(False)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAutoDefault(False)
    cancel.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, write, cancel
