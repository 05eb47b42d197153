"""No two accounts differ only by case or normal form, whichever path writes them (create, update, import,
undo), also against addresses home-log wrote; home-log's own case twins stay editable."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from homelog_desktop.errors import DuplicateEmailError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.workspace import Workspace
from tests.helpers.homelog_schema import create_homelog_database, homelog_rows, insert_user
from tests.helpers.workspaces import open_workspace

COMPOSED, DECOMPOSED = "\u00e9mile@example.org", "e\u0301mile@example.org"
# (stored first, then the twin refused): case, normal form, full case folding.
TWINS = [
    ("Émile@example.org", "émile@example.org"),
    (COMPOSED, DECOMPOSED),
    (DECOMPOSED, "ÉMILE@EXAMPLE.ORG"),
    ("straße@example.org", "STRASSE@example.org"),
    ("ann@example.org", "ANN@Example.Org"),
]
IDS = ["case", "normal form", "decomposed and upper case", "sharp s", "ascii"]


@pytest.mark.asyncio
@pytest.mark.parametrize(("first", "twin"), TWINS, ids=IDS)
async def test_create_refuses_a_twin(service: AccountService, first: str, twin: str) -> None:
    await service.create(first, None)
    with pytest.raises(DuplicateEmailError):
        await service.create(twin, None)
    assert await service.count() == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(("first", "twin"), TWINS, ids=IDS)
async def test_update_refuses_a_twin(service: AccountService, first: str, twin: str) -> None:
    await service.create(first, None)
    other = await service.create("other@example.org", "Other")
    with pytest.raises(DuplicateEmailError):
        await service.update(other.id, email=twin, username="Other")
    assert (await service.get(other.id)).email == "other@example.org"


@pytest.mark.asyncio
@pytest.mark.parametrize(("first", "twin"), TWINS, ids=IDS)
async def test_undo_refuses_a_twin(service: AccountService, first: str, twin: str) -> None:
    deleted = await service.delete((await service.create(first, None)).id)
    await service.create(twin, None)
    with pytest.raises(DuplicateEmailError):
        await service.undo_delete(deleted)
    assert await service.count() == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(("first", "twin"), TWINS, ids=IDS)
async def test_import_finds_a_twin_existing_or_in_the_file(
    workspace: Workspace, tmp_path: Path, first: str, twin: str
) -> None:
    await workspace.accounts.create(first, None)
    source = tmp_path / "twin.csv"
    source.write_text(f"email,username\n{twin},Twin\n", encoding="utf-8")
    from homelog_desktop.data.transfer_dao import OnExisting

    report = await workspace.transfer.import_file(source, OnExisting.SKIP)
    assert report.skipped == 1 and await workspace.accounts.count() == 1
    both = tmp_path / "both.csv"
    both.write_text(f"email,username\nnew.{first},A\nnew.{twin},B\n", encoding="utf-8")
    report = await workspace.transfer.import_file(both, OnExisting.SKIP)
    assert not report.written and await workspace.accounts.count() == 1  # the second row repeats the first


@pytest.mark.asyncio
async def test_an_address_home_log_wrote_is_compared_too(tmp_path: Path) -> None:
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann")])
    async with open_workspace(path) as workspace:
        insert_user(path, DECOMPOSED, "Émile")  # written by home-log while we have the file open
        with pytest.raises(DuplicateEmailError):
            await workspace.accounts.create("ÉMILE@example.org", None)
        assert (await workspace.accounts.find(COMPOSED)).username == "Émile"
        assert (await workspace.accounts.find("Émile@EXAMPLE.org")).id == 2
        await workspace.accounts.create("zoe@example.org", None)  # a write computes the keys others left
    keys = homelog_rows(path, "SELECT user_id, email_key FROM homelog_desktop_email_key ORDER BY user_id")
    assert keys == [(1, "ann@example.org"), (2, unicodedata.normalize("NFC", COMPOSED)), (3, "zoe@example.org")]


@pytest.mark.asyncio
async def test_twins_home_log_already_holds_stay_editable(tmp_path: Path) -> None:
    """home-log's UNIQUE(email) is case-sensitive: a file may hold Ann@ and ann@ already."""
    path = create_homelog_database(tmp_path / "home-log.db", [("Ann@example.org", "Big"), ("ann@example.org", "Small")])
    async with open_workspace(path) as workspace:
        small = await workspace.accounts.update(2, email="ann@example.org", username="Smaller")
        assert small.username == "Smaller"
        with pytest.raises(DuplicateEmailError):
            await workspace.accounts.update(2, email="Ann@example.org", username="Smaller")  # the other's
        carl = await workspace.accounts.create("carl@example.org", None)
        with pytest.raises(DuplicateEmailError):
            await workspace.accounts.update(carl.id, email="ANN@example.org", username=None)
        assert (await workspace.accounts.find("ANN@EXAMPLE.ORG")).id == 1  # the lowest id of the twins
