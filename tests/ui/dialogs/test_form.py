"""The form dialog base: OK submits (without closing) only when the form can be, the busy state locks
the fields, an error is shown under the form, and the dialog closes once the caller has saved."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.form import FormDialog


class NameForm(FormDialog):
    def __init__(self) -> None:
        super().__init__(parent=None, title="Name", ok_text="Keep")
        self.field = QLineEdit()
        self.field.setProperty("lockWhileBusy", True)
        self.free = QLineEdit()  # not locked while busy
        self.form_area.addWidget(self.field)
        self.form_area.addWidget(self.free)
        self.field.textChanged.connect(self.update_ok_button)
        self.update_ok_button()

    def can_submit(self) -> bool:
        return bool(self.field.text())


def test_ok_submits_only_a_complete_form_and_never_closes_by_itself(qtbot: QtBot) -> None:
    form = NameForm()
    qtbot.addWidget(form)
    form.show()
    assert form.ok_button.text() == "Keep" and form.ok_button.isDefault() and not form.ok_button.isEnabled()
    submitted: list[bool] = []
    form.submitted.connect(lambda: submitted.append(True))
    form.accept()
    assert submitted == []  # incomplete
    form.field.setText("Ann")
    assert form.ok_button.isEnabled()
    form.accept()
    assert submitted == [True] and form.isVisible()
    form.accept_saved()
    assert not form.isVisible() and form.result() == FormDialog.DialogCode.Accepted


def test_busy_locks_the_marked_fields_and_ok(qtbot: QtBot) -> None:
    form = NameForm()
    qtbot.addWidget(form)
    form.field.setText("Ann")
    form.set_busy(True)
    assert not form.field.isEnabled() and form.free.isEnabled() and not form.ok_button.isEnabled()
    submitted: list[bool] = []
    form.submitted.connect(lambda: submitted.append(True))
    form.accept()
    assert submitted == []  # nothing is submitted twice while saving
    form.set_busy(False)
    assert form.field.isEnabled() and form.ok_button.isEnabled()
    assert isinstance(form.cancel_button, QWidget) and not form.cancel_button.autoDefault()


def test_an_error_shows_under_the_form_until_the_next_submit(qtbot: QtBot) -> None:
    form = NameForm()
    qtbot.addWidget(form)
    form.show()
    form.field.setText("Ann")
    form.show_error("That name is taken.")
    assert form.error_label.isVisible() and form.error_label.text() == "That name is taken."
    assert form.field.text() == "Ann"  # what was typed stays
    form.accept()
    assert not form.error_label.isVisible()
