"""Values another program stored that are not what they should be (a creation time 'yesterday', an integer
update time): shown as the raw text they are, marked; listing, sorting, filtering, searching, editing,
exporting, the report and the audit trail all keep working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from homelog_desktop.data.transfer_dao import OnExisting
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, UnreadableTime
from homelog_desktop.services.accounts import AccountFilter, SortColumn
from homelog_desktop.services.transfer.export import ExportOptions
from homelog_desktop.services.transfer.formats import TransferFormat
from tests.helpers.homelog_schema import HOMELOG_HASH, create_homelog_database, homelog_connection, insert_user
from tests.helpers.workspaces import open_workspace


def odd_database(path: Path) -> Path:
    """home-log's tables: ann as home-log wrote her, bob with times another program stored."""
    create_homelog_database(path)
    insert_user(path, "ann@example.org", "Ann", hashed_password=HOMELOG_HASH)
    insert_user(path, "bob@example.org", "Bob", hashed_password=HOMELOG_HASH)
    with homelog_connection(path) as connection:
        connection.execute("UPDATE users SET created_at = 'yesterday', updated_at = 1733100000 WHERE id = 2")
        connection.execute("UPDATE user_passwords SET updated_at = 'soon' WHERE user_id = 2")
    return path


@pytest.mark.asyncio
async def test_an_account_with_values_that_are_not_times_is_read_as_their_text(tmp_path: Path) -> None:
    async with open_workspace(odd_database(tmp_path / "home-log.db")) as workspace:
        bob = await workspace.accounts.get(2)
        assert bob.created_at == UnreadableTime("yesterday") and str(bob.created_at) == "yesterday"
        assert bob.updated_at == UnreadableTime(1733100000) and bob.updated_at.text == "1733100000"
        assert bob.password_updated_at == UnreadableTime("soon")
        assert bob.to_json()["created_at"] == "yesterday" and bob.to_json()["updated_at"] == "1733100000"
        ann = await workspace.accounts.get(1)
        assert not isinstance(ann.created_at, UnreadableTime)


@pytest.mark.asyncio
@pytest.mark.parametrize("sort", list(SortColumn))
@pytest.mark.parametrize("descending", [False, True])
async def test_lists_sort_and_page_through_them(tmp_path: Path, sort: SortColumn, descending: bool) -> None:
    path = odd_database(tmp_path / "home-log.db")
    for n in range(5):
        insert_user(path, f"user{n}@example.org", f"User {n}")
    async with open_workspace(path) as workspace:
        accounts = workspace.accounts
        whole = await accounts.list_page(sort=sort, descending=descending)
        assert len(whole) == 7
        paged, after = [], None
        while True:  # keyset paging across the odd values
            page = await accounts.list_page(sort=sort, descending=descending, limit=2, after=after)
            paged.extend(page)
            if len(page) < 2:
                break
            after = page[-1].page_key
        assert [a.id for a in paged] == [a.id for a in whole]
        assert await accounts.position_of(2, sort=sort, descending=descending) == [a.id for a in whole].index(2)
        assert [a.id for a in await accounts.list_page(sort=sort, offset=3, limit=2)] == [
            a.id for a in (await accounts.list_page(sort=sort))[3:5]]


@pytest.mark.asyncio
@pytest.mark.parametrize("account_filter", list(AccountFilter))
async def test_filters_and_searches_work(tmp_path: Path, account_filter: AccountFilter) -> None:
    async with open_workspace(odd_database(tmp_path / "home-log.db")) as workspace:
        await workspace.roles.set_role(2, ROLE_ADMINISTRATOR)
        listed = await workspace.accounts.list_page(filter=account_filter)
        assert len(listed) == await workspace.accounts.count(filter=account_filter)
        assert [a.id for a in await workspace.accounts.list_page(search="bob")] == [2]


@pytest.mark.asyncio
async def test_edits_undo_export_report_and_audit_keep_working(tmp_path: Path) -> None:
    async with open_workspace(odd_database(tmp_path / "home-log.db")) as workspace:
        bob = await workspace.accounts.get(2)
        edited = await workspace.accounts.update(2, email="bob@example.org", username="Robert", based_on=bob)
        assert edited.created_at == UnreadableTime("yesterday")
        deleted = await workspace.accounts.delete(2, based_on=edited)
        back = await workspace.accounts.undo_delete(deleted)
        assert back.created_at == UnreadableTime("yesterday")  # written back as it was stored
        target = tmp_path / "out.json"
        await workspace.transfer.export_to_file(ExportOptions(format=TransferFormat.JSON), target)
        exported = {record["id"]: record for record in json.loads(target.read_text())}
        assert exported[2]["created_at"] == "yesterday"
        report = {row.user_id: row for row in await workspace.readiness.report()}
        assert report[2].can_sign_in
        assert any("created_at is not a time: “yesterday”" in note for note in report[2].notes)
        assert any("password updated_at is not a time: “soon”" in note for note in report[2].notes)
        assert not any("not a time" in note for note in report[1].notes)
        assert [entry.action for entry in await workspace.audit.history(2)] == ["update", "delete", "restore"]
        csv_file = tmp_path / "out.csv"
        await workspace.transfer.export_to_file(ExportOptions(), csv_file)
        imported = await workspace.transfer.import_file(csv_file, OnExisting.SKIP, dry_run=True)
        assert imported.plan.has_errors  # a row whose time is not ISO 8601 is named, not a crash
