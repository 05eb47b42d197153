"""Two writers at once, in one process: workspaces of their own (each its own engine, as two programs
would have) released together by an asyncio.Barrier, 30 rounds of each race. Every guard is checked
inside the writing transaction, under the write lock, so each round ends with its guarantee intact and
an audit chain that never forks (see tests/helpers/race_checks.py for the races)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.race_checks import RACES, assert_chain_intact
from tests.helpers.two_writers import at_once_in_process, build_template, fresh_copy

ROUNDS = 30


@pytest.mark.asyncio
@pytest.mark.parametrize("race", list(RACES))
async def test_the_guarantee_holds_in_every_round(tmp_path: Path, race: str) -> None:
    scenario = RACES[race]
    template = tmp_path / "template.db"
    built = await build_template(template, scenario.build)
    for round_number in range(ROUNDS):
        path = fresh_copy(template, tmp_path, round_number)
        outcomes = await at_once_in_process(path, scenario.jobs(built))
        scenario.check(path, built, outcomes)
        await assert_chain_intact(path)
        path.unlink()
