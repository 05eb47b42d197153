"""homelog-admin on both backends: --db takes a file or a postgresql:// URL without a password; the owner
prepares a server database once with `migrate`; a role that may not is told which privilege it lacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.data.location import DatabaseLocation
from tests.helpers.postgres import admin_connect, create_homelog_schema, fresh_database


def _db(location: DatabaseLocation) -> str:
    return location.conninfo if location.conninfo is not None else str(location.file_path())


def test_accounts_are_created_and_listed_through_the_command_line(admin_on: Any, backend: DatabaseLocation) -> None:
    db = _db(backend)
    assert admin_on(db, "create", "ann@example.org", "--username", "Ann")[:2] == (0, "1\n")
    code, out, err = admin_on(db, "list")
    assert code == 0 and "ann@example.org" in out, err
    assert admin_on(db, "migrate")[0] == 0


@pytest.mark.postgres
def test_migrate_prepares_a_server_database_and_a_role_that_may_not_is_told_why(
    admin_on: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location, owner="postgres")
        with admin_connect(location) as connection:
            connection.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO homelog")
        code, out, err = admin_on(_db(location), "migrate")
        assert code == 2 and "homelog-admin migrate" in err and out == ""
        with admin_connect(location) as connection:
            connection.execute("ALTER TABLE users OWNER TO homelog")
            connection.execute("ALTER TABLE user_passwords OWNER TO homelog")
        code, out, err = admin_on(_db(location), "migrate")
        assert code == 0, err
        assert "up to date" in out
        code, out, err = admin_on(_db(location), "list")
        assert code == 0 and "harry@example.org" in out


def test_a_url_holding_a_password_is_refused_without_repeating_it(admin_on: Any) -> None:
    code, out, err = admin_on("postgresql://ann:s3cret@localhost/homelog", "list")
    assert code == 2 and "s3cret" not in err + out and "password" in err


def test_an_import_is_written_all_or_nothing(admin_on: Any, backend: DatabaseLocation, tmp_path: Path) -> None:
    db = _db(backend)
    assert admin_on(db, "init")[0] == 0
    source = tmp_path / "accounts.csv"
    source.write_text("email,username,hashed_password\nann@example.org,Ann,\nbob@example.org,,\n", "utf-8")
    code, out, err = admin_on(db, "import", str(source))
    assert code == 0, err
    bad = tmp_path / "bad.csv"
    bad.write_text("email,username,hashed_password\ncy@example.org,Cy,\nnope,Bad,\n", "utf-8")
    assert admin_on(db, "import", str(bad))[0] == 2  # an invalid row: nothing of the file is written
    code, out, err = admin_on(db, "list")
    assert code == 0 and "ann@example.org" in out and "bob@example.org" in out and "cy@example.org" not in out
