"""Fixtures and helpers of the export and import tests: a second database to import into, files to read."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import bcrypt
import pytest_asyncio

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.transfer import ExportOptions
from homelog_desktop.services.workspace import Workspace
from tests.helpers.template_database import fresh_database_file
from tests.helpers.workspaces import GOOD_PASSWORD, TEST_BCRYPT_COST, open_workspace

OTHER_PASSWORD = "Battery9staple"
NEW_PASSWORD = "Fresh7start"
BCRYPT = bcrypt.hashpw(NEW_PASSWORD.encode(), bcrypt.gensalt(TEST_BCRYPT_COST)).decode()
ARGON2 = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"


@pytest_asyncio.fixture
async def target(tmp_path: Path) -> AsyncIterator[Workspace]:
    """A second, empty database to import into."""
    async with open_workspace(fresh_database_file(tmp_path / "target.db")) as opened:
        yield opened


async def seed(service: AccountService) -> None:
    """Three accounts, two with a password."""
    await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
    await service.create("bob@example.org", None)
    await service.create("carl@home.net", "Annika", OTHER_PASSWORD)


async def export_text(workspace: Workspace, **options: Any) -> str:
    """What an export with these options writes."""
    stream = io.StringIO()
    await workspace.transfer.write_export(ExportOptions(**options), stream)
    return stream.getvalue()


def dump(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every row of users and user_passwords, read with plain SQL."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return (
            connection.execute("SELECT * FROM users ORDER BY id").fetchall(),
            connection.execute("SELECT * FROM user_passwords ORDER BY user_id").fetchall(),
        )


def write(path: Path, text: str) -> Path:
    """A file with this text (UTF-8)."""
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(accounts: list[Any]) -> list[tuple[Any, ...]]:
    """What an import keeps of each account."""
    return [(a.email, a.username, a.has_password, a.created_at, a.updated_at) for a in accounts]
