"""The operations runner: owned tasks, one error policy (a known error shown once, a bug to the
excepthook), the busy state and the control that started an operation, the change signal, forms."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.errors import ConflictError, DuplicateEmailError
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.operations import OperationFailed, Operations
from tests.helpers.ui import run


@pytest.fixture
def operations(qtbot: QtBot, loop: qasync.QEventLoop) -> Operations:
    return Operations()


def test_known_errors_reach_the_user_and_bugs_reach_the_excepthook(
    qtbot: QtBot, operations: Operations, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _tb: hooked.append(error))
    operations.failed.connect(shown.append)

    async def fail(error: BaseException) -> None:
        raise error

    operations.start(fail(DuplicateEmailError("a@b.org")))
    operations.start(fail(OperationFailed()))
    operations.start(fail(ZeroDivisionError("bug")))
    qtbot.waitUntil(lambda: len(operations) == 0)
    assert shown == ["An account with the email a@b.org already exists."]
    assert [type(error) for error in hooked] == [ZeroDivisionError]


def test_cancel_all_cancels_and_awaits_every_task(qtbot: QtBot, operations: Operations) -> None:
    started = [operations.start(asyncio.sleep(60)) for _ in range(3)]
    run(qtbot, operations.cancel_all())
    assert all(task.cancelled() for task in started) and len(operations) == 0


def test_run_is_busy_holds_its_control_and_names_the_changed_accounts(qtbot: QtBot, operations: Operations) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    button = QPushButton(parent)
    changed: list[list[int]] = []
    busy: list[tuple[bool, str, bool]] = []
    operations.events.accounts_changed.connect(changed.append)
    operations.busy_changed.connect(
        lambda: busy.append((operations.running, operations.activity, operations.holds(button)))
    )
    release = asyncio.Event()

    async def write() -> str:
        await release.wait()
        return "written"

    task = operations.start(operations.run("Writing…", write(), control=button, changed=[7]))
    qtbot.waitUntil(lambda: operations.running)
    assert operations.activity == "Writing…" and not button.isEnabled() and operations.holds(button)
    assert changed == []  # not before the write
    release.set()
    qtbot.waitUntil(task.done)
    assert task.result() == "written"
    assert changed == [[7]]
    assert button.isEnabled() and not operations.running and operations.activity == ""
    assert busy[-1] == (False, "", False)


def test_a_refused_write_is_shown_once_where_asked_and_still_refreshes_its_accounts(
    qtbot: QtBot, operations: Operations
) -> None:
    in_window: list[str] = []
    in_form: list[str] = []
    changed: list[list[int]] = []
    operations.failed.connect(in_window.append)
    operations.events.accounts_changed.connect(changed.append)

    async def refused() -> None:
        raise ConflictError("ann@example.org", [("name", "Ann", "Annie")])

    with pytest.raises(OperationFailed):
        run(qtbot, operations.run("Saving…", refused(), show_error=in_form.append, changed=[3]))
    assert len(in_form) == 1 and "changed elsewhere" in in_form[0] and in_window == []
    assert changed == [[3]]  # the table shows what is there now
    with pytest.raises(OperationFailed):
        run(qtbot, operations.run("Saving…", refused(), changed=lambda result: [result]))
    assert len(in_window) == 1 and changed == [[3]]  # ids known only from a result: nothing to refresh


def test_a_bug_in_run_is_not_shown_as_the_users_mistake(qtbot: QtBot, operations: Operations) -> None:
    shown: list[str] = []
    operations.failed.connect(shown.append)

    async def bug() -> None:
        raise KeyError("no such column")

    with pytest.raises(KeyError):
        run(qtbot, operations.run("Reading…", bug(), show_error=shown.append))
    assert shown == [] and not operations.running


def test_an_operation_holds_the_action_that_started_it_until_it_ends(qtbot: QtBot, operations: Operations) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    button = QPushButton(parent)
    release = asyncio.Event()
    task = operations.start(release.wait(), control=button)
    qtbot.waitUntil(lambda: operations.holds(button))
    assert not button.isEnabled() and not operations.running  # held, but nothing announced as busy
    release.set()
    qtbot.waitUntil(task.done)
    assert button.isEnabled() and not operations.holds(button)


def test_submit_keeps_the_form_open_until_a_save_succeeds(qtbot: QtBot, operations: Operations) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = FormDialog(parent=parent, title="Form")
    attempts: list[int] = []

    async def save() -> Any:
        attempts.append(1)
        if len(attempts) == 1:
            raise DuplicateEmailError("a@b.org")
        return "saved"

    task = asyncio.get_event_loop().create_task(operations.submit(dialog, save))
    qtbot.waitUntil(dialog.isVisible)
    dialog.accept()  # OK: the first save fails
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "already exists" in dialog.error_label.text() and dialog.isVisible()
    assert dialog.ok_button.isEnabled()  # no longer busy: the user can try again
    dialog.accept()  # OK again: saved, closed
    qtbot.waitUntil(task.done)
    assert task.result() == "saved" and len(attempts) == 2


def test_submit_returns_none_when_cancelled(qtbot: QtBot, operations: Operations) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = FormDialog(parent=parent, title="Form")

    async def save() -> str:
        raise AssertionError("never saved")

    task = asyncio.get_event_loop().create_task(operations.submit(dialog, save))
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()
    qtbot.waitUntil(task.done)
    assert task.result() is None
