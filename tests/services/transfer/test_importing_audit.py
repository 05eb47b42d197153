"""Imports are audited: one "import" entry per account created or updated, naming the changed fields
(never a hash), written in the import's own transaction so that a rolled-back import leaves none."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import bcrypt
import pytest

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.transfer import (
    HASH_FIELD,
    ImportCancelledError,
    OnExisting,
    read_import_file,
)
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST

NEW_PASSWORD = "Fresh7start"
BCRYPT = bcrypt.hashpw(NEW_PASSWORD.encode(), bcrypt.gensalt(TEST_BCRYPT_COST)).decode()


def write(path: Path, lines: Iterable[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def audit_rows(path: Path) -> list[tuple[str, int | None, str | None, list[str]]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT action, target_id, target_email, fields FROM homelog_desktop_audit ORDER BY id"
        ).fetchall()
    return [(action, target, email, json.loads(fields)) for action, target, email, fields in rows]


def audit_dump(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return repr(connection.execute("SELECT * FROM homelog_desktop_audit").fetchall())


@pytest.mark.asyncio
async def test_created_and_updated_accounts_get_one_entry_each(
    service: AccountService, workspace: Workspace, tmp_path: Path
) -> None:
    ann = await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
    bob = await service.create("bob@example.org", "Bob")
    start = len(audit_rows(service.path))
    path = write(tmp_path / "in.csv", [
        f"email,username,{HASH_FIELD}",
        f"ANN@example.org,Ann,{BCRYPT}",  # email spelling and password change, the name stays
        "bob@example.org,Bob,",  # nothing changes (its password is kept)
        f"new@example.org,New,{BCRYPT}",
        "plain@example.org,,",
    ])
    report = await workspace.transfer.import_file(path, OnExisting.UPDATE)
    assert report.written and len(report.created_ids) == 2 and report.updated_ids == (ann.id, bob.id)
    new_id, plain_id = report.created_ids
    assert audit_rows(service.path)[start:] == [
        ("import", new_id, "new@example.org", ["email", "username", "password"]),
        ("import", plain_id, "plain@example.org", ["email", "username"]),
        ("import", ann.id, "ANN@example.org", ["email", "password"]),
        ("import", bob.id, "bob@example.org", []),
    ]
    trail = audit_dump(service.path)
    assert BCRYPT not in trail and BCRYPT[7:27] not in trail and NEW_PASSWORD not in trail
    assert await workspace.audit.verify_chain() == (True, None)


@pytest.mark.asyncio
async def test_the_acting_administrator_is_recorded(
    service: AccountService, workspace: Workspace, tmp_path: Path
) -> None:
    admin = await service.create("admin@example.org", None, GOOD_PASSWORD)
    workspace.act_as(await workspace.roles.set_role(admin.id, "administrator"))  # only one acts
    await workspace.transfer.import_file(write(tmp_path / "in.csv", ["email", "x@example.org"]), OnExisting.SKIP)
    with contextlib.closing(sqlite3.connect(service.path)) as connection:
        last = connection.execute(
            "SELECT action, actor_id, actor_email FROM homelog_desktop_audit ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert last == ("import", admin.id, "admin@example.org")


@pytest.mark.asyncio
async def test_a_stopped_import_leaves_no_entries(
    service: AccountService, workspace: Workspace, tmp_path: Path
) -> None:
    await service.create("ann@example.org", None)
    before = audit_rows(service.path)
    path = write(tmp_path / "in.csv", ["email", *(f"user{n}@example.org" for n in range(600))])
    plan = await workspace.transfer.plan_import(await read_import_file(path), OnExisting.ABORT)
    calls = 0

    def stop_at_the_end() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3  # after the batches (and their entries) were written, before the commit

    with pytest.raises(ImportCancelledError):
        await workspace.transfer.run_import(plan, should_stop=stop_at_the_end)
    assert audit_rows(service.path) == before and await service.count() == 1
    assert await workspace.audit.verify_chain() == (True, None)


@pytest.mark.asyncio
async def test_a_big_import_chains_every_entry(service: AccountService, workspace: Workspace, tmp_path: Path) -> None:
    await service.create("first@example.org", None)
    path = write(tmp_path / "in.csv", ["email", *(f"user{n:04}@example.org" for n in range(2600))])
    report = await workspace.transfer.import_file(path, OnExisting.ABORT)
    assert len(report.created_ids) == 2600
    rows = audit_rows(service.path)
    assert len(rows) == 2601 and [row[1] for row in rows[1:]] == list(report.created_ids)
    assert await workspace.audit.verify_chain() == (True, None)
    await service.create("after@example.org", None)  # chains onto the last imported entry
    assert await workspace.audit.verify_chain() == (True, None)


@pytest.mark.asyncio
async def test_a_tampered_tail_before_an_import_is_still_detected(
    service: AccountService, workspace: Workspace, tmp_path: Path
) -> None:
    for name in ("a", "b", "c"):
        await service.create(f"{name}@example.org", None)
    with contextlib.closing(sqlite3.connect(service.path)) as connection, connection:
        connection.execute("DELETE FROM homelog_desktop_audit WHERE id = 3")
    path = write(tmp_path / "in.csv", ["email", "x@example.org", "y@example.org"])
    await workspace.transfer.import_file(path, OnExisting.ABORT)
    intact, first_bad = await workspace.audit.verify_chain()
    assert not intact and first_bad == 3
