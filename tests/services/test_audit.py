"""AuditTrail: an entry for every write, in the write's own transaction, never a secret; the hash chain
and what it detects; the history's filters (actions, email) and the action vocabulary. Real SQLite
file, real bcrypt at cost 4, an injected clock."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from homelog_desktop.data.audit_dao import audit_entry_hash
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.audit_actions import (
    ACTION_GROUPS,
    ACTION_LABELS,
    action_label,
    fields_text,
)
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.helpers.clock import Clock
from tests.helpers.template_database import fresh_database_file
from tests.helpers.workspaces import execute, open_workspace, rows, stored_hash

WRONG = "Wrong7password"


@pytest_asyncio.fixture
async def workspace(db_path: Path, clock: Clock) -> AsyncIterator[Workspace]:
    async with open_workspace(fresh_database_file(db_path), now=clock) as opened:
        yield opened


def audit_rows(path: Path) -> list[tuple[object, ...]]:
    return rows(path, "SELECT * FROM homelog_desktop_audit ORDER BY id")


@pytest.mark.asyncio
async def test_every_change_is_audited_without_secrets(
    service: AccountService, workspace: Workspace, db_path: Path, clock: Clock
) -> None:
    admin = await service.create("admin@example.org", password=GOOD_PASSWORD)
    await workspace.roles.set_role(admin.id, "administrator")
    workspace.act_as(admin)
    ann = await service.create("ann@example.org", "Ann")
    await service.update(ann.id, email="ann@example.org", username="Annie")
    await service.set_password(ann.id, GOOD_PASSWORD)
    await service.clear_password(ann.id)
    await workspace.roles.set_role(ann.id, "administrator")
    await workspace.roles.disable(ann.id)
    await workspace.roles.enable(ann.id)
    await workspace.roles.unlock(ann.id)
    deleted = await service.delete(ann.id)
    await service.undo_delete(deleted)
    await workspace.sign_in.sign_in("admin@example.org", WRONG)
    await workspace.sign_in.sign_in("admin@example.org", GOOD_PASSWORD)
    history = await workspace.audit.history()
    assert [(entry.action, entry.fields) for entry in history] == [
        ("create", ("email", "username", "password")),
        ("make_administrator", ("role",)),
        ("create", ("email", "username")),
        ("update", ("username",)),
        ("password_set", ("password",)),
        ("password_cleared", ("password",)),
        ("make_administrator", ("role",)),
        ("disable", ("disabled",)),
        ("enable", ("disabled",)),
        ("unlock", ("failed_attempts", "locked_until")),
        ("delete", ()),
        ("restore", ("email", "username")),
        ("sign_in_failed", ("failed_attempts",)),  # never "password": a failed sign-in changes none
        ("sign_in", ()),
    ]
    assert {history[0].actor_id, history[1].actor_id} == {None}  # before anyone acted
    assert {(e.actor_id, e.actor_email) for e in history[2:]} == {(admin.id, "admin@example.org")}
    assert {e.target_id for e in history[2:12]} == {ann.id} and history[2].target_email == "ann@example.org"
    assert all(entry.at == clock() for entry in history)
    assert [e.action for e in await workspace.audit.history(ann.id)][:2] == ["create", "update"]
    assert [e.id for e in await workspace.audit.recent_history(limit=2)] == [history[-1].id, history[-2].id]
    stored = " ".join(map(str, audit_rows(db_path)))
    hashed = stored_hash(db_path, admin.id)
    assert hashed is not None and hashed not in stored and GOOD_PASSWORD not in stored and WRONG not in stored
    assert await workspace.audit.verify_chain() == (True, None)


@pytest.mark.asyncio
async def test_the_audit_chain_detects_a_modified_entry(
    service: AccountService, workspace: Workspace, db_path: Path
) -> None:
    for name in ("ann", "bob", "cid"):
        await service.create(f"{name}@example.org")
    assert await workspace.audit.verify_chain() == (True, None)
    execute(db_path, "UPDATE homelog_desktop_audit SET target_email = 'eve@example.org' WHERE id = 2")
    assert await workspace.audit.verify_chain() == (False, 2)


@pytest.mark.asyncio
async def test_the_audit_chain_detects_a_rehashed_modified_entry(
    service: AccountService, workspace: Workspace, db_path: Path
) -> None:
    for name in ("ann", "bob", "cid"):
        await service.create(f"{name}@example.org")
    entry = (await workspace.audit.history())[0]
    forged = audit_entry_hash(entry.previous_hash, {
        "id": 1, "at": entry.at, "actor_id": None, "actor_email": None, "target_id": 1,
        "target_email": "eve@example.org", "action": "create", "fields": ["email", "username"],
    })
    execute(db_path, "UPDATE homelog_desktop_audit SET target_email = 'eve@example.org', entry_hash = ? WHERE id = 1",
            forged)
    assert await workspace.audit.verify_chain() == (False, 2)  # the next entry no longer follows on


@pytest.mark.asyncio
@pytest.mark.parametrize(("removed", "first_bad"), [(2, 2), (1, 1), (4, 4)])
async def test_the_audit_chain_detects_a_deleted_entry(
    service: AccountService, workspace: Workspace, db_path: Path, removed: int, first_bad: int
) -> None:
    for name in ("ann", "bob", "cid", "dan"):
        await service.create(f"{name}@example.org")
    execute(db_path, "DELETE FROM homelog_desktop_audit WHERE id = ?", removed)
    assert await workspace.audit.verify_chain() == (False, first_bad)


@pytest.mark.asyncio
async def test_a_write_and_its_audit_entry_are_saved_together_or_not_at_all(
    service: AccountService, workspace: Workspace, db_path: Path
) -> None:
    ann = await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
    before = rows(db_path, "SELECT hashed_password FROM user_passwords")
    # The audit table refuses every new entry (as a full disk or a damaged page would refuse it).
    execute(db_path, "CREATE TRIGGER refuse_audit BEFORE INSERT ON homelog_desktop_audit "
                     "BEGIN SELECT RAISE(ABORT, 'audit refused'); END")
    for write in (
        service.create("bob@example.org", None, GOOD_PASSWORD),
        service.update(ann.id, email="ann@example.net", username="Ann"),
        service.set_password(ann.id, "Another7pass"),
        service.clear_password(ann.id),
        service.delete(ann.id),
    ):
        with pytest.raises(Exception, match="audit refused"):
            await write
    assert rows(db_path, "SELECT id, email, username FROM users") == [(ann.id, "ann@example.org", "Ann")]
    assert rows(db_path, "SELECT hashed_password FROM user_passwords") == before
    assert [entry.action for entry in await workspace.audit.history()] == ["create"]


async def seed(service: AccountService, workspace: Workspace) -> None:
    ann = await service.create("Ann@Example.org", password=GOOD_PASSWORD)
    await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)
    workspace.act_as(ann)
    bob = await service.create("bob_smith@example.org")
    await service.set_password(bob.id, GOOD_PASSWORD)
    await service.create("bobXsmith@example.org")
    await service.create("100%real@example.net")
    await workspace.roles.disable(bob.id)
    workspace.act_as(None)
    await workspace.sign_in.sign_in("ann@example.org", GOOD_PASSWORD)
    await workspace.sign_in.sign_in("ann@example.org", WRONG)
    await workspace.sign_in.sign_in("nobody@example.org", WRONG)


@pytest.mark.asyncio
async def test_no_filters_lists_everything_newest_first(service: AccountService, workspace: Workspace) -> None:
    await seed(service, workspace)
    entries = await workspace.audit.recent_history()
    assert [entry.id for entry in entries] == sorted((entry.id for entry in entries), reverse=True)
    assert len(entries) == await workspace.audit.count_history() == 10
    assert await workspace.audit.recent_history(before_id=entries[0].id, limit=3) == entries[1:4]


@pytest.mark.asyncio
async def test_actions_filter(service: AccountService, workspace: Workspace) -> None:
    await seed(service, workspace)
    sign_ins = await workspace.audit.recent_history(actions=("sign_in", "sign_in_failed"))
    assert [entry.action for entry in sign_ins] == ["sign_in_failed", "sign_in_failed", "sign_in"]
    assert await workspace.audit.count_history(actions={"sign_in", "sign_in_failed"}) == 3
    assert await workspace.audit.recent_history(actions=()) == []
    assert await workspace.audit.count_history(actions=[]) == 0
    assert await workspace.audit.recent_history(actions=["no_such_action"]) == []


@pytest.mark.asyncio
async def test_email_filter_matches_target_or_actor_in_any_case(
    service: AccountService, workspace: Workspace
) -> None:
    await seed(service, workspace)
    about_ann = await workspace.audit.recent_history(email="ANN@example")
    # Ann's own entries (target), and everything she did as the acting administrator (actor).
    assert {entry.action for entry in about_ann} == {
        "create", "make_administrator", "password_set", "disable", "sign_in", "sign_in_failed"
    }
    assert all(
        "ann@example.org" in ((entry.target_email or "").lower(), (entry.actor_email or "").lower())
        for entry in about_ann
    )
    assert await workspace.audit.count_history(email="ann@EXAMPLE.org") == len(about_ann)
    targets = {entry.target_email for entry in await workspace.audit.recent_history(email="bob")}
    assert targets == {"bob_smith@example.org", "bobXsmith@example.org"}


@pytest.mark.asyncio
async def test_email_filter_treats_like_wildcards_as_text(service: AccountService, workspace: Workspace) -> None:
    await seed(service, workspace)
    underscore = await workspace.audit.recent_history(email="bob_smith")
    assert {entry.target_email for entry in underscore} == {"bob_smith@example.org"}
    percent = await workspace.audit.recent_history(email="100%real")
    assert {entry.target_email for entry in percent} == {"100%real@example.net"}
    assert await workspace.audit.recent_history(email="%") == percent
    assert await workspace.audit.recent_history(email="\\") == []


@pytest.mark.asyncio
async def test_filters_combine_and_page(service: AccountService, workspace: Workspace) -> None:
    await seed(service, workspace)
    by_or_about_ann = await workspace.audit.recent_history(email="ann@", actions=["create"])
    assert [entry.target_email for entry in by_or_about_ann] == [
        "100%real@example.net", "bobXsmith@example.org", "bob_smith@example.org", "Ann@Example.org"
    ]
    ann = by_or_about_ann[-1]
    smiths = await workspace.audit.recent_history(actions=["create", "password_set"], email="SMITH")
    assert [(entry.action, entry.target_email) for entry in smiths] == [
        ("create", "bobXsmith@example.org"), ("password_set", "bob_smith@example.org"),
        ("create", "bob_smith@example.org"),
    ]
    first = await workspace.audit.recent_history(actions=["create", "password_set"], email="SMITH", limit=2)
    rest = await workspace.audit.recent_history(
        actions=["create", "password_set"], email="SMITH", before_id=first[-1].id, limit=2
    )
    assert (len(first), len(rest)) == (2, 1)
    assert first + rest == smiths
    about_ann = await workspace.audit.recent_history(ann.target_id, actions=["make_administrator"])
    assert about_ann == await workspace.audit.recent_history(actions=["make_administrator"])


@pytest.mark.asyncio
async def test_every_action_the_services_record_has_a_label_and_a_group(db_path: Path) -> None:
    root = Path(__file__).parents[2] / "homelog_desktop" / "services"
    source = "\n".join(path.read_text() for path in root.rglob("*.py"))
    recorded = set(re.findall(r'draft\(\s*"(\w+)"', source))
    recorded |= set(re.findall(r'_change\(\s*\w+,\s*"(\w+)"', source))
    recorded |= set(re.findall(r'action: str = "(\w+)"', source))
    recorded |= set(re.findall(r'action="(\w+)"', source))
    assert {
        "create", "sign_in", "lock", "password_rehashed", "make_administrator", "make_member", "unlock", "import",
        "sign_in_refused", "password_checked",
    } <= recorded
    assert recorded <= set(ACTION_LABELS), recorded - set(ACTION_LABELS)
    grouped = [action for group in ACTION_GROUPS for action in group.actions]
    assert sorted(grouped) == sorted(ACTION_LABELS)  # each action in exactly one group


def test_labels_fall_back_to_the_stored_name() -> None:
    assert action_label("sign_in_failed") == "Sign-in failed"
    assert action_label("x") == "x"
    assert fields_text(["username", "failed_attempts", "new_field"]) == "name, failed sign-ins, new field"
    assert fields_text([]) == ""
