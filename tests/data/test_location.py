"""DatabaseLocation: what the user types, parsed into a file or a server database, never with a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from homelog_desktop.data.location import BackendKind, DatabaseLocation
from homelog_desktop.errors import InvalidInputError


def test_a_path_is_a_sqlite_file(tmp_path: Path) -> None:
    location = DatabaseLocation.parse(str(tmp_path / "homelog.db"))
    assert location.kind is BackendKind.SQLITE
    assert location.file_path() == tmp_path / "homelog.db"
    assert location.display() == str(tmp_path / "homelog.db")


def test_a_url_is_a_server_database_shown_as_user_host_port_database() -> None:
    location = DatabaseLocation.parse("postgresql://homelog@db.example.org:5433/homelog?sslmode=verify-full")
    assert location.kind is BackendKind.POSTGRESQL
    assert location.display() == "homelog@db.example.org:5433/homelog"
    with pytest.raises(ValueError, match="not a file"):
        location.file_path()


def test_a_service_name_is_a_server_database() -> None:
    location = DatabaseLocation.parse("service=homelog")
    assert location.kind is BackendKind.POSTGRESQL
    assert location.conninfo == "service=homelog"
    assert location.display() == "service homelog"


@pytest.mark.parametrize("text", [
    "postgresql://homelog:s3cret@db.example.org/homelog",
    "postgresql://homelog@db.example.org/homelog?password=s3cret",
])
def test_a_url_holding_a_password_is_refused_without_repeating_it(text: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        DatabaseLocation.parse(text)
    assert "s3cret" not in str(refused.value)
    assert "password" in str(refused.value)


def test_the_repr_shows_the_location_only() -> None:
    location = DatabaseLocation.parse("postgresql://ann@localhost:5432/homelog")
    assert repr(location) == "DatabaseLocation('ann@localhost:5432/homelog')"
