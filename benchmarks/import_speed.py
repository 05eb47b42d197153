"""How fast `homelog-admin import` writes accounts with password hashes, and how long it holds the loop.

    python benchmarks/import_speed.py [--rows 10000] [--format csv|json] [--json] [--gc-freeze]

Writes a file of N accounts, each with a bcrypt hash (one real cost-4 hash, checked afterwards,
the others well-formed random hashes: hashes are imported as they are, never computed), into a
fresh database through the same service calls as the command line, and reports the time of each
phase and how long the event loop was held (a 5 ms asyncio heartbeat) while validating and writing:
the longest hold, and how many were longer than a frame. Python's occasional full garbage collection
(tens of ms with this many objects alive) shows up as the longest hold. Hashes are never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import gc
import json
import os
import random
import string
import sys
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, TypeVar

# Run from a checkout without installing.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import bcrypt

from homelog_desktop.services.transfer import (
    EXPORT_FIELDS,
    HASH_FIELD,
    OnExisting,
    read_import_file,
)
from homelog_desktop.services.workspace import Workspace

T = TypeVar("T")
HEARTBEAT_S = 0.005
FRAME_S = 1 / 60
PASSWORD = "Bench7Pass0"
BCRYPT_ALPHABET = "./" + string.ascii_letters + string.digits


def write_file(path: Path, rows: int, kind: str) -> None:
    rng = random.Random(4)
    real_hash = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    records: list[dict[str, Any]] = []
    for number in range(1, rows + 1):
        salt = "".join(rng.choices(BCRYPT_ALPHABET, k=21)) + rng.choice(".Oeu")  # as bcrypt's salts end
        hashed = real_hash if number == 1 else "$2b$12$" + salt + "".join(rng.choices(BCRYPT_ALPHABET, k=31))
        records.append(
            {
                "id": number,
                "email": f"user{number}@example.org",
                "username": f"User {number}" if number % 10 else None,
                "has_password": True,
                "created_at": f"2024-01-{number % 28 + 1:02d}T10:00:00+00:00",
                "updated_at": f"2024-02-{number % 28 + 1:02d}T10:00:00+00:00",
                HASH_FIELD: hashed,
            }
        )
    if kind == "json":
        path.write_text(json.dumps(records), encoding="utf-8")
        return
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, [*EXPORT_FIELDS, HASH_FIELD], lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "has_password": "true", "username": r["username"] or ""} for r in records)


class Heartbeat:
    """Gaps between ticks of a 5 ms timer beyond those 5 ms: how long the loop was held each time."""

    def __init__(self) -> None:
        self.stalls: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            now = time.perf_counter()
            self.stalls.append(max(0.0, now - last - HEARTBEAT_S))
            last = now

    async def measure(self, work: Awaitable[T]) -> tuple[T, float, tuple[float, int]]:
        """Run `work`; its result, seconds taken, the longest stall in ms and how many exceeded a frame."""
        self.stalls = []
        self._task = asyncio.create_task(self._beat())
        await asyncio.sleep(0)
        start = time.perf_counter()
        try:
            result = await work
        finally:
            elapsed = time.perf_counter() - start
            self._task.cancel()
        longest = max(self.stalls, default=0.0)
        return result, elapsed, (longest * 1000, sum(stall > FRAME_S for stall in self.stalls))


async def bench(rows: int, kind: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"accounts.{kind}"
        write_file(source, rows, kind)
        workspace = await Workspace.open(Path(folder) / "import.db", bcrypt_cost=4)
        service = workspace.accounts
        heartbeat = Heartbeat()
        try:
            start = time.perf_counter()
            parsed, read_s, _ = await heartbeat.measure(read_import_file(source))
            plan, plan_s, plan_stall = await heartbeat.measure(workspace.transfer.plan_import(parsed, OnExisting.ABORT))
            assert not plan.has_errors, plan.summary()
            report, write_s, write_stall = await heartbeat.measure(workspace.transfer.run_import(plan))
            total_s = time.perf_counter() - start
            assert len(report.created_ids) == rows
            assert await service.count() == rows
            assert await service.check_password(report.created_ids[0], PASSWORD)
        finally:
            await workspace.close()
    return {
        "rows": rows,
        "format": kind,
        "read_s": round(read_s, 3),
        "validate_and_plan_s": round(plan_s, 3),
        "validate_loop_hold (max ms, holds > 16.7 ms)": [round(plan_stall[0], 1), plan_stall[1]],
        "write_s (backup + one transaction)": round(write_s, 3),
        "write_loop_hold (max ms, holds > 16.7 ms)": [round(write_stall[0], 1), write_stall[1]],
        "total_s": round(total_s, 3),
        "rows_per_s": round(rows / total_s),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--gc-freeze", action="store_true",
        help="call gc.freeze() first, as an app can after start-up: full collections then skip what is frozen",
    )
    args = parser.parse_args()
    if args.gc_freeze:
        gc.freeze()
    figures = asyncio.run(bench(args.rows, args.format))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, value in figures.items():
            print(f"{name:40} {value}")


if __name__ == "__main__":
    main()
