"""A server connection lost at a commit: the outcome is told as unknown and the work is never run twice;
the next piece of work connects again (pool pre-ping)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from homelog_desktop.connection_errors import CommitOutcomeUnknownError
from tests.helpers.postgres import admin_connect, fresh_database
from tests.helpers.workspaces import open_workspace

pytestmark = [pytest.mark.asyncio, pytest.mark.postgres]


async def test_a_commit_whose_connection_broke_is_reported_as_unknown_and_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        async with open_workspace(location) as workspace:
            ann = await workspace.accounts.create("ann@example.org", "Ann", None)
            database = workspace.database
            runs = 0

            async def rename() -> None:
                nonlocal runs
                runs += 1
                async with database.writing() as session:
                    await session.execute(text("UPDATE users SET username = 'Annie' WHERE id = :id"), {"id": ann.id})
                    pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                    with admin_connect(location) as admin:  # the server goes away under this session
                        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

            with pytest.raises(CommitOutcomeUnknownError) as raised:
                await database.run(rename)
            assert runs == 1  # never tried again
            assert "may or may not have been saved" in str(raised.value)
            assert str(location) in str(raised.value) and "@" in str(location)
            assert (await workspace.accounts.get(ann.id)).username == "Ann"  # connected again; not kept here
