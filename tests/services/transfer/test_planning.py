"""Planning an import: create, update, skip or error for each row, depending on the accounts that exist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from homelog_desktop.services.transfer import (
    HASH_FIELD,
    OnExisting,
    RowStatus,
    read_import_file,
)
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.services.transfer.conftest import (
    BCRYPT,
    NEW_PASSWORD,
    write,
)


@pytest.mark.asyncio
async def test_existing_accounts_skip_update_or_abort(target: Workspace, tmp_path: Path) -> None:
    await target.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
    lines = [f"{HASH_FIELD},email,username", f"{BCRYPT},ANN@example.org,Ann Lee", ",new@example.org,New"]
    path = write(tmp_path / "e.csv", "\n".join(lines) + "\n")

    aborted = await target.transfer.import_file(path, OnExisting.ABORT)
    assert [r.status for r in aborted.plan.rows] == [RowStatus.ERROR, RowStatus.CREATE]
    assert "Account 1 already has this email address" in aborted.plan.rows[0].reason
    assert await target.accounts.count() == 1

    dry = await target.transfer.import_file(path, OnExisting.SKIP, dry_run=True)
    assert not dry.written and dry.summary().startswith("Dry run: 1 to create, 0 to update, 1 skipped")
    assert await target.accounts.count() == 1 and not list(tmp_path.glob("*before-import*"))

    skipped = await target.transfer.import_file(path, OnExisting.SKIP)
    # The skipped row is not even sent; the report counts it (it once said "0 skipped" after a write).
    assert (len(skipped.created_ids), skipped.skipped) == (1, 1)
    assert skipped.summary() == "Imported: 1 created, 0 updated, 1 skipped."
    assert (await target.accounts.get(1)).username == "Ann" and await target.accounts.check_password(1, GOOD_PASSWORD)

    updated = await target.transfer.import_file(path, OnExisting.UPDATE)
    assert [r.status for r in updated.plan.rows] == [RowStatus.UPDATE, RowStatus.UPDATE]
    assert updated.updated_ids == (1, 2)
    ann = await target.accounts.get(1)
    assert (ann.email, ann.username) == ("ANN@example.org", "Ann Lee")
    assert not await target.accounts.check_password(1, GOOD_PASSWORD)  # replaced by the file's hash, as it is
    assert await target.accounts.check_password(1, NEW_PASSWORD)
    assert (await target.accounts.get(2)).username == "New"


@pytest.mark.asyncio
async def test_the_plan_can_be_redone_for_another_choice(target: Workspace, tmp_path: Path) -> None:
    await target.accounts.create("ann@example.org")
    source = await read_import_file(write(tmp_path / "p.json", json.dumps([{"email": "ann@example.org"}])))
    plan = await target.transfer.plan_import(source, OnExisting.SKIP)
    assert plan.rows[0].status is RowStatus.SKIP and not plan.will_write
    update = await plan.with_on_existing(OnExisting.UPDATE)
    assert update.rows[0].status is RowStatus.UPDATE and update.will_write
    assert (await plan.with_on_existing(OnExisting.ABORT)).has_errors
