"""Schema revisions: which ones this app knows, which one a database is at, and upgrading it (Alembic)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config

# Our own version table, so that home-log's Alembic history (if it has one) is never touched.
VERSION_TABLE = "homelog_desktop_schema_version"

# Alembic (and the SQL dialects it loads) costs most of a command's start-up; it loads only when a database
# needs an upgrade. Knowing the revisions needs only the migration files' two assignments, read as text
# (tests/data/test_schema.py checks that this reading agrees with Alembic's).
_VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_ASSIGNMENT = re.compile(r"""^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:["']([^"']+)["']|None)\s*$""", re.M)


def _config(connection: Any = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "homelog_desktop.data:migrations")
    config.attributes["connection"] = connection
    return config


@cache
def _revision_links() -> dict[str, str | None]:
    """Each revision of the migration files, with the one it follows (None for the first)."""
    links: dict[str, str | None] = {}
    for script in sorted(_VERSIONS.glob("[0-9]*.py")):
        found = {name: value or None for name, value in _ASSIGNMENT.findall(script.read_text("utf-8"))}
        revision = found.get("revision")
        assert revision is not None, f"{script.name} names no revision"
        links[revision] = found.get("down_revision")
    return links


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    links = _revision_links()
    heads = set(links) - {previous for previous in links.values() if previous is not None}
    assert len(heads) == 1, f"the migrations have {len(heads)} heads"
    return heads.pop()


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this version of the app knows."""
    return frozenset(_revision_links())


def upgrade_schema(connection: Any, target: str = "head") -> None:
    """Bring the schema to `target` on this (synchronous) connection, inside its transaction."""
    from alembic import command

    command.upgrade(_config(connection), target)
