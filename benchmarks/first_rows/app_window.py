"""The app's first rows: the real window shown, the database opened, until its first rows are painted;
with the moments in between (SQL statements, the page read, paints) to show where the time goes."""

from __future__ import annotations

import cProfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from benchmarks.real_window import application, close_window, main_window, until
from benchmarks.responsiveness.probes import EVENTS, PaintWatch, note


def note_statements() -> None:
    """Note each SQL statement of every engine on the timeline as it ends, with its duration."""
    started: dict[int, float] = {}

    @event.listens_for(Engine, "before_cursor_execute")
    def before(_connection: Any, cursor: Any, *_args: Any) -> None:
        started[id(cursor)] = time.perf_counter()

    @event.listens_for(Engine, "after_cursor_execute")
    def after(_connection: Any, cursor: Any, statement: str, *_args: Any) -> None:
        began = started.pop(id(cursor), None)
        if began is not None:
            took = (time.perf_counter() - began) * 1000.0
            note(f"statement done {took:.1f} ms: {' '.join(statement.split())[:90]}")

    @event.listens_for(Pool, "connect")
    def connected(*_args: Any) -> None:
        note("new database connection")


def app_first_rows(path: Path, profile: str | None = None) -> dict[str, Any]:
    """Show the real window, open `path`: ms until the first rows are painted, the timeline in ms from
    the show, and the window's size."""
    errors: list[str] = []
    note_statements()
    with application(errors) as loop, main_window() as window:
        paints = PaintWatch()
        window.table.viewport().installEventFilter(paints)

        def first_page_in() -> None:
            note("first rows shown (first page in)")
            paints.armed = True  # the paint after this is the first with rows

        window.model.first_rows_shown.connect(first_page_in)
        window.model.loaded.connect(lambda: note("model loaded (counts in)"))
        profiler = cProfile.Profile() if profile else None

        async def run() -> float:
            if profiler:
                profiler.enable()
            shown_at = time.perf_counter()
            note("window.show()")
            window.show()
            try:
                opening = window.session.open(path)
                if not await opening:
                    raise RuntimeError(f"cannot open {path}")
                note("database open (session.open returned)")
                await until(lambda: paints.done_at > 0.0, "the first rows painted")
                note("first rows painted")
                return (paints.done_at - shown_at) * 1000.0
            finally:
                if profiler:
                    profiler.disable()
                    profiler.dump_stats(profile)
                await close_window(window)

        first_rows_ms = loop.run_until_complete(run())
        size = window.size()
    shown = next(moment for moment, what in EVENTS if what == "window.show()")
    timeline = [
        {"at_ms": round((moment - shown) * 1000.0, 1), "what": what}
        for moment, what in EVENTS
        if moment >= shown and (moment - shown) * 1000.0 <= first_rows_ms + 1.0
    ]
    return {
        "first_rows_ms": first_rows_ms, "timeline": timeline, "window_size": [size.width(), size.height()],
        "loop_errors": errors,
    }
