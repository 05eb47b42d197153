"""Running an import: round trips with hashes, all or nothing, read-only databases, stopping before the commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from homelog_desktop.errors import DatabaseError, InvalidInputError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.transfer import (
    ExportOptions,
    ImportCancelledError,
    OnExisting,
    RowStatus,
    TransferFormat,
    read_import_file,
)
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.workspaces import open_workspace
from tests.services.transfer.conftest import (
    OTHER_PASSWORD,
    dump,
    seed,
    snapshot,
    write,
)


@pytest.mark.parametrize("kind", list(TransferFormat))
@pytest.mark.asyncio
async def test_round_trip_with_hashes_gives_the_same_accounts(
    service: AccountService, workspace: Workspace, target: Workspace, tmp_path: Path, kind: TransferFormat
) -> None:
    await seed(service)
    path = tmp_path / f"accounts.{kind.value}"
    await workspace.transfer.export_to_file(ExportOptions(format=kind, include_hashes=True), path)
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert report.written and len(report.created_ids) == 3
    assert snapshot(await target.accounts.list_page()) == snapshot(await service.list_page())
    assert await target.accounts.check_password(1, GOOD_PASSWORD)
    assert await target.accounts.check_password(3, OTHER_PASSWORD)
    assert not await target.accounts.check_password(3, GOOD_PASSWORD)
    assert report.backup is not None and report.backup.stat().st_mode & 0o777 == 0o600


@pytest.mark.asyncio
async def test_round_trip_without_hashes_imports_accounts_without_passwords(
    service: AccountService, workspace: Workspace, target: Workspace, tmp_path: Path
) -> None:
    await seed(service)
    path = tmp_path / "plain.csv"
    await workspace.transfer.export_to_file(ExportOptions(), path)
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert [a.has_password for a in await target.accounts.list_page()] == [False, False, False]
    assert report.plan.rows[0].reason.startswith("No password")


@pytest.mark.asyncio
async def test_one_invalid_row_writes_nothing_and_is_reported(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "email,username\nok@example.org,Ok\nnot-an-email,Bad\nfine@example.org,\n")
    before = dump(target.path)
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert not report.written and report.plan.has_errors
    assert [(r.number, r.email, r.status) for r in report.plan.rows] == [
        (1, "ok@example.org", RowStatus.CREATE),
        (2, "not-an-email", RowStatus.ERROR),
        (3, "fine@example.org", RowStatus.CREATE),
    ]
    assert "not a valid email address" in report.plan.rows[1].reason
    assert report.summary() == "1 row has an error; nothing was imported."
    assert dump(target.path) == before
    assert not list(tmp_path.glob("*before-import*"))
    with pytest.raises(InvalidInputError, match="nothing was imported"):
        await target.transfer.run_import(report.plan)


@pytest.mark.asyncio
async def test_a_read_only_database_is_not_imported_into(service: AccountService, tmp_path: Path) -> None:
    async with open_workspace(service.path, read_only=True) as read_only:
        path = write(tmp_path / "a.csv", "email\na@example.org\n")
        plan = await read_only.transfer.plan_import(await read_import_file(path), OnExisting.ABORT)
        with pytest.raises(DatabaseError, match="read-only"):
            await read_only.transfer.run_import(plan)
    assert await service.count() == 0 and not list(tmp_path.glob("*before-import*"))


@pytest.mark.asyncio
async def test_a_stopped_import_writes_nothing_and_keeps_no_backup(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "many.csv", "email\n" + "".join(f"u{n}@example.org\n" for n in range(1200)))
    plan = await target.transfer.plan_import(await read_import_file(path), OnExisting.ABORT)
    done: list[int] = []
    with pytest.raises(ImportCancelledError):
        await target.transfer.run_import(plan, should_stop=lambda: bool(done), progress=lambda d, _t: done.append(d))
    assert await target.accounts.count() == 0
    assert not list(tmp_path.glob("*before-import*"))
