"""The UI's one way to run async work: owned tasks, `ask(dialog)` and `submit(dialog, action)`.

No nested event loops: dialogs are opened with `open()` and awaited through a Future resolved from
their signals, never with `exec()` (which would re-enter running asyncio tasks).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from homelog_desktop.errors import DatabaseClosedError, HomeLogError

log = logging.getLogger(__name__)
T = TypeVar("T")


class OperationFailed(Exception):
    """A known error was already shown to the user; the task that met it just stops."""


class OwnedTasks:
    """Keeps a reference to every task it starts, reports their failures, and cancels them on quit."""

    def __init__(self, show_error: Callable[[str], None]) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._show_error = show_error

    def start(self, coroutine: Coroutine[Any, Any, T], name: str | None = None) -> asyncio.Task[T]:
        """Run `coroutine` as a task of the window; its errors reach the user or the excepthook."""
        task = asyncio.get_event_loop().create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def __len__(self) -> int:
        return len(self._tasks)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        # DatabaseClosedError: work for a database that was closed meanwhile; nobody waits for it now.
        if error is None or isinstance(error, OperationFailed | DatabaseClosedError):
            return
        if isinstance(error, HomeLogError):
            self._show_error(str(error))
            return
        # A bug: let the excepthook (crash dialog in the app, test failure under pytest-qt) see it.
        sys.excepthook(type(error), error, error.__traceback__)

    async def cancel_all(self) -> None:
        """Cancel every task still running and wait until they have all ended."""
        while self._tasks:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._tasks.difference_update(tasks)


def _future_from_signal(signal: Any, convert: Callable[..., T]) -> tuple[asyncio.Future[T], Callable[[], None]]:
    future: asyncio.Future[T] = asyncio.get_event_loop().create_future()

    def resolve(*args: Any) -> None:
        if not future.done():
            future.set_result(convert(*args))

    signal.connect(resolve)

    def disconnect() -> None:
        try:
            signal.disconnect(resolve)
        except (RuntimeError, TypeError):  # the dialog is already gone
            pass

    return future, disconnect


D = TypeVar("D", bound=QDialog)


async def ask(dialog: D, result: Callable[[D, int], T] = lambda _dialog, code: code) -> T:  # type: ignore[assignment]
    """Open a dialog (window-modal, non-blocking) and wait until it closes; it is deleted afterwards.

    `result(dialog, code)` is read while the dialog still exists, e.g. the button clicked or the file chosen.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    finished, disconnect = _future_from_signal(dialog.finished, lambda code: result(dialog, code))
    dialog.open()
    try:
        return await finished
    finally:
        disconnect()


async def submit(
    dialog: Any,
    action: Callable[[], Awaitable[T]],
    *,
    close_on_success: bool = True,
) -> T | None:
    """Open a form dialog and run `action` each time the user submits it.

    A known error is shown in the dialog, which stays open with what the user typed, so nothing is
    lost; the dialog closes only after a successful save. Returns the last result, or None when the
    user cancelled before any success. `dialog` is a FormDialog (see ui/form_dialog.py).
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    result: T | None = None
    dialog.open()
    while True:
        submitted, stop_submitted = _future_from_signal(dialog.submitted, lambda: True)
        finished, stop_finished = _future_from_signal(dialog.finished, lambda _code: False)
        try:
            done, _ = await asyncio.wait({submitted, finished}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop_submitted()
            stop_finished()
            for future in (submitted, finished):
                future.cancel()
        if finished in done:
            return result
        dialog.set_busy(True)
        try:
            result = await action()
        except HomeLogError as error:
            dialog.set_busy(False)
            dialog.show_error(str(error))
            continue
        except BaseException:
            if shiboken6.isValid(dialog):
                dialog.reject()
            raise
        dialog.set_busy(False)
        if close_on_success:
            dialog.accept_saved()
            return result


async def confirm(parent: QWidget, *, name: str, title: str, text: str, detail: str, verb: str) -> bool:
    """Ask a yes/no question whose safe answer (Cancel) is the default; whether `verb` was chosen."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setInformativeText(detail)
    chosen = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
    chosen.setObjectName("confirmButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return await ask(box, lambda b, _code: b.clickedButton() is chosen)
