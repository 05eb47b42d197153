"""How long `homelog-admin` takes as a whole process, against floors measured in the same run.

    python -m benchmarks.cli_startup [--runs 15] [--users 1000] [--json]

Two pairs, each run interleaved (app, floor, app, floor, ...) in processes of their own, medians reported:

- `version`: `homelog-admin --version` against `python -c pass` (the interpreter's own start-up);
- `list`: `homelog-admin --db FILE list` on a database of --users accounts against a script that opens the
  same file with SQLAlchemy's async engine on aiosqlite, reads the same rows (id, email, name, whether a
  password is set, created) and prints them as a table.

Wall time is what a script calling the command in a loop waits; CPU time (user + system, the child's own
rusage) is what the machine spent, and drifts less with the load of a shared machine. The targets (issue 15):
version <= 3x its floor, list <= 1.5x its floor. Nothing is written outside a temporary folder (HOME points
there, so the app's log and kept audit heads stay in it too).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.process_usage import run_measured

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"version": 3.0, "list": 1.5}

# The floor of `list`: the least a Python program using the app's database stack does to print the rows.
LIST_FLOOR = r"""
import asyncio, sys
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

QUERY = text(
    "SELECT u.id, u.email, u.username, p.user_id IS NOT NULL, u.created_at FROM users AS u "
    "LEFT JOIN user_passwords AS p ON p.user_id = u.id ORDER BY u.id"
)

async def main(path):
    engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(QUERY)).all()
    finally:
        await engine.dispose()
    table = [("ID", "EMAIL", "NAME", "PASSWORD", "CREATED (UTC)")]
    table += [(str(i), e, n or "-", "yes" if p else "no", str(c)[:19].replace("T", " ")) for i, e, n, p, c in rows]
    widths = [max(len(row[column]) for row in table) for column in range(5)]
    print("\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in table))

asyncio.run(main(sys.argv[1]))
"""


def measure(command: list[str], environment: dict[str, str]) -> dict[str, float]:
    """Wall and CPU milliseconds of one process; a run that wrote to stderr counts as failed too."""
    usage = run_measured(command, environment, quiet=True)
    return {"wall_ms": usage.wall_s * 1000, "cpu_ms": usage.cpu_s * 1000}


def admin_command() -> list[str]:
    """The installed console script, as a user starts it (else the module, from this checkout)."""
    script = shutil.which("homelog-admin", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "homelog_desktop.cli.admin"]


def build(database: Path, users: int, environment: dict[str, str]) -> None:
    """A database of `users` accounts, built as the responsiveness benchmark builds its own (in a child
    process, so this one stays small)."""
    code = (
        "import sys; from pathlib import Path; from benchmarks.responsiveness.database import build_database; "
        "build_database(int(sys.argv[1]), Path(sys.argv[2]))"
    )
    subprocess.run([sys.executable, "-c", code, str(users), str(database)], check=True, cwd=ROOT, env=environment)


def bench(runs: int, users: int) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("HOMELOG_DB", None)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        environment.pop(variable, None)
    with tempfile.TemporaryDirectory(prefix="homelog-cli-bench-") as folder:
        environment["HOME"] = folder
        database = Path(folder) / "accounts.db"
        build(database, users, environment)
        admin = admin_command()
        pairs = {
            "version": ([*admin, "--version"], [sys.executable, "-c", "pass"]),
            "list": ([*admin, "--db", str(database), "list"], [sys.executable, "-c", LIST_FLOOR, str(database)]),
        }
        for app, floor in pairs.values():  # warm the file cache, and let the app keep its first audit head
            measure(app, environment)
            measure(floor, environment)
        samples: dict[str, dict[str, list[dict[str, float]]]] = {name: {"app": [], "floor": []} for name in pairs}
        for _ in range(runs):
            for name, (app, floor) in pairs.items():
                samples[name]["app"].append(measure(app, environment))
                samples[name]["floor"].append(measure(floor, environment))
    figures: dict[str, Any] = {"runs": runs, "users": users, "python": sys.version.split()[0]}
    for name, sides in samples.items():
        median = {
            side: {key: round(statistics.median(s[key] for s in measured), 1) for key in measured[0]}
            for side, measured in sides.items()
        }
        figures[name] = {
            "app": median["app"],
            "floor": median["floor"],
            "ratio_wall": round(median["app"]["wall_ms"] / median["floor"]["wall_ms"], 2),
            "ratio_cpu": round(median["app"]["cpu_ms"] / median["floor"]["cpu_ms"], 2),
            "target": TARGETS[name],
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="interleaved runs of each pair (default 15)")
    parser.add_argument("--users", type=int, default=1000, help="accounts in the database of `list` (default 1000)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    figures = bench(args.runs, args.users)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    header = ("command", "app wall/cpu ms", "floor wall/cpu ms", "ratio wall", "ratio cpu")
    print(f"{header[0]:10} {header[1]:>18} {header[2]:>18} {header[3]:>11} {header[4]:>10} target")
    for name in ("version", "list"):
        row = figures[name]
        app, floor = row["app"], row["floor"]
        print(
            f"{name:10} {app['wall_ms']:>9.0f}/{app['cpu_ms']:<8.0f} {floor['wall_ms']:>9.0f}/{floor['cpu_ms']:<8.0f}"
            f" {row['ratio_wall']:>10.2f}x {row['ratio_cpu']:>9.2f}x <= {row['target']}x"
        )
    print(f"(medians of {figures['runs']} interleaved runs; list on {figures['users']:,} accounts)")


if __name__ == "__main__":
    main()
