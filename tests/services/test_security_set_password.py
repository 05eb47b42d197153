"""SecurityService.set_password: a temporary password asks for a change at the next sign-in, one the user
chose ends that request; both audited, never with a password or hash in the trail."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from homelog_desktop.errors import DatabaseError, InvalidInputError, NotFoundError
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.security import SecurityService
from tests.conftest import GOOD_PASSWORD

TEMPORARY = "Temporary7pass"
CHOSEN = "Chosen8byuser"


def audit_trail(path: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT action, fields FROM homelog_desktop_audit ORDER BY id").fetchall()


def audit_text(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return repr(connection.execute("SELECT * FROM homelog_desktop_audit").fetchall())


@pytest.mark.asyncio
async def test_temporary_then_chosen_password(service: AccountService) -> None:
    security = SecurityService(service)
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    start = len(audit_trail(service.path))

    account = await security.set_password(ann.id, TEMPORARY, temporary=True)
    assert account.id == ann.id and account.has_password
    assert (await security.security_of(ann.id)).must_change_password
    assert await service.check_password(ann.id, TEMPORARY)
    result = await security.sign_in("ann@example.org", TEMPORARY)
    assert result.ok and result.must_change_password

    await security.set_password(ann.id, CHOSEN)  # the user picks their own at sign-in
    assert not (await security.security_of(ann.id)).must_change_password
    assert await service.check_password(ann.id, CHOSEN)
    assert not (await security.sign_in("ann@example.org", CHOSEN)).must_change_password

    actions = [action for action, _fields in audit_trail(service.path)[start:]]
    assert actions == [
        "password_set", "must_change_password", "sign_in", "password_set", "must_change_password", "sign_in",
    ]
    trail = audit_text(service.path)
    assert TEMPORARY not in trail and CHOSEN not in trail and "$2b$" not in trail


@pytest.mark.asyncio
async def test_the_flag_is_only_written_when_it_changes(service: AccountService) -> None:
    security = SecurityService(service)
    ann = await service.create("ann@example.org", None)
    await security.set_password(ann.id, CHOSEN)
    assert [action for action, _ in audit_trail(service.path)] == ["create", "password_set"]
    await security.set_password(ann.id, TEMPORARY, temporary=True)
    await security.set_password(ann.id, CHOSEN + "x", temporary=True)
    assert [action for action, _ in audit_trail(service.path)][2:] == [
        "password_set", "must_change_password", "password_set",
    ]


@pytest.mark.asyncio
async def test_a_refused_password_leaves_the_flag_and_the_password_as_they_were(service: AccountService) -> None:
    security = SecurityService(service)
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    with pytest.raises(InvalidInputError):
        await security.set_password(ann.id, "short", temporary=True)
    assert not (await security.security_of(ann.id)).must_change_password
    assert await service.check_password(ann.id, GOOD_PASSWORD)
    with pytest.raises(NotFoundError):
        await security.set_password(ann.id + 1, TEMPORARY, temporary=True)


@pytest.mark.asyncio
async def test_a_read_only_database_refuses(service: AccountService) -> None:
    ann = await service.create("ann@example.org", None, GOOD_PASSWORD)
    read_only = await AccountService.open(service.path, read_only=True)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            await SecurityService(read_only).set_password(ann.id, TEMPORARY, temporary=True)
    finally:
        await read_only.close()
