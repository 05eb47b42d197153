"""Work already done, put on the undo stack: undo and redo start the coroutines the command was given."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtGui import QUndoCommand

AnyStep = Callable[[Any], Coroutine[Any, Any, None]]


class DoneCommand(QUndoCommand):
    """A command pushed once its work has happened: the redo() that pushing calls does nothing; later
    undo() and redo() start `undo(self)` and `redo(self)` through `start` (the window's runner)."""

    def __init__(self, text: str, *, undo: AnyStep, redo: AnyStep, start: Callable[[Any], Any]) -> None:
        super().__init__(text)
        self._undo, self._redo, self._start = undo, redo, start
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # pushing calls redo(); the work has already happened
            self._pushed = True
            return
        self._start(self._redo(self))

    def undo(self) -> None:
        self._start(self._undo(self))
