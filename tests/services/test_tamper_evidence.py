"""TamperEvidence: the audit head kept outside the database catches what the hash chain cannot (a tail cut
off with the head moved back, a chain recomputed after an edit, a trail replaced), and account states
changed with plain SQL are listed against what the trail says."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from homelog_desktop.data.audit_dao import AUDIT_HEAD_KEY, GENESIS_HASH, audit_entry_hash
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.sign_in import local_time
from homelog_desktop.services.tamper_evidence import AuditHead, TrailChange
from homelog_desktop.services.workspace import Workspace
from tests.helpers.clock import Clock
from tests.helpers.workspaces import GOOD_PASSWORD, execute, open_workspace, rows

WRONG = "Wrong7password"


class DictStore:
    """A HeadStore in memory, as QSettings or the state file keep it."""

    def __init__(self) -> None:
        self.heads: dict[Path, str] = {}

    def kept(self, path: Path) -> str | None:
        return self.heads.get(path)

    def keep(self, path: Path, head: str | None) -> None:
        if head is None:
            self.heads.pop(path, None)
        else:
            self.heads[path] = head


async def three_accounts(workspace: Workspace) -> None:
    for name in ("ann", "bob", "cid"):
        await workspace.accounts.create(f"{name}@example.org")


def recompute_chain(path: Path, *, from_id: int = 1) -> None:
    """What someone who can write the file does after editing an entry: every hash from `from_id` on
    recomputed (15 lines of sha256), and the head setting moved to match."""
    entries = rows(path, "SELECT id, at, actor_id, actor_email, target_id, target_email, action, fields, "
                         "entry_hash, actor_via FROM homelog_desktop_audit ORDER BY id")
    previous, last = GENESIS_HASH, 0
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        for (entry_id, at, actor_id, actor_email, target_id, target_email, action, fields, stored,
             actor_via) in entries:
            if int(str(entry_id)) < from_id:
                previous = str(stored)
                continue
            content = {
                "id": entry_id, "at": datetime.fromisoformat(str(at)), "actor_id": actor_id,
                "actor_email": actor_email, "target_id": target_id, "target_email": target_email,
                "action": action, "fields": json.loads(str(fields)),
            }
            if actor_via is not None:
                content["actor_via"] = actor_via
            entry_hash = audit_entry_hash(previous, content)
            connection.execute("UPDATE homelog_desktop_audit SET previous_hash = ?, entry_hash = ? WHERE id = ?",
                               (previous, entry_hash, entry_id))
            previous, last = entry_hash, int(str(entry_id))
        connection.execute("UPDATE homelog_desktop_settings SET value = ? WHERE key = ?", (f"{last} {previous}",
                                                                                         AUDIT_HEAD_KEY))


@pytest.mark.asyncio
async def test_the_head_names_the_newest_entry_and_the_first(workspace: Workspace) -> None:
    assert await workspace.tamper_evidence.head() is None
    await three_accounts(workspace)
    history = await workspace.audit.history()
    head = await workspace.tamper_evidence.head()
    assert head == AuditHead(3, history[-1].entry_hash, history[0].entry_hash)
    assert AuditHead.parse(head.text()) == head
    assert [AuditHead.parse(text) for text in (None, "", "x y z", "1 2", "-1 a b")] == [None] * 5
    assert await workspace.tamper_evidence.contains(history[1].entry_hash)
    assert await workspace.tamper_evidence.contains(history[1].entry_hash.upper() + "\n")
    assert not await workspace.tamper_evidence.contains("0" * 64)


@pytest.mark.asyncio
async def test_an_untouched_trail_says_nothing_and_keeps_the_newer_head(workspace: Workspace) -> None:
    store = DictStore()
    assert await workspace.tamper_evidence.check_on_open(store) is None  # nothing kept, nothing to compare
    assert store.heads == {}  # an empty trail has no head
    await three_accounts(workspace)
    assert await workspace.tamper_evidence.check_on_open(store) is None
    assert AuditHead.parse(store.heads[workspace.path]) == await workspace.tamper_evidence.head()
    await workspace.accounts.create("dan@example.org")  # the trail grows: that is no change of what was
    assert await workspace.tamper_evidence.check_on_open(store) is None
    await workspace.tamper_evidence.keep_on_close(store)
    assert AuditHead.parse(store.heads[workspace.path]).entry_id == 4  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_a_tail_cut_off_with_the_head_moved_back_is_caught(workspace: Workspace, db_path: Path) -> None:
    store = DictStore()
    await three_accounts(workspace)
    await workspace.tamper_evidence.check_on_open(store)
    second = (await workspace.audit.history())[1]
    execute(db_path, "DELETE FROM homelog_desktop_audit WHERE id = 3")
    execute(db_path, "UPDATE homelog_desktop_settings SET value = ? WHERE key = ?", f"2 {second.entry_hash}",
            AUDIT_HEAD_KEY)
    assert await workspace.audit.verify_chain() == (True, None)  # the chain alone cannot see it
    warning = await workspace.tamper_evidence.check_on_open(store)
    assert warning is not None and "was cut short: entry 3 and those after it are gone" in warning
    assert db_path.name in warning and "since this app last saw it" in warning
    assert await workspace.tamper_evidence.check_on_open(store) is None  # said once: the new head is kept


@pytest.mark.asyncio
async def test_an_edit_with_the_chain_recomputed_is_caught(workspace: Workspace, db_path: Path) -> None:
    store = DictStore()
    await three_accounts(workspace)
    await workspace.tamper_evidence.check_on_open(store)
    execute(db_path, "UPDATE homelog_desktop_audit SET target_email = 'eve@example.org' WHERE id = 2")
    recompute_chain(db_path, from_id=2)
    assert await workspace.audit.verify_chain() == (True, None)
    kept = AuditHead.parse(store.heads[db_path])
    assert kept is not None and await workspace.tamper_evidence.compare(kept) is TrailChange.REWRITTEN
    # Closing keeps the old head, so that the next opening still warns.
    await workspace.tamper_evidence.keep_on_close(store)
    assert AuditHead.parse(store.heads[db_path]) == kept
    warning = await workspace.tamper_evidence.check_on_open(store)
    assert warning is not None and "was rewritten: entry 3 is not what it was" in warning


@pytest.mark.asyncio
async def test_an_entry_changed_without_its_hash_is_a_rewrite_too(workspace: Workspace, db_path: Path) -> None:
    store = DictStore()
    await three_accounts(workspace)
    await workspace.tamper_evidence.check_on_open(store)
    execute(db_path, "UPDATE homelog_desktop_audit SET action = 'restore' WHERE id = 3")
    kept = AuditHead.parse(store.heads[db_path])
    assert kept is not None and await workspace.tamper_evidence.compare(kept) is TrailChange.REWRITTEN


@pytest.mark.asyncio
async def test_a_replaced_trail_is_caught(workspace: Workspace, db_path: Path) -> None:
    store = DictStore()
    await three_accounts(workspace)
    await workspace.tamper_evidence.check_on_open(store)
    execute(db_path, "DELETE FROM homelog_desktop_audit")
    execute(db_path, "DELETE FROM homelog_desktop_settings WHERE key = ?", AUDIT_HEAD_KEY)
    execute(db_path, "DELETE FROM sqlite_sequence WHERE name = 'homelog_desktop_audit'")
    assert await workspace.audit.verify_chain() == (True, None)  # an empty trail verifies
    for name in ("x", "y", "z", "w"):
        await workspace.accounts.create(f"{name}@example.org")
    assert await workspace.audit.verify_chain() == (True, None)  # and so does a new one
    warning = await workspace.tamper_evidence.check_on_open(store)
    assert warning is not None and "was replaced: its first entry is not the one it had" in warning


@pytest.mark.asyncio
async def test_a_new_file_at_the_same_path_is_not_a_replacement(workspace: Workspace) -> None:
    store = DictStore()
    store.keep(workspace.path, AuditHead(9, "a" * 64, "b" * 64).text())
    assert await workspace.tamper_evidence.check_on_open(store, new_file=True) is None


@pytest.mark.asyncio
async def test_states_changed_with_plain_sql_are_listed(db_path: Path, clock: Clock) -> None:
    async with open_workspace(db_path, now=clock) as workspace:
        admin = await workspace.accounts.create("admin@example.org", None, GOOD_PASSWORD)
        await workspace.roles.set_role(admin.id, ROLE_ADMINISTRATOR)
        names = ("ann", "bob", "cid", "dan", "eve", "fay")
        accounts = {name: await workspace.accounts.create(f"{name}@example.org", None, GOOD_PASSWORD)
                    for name in names}
        await workspace.roles.disable(accounts["bob"].id)
        for _ in range(5):
            await workspace.sign_in.sign_in("cid@example.org", WRONG)  # a lock the trail shows
        await workspace.roles.set_role(accounts["fay"].id, ROLE_ADMINISTRATOR)
        await workspace.roles.set_role(accounts["fay"].id, "member")
        assert await workspace.tamper_evidence.outside_changes() == []  # all done by the app

        until = (clock() + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M:%S.%f")
        execute(db_path, "INSERT INTO homelog_desktop_account_state (user_id, role) VALUES (?, 'administrator')",
                accounts["ann"].id)
        execute(db_path, "UPDATE homelog_desktop_account_state SET disabled = 0 WHERE user_id = ?", accounts["bob"].id)
        execute(db_path, "UPDATE homelog_desktop_account_state SET locked_until = ? WHERE user_id = ?", until,
                accounts["cid"].id)
        execute(db_path, "INSERT INTO homelog_desktop_account_state (user_id, disabled, locked_until) "
                         "VALUES (?, 1, ?)", accounts["dan"].id, until)
        changes = await workspace.tamper_evidence.outside_changes()
        said = {change.email: change.differences for change in changes}
        assert said == {
            "ann@example.org": ("is an administrator, the trail says a member",),
            "bob@example.org": ("is enabled, the trail says disabled",),
            "cid@example.org": (f"is locked until {local(until)}, longer than the lock the trail shows",),
            "dan@example.org": ("is disabled, the trail says enabled",
                                f"is locked until {local(until)}, the trail shows no lock"),
        }
        assert changes[0].sentence() == "ann@example.org: is an administrator, the trail says a member"
        report = {row.email: row for row in await workspace.readiness.report()}
        assert report["ann@example.org"].outside_changes == said["ann@example.org"]
        assert "changed outside this app: is an administrator, the trail says a member" in report[
            "ann@example.org"].notes
        assert report["eve@example.org"].outside_changes == ()
        assert report["ann@example.org"].to_json()["outside_changes"] == list(said["ann@example.org"])


def local(stored: str) -> str:
    return local_time(datetime.fromisoformat(stored).replace(tzinfo=UTC))


@pytest.mark.asyncio
async def test_the_trail_of_an_id_is_not_applied_to_another_account(workspace: Workspace, db_path: Path) -> None:
    """An account home-log deleted (behind the app's back) and a new one given its id: what the trail
    says of the old one is not held against the new one, and an earlier version's "role" entry says
    nothing of which role."""
    await workspace.roles.set_role((await workspace.accounts.create("admin@example.org")).id, ROLE_ADMINISTRATOR)
    ann = await workspace.accounts.create("ann@example.org")
    await workspace.roles.set_role(ann.id, ROLE_ADMINISTRATOR)
    await workspace.roles.disable(ann.id)
    execute(db_path, "DELETE FROM users WHERE id = ?", ann.id)
    execute(db_path, "INSERT INTO users (id, email, created_at, updated_at) VALUES (?, 'new@example.org', "
                     "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", ann.id)
    assert await workspace.tamper_evidence.outside_changes() == []
    bob = await workspace.accounts.create("bob@example.org")
    await workspace.roles.set_role(bob.id, ROLE_ADMINISTRATOR)
    execute(db_path, "UPDATE homelog_desktop_audit SET action = 'role' WHERE target_id = ? AND action = "
                     "'make_administrator'", bob.id)
    assert await workspace.tamper_evidence.outside_changes() == []


@pytest.mark.asyncio
async def test_an_undone_delete_puts_back_what_the_trail_said(workspace: Workspace) -> None:
    ann = await workspace.accounts.create("ann@example.org")
    await workspace.roles.disable(ann.id)
    await workspace.accounts.undo_delete(await workspace.accounts.delete(ann.id))
    assert (await workspace.accounts.get(ann.id)).disabled
    assert await workspace.tamper_evidence.outside_changes() == []
