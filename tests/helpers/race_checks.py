"""The races of the two-writer tests, each as: the database it starts from, the jobs started together,
and the guarantee that must hold after the round. Shared by the in-process tests (workspaces released by
an asyncio.Barrier) and the process tests (multiprocessing), which run the same scenarios."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.sign_in import LOCKOUT_THRESHOLD
from homelog_desktop.services.workspace import Workspace
from tests.helpers.two_writers import OK, Job
from tests.helpers.workspaces import GOOD_PASSWORD, open_workspace

WRONG = "Wrong7password"


def query(path: Path, statement: str, *parameters: object) -> list[tuple[Any, ...]]:
    """Rows of a query, read with plain SQL."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(statement, parameters).fetchall()


def enabled_administrators(path: Path) -> int:
    """How many enabled administrators the file holds."""
    return int(query(
        path, "SELECT count(*) FROM homelog_desktop_account_state WHERE role = 'administrator' AND NOT disabled"
    )[0][0])


async def assert_chain_intact(path: Path) -> None:
    """The audit trail verifies from its first entry to its head: no entry chained onto the same one twice."""
    async with open_workspace(path) as workspace:
        assert await workspace.audit.verify_chain() == (True, None)
    ids = [row[0] for row in query(path, "SELECT id FROM homelog_desktop_audit ORDER BY id")]
    assert ids == list(range(1, len(ids) + 1))
    previous = [row[0] for row in query(path, "SELECT previous_hash FROM homelog_desktop_audit")]
    assert len(previous) == len(set(previous))  # a fork would chain two entries onto one


@dataclass(frozen=True)
class Race:
    """A scenario: `build` makes the starting database (returning what `jobs` needs), `jobs` are
    started together, `check` asserts the guarantee on the file and the writers' outcomes."""

    name: str
    build: Callable[[Workspace], Awaitable[Any]]
    jobs: Callable[[Any], Sequence[Job]]
    check: Callable[[Path, Any, list[str]], None]


async def _administrators(workspace: Workspace, count: int = 2) -> list[int]:
    ids = []
    for number in range(count):
        account = await workspace.accounts.create(f"admin{number}@example.org", None, GOOD_PASSWORD)
        await workspace.roles.set_role(account.id, ROLE_ADMINISTRATOR)
        ids.append(account.id)
    await workspace.accounts.create("member@example.org", None, GOOD_PASSWORD)
    return ids


def _one_refused(outcomes: list[str], error: str) -> None:
    assert sorted(outcomes) == sorted([error] + [OK] * (len(outcomes) - 1)), outcomes


def _last_administrator_kept(path: Path, _built: Any, outcomes: list[str]) -> None:
    _one_refused(outcomes, "LastAdministratorError")
    assert enabled_administrators(path) == 1


def _removing_administrators(action: str) -> Race:
    return Race(
        f"{action} the last two administrators", _administrators,
        lambda ids: [Job(action, (account_id,)) for account_id in ids], _last_administrator_kept,
    )


async def _three_administrators(workspace: Workspace) -> list[int]:
    return await _administrators(workspace, 3)


async def _nothing_yet(workspace: Workspace) -> None:
    return None


def _one_account(path: Path, _built: Any, outcomes: list[str]) -> None:
    _one_refused(outcomes, "DuplicateEmailError")
    assert query(path, "SELECT count(*) FROM users WHERE lower(email) = 'race@x.com'") == [(1,)]


async def _one_account_to_edit(workspace: Workspace) -> int:
    return (await workspace.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)).id


def _one_edit_stands(path: Path, built: Any, outcomes: list[str]) -> None:
    _one_refused(outcomes, "ConflictError")
    winner = ["first", "second"][outcomes.index(OK)]
    assert query(path, "SELECT username FROM users WHERE id = ?", built) == [(winner,)]


def _edit_or_delete(path: Path, built: Any, outcomes: list[str]) -> None:
    _one_refused(outcomes, "ConflictError")
    left = query(path, "SELECT username FROM users WHERE id = ?", built)
    assert left == ([("edited",)] if outcomes[0] == OK else [])


