"""The base of the views: reads through the operations runner, the newest read wins, a known error is
shown in the view (never in the window), a bug reaches the excepthook, closing cancels and showing
again reads anew."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.errors import HomeLogError
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.views.base import ReadView
from tests.helpers.ui import run, settle_view


class CountingView(ReadView):
    """Reads one number per read; a test decides when each read ends, and how."""

    def __init__(self, parent: QWidget, operations: Operations) -> None:
        super().__init__(
            parent=parent, operations=operations, name="countingView", title="Counting",
            status_name="countingStatus", refresh_tip="Count again",
        )
        self.outcomes: list[asyncio.Future[int]] = []
        self.shown: list[int] = []
        QVBoxLayout(self).addLayout(self._bottom_row())

    def _load(self) -> asyncio.Task[Any]:
        self._set_status("Counting…", "hint")
        return self._start_load(self._read, self._failed, "count")

    async def _read(self, generation: int) -> None:
        outcome: asyncio.Future[int] = asyncio.get_event_loop().create_future()
        self.outcomes.append(outcome)
        number = await outcome
        if self._current(generation):
            self.shown.append(number)
            self._set_status(f"{number} counted.", "hint")

    def _failed(self, generation: int, text: str) -> None:
        if self._current(generation):
            self._set_status(f"Could not count: {text}", "error")


@pytest.fixture
def operations(qtbot: QtBot, loop: qasync.QEventLoop) -> Iterator[Operations]:
    runner = Operations()
    in_window: list[str] = []
    runner.failed.connect(in_window.append)
    yield runner
    run(qtbot, runner.cancel_all())
    assert in_window == []  # a view shows its own errors


@pytest.fixture
def view(qtbot: QtBot, operations: Operations) -> CountingView:
    parent = QWidget()
    qtbot.addWidget(parent)
    counting = CountingView(parent, operations)
    counting.setParent(None)  # owned by the test, shown on its own
    qtbot.addWidget(counting)
    counting.show()
    counting.refresh()
    qtbot.waitUntil(lambda: len(counting.outcomes) == 1)
    return counting


def test_the_newest_read_wins(qtbot: QtBot, view: CountingView) -> None:
    view.refresh()
    qtbot.waitUntil(lambda: len(view.outcomes) == 2)
    assert view.outcomes[0].cancelled()  # the older read was cancelled
    view.outcomes[1].set_result(7)
    settle_view(qtbot, view)
    assert view.shown == [7] and view.status_label.text() == "7 counted."


def test_a_known_error_is_shown_in_the_view(qtbot: QtBot, view: CountingView) -> None:
    view.outcomes[0].set_exception(HomeLogError("The database is locked."))
    settle_view(qtbot, view)
    assert view.status_label.text() == "Could not count: The database is locked."
    assert view.status_label.property("role") == "error"


def test_a_bug_reaches_the_excepthook(qtbot: QtBot, view: CountingView, monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, error, _tb: hooked.append(error))
    view.outcomes[0].set_exception(KeyError("no such column"))
    settle_view(qtbot, view)
    assert [type(error) for error in hooked] == [KeyError]
    assert view.status_label.text() == "Counting…"  # not shown as the user's problem


def test_closing_cancels_and_showing_again_reads_anew(qtbot: QtBot, view: CountingView) -> None:
    view.reject()
    settle_view(qtbot, view)
    assert view.outcomes[0].cancelled() and view.shown == []
    view.show()
    qtbot.waitUntil(lambda: len(view.outcomes) == 2)
    view.outcomes[1].set_result(3)
    settle_view(qtbot, view)
    assert view.shown == [3]
    view.reject()
    view.show()  # closed with nothing running: nothing to read again
    assert len(view.outcomes) == 2
