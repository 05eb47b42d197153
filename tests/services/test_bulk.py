"""BulkService: selections resolved a page at a time, one transaction per action with an entry per
account, the last-administrator rule over the whole set, and a bulk delete undone with everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from homelog_desktop.errors import HomeLogError, NotFoundError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.services.bulk import BulkAction, LastAdministratorsInSetError, Selection, describe_set
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.workspaces import execute, rows, stored_hash

AUDIT = "SELECT action, target_id FROM homelog_desktop_audit WHERE action = ? ORDER BY target_id"


async def _accounts(workspace: Workspace, count: int, domain: str = "example.org") -> list[int]:
    created = [await workspace.accounts.create(f"user{n:04}@{domain}") for n in range(count)]
    return [account.id for account in created]


def test_the_confirmation_counts_and_names_a_few() -> None:
    emails = ["ann@example.org", "bob@example.org", "cy@example.org", "dee@example.org"]
    assert describe_set("Disable", emails, 1204) == (
        "Disable 1,204 accounts: ann@example.org, bob@example.org, cy@example.org and 1,201 more?"
    )
    assert describe_set("Delete", emails[:1], 1) == "Delete 1 account: ann@example.org?"
    assert Selection.matching("x", excluding=[1, 2]).count(10) == 8
    assert Selection.of([3, 4]).count(10) == 2


@pytest.mark.asyncio
async def test_everything_matching_except_is_read_in_pages(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("homelog_desktop.services.bulk.ID_PAGE", 7)
    old = await _accounts(workspace, 20, "old.example.org")
    await _accounts(workspace, 5, "new.example.org")
    seen: list[tuple[int, int]] = []
    selection = Selection.matching("@old.example", excluding=[old[3], old[11]])
    ids = await workspace.bulk.resolve(selection, progress=lambda done, total: seen.append((done, total)), total=18)
    assert ids == [user_id for user_id in old if user_id not in (old[3], old[11])]
    assert len(seen) == 3  # pages of 7, 7 and 6 ids
    await workspace.roles.disable(old[0])
    disabled = await workspace.bulk.resolve(Selection.matching("", AccountFilter.DISABLED))
    assert disabled == [old[0]]
    assert await workspace.bulk.resolve(Selection.of([old[1], 99_999])) == [old[1]]  # gone ones are left out


@pytest.mark.asyncio
async def test_disable_is_one_transaction_with_an_entry_per_account(workspace: Workspace, db_path: Path) -> None:
    ids = await _accounts(workspace, 4)
    await workspace.roles.disable(ids[0])
    changed = await workspace.bulk.apply(BulkAction.DISABLE, ids)
    assert [account.id for account in changed] == ids[1:]  # the one already disabled is left as it was
    assert all(account.disabled for account in changed)
    assert rows(db_path, AUDIT, "disable") == [("disable", user_id) for user_id in ids]
    await workspace.bulk.apply(BulkAction.ENABLE, ids)
    assert not any(account.disabled for account in await workspace.accounts.list_page())
    assert len(rows(db_path, AUDIT, "enable")) == 4


@pytest.mark.asyncio
async def test_a_failure_part_way_writes_nothing(workspace: Workspace, db_path: Path) -> None:
    ids = await _accounts(workspace, 3)
    with pytest.raises(NotFoundError):
        await workspace.bulk.apply(BulkAction.REQUIRE_PASSWORD_CHANGE, [ids[0], ids[1], 99_999, ids[2]])
    assert not any(account.must_change_password for account in await workspace.accounts.list_page())
    assert rows(db_path, AUDIT, "must_change_password") == []
    with pytest.raises(NotFoundError):
        await workspace.bulk.delete([ids[0], 99_999])
    assert await workspace.accounts.count() == 3


@pytest.mark.asyncio
async def test_the_last_administrator_rule_holds_over_the_whole_set(workspace: Workspace, db_path: Path) -> None:
    ids = await _accounts(workspace, 4)
    for user_id in ids[:2]:
        await workspace.roles.set_role(user_id, ROLE_ADMINISTRATOR)
    # Each alone could go; both together would leave none: refused before asking, and by the write itself.
    for action in (BulkAction.DISABLE, BulkAction.MAKE_MEMBER, BulkAction.DELETE):
        with pytest.raises(LastAdministratorsInSetError, match="every enabled administrator"):
            await workspace.bulk.check(action, ids)
    with pytest.raises(HomeLogError, match="last administrator"):
        await workspace.bulk.apply(BulkAction.DISABLE, ids)
    with pytest.raises(HomeLogError, match="last administrator"):
        await workspace.bulk.delete(ids)
    assert await workspace.roles.count_administrators() == 2
    assert rows(db_path, AUDIT, "disable") == []
    await workspace.bulk.check(BulkAction.DISABLE, ids[1:])  # one administrator stays
    await workspace.bulk.check(BulkAction.ENABLE, ids)
    assert len(await workspace.bulk.apply(BulkAction.MAKE_MEMBER, ids[1:])) == 1


@pytest.mark.asyncio
async def test_a_bulk_delete_is_undone_with_everything(workspace: Workspace, db_path: Path) -> None:
    ann = await workspace.accounts.create("ann@example.org", password=GOOD_PASSWORD)
    ids = [ann.id, *await _accounts(workspace, 3)]
    await workspace.roles.disable(ids[1])
    keeper = await workspace.accounts.create("keeper@example.org")
    execute(db_path, "CREATE TABLE data_sources (id INTEGER PRIMARY KEY, owner_id INTEGER "
                     "REFERENCES users(id) ON DELETE SET NULL)")
    execute(db_path, "INSERT INTO data_sources (owner_id) VALUES (?)", ann.id)
    hashed = stored_hash(db_path, ann.id)
    deleted = await workspace.bulk.delete(ids)
    assert await workspace.accounts.count() == 1
    assert rows(db_path, "SELECT owner_id FROM data_sources") == [(None,)]
    assert rows(db_path, AUDIT, "delete") == [("delete", user_id) for user_id in ids]
    restored = await workspace.bulk.undo_delete(deleted)
    assert sorted(account.id for account in restored) == ids
    assert stored_hash(db_path, ann.id) == hashed
    assert (await workspace.accounts.get(ids[1])).disabled
    assert rows(db_path, "SELECT owner_id FROM data_sources") == [(ann.id,)]
    assert len(rows(db_path, AUDIT, "restore")) == 4
    assert (await workspace.accounts.get(keeper.id)).email == "keeper@example.org"
