"""Choosing a file: Qt's own dialog, in open or save mode, awaited without a nested loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import qasync
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.files import DATABASE_FILTER, choose_file, file_dialog
from tests.helpers.ui import choose_file as pick
from tests.helpers.ui import wait_for


def test_open_and_save_dialogs_are_qts_own(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    opening = file_dialog(parent, "Open", "openDialog", DATABASE_FILTER, save=False)
    assert opening.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert opening.fileMode() == QFileDialog.FileMode.ExistingFile
    assert opening.acceptMode() == QFileDialog.AcceptMode.AcceptOpen
    saving = file_dialog(parent, "Save", "saveDialog", DATABASE_FILTER, save=True)
    assert saving.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert saving.testOption(QFileDialog.Option.DontConfirmOverwrite)  # the flows ask, without a nested loop


def test_choose_file_gives_the_path_or_none(qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    target = tmp_path / "copy.db"
    task = asyncio.get_event_loop().create_task(
        choose_file(file_dialog(parent, "Save", "saveDialog", DATABASE_FILTER, save=True))
    )
    pick(qtbot, parent, "saveDialog", target)
    qtbot.waitUntil(task.done)
    assert task.result() == target
    task = asyncio.get_event_loop().create_task(
        choose_file(file_dialog(parent, "Open", "openDialog", DATABASE_FILTER, save=False))
    )
    wait_for(qtbot, parent, QFileDialog, "openDialog").reject()
    qtbot.waitUntil(task.done)
    assert task.result() is None
