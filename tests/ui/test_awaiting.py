"""Awaiting Qt without nested loops: a dialog opened with open() and awaited, a signal's next emission."""

from __future__ import annotations

import asyncio

import qasync
from PySide6.QtCore import SIGNAL, QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.awaiting import ask, confirm, emitted
from tests.helpers.ui import wait_for


def test_ask_returns_what_the_dialog_said(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    dialog.setObjectName("asked")
    task = asyncio.get_event_loop().create_task(ask(dialog, lambda d, code: (d.objectName(), code)))
    qtbot.waitUntil(dialog.isVisible)
    dialog.accept()
    qtbot.waitUntil(task.done)
    assert task.result() == ("asked", QDialog.DialogCode.Accepted)


def test_confirm_defaults_to_cancel_and_says_which_was_chosen(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    answers = []
    for choose in (False, True):
        task = asyncio.get_event_loop().create_task(
            confirm(parent, name="question", title="Delete", text="Delete it?", detail="Really.", verb="Delete")
        )
        box = wait_for(qtbot, parent, QMessageBox, "question")
        assert box.defaultButton() is not box.findChild(QPushButton, "confirmButton")
        if choose:
            box.findChild(QPushButton, "confirmButton").click()
        else:
            box.reject()
        qtbot.waitUntil(task.done)
        answers.append(task.result())
    assert answers == [False, True]


class _Sender(QObject):
    fired = Signal(int)


def test_emitted_waits_for_the_next_emission(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    sender = _Sender()
    task = asyncio.get_event_loop().create_task(emitted(sender.fired))
    qtbot.waitUntil(lambda: sender.receivers(SIGNAL("fired(int)")) == 1)  # the task waits now
    assert not task.done()
    sender.fired.emit(3)
    qtbot.waitUntil(task.done)
    assert task.result() is None
    assert sender.receivers(SIGNAL("fired(int)")) == 0  # and it let go of the signal
