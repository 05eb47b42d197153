"""A writer killed with SIGKILL in the middle of a long series of changes leaves an intact database that
holds every change it reported as committed: an account and its password are saved together or not at all.

The child process announces each action before it starts ("begin") and again right after its commit
("commit"), flushing stdout each time. So the parent knows every committed change, and at most one
action (the last one begun) may or may not have reached the file: the database must equal the model
either without it or with all of it, never with a part of it.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bcrypt
import pytest

from homelog_desktop.data.sqlite_search import SEARCH_TABLE
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.workspaces import open_workspace

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_SECONDS = 60

# The writer: random actions through the account service, each announced before it starts and after it commits.
WRITER = r"""
import asyncio, json, random, sys
from homelog_desktop.services.workspace import Workspace

def say(**record):
    print(json.dumps(record), flush=True)

def password_for(step):
    return "Secret-" + "-".join(str(step)) + "-Pw"  # meets the policy, never three equal characters in a row

async def main(path, seed, cost):
    service = (await Workspace.open(path, bcrypt_cost=cost)).accounts
    rng = random.Random(seed)
    alive = []
    step = 0
    while True:
        step += 1
        choice = rng.random()
        if not alive or choice < 0.4:
            email = f"user{step}@example.org"
            username = rng.choice([None, f"User {step}", f"  Ünïcödé {step}  "])
            password = password_for(step) if rng.random() < 0.7 else None
            say(step=step, phase="begin", op="create", email=email, username=username, password=password)
            account = await service.create(email, username, password)
            alive.append(account.id)
            say(step=step, phase="commit", op="create", id=account.id, email=account.email,
                username=account.username, password=password)
            continue
        account_id = rng.choice(alive)
        if choice < 0.55:
            email = f"user{step}.renamed@example.org"
            username = rng.choice([None, f"Renamed {step}"])
            say(step=step, phase="begin", op="update", id=account_id, email=email, username=username)
            await service.update(account_id, email=email, username=username)
            say(step=step, phase="commit", op="update", id=account_id, email=email, username=username)
        elif choice < 0.75:
            password = password_for(step)
            say(step=step, phase="begin", op="set_password", id=account_id, password=password)
            await service.set_password(account_id, password)
            say(step=step, phase="commit", op="set_password", id=account_id, password=password)
        elif choice < 0.85:
            say(step=step, phase="begin", op="clear_password", id=account_id)
            await service.clear_password(account_id)
            say(step=step, phase="commit", op="clear_password", id=account_id)
        else:
            say(step=step, phase="begin", op="delete", id=account_id)
            await service.delete(account_id)
            alive.remove(account_id)
            say(step=step, phase="commit", op="delete", id=account_id)

asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
"""


@dataclass(frozen=True)
class Row:
    email: str
    username: str | None
    password: str | None


Model = dict[int, Row]


def apply(model: Model, action: dict[str, Any], new_id: int | None = None) -> Model:
    """The model after one action (a create needs the id it got)."""
    after = dict(model)
    op = action["op"]
    if op == "create":
        assert new_id is not None
        after[new_id] = Row(action["email"], (action["username"] or "").strip() or None, action["password"])
    elif op == "update":
        after[action["id"]] = Row(action["email"], action["username"], model[action["id"]].password)
    elif op == "set_password":
        old = model[action["id"]]
        after[action["id"]] = Row(old.email, old.username, action["password"])
    elif op == "clear_password":
        old = model[action["id"]]
        after[action["id"]] = Row(old.email, old.username, None)
    else:
        del after[action["id"]]
    return after


def stored_rows(path: Path) -> dict[int, tuple[str, str | None, str | None]]:
    """Every account in the file: id -> (email, username (no name: stored as '', read as None), hash or None)."""
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT users.id, email, NULLIF(username, ''), hashed_password FROM users "
            "LEFT JOIN user_passwords ON user_passwords.user_id = users.id"
        ).fetchall()
    return {user_id: (email, username, hashed) for user_id, email, username, hashed in rows}


def differences(stored: dict[int, tuple[str, str | None, str | None]], model: Model) -> list[str]:
    """How the file differs from the model (an empty list when it holds exactly the model)."""
    found = []
    extra, lacking = sorted(set(stored) - set(model)), sorted(set(model) - set(stored))
    if extra or lacking:
        found.append(f"ids: the file has {extra} more and lacks {lacking}")
    for user_id in sorted(set(stored) & set(model)):
        email, username, hashed = stored[user_id]
        row = model[user_id]
        if (email, username) != (row.email, row.username):
            found.append(f"account {user_id}: {(email, username)} != {(row.email, row.username)}")
        if (hashed is None) != (row.password is None):
            found.append(f"account {user_id}: password row {'present' if hashed else 'missing'}")
        elif hashed is not None and row.password is not None:
            if not bcrypt.checkpw(row.password.encode(), hashed.encode()):
                found.append(f"account {user_id}: the stored hash is not of the last password set")
    return found


def read_lines(process: subprocess.Popen[str]) -> Iterator[dict[str, Any]]:
    assert process.stdout is not None
    for line in process.stdout:
        yield json.loads(line)


def run_writer_and_kill(
    path: Path, seed: int, kill_after: int, delay: float
) -> tuple[list[dict[str, Any]], str]:
    """Start the writer; once it has reported `kill_after` commits and begun the next action, wait
    `delay` seconds (into the hashing or the transaction) and SIGKILL it; every line it printed."""
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(seed), str(TEST_BCRYPT_COST)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    try:
        lines: list[dict[str, Any]] = []
        commits = 0
        for record in read_lines(process):
            lines.append(record)
            commits += record["phase"] == "commit"
            if commits == kill_after and record["phase"] == "begin":
                break
        time.sleep(delay)
        assert process.poll() is None, "the writer stopped by itself before it was killed"
        process.send_signal(signal.SIGKILL)
        process.wait(TIMEOUT_SECONDS)
        lines.extend(read_lines(process))  # what it printed between the last line read and the kill
        assert process.stderr is not None
        errors = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return lines, errors


def replay(lines: list[dict[str, Any]]) -> tuple[Model, dict[str, Any] | None]:
    """The model after every reported commit, and the action begun but not reported committed (if any)."""
    model: Model = {}
    pending = None
    for record in lines:
        if record["phase"] == "begin":
            assert pending is None, "an action began before the previous one committed"
            pending = record
        else:
            assert pending is not None and pending["step"] == record["step"]
            model = apply(model, record, record.get("id") if record["op"] == "create" else None)
            pending = None
    return model, pending


async def read_back_with_the_app(path: Path) -> dict[int, tuple[str, str | None, bool]]:
    """Open the file as the app does after a crash (preflight, recovery of the log) and list every account."""
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        service = workspace.accounts
        assert not workspace.read_only and workspace.migration_backup is None
        listed = await service.list_page(limit=100_000)
        assert await service.count() == len(listed)
        return {account.id: (account.email, account.username, account.has_password) for account in listed}


@pytest.mark.parametrize(("seed", "kill_after", "delay"), [(1, 40, 0.0), (2, 95, 0.003), (3, 150, 0.006)])
def test_a_killed_writer_loses_no_committed_change(tmp_path: Path, seed: int, kill_after: int, delay: float) -> None:
    path = tmp_path / "crash.db"
    lines, errors = run_writer_and_kill(path, seed, kill_after, delay)
    assert errors == ""
    model, pending = replay(lines)
    committed = sum(record["phase"] == "commit" for record in lines)
    assert committed >= kill_after
    assert Path(f"{path}-wal").exists()  # killed with its write-ahead log open: the reopen must recover it

    listed = asyncio.run(read_back_with_the_app(path))

    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []  # no password without its user
        connection.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('integrity-check')")

    stored = stored_rows(path)
    assert {user_id: (e, u, h is not None) for user_id, (e, u, h) in stored.items()} == listed
    # The file holds every reported commit, and the last action begun either wholly or not at all.
    candidates = [model]
    if pending is not None:
        new_ids = sorted(set(stored) - set(model))
        if pending["op"] != "create":
            candidates.append(apply(model, pending))
        elif new_ids:
            candidates.append(apply(model, pending, new_ids[0]))
    problems = [differences(stored, candidate) for candidate in candidates]
    assert any(not found for found in problems), (
        f"after {committed} commits (pending: {pending}), the file matches no allowed state: {problems}"
    )
    # The series did every kind of change before it was killed.
    kinds = {record["op"] for record in lines if record["phase"] == "commit"}
    assert kinds == {"create", "update", "set_password", "clear_password", "delete"}
