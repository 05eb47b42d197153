"""The UI's way of running work: owned tasks route errors, dialogs are awaited without exec()."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.errors import DuplicateEmailError
from homelog_desktop.ui.async_tools import OperationFailed, OwnedTasks, ask, submit
from homelog_desktop.ui.form_dialog import FormDialog
from tests.ui.conftest import run


def test_known_errors_reach_the_user_and_bugs_reach_the_excepthook(
    qtbot: QtBot, loop: qasync.QEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _tb: hooked.append(error))
    tasks = OwnedTasks(shown.append)

    async def fail(error: BaseException) -> None:
        raise error

    tasks.start(fail(DuplicateEmailError("a@b.org")))
    tasks.start(fail(OperationFailed()))
    tasks.start(fail(ZeroDivisionError("bug")))
    qtbot.waitUntil(lambda: len(tasks) == 0)
    assert shown == ["An account with the email a@b.org already exists."]
    assert [type(error) for error in hooked] == [ZeroDivisionError]


def test_cancel_all_cancels_and_awaits_every_task(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    tasks = OwnedTasks(lambda text: pytest.fail(text))
    started = [tasks.start(asyncio.sleep(60)) for _ in range(3)]
    run(qtbot, tasks.cancel_all())
    assert all(task.cancelled() for task in started) and len(tasks) == 0


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


def test_submit_keeps_the_form_open_until_a_save_succeeds(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = FormDialog(parent=parent, title="Form")
    attempts: list[int] = []

    async def save() -> Any:
        attempts.append(1)
        if len(attempts) == 1:
            raise DuplicateEmailError("a@b.org")
        return "saved"

    task = asyncio.get_event_loop().create_task(submit(dialog, save))
    qtbot.waitUntil(dialog.isVisible)
    dialog.accept()  # OK: the first save fails
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "already exists" in dialog.error_label.text() and dialog.isVisible()
    dialog.accept()  # OK again: saved, closed
    qtbot.waitUntil(task.done)
    assert task.result() == "saved" and len(attempts) == 2


def test_submit_returns_none_when_cancelled(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = FormDialog(parent=parent, title="Form")

    async def save() -> str:
        raise AssertionError("never saved")

    task = asyncio.get_event_loop().create_task(submit(dialog, save))
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()
    qtbot.waitUntil(task.done)
    assert task.result() is None
