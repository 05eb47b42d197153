"""Two writers at once in two processes (spawned, released together by a multiprocessing.Barrier), 15
rounds of each race of tests/helpers/race_checks.py: the guards hold between programs, not only between
engines of one program."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.race_checks import RACES, assert_chain_intact
from tests.helpers.two_writers import WriterProcesses, build_template, fresh_copy, writer_processes

ROUNDS = 15


@pytest.fixture(scope="module")
def writers() -> Iterator[dict[int, WriterProcesses]]:
    """Writer processes, started once for the module (spawning one costs a second), by how many."""
    started: dict[int, WriterProcesses] = {}
    with writer_processes(2) as two, writer_processes(3) as three:
        started[2], started[3] = two, three
        yield started


@pytest.mark.asyncio
@pytest.mark.parametrize("race", list(RACES))
async def test_the_guarantee_holds_between_processes(
    tmp_path: Path, race: str, writers: dict[int, WriterProcesses]
) -> None:
    scenario = RACES[race]
    template = tmp_path / "template.db"
    built = await build_template(template, scenario.build)
    jobs = scenario.jobs(built)
    for round_number in range(ROUNDS):
        path = fresh_copy(template, tmp_path, round_number)
        outcomes = writers[len(jobs)].run(path, jobs)
        scenario.check(path, built, outcomes)
        await assert_chain_intact(path)
        path.unlink()
