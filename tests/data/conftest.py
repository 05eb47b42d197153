"""Fixtures of the data layer's tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from homelog_desktop.data.database import Database
from tests.helpers.template_database import fresh_database_file


@pytest_asyncio.fixture
async def database(db_path: Path) -> AsyncIterator[Database]:
    """A fresh database file in tmp_path, opened by us; closed after the test."""
    opened = await Database.open_sqlite(fresh_database_file(db_path))
    try:
        yield opened
    finally:
        await opened.close()
