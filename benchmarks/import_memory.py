"""Peak memory and time of `homelog-admin import` on a big generated CSV, against a floor in the same run.

    python benchmarks/import_memory.py [--mb 200 | --rows N] [--no-hashes] [--write] [--runs 1] [--json]
    python benchmarks/import_memory.py --rows 200000 --no-hashes --write    # issue 15: 200,000 accounts
    python benchmarks/import_memory.py --rows 10000 --write                 # issue 15: 10,000 with hashes

Writes a CSV of about --mb megabytes, or of --rows rows (the columns of an export: id, email, name, dates,
and unless --no-hashes a distinct bcrypt-shaped hash per row, about 160 bytes a row with it, 100 without),
and in the same run, interleaved, each in a process of its own:

- app: `homelog-admin --db FILE import CSV --dry-run` (reads the file twice, validates and plans every
  row, prints a line per row to /dev/null); with --write, the real import instead (backup, one transaction);
- floor: plain `sqlite3` and `csv` inserting the same rows into the same schema (a copy of the app's
  empty database: its indexes and triggers, so the search index and email keys fill as the app's do) in
  one transaction, with one audit row per account chained by sha256, as the app writes;
- small: the app on a 1,000-row file, whose peak is what any import costs before its rows.

Peak memory is each process's own ru_maxrss (os.wait4), time is wall clock and CPU (user + system). The
figures are printed side by side with their ratios, and the app's memory per row and per byte of file:
(peak - peak of the small run) / rows. The issue measured 23 bytes of memory per byte of file. Target
(issue 15): the real import (--write) <= 3x its floor, its memory bounded (a constant per row held).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file (python benchmarks/import_memory.py): from the checkout's root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.process_usage import run_measured

ROOT = Path(__file__).resolve().parent.parent
ALPHABET = "./" + string.ascii_letters + string.digits
FLOOR = r"""
import csv, datetime, hashlib, itertools, json, sqlite3, sys
source, database = sys.argv[1], sys.argv[2]
connection = sqlite3.connect(database, isolation_level=None)
connection.execute("PRAGMA foreign_keys=ON")
connection.execute("BEGIN IMMEDIATE")
# One audit entry per account, chained by sha256 as any tamper-evident trail must be.
previous = connection.execute("SELECT coalesce(max(id), 0) FROM homelog_desktop_audit").fetchone()[0], ""
at = datetime.datetime.now(datetime.UTC).isoformat()
with open(source, encoding="utf-8", newline="") as stream:
    rows = csv.reader(stream)
    header = next(rows)
    hashes = "hashed_password" in header
    while chunk := list(itertools.islice(rows, 1000)):
        connection.executemany(
            "INSERT INTO users (id, email, username, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(int(row[0]), row[1], row[2] or None, row[4], row[5]) for row in chunk])
        if hashes:
            connection.executemany(
                "INSERT INTO user_passwords (user_id, hashed_password, updated_at) VALUES (?, ?, ?)",
                [(int(row[0]), row[6], row[5]) for row in chunk])
        audits = []
        entry_id, chain = previous
        for row in chunk:
            entry_id += 1
            content = {"id": entry_id, "at": at, "target_id": int(row[0]), "target_email": row[1],
                       "action": "import", "fields": ["email", "username"]}
            entry_hash = hashlib.sha256((chain + json.dumps(content, sort_keys=True)).encode()).hexdigest()
            audits.append((entry_id, at, int(row[0]), row[1], "import", json.dumps(content["fields"]), chain,
                           entry_hash, row[4]))
            chain = entry_hash
        previous = entry_id, chain
        connection.executemany(
            "INSERT INTO homelog_desktop_audit (id, at, target_id, target_email, action, fields, previous_hash,"
            " entry_hash, target_created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", audits)
connection.execute("COMMIT")
"""

def write_csv(path: Path, *, megabytes: float | None = None, rows: int | None = None, hashes: bool = True) -> int:
    """A CSV of about `megabytes` MB, or of `rows` rows, written a row at a time; how many rows it has."""
    rng = random.Random(4)
    target = int((megabytes or 0) * 1_000_000)
    written = 0
    count = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        header = "id,email,username,has_password,created_at,updated_at"
        written += stream.write(header + (",hashed_password\n" if hashes else "\n"))
        while (count < rows) if rows is not None else (written < target):
            count += 1
            day = count % 28 + 1
            line = (
                f"{count},user{count}@example.org,User {count},{'true' if hashes else 'false'},"
                f"2024-01-{day:02d}T10:00:00+00:00,2024-02-{day:02d}T10:00:00+00:00"
            )
            if hashes:
                salt = "".join(rng.choices(ALPHABET, k=21)) + rng.choice(".Oeu")
                line += ",$2b$12$" + salt + "".join(rng.choices(ALPHABET, k=31))
            written += stream.write(line + "\n")
    return count


def measure(command: list[str], environment: dict[str, str]) -> dict[str, float]:
    """Wall time, CPU time and peak RSS of one process (its own rusage, not its siblings')."""
    usage = run_measured(command, environment, what=command[2:5])
    return {"wall_s": usage.wall_s, "cpu_s": usage.cpu_s, "peak_rss_mb": usage.peak_rss_mb}


def admin(database: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "homelog_desktop.cli.admin", "--db", str(database), *args]


def bench(megabytes: float, rows_wanted: int | None, runs: int, write: bool, hashes: bool) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("HOMELOG_DB", None)
    with tempfile.TemporaryDirectory(prefix="homelog-import-memory-") as folder:
        home = Path(folder)
        environment["HOME"] = str(home)  # the app's log and settings stay in here
        big, small = home / "big.csv", home / "small.csv"
        rows = write_csv(big, megabytes=megabytes, rows=rows_wanted, hashes=hashes)
        small_rows = write_csv(small, rows=1000, hashes=hashes)
        empty = home / "empty.db"
        subprocess.run(admin(empty, "init"), check=True, capture_output=True, env=environment)
        mode = () if write else ("--dry-run",)
        results: dict[str, list[dict[str, float]]] = {"app": [], "floor": [], "small": []}
        for run in range(runs):
            for name in ("floor", "app", "small"):  # interleaved: the machine's load hits both alike
                database = home / f"{name}-{run}.db"
                shutil.copyfile(empty, database)
                if name == "floor":
                    command = [sys.executable, "-c", FLOOR, str(big), str(database)]
                else:
                    command = admin(database, "import", str(big if name == "app" else small), *mode)
                results[name].append(measure(command, environment))
                for leftover in home.glob(f"{name}-{run}*"):
                    leftover.unlink()
        size = big.stat().st_size
    median = {
        name: {key: statistics.median(result[key] for result in measured) for key in measured[0]}
        for name, measured in results.items()
    }
    app, floor, base = median["app"], median["floor"], median["small"]
    per_row = (app["peak_rss_mb"] - base["peak_rss_mb"]) * 2**20 / max(1, rows - small_rows)
    return {
        "file_mb": round(size / 1e6, 1),
        "rows": rows,
        "mode": "import (writes)" if write else "import --dry-run",
        "hashes": hashes,
        "runs": runs,
        "app": {key: round(value, 2) for key, value in app.items()},
        "floor (sqlite3 + csv, one transaction)": {key: round(value, 2) for key, value in floor.items()},
        "app_1000_rows": {key: round(value, 2) for key, value in base.items()},
        "ratio_wall": round(app["wall_s"] / floor["wall_s"], 2),
        "ratio_cpu": round(app["cpu_s"] / floor["cpu_s"], 2),
        "ratio_peak_rss": round(app["peak_rss_mb"] / floor["peak_rss_mb"], 2),
        "app_rss_bytes_per_row": round(per_row),
        "app_rss_bytes_per_file_byte": round(per_row * rows / size, 2),
        "rows_per_s": round(rows / app["wall_s"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0, help="size of the generated CSV in MB (default 200)")
    parser.add_argument("--rows", type=int, help="rows of the generated CSV (instead of --mb)")
    parser.add_argument("--no-hashes", action="store_true", help="no hashed_password column")
    parser.add_argument("--runs", type=int, default=1, help="interleaved runs; the medians are reported")
    parser.add_argument("--write", action="store_true", help="a real import instead of --dry-run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = bench(args.mb, args.rows, args.runs, args.write, not args.no_hashes)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        print(f"{name:40} {value}")


if __name__ == "__main__":
    main()
