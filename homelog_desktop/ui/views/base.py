"""What the History and Sign-in readiness views share: a non-modal window over the open database whose
reads run through the operations runner, a status line for what they found (or why they could not
read), a Refresh button, and a Close button."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import shiboken6
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QWidget

from homelog_desktop.ui.accessibility import announce
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import fit_on_show, hint_label, set_role


class ReadView(QDialog):
    """A view that reads in the background. A newer read makes an older one out of date (its result is
    dropped), closing cancels every read, and showing again reads anew. A known error is shown in the
    view (`show_error` of each read); a bug goes to the excepthook, as for every operation."""

    def __init__(
        self, *, parent: QWidget, operations: Operations, name: str, title: str, status_name: str, refresh_tip: str
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setModal(False)
        self.operations = operations
        self._reads: set[asyncio.Task[Any]] = set()
        self._load_task: asyncio.Task[Any] | None = None
        self._generation = 0  # a read whose generation is older than this one is out of date
        self._stale = False  # closed while reading: read again when shown again
        self.status_label = hint_label(status_name)
        self.refresh_button = QPushButton(translate("Dialogs", "&Refresh"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setAutoDefault(False)  # Enter in a filter field reads, it does not press this
        self.refresh_button.setToolTip(refresh_tip)
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(self.refresh)
        self.resize(910, 480)
        fit_on_show(self)  # on a small (or doubled) screen too

    def _bottom_row(self) -> QHBoxLayout:
        """The status line, and Close (not the default button: Enter elsewhere keeps its meaning)."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(buttons)
        return bottom

    # Reading

    @property
    def busy(self) -> bool:
        """Whether a read (or a check) is still running."""
        return bool(self._reads)

    def refresh(self) -> None:
        """Read again (Refresh; the window also calls it after a change to the accounts)."""
        self._load()

    def _load(self) -> asyncio.Task[Any]:
        """Start reading from the beginning; subclasses say what, through `_start_load`."""
        raise NotImplementedError

    def _start_load(
        self, read: Callable[[int], Coroutine[Any, Any, Any]], failed: Callable[[int, str], None], name: str
    ) -> asyncio.Task[Any]:
        """Start `read(generation)` as the newest read, cancelling an older one; `failed(generation, text)`
        shows a known error where it belongs."""
        if self._load_task is not None:
            self._load_task.cancel()
        self._generation += 1
        generation = self._generation
        self._load_task = self._start(lambda: read(generation), lambda text: failed(generation, text), name)
        return self._load_task

    def _start(
        self, work: Callable[[], Coroutine[Any, Any, Any]], show_error: Callable[[str], None], name: str
    ) -> asyncio.Task[Any]:
        """Run `work()` through the operations runner, remembered until it ends so that closing cancels it."""

        async def guarded() -> None:
            await self.operations.run(None, work(), show_error=show_error)

        task = self.operations.start(guarded(), name=name)
        self._reads.add(task)
        task.add_done_callback(self._reads.discard)
        return task

    def _current(self, generation: int) -> bool:
        return shiboken6.isValid(self) and generation == self._generation

    def _set_status(self, text: str, role: str) -> None:
        self.status_label.setText(text)
        set_role(self.status_label, role)
        announce(self.status_label, text, urgent=role == "error")

    # Closing and showing again

    def done(self, result: int) -> None:
        if self.busy:  # what it was reading is read again when the view shows again
            self._stale = True
            self._stop_reading()
        super().done(result)

    def _stop_reading(self) -> None:
        """Cancel every read (they end on the loop's next turns)."""
        for task in list(self._reads):
            task.cancel()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
