"""Import memory is bounded: reading a file holds nothing per row, a plan holds a couple of hundred bytes per
row whatever the file's size (Python allocations counted by tracemalloc: exact, not timed)."""

from __future__ import annotations

import gc
import random
import string
import tracemalloc
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.services.transfer import EXPORT_FIELDS, HASH_FIELD, ImportPlan, OnExisting, read_import_file
from homelog_desktop.services.workspace import Workspace

# The file held about 23 bytes of memory per byte of file; its rows were like these (~155 bytes).
RETAINED_PER_ROW = 256
PEAK_PER_ROW = 400
ALPHABET = "./" + string.ascii_letters + string.digits


def accounts_csv(path: Path, rows: int) -> Path:
    """Rows as an export with hashes writes them: every column filled, a distinct bcrypt-shaped hash each."""
    rng = random.Random(rows)
    lines = [",".join((*EXPORT_FIELDS, HASH_FIELD))]
    for n in range(1, rows + 1):
        hashed = "$2b$12$" + "".join(rng.choices(ALPHABET, k=21)) + "O" + "".join(rng.choices(ALPHABET, k=31))
        stamp = f"2024-01-{n % 28 + 1:02d}T10:00:00+00:00"
        lines.append(f"{n},user{n}@example.org,User {n},true,{stamp},{stamp},{hashed}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def traced(work: Callable[[], Awaitable[Any]]) -> tuple[Any, int, int]:
    """What `work` returns, and the bytes it left allocated and allocated at most meanwhile."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = await work()
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, current - before, peak - before


@pytest.mark.asyncio
async def test_reading_holds_nothing_per_row_and_a_plan_a_few_hundred_bytes(
    target: Workspace, tmp_path: Path
) -> None:
    small, large = 2_000, 12_000
    measured: dict[int, tuple[int, int]] = {}
    reading: dict[int, tuple[int, int]] = {}
    for rows in (small, large):
        path = accounts_csv(tmp_path / f"{rows}.csv", rows)
        source, kept, read_peak = await traced(lambda path=path: read_import_file(path))
        reading[rows] = kept, read_peak
        plan, retained, peak = await traced(lambda source=source: target.transfer.plan_import(source, OnExisting.ABORT))
        assert isinstance(plan, ImportPlan) and plan.counts and not plan.has_errors
        assert len(plan.rows) == rows
        measured[rows] = retained, peak
        del plan
    # The difference between the two sizes cancels what any import allocates once (caches, threads, a batch).
    extra = large - small
    assert reading[large][0] - reading[small][0] < 10_000 and reading[large][1] - reading[small][1] < 100_000
    retained_per_row = (measured[large][0] - measured[small][0]) / extra
    peak_per_row = (measured[large][1] - measured[small][1]) / extra
    assert retained_per_row <= RETAINED_PER_ROW, retained_per_row
    assert peak_per_row <= PEAK_PER_ROW, peak_per_row
