"""Exporter: CSV and JSON exports of the accounts shown (search, order, Show filter), hashes only if asked,
written to a file only once complete."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from homelog_desktop.services.accounts import AccountFilter, AccountService, SortColumn
from homelog_desktop.services.transfer import (
    EXPORT_FIELDS,
    HASH_FIELD,
    ExportOptions,
    TransferFormat,
)
from homelog_desktop.services.workspace import Workspace
from tests.conftest import TEST_BCRYPT_COST
from tests.services.transfer.conftest import (
    export_text,
    seed,
    write,
)


@pytest.mark.asyncio
async def test_csv_export_has_the_columns_and_no_hash_by_default(service: AccountService, workspace: Workspace) -> None:
    await seed(service)
    text = await export_text(workspace)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(EXPORT_FIELDS)
    assert [row[1:4] for row in rows[1:]] == [
        ["ann@example.org", "Ann", "true"], ["bob@example.org", "", "false"], ["carl@home.net", "Annika", "true"],
    ]
    assert "$2" not in text and HASH_FIELD not in text


@pytest.mark.asyncio
async def test_json_export_with_hashes(service: AccountService, workspace: Workspace) -> None:
    await seed(service)
    records = json.loads(await export_text(workspace, format=TransferFormat.JSON, include_hashes=True))
    assert [list(record) for record in records] == [[*EXPORT_FIELDS, HASH_FIELD]] * 3
    assert records[1][HASH_FIELD] is None and records[1]["has_password"] is False
    assert records[0][HASH_FIELD].startswith(f"$2b$0{TEST_BCRYPT_COST}$")
    assert records[0]["created_at"].endswith("+00:00")


@pytest.mark.asyncio
async def test_export_of_nothing_is_still_valid(service: AccountService, workspace: Workspace) -> None:
    assert json.loads(await export_text(workspace, format=TransferFormat.JSON)) == []
    assert await export_text(workspace) == ",".join(EXPORT_FIELDS) + "\n"


@pytest.mark.asyncio
async def test_export_respects_search_and_order_across_pages(service: AccountService, workspace: Workspace) -> None:
    for number in range(7):
        await service.create(f"user{number}@example.org", f"Name {6 - number}")
    await service.create("other@example.net")
    options = ExportOptions(search="example.org", sort=SortColumn.USERNAME, descending=True)
    pages = [page async for page in workspace.transfer.export_records(options, page_size=3)]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [r["email"] for page in pages for r in page] == [f"user{n}@example.org" for n in range(7)]
    by_id = [r["id"] async for page in workspace.transfer.export_records(ExportOptions(), page_size=3) for r in page]
    assert by_id == sorted(by_id) and len(by_id) == 8


@pytest.mark.asyncio
async def test_export_keeps_to_the_accounts_the_show_filter_shows(
    service: AccountService, workspace: Workspace
) -> None:
    accounts = [await service.create(f"user{number}@example.org", None) for number in range(5)]
    for account in accounts[1:4]:
        await workspace.roles.disable(account.id)
    options = ExportOptions(filter=AccountFilter.DISABLED, sort=SortColumn.EMAIL, descending=True)
    exported = [r["email"] async for page in workspace.transfer.export_records(options, page_size=2) for r in page]
    assert exported == ["user3@example.org", "user2@example.org", "user1@example.org"]


@pytest.mark.asyncio
async def test_export_to_file_is_private_and_replaces_only_when_complete(
    service: AccountService, workspace: Workspace, tmp_path: Path
) -> None:
    await seed(service)
    path = write(tmp_path / "out.csv", "old content")
    path.chmod(0o644)
    assert await workspace.transfer.export_to_file(ExportOptions(include_hashes=True), path) == 3
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text().startswith("id,email")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
