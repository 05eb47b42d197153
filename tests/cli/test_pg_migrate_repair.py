"""`homelog-admin migrate`, run by the owner of home-log's tables, puts back what home-log's re-created
tables took of ours; run by a role that may not, it says what is missing and who can repair it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.data.test_pg_objects import _clerk, _grant_clerk, home_log_resets, missing_objects
from tests.helpers.postgres import create_homelog_schema, fresh_database

pytestmark = pytest.mark.postgres


def test_migrate_repairs_what_home_log_s_reset_took_and_a_clerk_is_told_who_can(
    admin_on: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        owner = location.conninfo or ""
        assert admin_on(owner, "migrate")[0] == 0
        clerk = _clerk(location, tmp_path).conninfo or ""
        home_log_resets(location)
        _grant_clerk(location)
        code, out, err = admin_on(clerk, "migrate")
        assert code == 2 and out == ""
        assert "homelog-admin migrate" in err and "homelog_desktop_users_changed on users" in err
        code, out, err = admin_on(clerk, "list")  # reading still works
        assert code == 0 and "zoe.garcia@example.org" in out
        assert missing_objects(location)
        code, out, err = admin_on(owner, "migrate")
        assert code == 0 and "up to date" in out, err
        assert "Repaired what another program removed from the database" in err
        assert missing_objects(location) == set()
        code, out, err = admin_on(clerk, "create", "new@example.org", "--username", "New")
        assert code == 0, err
