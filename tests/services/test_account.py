"""The one Account shape: the same account with the same state wherever it is read (get, find, a list
page, a sign-in, an undo); the basis of an edit; JSON without a hash."""

from __future__ import annotations

import dataclasses

import pytest

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD


@pytest.mark.asyncio
async def test_get_find_list_and_sign_in_give_the_same_account(workspace: Workspace) -> None:
    ann = await workspace.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
    await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)
    await workspace.roles.set_must_change_password(ann.id)
    got = await workspace.accounts.get(ann.id)
    assert got.is_administrator and got.role == ROLE_ADMINISTRATOR and got.must_change_password
    assert await workspace.accounts.find("ANN@example.org") == got
    [listed] = await workspace.accounts.list_page()
    assert listed.page_key is not None and listed.is_administrator  # the list says what get says
    assert listed == dataclasses.replace(got, page_key=listed.page_key)
    signed_in = await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    assert signed_in.account is not None and signed_in.account.is_administrator
    assert signed_in.account.last_sign_in_at is not None


@pytest.mark.asyncio
async def test_an_undone_delete_gives_back_the_account_with_its_state(workspace: Workspace) -> None:
    first = await workspace.accounts.create("first@example.org", None, GOOD_PASSWORD)
    ann = await workspace.accounts.create("ann@example.org", None, GOOD_PASSWORD)
    await workspace.roles.set_role(first.id, ROLE_ADMINISTRATOR)
    await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)
    await workspace.roles.disable(ann.id)
    before = await workspace.accounts.get(ann.id)
    restored = await workspace.accounts.undo_delete(await workspace.accounts.delete(ann.id))
    assert restored == before and restored.disabled and restored.is_administrator


@pytest.mark.asyncio
async def test_the_basis_of_an_edit_is_what_the_user_saw(workspace: Workspace) -> None:
    ann = await workspace.accounts.create("ann@example.org", "Ann", GOOD_PASSWORD)
    basis = ann.basis()
    assert (basis.email, basis.username, basis.has_password, basis.updated_at) == (
        "ann@example.org", "Ann", True, ann.updated_at
    )
    assert basis.differences(basis) == []
    changed = (await workspace.accounts.clear_password(ann.id)).basis()
    assert basis.differences(changed) == [("has_password", True, False)]


@pytest.mark.asyncio
async def test_json_never_holds_a_hash(workspace: Workspace) -> None:
    ann = await workspace.accounts.create("ann@example.org", None, GOOD_PASSWORD)
    data = ann.to_json()
    assert set(data) == {"id", "email", "username", "has_password", "created_at", "updated_at"}
    assert "$2b$" not in repr(ann) and "$2b$" not in str(data)
