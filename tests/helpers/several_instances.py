"""Several programs on one database at once, in processes of their own (spawned): two app instances (a
Workspace each, open for the whole run, as a window keeps one) and home-log writing plain SQL through a
connection of its own. Rounds are released together by a multiprocessing.Barrier that the test's process
joins too: between the end of one round and the start of the next, nothing writes and the test checks."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import traceback
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass
from typing import Any

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.errors import HomeLogError
from tests.helpers.homelog_schema import HOMELOG_HASH
from tests.helpers.homelog_writer import (
    RawConnection,
    homelog_delete_user,
    homelog_insert_user,
    homelog_rename,
    homelog_set_hash,
)
from tests.helpers.workspaces import GOOD_PASSWORD, open_workspace

OK = "ok"
TIMEOUT_S = 120
APP_INSTANCES = 2
PARTIES = APP_INSTANCES + 2  # the app instances, home-log, and the test itself


@dataclass(frozen=True)
class Setup:
    """The database the programs share, the account they all rename, one administrator per app instance."""

    location: DatabaseLocation
    contested: int
    administrators: tuple[int, ...]
    rounds: int


@dataclass(frozen=True)
class Edit:
    """An app instance's rename of the contested account: the name its form was loaded with, the new name,
    and what happened ("ok" or the known error's name)."""

    round: int
    seen: str
    new: str
    outcome: str


@dataclass(frozen=True)
class InstanceLog:
    """What one app instance did, round by round."""

    edits: list[Edit]
    guard: list[str]  # disabling (even rounds) or enabling again (odd rounds) its administrator
    creates: list[str]
    deletes: list[str]


def app_name(number: int, round_number: int) -> str:
    """The name app instance `number` gives the contested account in a round (each one unique)."""
    return f"app{number}-r{round_number}"


def homelog_name(round_number: int) -> str:
    """The name home-log gives the contested account in a round."""
    return f"homelog-r{round_number}"


async def _outcome(work: Awaitable[Any]) -> str:
    try:
        await work
    except HomeLogError as error:
        return type(error).__name__
    return OK


async def _app_rounds(number: int, setup: Setup, barrier: Any) -> InstanceLog:
    log = InstanceLog([], [], [], [])
    administrator = setup.administrators[number]
    previous: int | None = None
    async with open_workspace(setup.location) as workspace:
        accounts = workspace.accounts
        for round_number in range(setup.rounds):
            seen = await accounts.get(setup.contested)  # the form, loaded before the round starts
            await asyncio.to_thread(barrier.wait, TIMEOUT_S)
            new = app_name(number, round_number)
            edit = await _outcome(accounts.update(
                setup.contested, email=seen.email, username=new, based_on=seen
            ))
            log.edits.append(Edit(round_number, seen.username or "", new, edit))
            change = workspace.roles.disable if round_number % 2 == 0 else workspace.roles.enable
            log.guard.append(await _outcome(change(administrator)))
            try:
                created = await accounts.create(f"{new}@example.org", f"App {number} {round_number}", GOOD_PASSWORD)
                log.creates.append(OK)
            except HomeLogError as error:
                log.creates.append(type(error).__name__)
            else:
                if previous is not None:
                    log.deletes.append(await _outcome(accounts.delete(previous)))
                previous = created.id
            await asyncio.to_thread(barrier.wait, TIMEOUT_S)
    return log


def _homelog_rounds(setup: Setup, barrier: Any) -> list[int]:
    """home-log's writes each round: a blind rename of the contested account (every third round), a new user
    with a password, the user of the round before deleted, the contested account's password replaced. The
    ids it made."""
    made: list[int] = []
    connection = RawConnection(setup.location)
    try:
        for round_number in range(setup.rounds):
            barrier.wait(TIMEOUT_S)
            if round_number % 3 == 0:  # not every round: else it always wins the race, and no app edit lands
                homelog_rename(connection, setup.contested, homelog_name(round_number))
            made.append(homelog_insert_user(
                connection, f"homelog-r{round_number}@example.org", f"Home {round_number}", HOMELOG_HASH
            ))
            if len(made) > 1:
                homelog_delete_user(connection, made[-2])
            homelog_set_hash(connection, setup.contested, HOMELOG_HASH)
            barrier.wait(TIMEOUT_S)
    finally:
        connection.close()
    return made


def _serve(role: str, number: int, setup: Setup, barrier: Any, results: Any) -> None:
    """One process: an app instance (`role` "app") or home-log; puts (role, number, log or "bug: ...")."""
    try:
        if role == "app":
            outcome: object = asyncio.run(_app_rounds(number, setup, barrier))
        else:
            outcome = _homelog_rounds(setup, barrier)
    except BaseException:  # a bug: the test shows it instead of waiting on a barrier nobody reaches
        barrier.abort()
        results.put((role, number, "bug: " + traceback.format_exc()))
        raise
    results.put((role, number, outcome))


class Programs:
    """The processes of a run and the barrier they share with the test."""

    def __init__(self, setup: Setup) -> None:
        context = multiprocessing.get_context("spawn")
        self.barrier = context.Barrier(PARTIES)
        self._results = context.Queue()
        roles = [("app", number) for number in range(APP_INSTANCES)] + [("homelog", 0)]
        self._processes = [
            context.Process(target=_serve, args=(role, number, setup, self.barrier, self._results),
                            name=f"{role}-{number}")
            for role, number in roles
        ]
        for process in self._processes:
            process.start()

    def results(self) -> dict[tuple[str, int], Any]:
        """What every process put, by (role, number); a process's bug fails here with its traceback."""
        found: dict[tuple[str, int], Any] = {}
        for _ in self._processes:
            role, number, outcome = self._results.get(timeout=TIMEOUT_S)
            assert not (isinstance(outcome, str) and outcome.startswith("bug: ")), f"{role} {number}: {outcome}"
            found[(role, number)] = outcome
        return found

    def bugs(self) -> list[str]:
        """The tracebacks of processes that failed (after the barrier broke)."""
        bugs = []
        with contextlib.suppress(Exception):
            while True:
                role, number, outcome = self._results.get(timeout=5)
                if isinstance(outcome, str) and outcome.startswith("bug: "):
                    bugs.append(f"{role} {number}: {outcome}")
        return bugs

    def close(self) -> None:
        """Wait for every process (killed after the timeout)."""
        for process in self._processes:
            process.join(TIMEOUT_S)
            if process.is_alive():
                process.kill()
                process.join()
        self._results.close()


@contextlib.contextmanager
def programs(setup: Setup) -> Iterator[Programs]:
    """The two app instances and home-log, started on `setup`; waited for when the block ends."""
    started = Programs(setup)
    try:
        yield started
    finally:
        started.close()
