"""homelog-admin backup and restore on a server database (--db postgresql://...): the backup is a file in
the backup format; restore prints what it will do, --dry-run changes nothing, and a restore writes the
backup's accounts back by id without deleting the server's own."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.services.backup import describe_backup
from tests.helpers.postgres import fresh_database

pytestmark = pytest.mark.postgres


def _names(admin: Any, url: str) -> dict[str, str | None]:
    code, out, _ = admin(url, "list", "--json")
    assert code == 0
    return {row["email"]: row["username"] for row in json.loads(out)}


def test_backup_then_restore_into_the_server(
    admin_on: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        url = location.conninfo or ""
        for email, name in (("ann@example.org", "Ann"), ("bob@example.org", "Bob")):
            assert admin_on(url, "create", email, "--username", name)[0] == 0
        backup = tmp_path / "server.db"
        code, out, err = admin_on(url, "backup", str(backup))
        assert (code, out, err) == (0, f"{backup}\n", "")
        assert asyncio.run(describe_backup(backup)) == "2 accounts, 0 with a password"
        assert admin_on(url, "update", "ann@example.org", "--username", "Ann Changed")[0] == 0
        assert admin_on(url, "delete", "bob@example.org", "--yes")[0] == 0
        assert admin_on(url, "create", "cy@example.org", "--username", "Cy")[0] == 0
        changed = _names(admin_on, url)

        code, out, err = admin_on(url, "restore", str(backup), "--dry-run")
        assert (code, err) == (0, "")
        assert out == (f"2 accounts, 0 with a password in {backup}: 1 to create, 1 to update, 0 unchanged; "
                       "1 only on the server, left as they are.\n")
        assert _names(admin_on, url) == changed

        code, out, err = admin_on(url, "restore", str(backup))
        assert (code, err) == (0, "")
        assert out.splitlines()[-1] == "Restored: 1 created, 1 updated."
        assert _names(admin_on, url) == {"ann@example.org": "Ann", "bob@example.org": "Bob", "cy@example.org": "Cy"}
