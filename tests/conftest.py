"""Shared fixtures: an isolated home for the session, real SQLite files in tmp_path, real bcrypt at cost 4."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.logs import configure_logging
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.workspace import Workspace
from tests.helpers.clock import Clock
from tests.helpers.postgres import fresh_database
from tests.helpers.template_database import fresh_database_file
from tests.helpers.workspaces import GOOD_PASSWORD, TEST_BCRYPT_COST, open_workspace

# Before anything makes a QApplication: no screen here, and never touch the user's real settings, data or
# log. Qt (QSettings, QStandardPaths) and homelog_desktop.paths both find the per-user folders through HOME
# and the XDG variables, read when asked: pointing them into a folder of the session isolates both.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("HOMELOG_DB", None)
# The window speaks English in tests whatever the machine's language (the installed app of tests/x11 too),
# unless a test chooses another (ui/translation.py: install_language).
os.environ["LANGUAGE"] = "en"
SESSION_HOME = Path(tempfile.mkdtemp(prefix="homelog-tests-home-"))
os.environ["HOME"] = str(SESSION_HOME)
for _variable, _folder in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                           ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):
    os.environ[_variable] = str(SESSION_HOME / _folder)

# As the programs do: the redaction the hygiene tests rely on, and a private log file (in the session's home).
configure_logging("homelog-tests", terminal=False)

__all__ = ["GOOD_PASSWORD", "TEST_BCRYPT_COST"]

# Log lines that mean a task or callback failed where nobody saw it.
_SILENT_FAILURES = (
    "Task was destroyed but it is pending",
    "Task exception was never retrieved",
    "Future exception was never retrieved",
    "Unhandled exception",
    "Exception in callback",
)


@pytest.fixture(autouse=True)
def fail_on_silent_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail the test when anything logged an error or a lost task (asyncio and qasync log those)."""
    caplog.set_level(logging.WARNING)
    yield
    bad = [
        record.getMessage()
        for record in caplog.get_records("call") + caplog.get_records("teardown")
        if record.levelno >= logging.ERROR or any(s in record.getMessage() for s in _SILENT_FAILURES)
    ]
    assert not bad, f"errors were logged: {bad}"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database file goes (not created yet)."""
    return tmp_path / "homelog-test.db"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[DatabaseLocation]:
    """A fresh database on each backend: a SQLite file in tmp_path, and a new database on the test
    PostgreSQL server (skipped without one, failed under CI; see tests/helpers/postgres.py)."""
    if request.param == "sqlite":
        yield DatabaseLocation.file(tmp_path / "homelog-test.db")
        return
    with fresh_database(tmp_path, monkeypatch) as location:
        yield location


@pytest.fixture
def clock() -> Clock:
    """A clock the test moves by hand (see tests/helpers/clock.py)."""
    return Clock()


@pytest_asyncio.fixture
async def workspace(db_path: Path) -> AsyncIterator[Workspace]:
    """A workspace on a fresh database file, bcrypt at a low cost, real time; closed after the test.
    A test module that needs the hand-moved clock overrides it with `open_workspace(..., now=clock)`."""
    async with open_workspace(fresh_database_file(db_path)) as opened:
        yield opened


@pytest.fixture
def service(workspace: Workspace) -> AccountService:
    """The account service of the test's workspace."""
    return workspace.accounts


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's home folder."""
    shutil.rmtree(SESSION_HOME, ignore_errors=True)
