"""Two (or more) writers started together on one database file: in one process (workspaces of their own,
each its own engine, released by an asyncio.Barrier) or in processes of their own (multiprocessing,
released by a multiprocessing.Barrier). What each writer does is named by a job (an action and its
arguments), so that a process can be told it through a pipe; what it got back is a short outcome:
"ok" or the name of the known error it met."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import shutil
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER
from homelog_desktop.services.workspace import Workspace
from tests.helpers.workspaces import open_workspace

OK = "ok"
PROCESS_TIMEOUT_S = 120


@dataclass(frozen=True)
class Job:
    """One writer's part of a round: an action of ACTIONS and its arguments."""

    action: str
    args: tuple[Any, ...] = field(default=())


Prepared = Any
Action = Callable[[Workspace, Prepared, tuple[Any, ...]], Awaitable[Any]]


async def _nothing(_workspace: Workspace, _args: tuple[Any, ...]) -> None:
    return None


async def _snapshot(workspace: Workspace, args: tuple[Any, ...]) -> Any:
    return await workspace.accounts.get(args[0])  # what the form was loaded from, before the barrier


async def _disable(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    await workspace.roles.disable(args[0])


async def _demote(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    await workspace.roles.set_role(args[0], ROLE_MEMBER)


async def _delete(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    await workspace.accounts.delete(args[0])


async def _create(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    await workspace.accounts.create(args[0])


async def _edit(workspace: Workspace, seen: Prepared, args: tuple[Any, ...]) -> None:
    await workspace.accounts.update(seen.id, email=seen.email, username=args[1], based_on=seen)


async def _delete_seen(workspace: Workspace, seen: Prepared, _args: tuple[Any, ...]) -> None:
    await workspace.accounts.delete(seen.id, based_on=seen)


async def _wrong_sign_ins(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    email, password, count = args
    await asyncio.gather(*(workspace.sign_in.sign_in(email, password) for _ in range(count)))


async def _first_administrator(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    await workspace.roles.make_first_administrator(args[0])


async def _act_as_and_rename(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    actor_id, target_id, name = args
    workspace.act_as(await workspace.accounts.get(actor_id))
    target = await workspace.accounts.get(target_id)
    await workspace.accounts.update(target_id, email=target.email, username=name)


async def _promote(workspace: Workspace, _prepared: Prepared, args: tuple[Any, ...]) -> None:
    await workspace.roles.set_role(args[0], ROLE_ADMINISTRATOR)


# action: (what is read before the barrier, what is done after it)
ACTIONS: dict[str, tuple[Callable[[Workspace, tuple[Any, ...]], Awaitable[Prepared]], Action]] = {
    "disable": (_nothing, _disable),
    "demote": (_nothing, _demote),
    "delete": (_nothing, _delete),
    "create": (_nothing, _create),
    "edit": (_snapshot, _edit),
    "delete_seen": (_snapshot, _delete_seen),
    "wrong_sign_ins": (_nothing, _wrong_sign_ins),
    "first_administrator": (_nothing, _first_administrator),
    "act_as_and_rename": (_nothing, _act_as_and_rename),
    "promote": (_nothing, _promote),
}


async def _outcome(work: Awaitable[Any]) -> str:
    try:
        await work
    except HomeLogError as error:
        return type(error).__name__
    return OK


async def at_once_in_process(path: Path, jobs: Sequence[Job], **options: Any) -> list[str]:
    """Each job in a workspace of its own on `path` (own engine), all released at the same moment."""
    barrier = asyncio.Barrier(len(jobs))

    async def one(job: Job) -> str:
        prepare, act = ACTIONS[job.action]
        async with open_workspace(path, **options) as workspace:
            prepared = await prepare(workspace, job.args)
            await barrier.wait()
            return await _outcome(act(workspace, prepared, job.args))

    return list(await asyncio.gather(*(one(job) for job in jobs)))


def _serve(connection: Connection, barrier: Any) -> None:
    """A writer process: runs the jobs it is sent, one round at a time, until it is sent None."""

    async def round_of(path: Path, job: Job) -> str:
        prepare, act = ACTIONS[job.action]
        async with open_workspace(path) as workspace:
            prepared = await prepare(workspace, job.args)
            await asyncio.to_thread(barrier.wait, PROCESS_TIMEOUT_S)
            return await _outcome(act(workspace, prepared, job.args))

    while (message := connection.recv()) is not None:
        path, job = message
        try:
            connection.send(asyncio.run(round_of(path, job)))
        except BaseException as error:  # a bug: the test shows it instead of waiting for the timeout
            connection.send(f"bug: {type(error).__name__}: {error}")
            raise


class WriterProcesses:
    """`count` writer processes (spawned: no state of the test's process comes along) and the barrier that
    starts their jobs together."""

    def __init__(self, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._barrier = context.Barrier(count)
        self._pipes: list[Connection] = []
        self._processes = []
        for number in range(count):
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, self._barrier), name=f"writer-{number}")
            process.start()
            theirs.close()
            self._pipes.append(ours)
            self._processes.append(process)

    def run(self, path: Path, jobs: Sequence[Job]) -> list[str]:
        """Each writer runs its job on `path`; their outcomes, in the order of `jobs`."""
        assert len(jobs) == len(self._pipes)
        for pipe, job in zip(self._pipes, jobs, strict=True):
            pipe.send((path, job))
        outcomes = []
        for pipe in self._pipes:
            assert pipe.poll(PROCESS_TIMEOUT_S), "a writer process did not answer"
            outcomes.append(pipe.recv())
        return outcomes

    def close(self) -> None:
        """Tell every writer to stop, and wait for it."""
        for pipe in self._pipes:
            with contextlib.suppress(OSError):
                pipe.send(None)
        for process in self._processes:
            process.join(PROCESS_TIMEOUT_S)
            if process.is_alive():
                process.kill()
                process.join()
        for pipe in self._pipes:
            pipe.close()


@contextlib.contextmanager
def writer_processes(count: int = 2) -> Iterator[WriterProcesses]:
    """`count` writer processes, stopped when the block ends."""
    writers = WriterProcesses(count)
    try:
        yield writers
    finally:
        writers.close()


async def build_template(path: Path, build: Callable[[Workspace], Awaitable[Any]]) -> Any:
    """A database built once by `build` and closed (so it is one file to copy); what `build` returned."""
    async with open_workspace(path) as workspace:
        return await build(workspace)


def fresh_copy(template_path: Path, folder: Path, round_number: int) -> Path:
    """A copy of the template database for one round."""
    path = folder / f"round-{round_number}.db"
    shutil.copyfile(template_path, path)
    return path
