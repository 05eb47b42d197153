"""The benchmark's hands: drives the real window from a coroutine (waiting by polling with asyncio.sleep,
never re-entering the loop), counts and times its SQL, and puts back the rows a run changed."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget
from sqlalchemy import event
from sqlalchemy.engine import Engine

from benchmarks.responsiveness.backends import Where, raw_connection
from benchmarks.responsiveness.probes import Heartbeat, PaintWatch, Phase, note, vm_rss_mb
from benchmarks.responsiveness.report import Results
from homelog_desktop.ui.main_window.window import MainWindow

W = TypeVar("W", bound=QWidget)
WAIT_TIMEOUT_S = 120.0


def closed(widget: QWidget) -> bool:
    """Whether a dialog has closed (they delete themselves on close)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()



class Driver:
    """Drives the window from a coroutine; never holds the loop itself."""

    def __init__(self, window: MainWindow, heartbeat: Heartbeat, paints: PaintWatch, path: Where, users: int):
        self.window = window
        self.model = window.model
        self.table = window.table
        self.heartbeat = heartbeat
        self.paints = paints
        self.path = path
        self.results = Results(users)
        self.phases: list[Phase] = []
        self.loaded_at: list[float] = []  # a reload's counts and rows applied
        self.first_rows_at: list[float] = []  # a reload's first rows shown (its counts may come later)
        self.pages_loaded = 0
        self.statements = 0
        self.counting_statements = False
        self.statement_times: dict[int, float] = {}
        self.slow: list[tuple[float, str]] = []
        self.set_search_at: list[float] = []
        self.originals: dict[int, tuple[Any, Any]] = {}
        self.changed_password_id: int | None = None
        self.arm_paint_on_load = False
        self.model.loaded.connect(self._loaded)
        self.model.first_rows_shown.connect(self._first_rows_shown)
        self.model.page_loaded.connect(self._page_loaded)
        original_set_search = self.model.set_search

        def set_search(text: str) -> None:  # the debounced search being applied
            self.set_search_at.append(time.perf_counter())
            note(f"set_search({text!r})")
            original_set_search(text)

        self.model.set_search = set_search  # type: ignore[method-assign]
        self.time_statements()

    def _loaded(self) -> None:
        self.loaded_at.append(time.perf_counter())
        note("model reloaded (counts in)")

    def _first_rows_shown(self) -> None:
        self.first_rows_at.append(time.perf_counter())
        note("first rows shown")
        if self.arm_paint_on_load:  # the first paint after the first page came in
            self.arm_paint_on_load = False
            self.paints.armed = True

    def _page_loaded(self, _page: int) -> None:
        self.pages_loaded += 1
        note(f"page {_page} loaded")

    # Statements

    def time_statements(self) -> None:
        """Time every statement of every engine (those of opening the database too)."""

        @event.listens_for(Engine, "before_cursor_execute")
        def before(_conn: Any, cursor: Any, *_args: Any) -> None:
            self.statement_times[id(cursor)] = time.perf_counter()

        @event.listens_for(Engine, "after_cursor_execute")
        def after(_conn: Any, cursor: Any, statement: str, params: Any, _context: Any, _many: bool) -> None:
            started = self.statement_times.pop(id(cursor), None)
            if started is not None:
                took = (time.perf_counter() - started) * 1000.0
                sql = f"{' '.join(statement.split())} {params}"
                self.slow.append((took, sql))
                note(f"statement done {took:.1f} ms: {sql[:70]}")

    def count_statements(self) -> None:
        """Count the statements of the window's database (counted while `counting_statements`)."""
        assert self.window.workspace is not None

        @event.listens_for(self.window.workspace.database.engine.sync_engine, "before_cursor_execute")
        def before(*_args: Any) -> None:
            if self.counting_statements:
                self.statements += 1

    # Waiting (polling with asyncio.sleep: never re-entering the loop)

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.perf_counter() + WAIT_TIMEOUT_S
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"timed out waiting for {what}")
            await asyncio.sleep(0.004)

    def visible_rows(self) -> range:
        top = self.table.rowAt(0)
        if top < 0:
            return range(0)
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        if bottom < 0:
            bottom = self.model.total - 1
        return range(top, bottom + 1)

    def visible_rows_loaded(self) -> bool:
        if self.model.loading:
            return False
        return all(self.model.account_at(row) is not None for row in self.visible_rows())

    def idle(self) -> bool:
        return (
            not self.model.loading and not self.model.pending_pages and self.window.status.busy_bar.isHidden()
        )

    async def settle(self, what: str) -> float:
        """Wait until nothing loads and the visible rows are in and painted; returns when they were in."""
        await self.until(lambda: self.idle() and self.visible_rows_loaded(), what)
        rows_at = time.perf_counter()
        painted = self.paints.count
        self.table.viewport().update()
        await self.until(lambda: self.paints.count > painted, f"a paint after {what}")
        return rows_at

    async def reloaded_after(self, moment: float, what: str) -> float:
        """When the first rows of a reload started after `moment` were shown (its counts may come later)."""
        await self.until(lambda: bool(self.first_rows_at) and self.first_rows_at[-1] > moment, what)
        return next(t for t in self.first_rows_at if t > moment)

    async def visible_dialog(self, kind: type[W], name: str | None = None) -> W:
        def find() -> W | None:
            for widget in self.window.findChildren(kind):
                if widget.isVisible() and (name is None or widget.objectName() == name):
                    return widget
            return None

        await self.until(lambda: find() is not None, f"the {kind.__name__}")
        found = find()
        assert found is not None
        return found

    @contextlib.asynccontextmanager
    async def phase(self, name: str) -> Any:
        current = Phase(name, time.perf_counter())
        self.phases.append(current)
        try:
            yield current
        finally:
            current.end = time.perf_counter()
            current.rss_mb = vm_rss_mb()
        await asyncio.sleep(0.05)  # a quiet gap between phases

    # Keeping the cached database unchanged

    def remember(self, account_id: int) -> None:
        if account_id in self.originals:
            return
        with raw_connection(self.path) as connection:
            users = connection.execute("SELECT * FROM users WHERE id = ?", (account_id,))
            passwords = connection.execute("SELECT * FROM user_passwords WHERE user_id = ?", (account_id,))
        self.originals[account_id] = (users[0] if users else None, passwords[0] if passwords else None)

    def restore(self) -> None:
        if not self.originals:
            return
        with raw_connection(self.path) as connection:
            connection.execute("BEGIN")
            for account_id, (user, password) in self.originals.items():
                connection.execute("DELETE FROM user_passwords WHERE user_id = ?", (account_id,))
                connection.execute("DELETE FROM users WHERE id = ?", (account_id,))
                if user is not None:
                    connection.execute(f"INSERT INTO users VALUES ({', '.join('?' * len(user))})", user)
                if password is not None:
                    connection.execute(
                        f"INSERT INTO user_passwords VALUES ({', '.join('?' * len(password))})", password
                    )
            connection.execute("COMMIT")

    # Selecting

    async def select_row(self, offset: int, *, with_password: bool = False) -> int:
        """Select a loaded visible row (`offset` rows below the top, or the first with a password)."""
        await self.settle("rows to select from")
        rows = list(self.visible_rows())
        candidates = rows[offset:] + rows[:offset]
        if with_password:
            candidates = [r for r in candidates if (a := self.model.account_at(r)) and a.has_password]
        row = candidates[0]
        self.table.selectRow(row)
        await self.until(lambda: self.window.table.selected_account() is not None, "a selection")
        account = self.window.table.selected_account()
        assert account is not None
        return account.id

