"""`python -m benchmarks.paint`: open the real window on the cached database, repaint it and its floor
in turn, print app, floor and ratio."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import PySide6

from benchmarks.paint import __doc__ as PACKAGE_DOC
from benchmarks.paint.measure import TARGET_RATIO, measure_paint
from benchmarks.real_window import application, close_window, main_window, open_database
from benchmarks.responsiveness.database import database_path, ensure_database
from benchmarks.responsiveness.probes import code_version


def measure(path: Path, repetitions: int) -> dict[str, Any]:
    """Open the window on `path`, wait for the first rows, measure."""
    errors: list[str] = []
    with application(errors) as loop, main_window() as window:

        async def run() -> dict[str, Any]:
            window.show()
            try:
                await open_database(window, path)
                return await measure_paint(window, repetitions)
            finally:
                await close_window(window)

        output = loop.run_until_complete(run())
    output["loop_errors"] = errors
    return output


def print_summary(output: dict[str, Any]) -> None:
    """The figures as a small table."""
    print(f"HomeLog Desktop table repaint, {output['users']:,} accounts, viewport {output['viewport'][0]}x"
          f"{output['viewport'][1]} ({output['visible_rows']} rows), PySide6 {output['pyside6']}")
    print("  loop-thread CPU per repaint (median)    app ms   floor ms   ratio   (floor: QTableView over a "
          "QStandardItemModel)")
    labels = {
        "styled": "same rows, app stylesheet",
        "plain": "same rows, no stylesheet",
        "page_down": "a screen on, after a pause",
        "new_rows": "rows never shown before",
    }
    for key, label in labels.items():
        figures = output[key]
        print(f"    {label:<36} {figures['app_ms']:7.2f} {figures['floor_ms']:9.2f} {figures['ratio']:8.2f}"
              f"   ({figures['samples']} each)")
    print(f"  target: ratio <= {TARGET_RATIO:g}")
    if output["targets_missed"]:
        print("  missed:\n    " + "\n    ".join(output["targets_missed"]))
    if output["loop_errors"]:
        print("  loop errors: " + " | ".join(output["loop_errors"]))


def main(argv: list[str] | None = None) -> int:
    """Build or reuse the database (in a child process), measure, print."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.paint", description=(PACKAGE_DOC or "").splitlines()[0])
    parser.add_argument("--users", type=int, default=1_000_000, help="accounts in the database (default 1,000,000)")
    parser.add_argument("--repetitions", type=int, default=200, help="repaints of each table per comparison")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.users < 1 or args.repetitions < 2:
        raise SystemExit("--users must be at least 1 and --repetitions at least 2")
    ensure_database(args.users, rebuild=False)
    output = {"users": args.users, **measure(database_path(args.users), args.repetitions)}
    output.update({"pyside6": PySide6.__version__, "code": code_version()})
    if args.json:
        print(json.dumps(output))
    else:
        print_summary(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
