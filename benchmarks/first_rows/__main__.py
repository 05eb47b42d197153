"""`python -m benchmarks.first_rows`: the app and the floor in processes of their own, taking turns;
prints app, floor and ratio, and where the app's time went."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import PySide6

from benchmarks.first_rows import __doc__ as PACKAGE_DOC
from benchmarks.responsiveness.database import ROOT, database_path, ensure_database
from benchmarks.responsiveness.probes import code_version

TARGET_RATIO = 1.3
TARGET_MS = 150.0
WINDOW_SIZE = (1240, 640)  # the main window's first size; the app's run reports its own


def child(kind: str, path: Path, size: tuple[int, int], profile: str | None = None) -> dict[str, Any]:
    """One measurement in a fresh process (imports done before the clock starts)."""
    command = [sys.executable, "-m", "benchmarks.first_rows", "--child", kind, "--database", str(path),
               "--size", f"{size[0]}x{size[1]}"]
    if profile:
        command += ["--profile", profile]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the {kind} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_child(args: argparse.Namespace) -> int:
    """In the child: measure one thing, print one JSON line."""
    width, height = (int(part) for part in args.size.split("x"))
    if args.child == "floor":
        from benchmarks.first_rows.floor_window import floor_first_rows_ms

        result: dict[str, Any] = {"first_rows_ms": floor_first_rows_ms(Path(args.database), width, height)}
    else:
        from benchmarks.first_rows.app_window import app_first_rows

        result = app_first_rows(Path(args.database), args.profile)
    print(json.dumps(result))
    return 0


def measure(path: Path, rounds: int, profile: str | None) -> dict[str, Any]:
    """One warm-up each, then `rounds` rounds taking turns (which goes first alternates)."""
    app_runs: list[dict[str, Any]] = []
    floor_runs: list[float] = []
    size = WINDOW_SIZE
    for number in range(rounds + 1):
        order = ("app", "floor") if number % 2 == 0 else ("floor", "app")
        for kind in order:
            result = child(kind, path, size)
            if number == 0:
                continue  # warm-up: the file's pages into the cache, the interpreter's files too
            if kind == "app":
                app_runs.append(result)
                size = (result["window_size"][0], result["window_size"][1])
            else:
                floor_runs.append(result["first_rows_ms"])
    app_ms = [run["first_rows_ms"] for run in app_runs]
    median_run = sorted(app_runs, key=lambda run: run["first_rows_ms"])[len(app_runs) // 2]
    app, floor = statistics.median(app_ms), statistics.median(floor_runs)
    output: dict[str, Any] = {
        "app_ms": round(app, 1), "floor_ms": round(floor, 1), "ratio": round(app / floor, 2),
        "app_runs_ms": [round(ms, 1) for ms in app_ms], "floor_runs_ms": [round(ms, 1) for ms in floor_runs],
        "app_timeline": median_run["timeline"], "window_size": list(size),
        "loop_errors": [error for run in app_runs for error in run["loop_errors"]],
    }
    if profile:
        child("app", path, size, profile)
        output["profile"] = profile
    output["targets_missed"] = [
        text for text, missed in (
            (f"first_rows.ratio {output['ratio']} > {TARGET_RATIO}", output["ratio"] > TARGET_RATIO),
            (f"first_rows.app_ms {output['app_ms']} > {TARGET_MS:g}", output["app_ms"] > TARGET_MS),
        ) if missed
    ]
    return output


def print_summary(output: dict[str, Any]) -> None:
    """The figures, and the app's timeline in its median round."""
    print(f"HomeLog Desktop first rows, {output['users']:,} accounts (PySide6 {output['pyside6']}): "
          "window shown to first rows painted, each run a process of its own")
    print(f"  app     {output['app_ms']:7.1f} ms   runs {output['app_runs_ms']}")
    print(f"  floor   {output['floor_ms']:7.1f} ms   runs {output['floor_runs_ms']}   (sqlite3 + QTableView over "
          "a QStandardItemModel)")
    print(f"  ratio   {output['ratio']:7.2f}      (targets: ratio <= {TARGET_RATIO:g}, app <= {TARGET_MS:g} ms)")
    print("  where the app's time went (median run, ms from window.show()):")
    for moment in output["app_timeline"]:
        print(f"    {moment['at_ms']:8.1f}  {moment['what']}")
    if output["targets_missed"]:
        print("  missed:\n    " + "\n    ".join(output["targets_missed"]))
    if output["loop_errors"]:
        print("  loop errors: " + " | ".join(output["loop_errors"]))


def main(argv: list[str] | None = None) -> int:
    """Build or reuse the database (in a child process), measure, print."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.first_rows", description=(PACKAGE_DOC or "").splitlines()[0]
    )
    parser.add_argument("--users", type=int, default=1_000_000, help="accounts in the database (default 1,000,000)")
    parser.add_argument("--rounds", type=int, default=5, help="measured runs of each (after one warm-up each)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--profile", metavar="FILE", help="one more app run under cProfile, its stats to FILE")
    parser.add_argument("--child", choices=("app", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="x".join(map(str, WINDOW_SIZE)), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args)
    if args.users < 1 or args.rounds < 1:
        raise SystemExit("--users and --rounds must be at least 1")
    ensure_database(args.users, rebuild=False)
    profile = str(Path(args.profile).resolve()) if args.profile else None
    output = {"users": args.users, **measure(database_path(args.users), args.rounds, profile)}
    output.update({"pyside6": PySide6.__version__, "code": code_version()})
    if args.json:
        print(json.dumps(output))
    else:
        print_summary(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
