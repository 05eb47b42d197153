"""The progress dialog of long work: it follows progress, Cancel (or Escape) counts once, and closing it
when the work is done is not a cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.progress import ProgressDialog


def test_progress_cancel_and_close(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    cancels: list[int] = []
    progress = ProgressDialog(
        parent=parent, name="workProgress", label="Working…", maximum=10, on_cancel=lambda: cancels.append(1)
    )
    dialog = parent.findChild(QProgressDialog, "workProgress")
    assert dialog is progress.dialog and dialog.windowTitle() == "Working"
    progress.update(4)
    assert dialog.value() == 4
    progress.update(30, 20)  # a total learned on the way
    assert (dialog.maximum(), dialog.value()) == (20, 20)
    dialog.cancel()
    dialog.reject()  # Escape after Cancel: still one cancel
    assert cancels == [1] and progress.cancelled and dialog.labelText() == "Cancelling…"
    progress.close()
    progress.update(5)  # after closing: nothing to show, and no error


def test_closing_is_not_a_cancel(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    cancels: list[int] = []
    progress = ProgressDialog(
        parent=parent, name="workProgress", label="Working…", maximum=0, on_cancel=lambda: cancels.append(1)
    )
    assert progress.dialog.maximum() == 1  # an empty job still has a bar
    progress.close()
    assert cancels == [] and not progress.cancelled
