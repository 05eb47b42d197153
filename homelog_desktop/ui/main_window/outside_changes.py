"""Writes by other programs (home-log, another window, homelog-admin) show up without F5: the open
database is asked every 1.5 s whether its file was written, and `changed` says when it was."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from homelog_desktop.errors import HomeLogError
from homelog_desktop.server_errors import ServerConnectionLostError
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.translation import translate

OUTSIDE_CHANGE_POLL_MS = 1500
SERVER_POLL_MS = 500


class OutsideChangeWatch(QObject):
    """Polls the database it follows while the window is quiet; one check at a time."""

    changed = Signal()  # the file was written since the last check (by anyone, this app included)

    def __init__(
        self, *, operations: Operations, quiet: Callable[[], bool], parent: QObject | None = None,
        interval_ms: int = OUTSIDE_CHANGE_POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.operations = operations
        self._quiet = quiet  # e.g. the table is not reading: no poll while it would only add to the work
        self._workspace: Workspace | None = None
        self._lost = False  # the server of the database followed cannot be reached now
        self._check: asyncio.Task[Any] | None = None
        self._timer = QTimer(self)
        self._interval_ms = interval_ms
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def follow(self, workspace: Workspace) -> None:
        """Watch this database from now on (a write made before the first poll is seen too)."""
        self._workspace = workspace
        self._lost = False
        # A server's check is one round trip on a connection of its own (notifications or counts): asked
        # more often, so that changes show within a second.
        self._timer.setInterval(self._interval_ms if workspace.location.is_file else SERVER_POLL_MS)
        self._check = self.operations.start(self._first_look(workspace), name="outside changes: first look")

    async def unfollow(self) -> None:
        """Stop watching, and wait for a check under way (it may be opening a connection of its own)."""
        self._workspace = None
        if self._check is not None and not self._check.done():
            await asyncio.wait({self._check})

    def stop(self) -> None:
        """No more polls (the window is closing)."""
        self._timer.stop()

    def poll(self) -> None:
        """Ask the database whether it was written, unless a check runs or the window is busy (the timer
        calls this every interval)."""
        workspace = self._workspace
        if workspace is None or (self._check is not None and not self._check.done()):
            return
        if self.operations.running or not self._quiet():
            return
        self._check = self.operations.start(self._look(workspace), name="outside changes")

    async def _first_look(self, workspace: Workspace) -> None:
        try:
            await workspace.changed_elsewhere()
        except HomeLogError:
            pass  # the next poll tries again

    async def _look(self, workspace: Workspace) -> None:
        try:
            changed = await workspace.changed_elsewhere()
        except ServerConnectionLostError:
            if workspace is self._workspace and not self._lost:
                self._lost = True  # said until it is back; the watch reconnects with a growing wait
                self.operations.tell(translate("Messages", "Connection to {server} lost; reconnecting…").format(
                    server=workspace.location.display()), 0)
            return
        except HomeLogError:
            changed = False  # the next poll tries again; opening or closing may be under way
        if self._lost and workspace is self._workspace:
            self._lost = False
            self.operations.tell(translate("Messages", "Connection to {server} is back.").format(
                server=workspace.location.display()))
        if changed and workspace is self._workspace:
            self.changed.emit()
