"""Base of the app's form dialogs: keyboard first (the cursor in the first field, fields before buttons in
the Tab order, Enter always OK, Escape Cancel), an error shown next to the field that needs fixing until
it is edited, a busy state, and OK that submits without closing."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from homelog_desktop.ui.accessibility import announce
from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import fit_to_screen, set_invalid

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton)


def focusable_widgets(layout: QLayout) -> Iterator[QWidget]:
    """The widgets of a layout that Tab can reach, in the layout's order (nested layouts and the
    Tab-reachable children of each widget, such as a password field's eye, included)."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if inner is not None:
            yield from focusable_widgets(inner)
        elif widget is not None:
            own = widget.layout()
            if own is not None and not isinstance(widget, INPUTS):
                yield from focusable_widgets(own)
                continue
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                yield widget
            yield from (
                child for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if child.property("tabAfterFields")
            )


class FormDialog(QDialog):
    """A dialog whose OK emits `submitted`; the caller saves, then calls `accept_saved()` or `show_error()`."""

    submitted = Signal()

    def __init__(self, *, parent: QWidget | None, title: str, ok_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.form_area = QVBoxLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        self._error_spacer = QWidget()  # the empty label column beside an error shown under a field
        self._error_spacer.hide()
        self._error_form: QFormLayout | None = None  # where the error is shown now (None: under the form)
        self._error_field: QWidget | None = None
        # A child of the dialog from the start: only then is OK the dialog's default button for good
        # (a default set on a button without its dialog is lost when the focus next leaves it).
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or translate("Dialogs", "Save"))
        self.ok_button.setObjectName("okButton")
        # Enter always means OK (doing nothing while the form is invalid or saving), never Cancel: OK is the
        # default, and no button takes that over when it gets the focus.
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(self.form_area)
        self._layout.addWidget(self.error_label)
        self._layout.addWidget(self.buttons)
        self._busy = False
        self._arranged = False
        # Texts that wrap (hints, errors) change the height a form needs as the user types: grown to fit,
        # once per turn of the event loop, rather than squeezing the fields.
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(lambda: fit_to_screen(self))

    # What subclasses may say

    def can_submit(self) -> bool:
        """Whether the form is complete and valid; subclasses check their fields."""
        return True

    def initial_focus(self) -> QWidget | None:
        """Where the cursor is when the dialog opens: the first field that can be typed in."""
        return next((w for w in self.fields() if w.isEnabled() and not w.isHidden()), None)

    def field_for_error(self, text: str) -> QWidget | None:
        """The field an error is about (shown under it, focused); None: an error of the whole form."""
        return None

    def fields(self) -> list[QWidget]:
        """The form's inputs in the order of the form, without the buttons that come after them."""
        return [w for w in focusable_widgets(self.form_area) if not w.property("tabAfterFields")]

    # Keyboard

    def showEvent(self, event: QShowEvent) -> None:
        if not self._arranged:
            self._arranged = True
            self._arrange_keyboard()
        super().showEvent(event)
        fit_to_screen(self)

    def _arrange_keyboard(self) -> None:
        """Tab goes through the fields, then the form's own buttons, then OK and Cancel; the cursor
        starts in the first field; editing a field takes back the error shown about it."""
        widgets = list(focusable_widgets(self.form_area))
        after = [w for w in widgets if w.property("tabAfterFields")]
        chain = [w for w in widgets if w not in after] + after + [self.ok_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for widget in widgets:
            self._follow_edits(widget)
        first_field = self.initial_focus()
        if first_field is not None:
            first_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _follow_edits(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: self._edited(widget))
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index: self._edited(widget))
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(lambda: self._edited(widget))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.clicked.connect(lambda _checked: self._edited(widget))

    def _edited(self, widget: QWidget) -> None:
        if self.error_label.isVisible() and self._error_field in (None, widget):
            self.clear_error()

    # Submitting

    def update_ok_button(self) -> None:
        """Enable OK only when the form can be submitted and nothing is saving (and fit what it shows)."""
        self.ok_button.setEnabled(self.can_submit() and not self._busy)
        self.refit()

    def refit(self) -> None:
        """Grow the dialog (soon) to what its layout needs now, if it is shown."""
        if self.isVisible():
            self._refit_timer.start()

    def accept(self) -> None:
        """OK or Enter: ask the caller to save instead of closing."""
        if self.can_submit() and not self._busy:
            self.clear_error()
            self.submitted.emit()

    def accept_saved(self) -> None:
        """Close with Accepted once the caller has saved."""
        super().accept()

    def set_busy(self, busy: bool) -> None:
        """Lock the form while its save runs."""
        self._busy = busy
        for child in self.findChildren(QWidget):
            if child.property("lockWhileBusy"):
                child.setEnabled(not busy)
        self.update_ok_button()
        self.ok_button.setDefault(True)  # whatever had the focus meanwhile, Enter means OK again

    # Errors

    def show_error(self, text: str) -> None:
        """Show why the last save failed, next to the field to fix (which gets the cursor), or under the
        form; the form keeps what the user typed. It goes once that field (or any, for the whole form's)
        is edited, or at the next submit."""
        field = self.field_for_error(text)
        self._place_error(field)
        self.error_label.setText(text)
        self.error_label.show()
        announce(self.error_label, text, urgent=True)
        self._error_field = field
        if field is not None:
            set_invalid(field, True)
        focus = field or self.initial_focus()
        if focus is not None and focus.isEnabled():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(focus, QLineEdit):
                focus.selectAll()
        self.ok_button.setDefault(True)
        fit_to_screen(self)  # grown to show the message whole, never by squeezing the fields

    def clear_error(self) -> None:
        """Take the error away (the field it was about was edited, or the form is submitted again)."""
        self.error_label.hide()
        if self._error_field is not None:
            set_invalid(self._error_field, False)
            self._error_field = None

    def _place_error(self, field: QWidget | None) -> None:
        if self._error_form is not None:
            self._error_form.takeRow(self.error_label)
            self._error_form = None
        else:
            self._layout.removeWidget(self.error_label)
        form, row = self._form_row_of(field)
        if form is None:
            self._layout.insertWidget(self._layout.indexOf(self.buttons), self.error_label)
        else:
            form.insertRow(row + 1, self._error_spacer, self.error_label)
            self._error_form = form

    def _form_row_of(self, field: QWidget | None) -> tuple[QFormLayout | None, int]:
        if field is None:
            return None, -1
        for form in self.findChildren(QFormLayout):
            position: tuple[int, QFormLayout.ItemRole] = form.getWidgetPosition(field)  # type: ignore[assignment]
            row = position[0]
            if row >= 0:
                return form, row
        return None, -1


class SecretFormDialog(FormDialog):
    """A form with one password field (`password_field`, set by the subclass): a refusal empties it for
    the password to be typed again, and it is never kept once the dialog closes."""

    password_field: QLineEdit

    def show_error(self, text: str) -> None:
        """A refusal: say why, and let the user type the password again."""
        self.password_field.clear()
        super().show_error(text)

    def done(self, result: int) -> None:
        """Never keep the password once the dialog closes."""
        self.password_field.clear()
        super().done(result)
