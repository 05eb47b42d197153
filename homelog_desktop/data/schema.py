"""Schema revisions: which ones this app knows, which one a database is at, and upgrading it (Alembic)."""

from __future__ import annotations

from functools import cache
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

# Our own version table, so that home-log's Alembic history (if it has one) is never touched.
VERSION_TABLE = "homelog_desktop_schema_version"


def _config(connection: Any = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "homelog_desktop.data:migrations")
    config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = _scripts().get_current_head()
    assert head is not None
    return head


@cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this version of the app knows."""
    return frozenset(script.revision for script in _scripts().walk_revisions())


def upgrade_schema(connection: Any, target: str = "head") -> None:
    """Bring the schema to `target` on this (synchronous) connection, inside its transaction."""
    command.upgrade(_config(connection), target)
