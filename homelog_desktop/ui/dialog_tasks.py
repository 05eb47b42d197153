"""The reads a non-modal view runs (History, Sign-in readiness): started as owned tasks of the window,
remembered by the view so that it can wait for them (tests) or cancel them when it closes."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from homelog_desktop.ui.async_tools import OwnedTasks

T = TypeVar("T")


class DialogTasks:
    """The tasks one view started through the window's OwnedTasks (which reports their failures)."""

    def __init__(self, tasks: OwnedTasks) -> None:
        self._owner = tasks
        self._running: set[asyncio.Task[Any]] = set()

    def start(self, coroutine: Coroutine[Any, Any, T], name: str) -> asyncio.Task[T]:
        """Run `coroutine` as an owned task and remember it until it ends."""
        task = self._owner.start(coroutine, name=name)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task

    def __bool__(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        """Cancel every task still running (they end on the loop's next turns)."""
        for task in list(self._running):
            task.cancel()

    async def wait(self) -> None:
        """Wait until no task is running, including those started meanwhile; never raises their errors
        (the window's OwnedTasks reports those)."""
        while self._running:
            await asyncio.wait(set(self._running))
