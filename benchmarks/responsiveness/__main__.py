"""`python -m benchmarks.responsiveness`: build or reuse the database, run the window, print the figures."""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, qInstallMessageHandler

from benchmarks.paint.measure import measure_paint
from benchmarks.real_window import admit_without_sign_in
from benchmarks.responsiveness import __doc__ as PACKAGE_DOC
from benchmarks.responsiveness.backends import Where
from benchmarks.responsiveness.database import database_path, ensure_database, prepare_database
from benchmarks.responsiveness.probes import (
    Heartbeat,
    LoopErrors,
    PaintWatch,
    StallStacks,
    peak_rss_mb,
    qt_message,
    vm_rss_mb,
)
from benchmarks.responsiveness.report import figures, print_summary, summarize
from benchmarks.responsiveness.scenarios import SEARCH_TEXT, Scenarios
from benchmarks.responsiveness.server_database import prepare_server_database, server_location
from homelog_desktop.logs import configure_logging
from homelog_desktop.ui.app import create_application
from homelog_desktop.ui.main_window.window import MainWindow


async def drive(
    bench: Scenarios, heartbeat: Heartbeat, watchdog: StallStacks | None, path: Where, paint_repetitions: int
) -> None:
    """Run every phase, then compare the table's repaint with its floor (same run, same window), then
    shut the window down in order (also after a failure, which is raised after)."""
    heartbeat.timer.start()
    if watchdog:
        watchdog.start()
    try:
        await bench.run(bench.window.show, path)
        bench.results.peak_rss_mb, bench.results.current_rss_mb = peak_rss_mb(), vm_rss_mb()
        if paint_repetitions:
            bench.results.paint = await measure_paint(bench.window, paint_repetitions)
    finally:
        await bench.window.shutdown()
        bench.window.close()
        heartbeat.timer.stop()
        if watchdog:
            watchdog.stopping.set()


def measure(args: argparse.Namespace, path: Where) -> dict[str, Any]:
    """Start the app as it starts (create_application), run the phases on a real window, and sum up."""
    errors: list[str] = []
    configure_logging("benchmark", log_file=False)
    logging.getLogger().addHandler(LoopErrors(errors))
    qInstallMessageHandler(qt_message)
    _app, loop = create_application()
    loop.set_exception_handler(lambda _loop, context: errors.append(str(context.get("message"))))
    with tempfile.TemporaryDirectory(prefix="homelog-bench-settings-") as settings_dir:
        settings = QSettings(str(Path(settings_dir) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(bcrypt_cost=args.bcrypt_cost, settings=settings, gate=admit_without_sign_in)
        heartbeat = Heartbeat()
        paints = PaintWatch()
        window.table.viewport().installEventFilter(paints)
        bench = Scenarios(window, heartbeat, paints, path, args.users)
        watchdog = StallStacks(heartbeat) if args.stall_stacks else None
        profiler = cProfile.Profile() if args.profile else None
        try:
            with loop:
                if profiler:
                    profiler.enable()
                loop.run_until_complete(drive(bench, heartbeat, watchdog, path, args.paint_repetitions))
                if profiler:
                    profiler.disable()
                    profiler.dump_stats(args.profile)
        finally:
            window.deleteLater()
            bench.restore()
    summarize(bench.results, bench.phases, heartbeat, bench.slow)
    bench.results.loop_errors = errors
    if watchdog:
        bench.results.stall_stacks = [
            {"count": count, "stack": stack}
            for stack, count in sorted(watchdog.samples.items(), key=lambda item: -item[1])[:10]
        ]
    return figures(
        bench.results, path, bcrypt_cost=args.bcrypt_cost, search_text=SEARCH_TEXT,
        stall_stacks=watchdog is not None, timeline=args.timeline,
    )


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The benchmark's command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.responsiveness", description=(PACKAGE_DOC or "").splitlines()[0]
    )
    parser.add_argument("--users", type=int, required=True, help="accounts in the database")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite",
                        help="a SQLite file (default), or a database on the server .ci/postgres started")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--bcrypt-cost", type=int, default=12, help="bcrypt cost of the window (default 12)")
    parser.add_argument("--rebuild", action="store_true", help="build the cached database again")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile stats of the window run to FILE")
    parser.add_argument("--stall-stacks", action="store_true",
                        help="note the main thread's stack whenever the loop is held over 20 ms")
    parser.add_argument("--timeline", action="store_true",
                        help="list every stall over 8 ms with what happened during it (paints, pages, SQL)")
    parser.add_argument("--paint-repetitions", type=int, default=100,
                        help="repaints of the table and its floor after the phases (0: no paint comparison)")
    parser.add_argument("--prepare-only", action="store_true",
                        help="only build (or bring up to date) the cached database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build (in a child process) or reuse the database, measure, print."""
    args = parse_arguments(argv)
    if args.users < 1:
        raise SystemExit("--users must be at least 1")
    path: Where = database_path(args.users)
    if args.backend == "postgresql":
        if args.prepare_only:
            prepare_server_database(args.users, rebuild=args.rebuild)
            return 0
        ensure_database(args.users, rebuild=args.rebuild, backend=args.backend)
        path = server_location(args.users)
    elif args.prepare_only:
        prepare_database(args.users, path, rebuild=args.rebuild)
        return 0
    else:
        ensure_database(args.users, rebuild=args.rebuild)
    output = measure(args, path)
    if args.json:
        print(json.dumps(output))
    else:
        print_summary(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
