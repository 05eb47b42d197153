"""The operations runner: the UI's one way to run work and to report how it went.

Every flow a user starts runs as a task the runner owns (cancelled and awaited on quit). A service call
inside a flow goes through `run()`: the busy state is announced (`busy_changed`, never a call into the
window), the control that started it is disabled, a known error (HomeLogError) is shown once (in the form
or view that asked, else through `failed`) and stops the flow quietly (OperationFailed), a bug goes on
to `sys.excepthook`, and after a write the one change signal (`AccountEvents.accounts_changed`) names
the accounts it touched. Forms (`submit`) and long work with a Cancel (`run_with_progress`) follow the
same policy.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Iterator
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from homelog_desktop.errors import ActorRefusedError, DatabaseClosedError, HomeLogError
from homelog_desktop.ui.account_events import AccountEvents
from homelog_desktop.ui.awaiting import next_emission
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.dialogs.progress import ProgressDialog
from homelog_desktop.ui.translation import error_text

T = TypeVar("T")
Control = QAction | QWidget
# The accounts a write touched: their ids, or a function of its result that gives them.
Changed = Iterable[int] | Callable[[Any], Iterable[int]]
Progress = Callable[[int, int], None]


class OperationFailed(Exception):
    """A known error was already shown to the user; the flow that met it just stops."""


class Operations(QObject):
    """Owns the UI's tasks and runs service calls under one policy for busy state, errors and changes."""

    busy_changed = Signal()  # an operation began or ended, or a control was taken or given back
    failed = Signal(str)  # a known error to show once, where no form or view asked to show it
    told = Signal(str, int)  # a sentence for the status bar, and for how long (ms)
    # A write was refused because the signed-in administrator no longer is one (its sentence): sign out.
    actor_refused = Signal(str)

    def __init__(self, *, events: AccountEvents | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events = events or AccountEvents(self)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._labels: list[str] = []
        self._held: list[Control] = []

    # Owned tasks

    def start(
        self, coroutine: Coroutine[Any, Any, T], *, name: str | None = None, control: Control | None = None
    ) -> asyncio.Task[T]:
        """Run `coroutine` as an owned task (with `control` disabled until it ends); an error it does
        not handle reaches the user (a known one) or the excepthook (a bug)."""
        task = asyncio.get_event_loop().create_task(coroutine, name=name)
        self._tasks.add(task)
        if control is not None:
            self._take(control)
            task.add_done_callback(lambda _task: self._give_back(control))
        task.add_done_callback(self._finished)
        return task

    def __len__(self) -> int:
        return len(self._tasks)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None or isinstance(error, OperationFailed | DatabaseClosedError):
            return  # already shown; or work for a database closed meanwhile, which nobody waits for now
        if isinstance(error, HomeLogError):
            self.show_error(error_text(error))
            self._refused_actor(error)
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

    # What runs now

    @property
    def running(self) -> bool:
        """Whether an operation that announced itself runs now."""
        return bool(self._labels)

    @property
    def activity(self) -> str:
        """What the newest running operation says it does ("Deleting ann@example.org…"), or ""."""
        return self._labels[-1] if self._labels else ""

    def holds(self, control: Control) -> bool:
        """Whether an operation started by this control still runs (the control stays disabled)."""
        return control in self._held

    def _take(self, control: Control) -> None:
        self._held.append(control)
        control.setEnabled(False)
        self.busy_changed.emit()

    def _give_back(self, control: Control) -> None:
        self._held.remove(control)
        if control not in self._held and shiboken6.isValid(control):
            control.setEnabled(True)  # whoever enables it by rule does so again on busy_changed
        if shiboken6.isValid(self):  # a task may end after its window was deleted
            self.busy_changed.emit()

    @contextlib.contextmanager
    def _hold(self, control: Control | None) -> Iterator[None]:
        if control is None:
            yield
            return
        self._take(control)
        try:
            yield
        finally:
            self._give_back(control)

    @contextlib.asynccontextmanager
    async def busy(self, label: str | None, *, control: Control | None = None) -> AsyncIterator[None]:
        """Announce `label` (None: nothing to announce) and hold `control` while the block runs."""
        with self._hold(control):
            if label is None:
                yield
                return
            self._labels.append(label)
            self.busy_changed.emit()
            try:
                yield
            finally:
                self._labels.remove(label)
                self.busy_changed.emit()

    # Running work

    async def run(
        self,
        label: str | None,
        work: Awaitable[T],
        *,
        control: Control | None = None,
        show_error: Callable[[str], None] | None = None,
        changed: Changed | None = None,
    ) -> T:
        """Await a service call while busy. A known error is shown once (by `show_error`, else through
        `failed`) and raises OperationFailed; a bug propagates as it is. `changed` names the accounts
        the call writes: the change signal names them after it, and after a refusal too when they are
        known beforehand (the views then show what is there now)."""
        try:
            async with self.busy(label, control=control):
                result = await work
        except HomeLogError as error:
            (show_error or self.show_error)(error_text(error))
            self._refused_actor(error)
            if changed is not None and not callable(changed):
                self.events.accounts_changed.emit(list(changed))
            raise OperationFailed from error
        if changed is not None:
            self.events.accounts_changed.emit(list(changed(result) if callable(changed) else changed))
        return result

    async def submit(
        self,
        dialog: FormDialog,
        save: Callable[[], Awaitable[T]],
        *,
        label: Callable[[], str] | None = None,
        close_on_success: bool = True,
        changed: Changed | None = None,
    ) -> T | None:
        """Open a form dialog and run `save` (through `run`) each time the user submits it.

        A known error is shown in the dialog, which stays open with what the user typed, so nothing is
        lost; the dialog closes only after a successful save. Returns the last result, or None when the
        user cancelled before any success. `label(...)` says what the save does, read at each submit.
        """
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def closed() -> bool:  # closed (Escape) while its save ran: the save's outcome still counts
            return not shiboken6.isValid(dialog) or not dialog.isVisible()

        def show_in_form(text: str) -> None:
            if closed():
                self.show_error(text)  # the refusal is still said, where the form was
                return
            dialog.set_busy(False)  # first: the form puts the focus back where the user types again
            dialog.show_error(text)

        result: T | None = None
        dialog.open()
        try:
            while await _next_submission(dialog):
                dialog.set_busy(True)
                try:
                    result = await self.run(
                        label() if label else None, save(), show_error=show_in_form, changed=changed
                    )
                except OperationFailed:
                    if closed():
                        return result
                    continue
                if closed():
                    return result
                dialog.set_busy(False)
                if close_on_success:
                    dialog.accept_saved()
                    return result
        except BaseException:  # a bug, or the flow cancelled (the app quits): the form goes with it
            if shiboken6.isValid(dialog):
                dialog.reject()
            raise
        return result

    async def run_with_progress(
        self,
        *,
        parent: QWidget,
        name: str,
        label: str,
        maximum: int,
        make_work: Callable[[Progress], Coroutine[Any, Any, T]],
        cancelled_text: str,
        on_cancel: Callable[[], None] | None = None,
        changed: Callable[[T], Iterable[int]] | None = None,
    ) -> T | None:
        """Run long work that reports progress(done, total) under a progress dialog with Cancel, busy.

        Cancel calls `on_cancel` (the work then stops on its own, with a known error) or else cancels
        the work. None when cancelled (said in the status bar) or when a known error was shown; after
        the work, the change signal names the accounts `changed(result)` gives.
        """
        shown: list[ProgressDialog] = []
        task = asyncio.ensure_future(make_work(lambda done, total: shown[0].update(done, total) if shown else None))

        def cancel_work() -> None:
            task.cancel()

        try:
            async with self.busy(label):
                shown.append(ProgressDialog(
                    parent=parent, name=name, label=label, maximum=maximum, on_cancel=on_cancel or cancel_work
                ))
                try:
                    result = await task
                finally:
                    shown[0].close()
            if changed is not None:
                self.events.accounts_changed.emit(list(changed(result)))
            return result
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # the window is closing: not a cancel by the user
            self.tell(cancelled_text, 15_000)
        except HomeLogError as error:
            if shown and shown[0].cancelled:
                self.tell(cancelled_text, 15_000)  # stopped as asked, before anything was written
            else:
                self.show_error(error_text(error))
                self._refused_actor(error)
        return None

    # Telling the user

    def _refused_actor(self, error: HomeLogError) -> None:
        if isinstance(error, ActorRefusedError):
            self.actor_refused.emit(error_text(error))

    def show_error(self, text: str) -> None:
        """A known error for the window to show (once, without blocking)."""
        self.failed.emit(text)

    def tell(self, text: str, timeout_ms: int = 5000) -> None:
        """A sentence for the status bar: what was done, or why nothing was."""
        self.told.emit(text, timeout_ms)


async def _next_submission(dialog: FormDialog) -> bool:
    """Wait until the form is submitted (True) or closed (False)."""
    submitted, stop_submitted = next_emission(dialog.submitted, lambda: True)
    finished, stop_finished = next_emission(dialog.finished, lambda _code: False)
    try:
        done, _ = await asyncio.wait({submitted, finished}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop_submitted()
        stop_finished()
        for future in (submitted, finished):
            future.cancel()
    return finished not in done
