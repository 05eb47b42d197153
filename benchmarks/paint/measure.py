"""Repaint the real table and its floor in turn and compare the loop thread's CPU time per repaint:
with the app's stylesheet, without it, a screen on after a pause (Page Down), and on rows never shown."""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.paint.floor import FloorTable
from benchmarks.real_window import until
from homelog_desktop.ui.main_window.window import MainWindow

TARGET_RATIO = 1.0


@dataclass
class Comparison:
    """The loop thread's CPU per repaint of the app's table and of the floor, each a list of samples."""

    app: list[float]
    floor: list[float]

    def figures(self) -> dict[str, Any]:
        """Medians, their ratio, and the spread, as printed and in JSON."""
        app, floor = statistics.median(self.app), statistics.median(self.floor)
        return {
            "app_ms": round(app, 3),
            "floor_ms": round(floor, 3),
            "ratio": round(app / floor, 3) if floor else None,
            "app_p90_ms": round(statistics.quantiles(self.app, n=10)[-1], 3),
            "floor_p90_ms": round(statistics.quantiles(self.floor, n=10)[-1], 3),
            "samples": len(self.app),
        }


def repaint_cpu_ms(widget: QWidget) -> float:
    """Loop-thread CPU of one synchronous repaint of `widget` (paint event, backing store flush)."""
    started = time.thread_time_ns()
    widget.repaint()
    return (time.thread_time_ns() - started) / 1e6


def visible_row_count(window: MainWindow) -> int:
    """How many rows the table shows, the last one perhaps in part."""
    table = window.table
    height = table.verticalHeader().defaultSectionSize()
    return -(-table.viewport().height() // height)


async def load_rows(window: MainWindow, rows: range) -> None:
    """Have the model read the pages of `rows` (without formatting them) and wait until it has."""
    model = window.model
    for row in range(rows.start, rows.stop, model.page_size):
        model.account_at(row, fetch=True)
    model.account_at(rows.stop - 1, fetch=True)
    await until(lambda: not model.pending_pages, "pages to load")
    missing = [row for row in (rows.start, rows.stop - 1) if model.account_at(row) is None]
    if missing:
        raise RuntimeError(f"rows {missing} did not load")


async def compare_repaints(window: MainWindow, floor: FloorTable, repetitions: int) -> Comparison:
    """Repaint the same rows of both tables in turn (alternating which goes first)."""
    app_view, floor_view = window.table.viewport(), floor.view.viewport()
    for widget in (app_view, floor_view):  # warm up
        widget.repaint()
    # Rows on screen for a moment: the app has laid them out and shaped their texts while idle.
    await asyncio.sleep(0.1)
    result = Comparison([], [])
    for repetition in range(repetitions):
        if repetition % 2:
            result.floor.append(repaint_cpu_ms(floor_view))
            result.app.append(repaint_cpu_ms(app_view))
        else:
            result.app.append(repaint_cpu_ms(app_view))
            result.floor.append(repaint_cpu_ms(floor_view))
        if repetition % 20 == 19:
            await asyncio.sleep(0)  # let Qt handle what else came in, outside the measurement
    return result


async def compare_scrolled(window: MainWindow, repetitions: int, *, screens: int, idle_s: float) -> Comparison:
    """Scroll both tables `screens` screens on and repaint each, in turn, `idle_s` seconds after the
    previous repaint: the app's painter lays out the rows a screen below and above while idle, so one
    screen with a pause is a Page Down, and three screens with none lands on rows never formatted nor
    laid out (as after a jump or a new search)."""
    table, model = window.table, window.model
    screen = visible_row_count(window)
    first = table.verticalScrollBar().value()
    rows = range(first, min(model.total, first + (repetitions * screens + 1) * screen + 1))
    await load_rows(window, rows)
    floor = FloorTable(window, rows)
    await asyncio.sleep(0.05)
    result = Comparison([], [])
    try:
        for repetition in range(1, repetitions + 1):
            top = first + repetition * screens * screen
            if top + screen > rows.stop:
                break
            await asyncio.sleep(idle_s)
            table.verticalScrollBar().setValue(top)
            floor.scroll_to(top)
            measured = [(window.table.viewport(), result.app), (floor.view.viewport(), result.floor)]
            for widget, samples in measured if repetition % 2 else reversed(measured):
                samples.append(repaint_cpu_ms(widget))
    finally:
        table.verticalScrollBar().setValue(first)
        floor.close()
    return result


async def measure_paint(window: MainWindow, repetitions: int) -> dict[str, Any]:
    """Every comparison on a window whose first rows are shown: the figures, and what they miss."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    gc.collect()
    screen = visible_row_count(window)
    top = window.table.verticalScrollBar().value()
    rows = range(top, min(window.model.total, top + screen + 2))  # room for a header without style
    await load_rows(window, rows)
    output: dict[str, Any] = {"visible_rows": screen}
    floor = FloorTable(window, rows)
    stylesheet = app.styleSheet()
    try:
        await asyncio.sleep(0.05)
        output["styled"] = (await compare_repaints(window, floor, repetitions)).figures()
        app.setStyleSheet("")
        await asyncio.sleep(0.05)  # the headers lay themselves out without the style
        floor.match(window.table)
        output["plain"] = (await compare_repaints(window, floor, repetitions)).figures()
    finally:
        app.setStyleSheet(stylesheet)
        floor.close()
    await asyncio.sleep(0.05)
    output["page_down"] = (await compare_scrolled(window, min(repetitions, 30), screens=1, idle_s=0.05)).figures()
    output["new_rows"] = (await compare_scrolled(window, min(repetitions, 30), screens=3, idle_s=0.0)).figures()
    viewport = window.table.viewport()
    output["viewport"] = [viewport.width(), viewport.height()]
    output["target_ratio"] = TARGET_RATIO
    output["targets_missed"] = [
        f"paint.{name}.ratio {output[name]['ratio']} > {TARGET_RATIO}"
        for name in ("styled", "plain", "page_down", "new_rows")
        if output[name]["ratio"] is None or output[name]["ratio"] > TARGET_RATIO
    ]
    return output
