"""SecurityService.recent_history and count_history filters (actions, email), and the action vocabulary.
Real SQLite file, real bcrypt at cost 4."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.audit_actions import (
    ACTION_GROUPS,
    ACTION_LABELS,
    action_label,
    fields_text,
)
from homelog_desktop.services.security import ROLE_ADMINISTRATOR, SecurityService
from tests.conftest import GOOD_PASSWORD

WRONG = "Wrong7password"


@pytest.fixture
def security(service: AccountService) -> SecurityService:
    return SecurityService(service, now=lambda: datetime(2026, 3, 1, 12, 0, tzinfo=UTC))


async def seed(service: AccountService, security: SecurityService) -> None:
    ann = await service.create("Ann@Example.org", password=GOOD_PASSWORD)
    await security.set_role(ann.id, ROLE_ADMINISTRATOR)
    security.act_as(ann)
    bob = await service.create("bob_smith@example.org")
    await service.set_password(bob.id, GOOD_PASSWORD)
    await service.create("bobXsmith@example.org")
    await service.create("100%real@example.net")
    await security.disable(bob.id)
    security.act_as(None)
    await security.sign_in("ann@example.org", GOOD_PASSWORD)
    await security.sign_in("ann@example.org", WRONG)
    await security.sign_in("nobody@example.org", WRONG)


@pytest.mark.asyncio
async def test_no_filters_lists_everything_newest_first(service: AccountService, security: SecurityService) -> None:
    await seed(service, security)
    entries = await security.recent_history()
    assert [entry.id for entry in entries] == sorted((entry.id for entry in entries), reverse=True)
    assert len(entries) == await security.count_history() == 10
    assert await security.recent_history(before_id=entries[0].id, limit=3) == entries[1:4]


@pytest.mark.asyncio
async def test_actions_filter(service: AccountService, security: SecurityService) -> None:
    await seed(service, security)
    sign_ins = await security.recent_history(actions=("sign_in", "sign_in_failed"))
    assert [entry.action for entry in sign_ins] == ["sign_in_failed", "sign_in_failed", "sign_in"]
    assert await security.count_history(actions={"sign_in", "sign_in_failed"}) == 3
    assert await security.recent_history(actions=()) == []
    assert await security.count_history(actions=[]) == 0
    assert await security.recent_history(actions=["no_such_action"]) == []


@pytest.mark.asyncio
async def test_email_filter_matches_target_or_actor_in_any_case(
    service: AccountService, security: SecurityService
) -> None:
    await seed(service, security)
    about_ann = await security.recent_history(email="ANN@example")
    # Ann's own entries (target), and everything she did as the acting administrator (actor).
    assert {entry.action for entry in about_ann} == {
        "create", "role", "password_set", "disable", "sign_in", "sign_in_failed"
    }
    assert all(
        "ann@example.org" in ((entry.target_email or "").lower(), (entry.actor_email or "").lower())
        for entry in about_ann
    )
    assert await security.count_history(email="ann@EXAMPLE.org") == len(about_ann)
    targets = {entry.target_email for entry in await security.recent_history(email="bob")}
    assert targets == {"bob_smith@example.org", "bobXsmith@example.org"}


@pytest.mark.asyncio
async def test_email_filter_treats_like_wildcards_as_text(service: AccountService, security: SecurityService) -> None:
    await seed(service, security)
    underscore = await security.recent_history(email="bob_smith")
    assert {entry.target_email for entry in underscore} == {"bob_smith@example.org"}
    percent = await security.recent_history(email="100%real")
    assert {entry.target_email for entry in percent} == {"100%real@example.net"}
    assert await security.recent_history(email="%") == percent
    assert await security.recent_history(email="\\") == []


@pytest.mark.asyncio
async def test_filters_combine_and_page(service: AccountService, security: SecurityService) -> None:
    await seed(service, security)
    by_or_about_ann = await security.recent_history(email="ann@", actions=["create"])
    assert [entry.target_email for entry in by_or_about_ann] == [
        "100%real@example.net", "bobXsmith@example.org", "bob_smith@example.org", "Ann@Example.org"
    ]
    ann = by_or_about_ann[-1]
    smiths = await security.recent_history(actions=["create", "password_set"], email="SMITH")
    assert [(entry.action, entry.target_email) for entry in smiths] == [
        ("create", "bobXsmith@example.org"), ("password_set", "bob_smith@example.org"),
        ("create", "bob_smith@example.org"),
    ]
    first = await security.recent_history(actions=["create", "password_set"], email="SMITH", limit=2)
    rest = await security.recent_history(
        actions=["create", "password_set"], email="SMITH", before_id=first[-1].id, limit=2
    )
    assert (len(first), len(rest)) == (2, 1)
    assert first + rest == smiths
    assert await security.recent_history(ann.target_id, actions=["role"]) == await security.recent_history(
        actions=["role"]
    )


@pytest.mark.asyncio
async def test_every_action_the_services_record_has_a_label_and_a_group(db_path: Path) -> None:
    root = Path(__file__).parents[2] / "homelog_desktop" / "services"
    source = "\n".join(path.read_text() for path in root.rglob("*.py"))
    recorded = set(re.findall(r'_draft\(\s*"(\w+)"', source))
    recorded |= set(re.findall(r'_audit\(\s*"(\w+)"', source))
    recorded |= set(re.findall(r'_audit_hook\(\s*"(\w+)"', source))
    recorded |= set(re.findall(r'account_changed\(\s*"(\w+)"', source))
    recorded |= set(re.findall(r'action="(\w+)"', source))
    assert {"create", "sign_in", "lock", "password_rehashed"} <= recorded
    assert recorded <= set(ACTION_LABELS), recorded - set(ACTION_LABELS)
    grouped = [action for group in ACTION_GROUPS for action in group.actions]
    assert sorted(grouped) == sorted(ACTION_LABELS)  # each action in exactly one group


def test_labels_fall_back_to_the_stored_name() -> None:
    assert action_label("sign_in_failed") == "Sign-in failed"
    assert action_label("x") == "x"
    assert fields_text(["username", "failed_attempts", "new_field"]) == "name, failed sign-ins, new field"
    assert fields_text([]) == ""
