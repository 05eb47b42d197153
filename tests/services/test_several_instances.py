"""Two app instances and home-log on one database at once, each in a process of its own, many rounds (on a
PostgreSQL server and on a SQLite file): the audit chain verifies, there is never no enabled administrator,
and no update is lost: every rename of the app was applied over exactly what its form was loaded with, or
refused as a conflict, never written over a change it had not seen (home-log's blind renames included)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from tests.helpers.homelog_writer import create_homelog_tables, raw_connection
from tests.helpers.several_instances import (
    APP_INSTANCES,
    OK,
    TIMEOUT_S,
    InstanceLog,
    Programs,
    Setup,
    programs,
)
from tests.helpers.workspaces import GOOD_PASSWORD, open_workspace

ROUNDS = 16

# A test's own record of every change of a name, in the order the database applied them (a trigger sees
# the row it replaces, whoever wrote it): what each rename was really applied over.
HISTORY = {
    "sqlite": [
        "CREATE TABLE test_name_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, old TEXT, new TEXT)",
        "CREATE TRIGGER test_name_history AFTER UPDATE OF username ON users WHEN OLD.username IS NOT NEW.username "
        "BEGIN INSERT INTO test_name_history (user_id, old, new) VALUES (NEW.id, OLD.username, NEW.username); END",
    ],
    "postgresql": [
        "CREATE TABLE test_name_history (seq bigserial PRIMARY KEY, user_id integer, old text, new text)",
        "CREATE FUNCTION test_name_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO test_name_history (user_id, old, new) VALUES (NEW.id, OLD.username, NEW.username); "
        "RETURN NEW; END $$",
        "CREATE TRIGGER test_name_history AFTER UPDATE OF username ON users FOR EACH ROW "
        "WHEN (OLD.username IS DISTINCT FROM NEW.username) EXECUTE FUNCTION test_name_history()",
    ],
}


async def _prepare(location: DatabaseLocation) -> Setup:
    """home-log's tables as home-log makes them, then (by the app) one administrator per instance and the
    account everyone renames; then the test's history trigger."""
    create_homelog_tables(location)
    async with open_workspace(location) as workspace:
        administrators = []
        for number in range(APP_INSTANCES):
            account = await workspace.accounts.create(f"admin{number}@example.org", f"Admin {number}", GOOD_PASSWORD)
            await workspace.roles.set_role(account.id, ROLE_ADMINISTRATOR)
            administrators.append(account.id)
        contested = await workspace.accounts.create("contested@example.org", "start", GOOD_PASSWORD)
    with raw_connection(location) as connection:
        for statement in HISTORY[location.kind.value]:
            connection.execute(statement)
    return Setup(location, contested.id, tuple(administrators), ROUNDS)


def _enabled_administrators(location: DatabaseLocation) -> int:
    with raw_connection(location) as connection:
        return int(connection.execute(
            "SELECT count(*) FROM homelog_desktop_account_state WHERE role = 'administrator' AND NOT disabled"
        )[0][0])


async def _run_rounds(started: Programs, setup: Setup) -> list[int]:
    """Release every round; between rounds (nothing writing), how many administrators are enabled."""
    counts = []
    for _ in range(setup.rounds):
        try:
            await asyncio.to_thread(started.barrier.wait, TIMEOUT_S)  # the round starts
            await asyncio.to_thread(started.barrier.wait, TIMEOUT_S)  # every program is done with it
        except threading.BrokenBarrierError:
            pytest.fail("a program failed:\n" + "\n".join(started.bugs()))
        counts.append(await asyncio.to_thread(_enabled_administrators, setup.location))
    return counts


def _assert_no_update_lost(setup: Setup, logs: list[InstanceLog]) -> None:
    with raw_connection(setup.location) as connection:
        history = connection.execute(
            "SELECT old, new FROM test_name_history WHERE user_id = ? ORDER BY seq", setup.contested
        )
        final = connection.execute("SELECT username FROM users WHERE id = ?", setup.contested)[0][0]
    applied_over = {new: old for old, new in history}
    assert len(applied_over) == len(history), "a name was written twice"
    assert final == history[-1][1]
    for round_number in range(setup.rounds):
        edits = [log.edits[round_number] for log in logs]
        # Both forms were loaded from the same name: at most one rename can be based on it.
        assert len({edit.seen for edit in edits}) == 1
        assert sum(edit.outcome == OK for edit in edits) <= 1, edits
        for edit in edits:
            if edit.outcome == OK:
                assert applied_over.get(edit.new) == edit.seen, f"{edit} was written over a change it had not seen"
            else:
                assert edit.outcome == "ConflictError", edit
                assert edit.new not in applied_over, f"{edit} was refused but written"
    outcomes = [edit.outcome for log in logs for edit in log.edits]
    assert OK in outcomes and "ConflictError" in outcomes  # the run did race


def _assert_guard_held(setup: Setup, logs: list[InstanceLog], counts: list[int]) -> None:
    assert min(counts) >= 1, counts
    for round_number, count in enumerate(counts):
        outcomes = sorted(log.guard[round_number] for log in logs)
        if round_number % 2 == 0:  # every instance disabled its administrator at once: one was refused
            assert outcomes == ["LastAdministratorError", OK], (round_number, outcomes)
            assert count == 1
        else:
            assert outcomes == [OK, OK] and count == APP_INSTANCES, (round_number, outcomes)


async def _assert_chain_verifies(setup: Setup, applied_edits: int) -> None:
    async with open_workspace(setup.location) as workspace:
        assert await workspace.audit.verify_chain() == (True, None)
        assert await workspace.audit.count_history(setup.contested, actions=["update"]) == applied_edits
    with raw_connection(setup.location) as connection:
        previous = [row[0] for row in connection.execute("SELECT previous_hash FROM homelog_desktop_audit")]
    assert len(previous) == len(set(previous))  # a fork would chain two entries onto one


@pytest.mark.asyncio
async def test_two_app_instances_and_homelog_at_once_lose_nothing(backend: DatabaseLocation, tmp_path: Path) -> None:
    setup = await _prepare(backend)
    with programs(setup) as started:
        counts = await _run_rounds(started, setup)
        results = await asyncio.to_thread(started.results)
    logs: list[InstanceLog] = [results[("app", number)] for number in range(APP_INSTANCES)]
    _assert_no_update_lost(setup, logs)
    _assert_guard_held(setup, logs, counts)
    for log in logs:
        assert log.creates == [OK] * ROUNDS and log.deletes == [OK] * (ROUNDS - 1), log
    made = results[("homelog", 0)]
    with raw_connection(setup.location) as connection:
        homelog_left = connection.execute("SELECT id FROM users WHERE email LIKE 'homelog-r%'")
    assert homelog_left == [(made[-1],)]  # home-log's own writes all landed too
    applied = sum(edit.outcome == OK for log in logs for edit in log.edits)
    await _assert_chain_verifies(setup, applied)