async def _one_to_lock(workspace: Workspace) -> int:
    return (await workspace.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)).id


def _at_most_the_threshold_checked(path: Path, built: Any, outcomes: list[str]) -> None:
    assert outcomes == [OK] * len(outcomes)
    checked = query(
        path, "SELECT count(*) FROM homelog_desktop_audit WHERE action = 'sign_in_failed' AND target_id = ?", built
    )[0][0]
    assert checked <= LOCKOUT_THRESHOLD, f"{checked} passwords were checked"
    state = query(path, "SELECT failed_attempts, locked_until IS NOT NULL FROM homelog_desktop_account_state")
    assert state == [(LOCKOUT_THRESHOLD, 1)]


async def _two_members(workspace: Workspace) -> list[int]:
    return [(await workspace.accounts.create(f"m{n}@example.org", None, GOOD_PASSWORD)).id for n in range(2)]


def _one_first_administrator(path: Path, _built: Any, outcomes: list[str]) -> None:
    _one_refused(outcomes, "AdministratorExistsError")
    assert enabled_administrators(path) == 1


async def _actor_and_target(workspace: Workspace) -> tuple[int, int, int]:
    first, _second = await _administrators(workspace)
    target = await workspace.accounts.create("target@example.org", "Target")
    return first, target.id, await workspace.audit.count_history()


def _nothing_done_after_the_demotion(path: Path, built: Any, outcomes: list[str]) -> None:
    renamed, demoted = outcomes
    assert demoted == OK and renamed in (OK, "ActorRefusedError"), outcomes
    entries = dict(query(path, "SELECT action, id FROM homelog_desktop_audit WHERE id > ?", built[2]))
    if renamed == OK:  # then it was written before the demotion, never after
        assert entries["update"] < entries["make_member"]
        assert query(path, "SELECT username FROM users WHERE id = ?", built[1]) == [("renamed",)]
    else:
        assert "update" not in entries
        assert query(path, "SELECT username FROM users WHERE id = ?", built[1]) == [("Target",)]


RACES: dict[str, Race] = {
    "disable": _removing_administrators("disable"),
    "demote": _removing_administrators("demote"),
    "delete": _removing_administrators("delete"),
    "disable, demote and delete three": Race(
        "three administrators disabled, demoted and deleted at once", _three_administrators,
        lambda ids: [Job("disable", (ids[0],)), Job("demote", (ids[1],)), Job("delete", (ids[2],))],
        _last_administrator_kept,
    ),
    "create twins": Race(
        "create Race@x.com and race@x.com", _nothing_yet,
        lambda _built: [Job("create", ("Race@x.com",)), Job("create", ("race@x.com",))], _one_account,
    ),
    "edit one snapshot twice": Race(
        "two edits from one snapshot", _one_account_to_edit,
        lambda user_id: [Job("edit", (user_id, "first")), Job("edit", (user_id, "second"))], _one_edit_stands,
    ),
    "edit and delete one snapshot": Race(
        "an edit and a delete from one snapshot", _one_account_to_edit,
        lambda user_id: [Job("edit", (user_id, "edited")), Job("delete_seen", (user_id,))], _edit_or_delete,
    ),
    "wrong sign-ins": Race(
        "20 wrong sign-ins at once", _one_to_lock,
        lambda _built: [Job("wrong_sign_ins", ("ann@example.org", WRONG, 10))] * 2, _at_most_the_threshold_checked,
    ),
    "first administrator": Race(
        "two members made the first administrator at once", _two_members,
        lambda ids: [Job("first_administrator", (account_id,)) for account_id in ids], _one_first_administrator,
    ),
    "actor demoted meanwhile": Race(
        "an administrator renames an account while demoted elsewhere", _actor_and_target,
        lambda built: [Job("act_as_and_rename", (built[0], built[1], "renamed")), Job("demote", (built[0],))],
        _nothing_done_after_the_demotion,
    ),
}
