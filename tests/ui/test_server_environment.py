"""The window started as the app starts it (run_window, HOMELOG_DB) on a bare or partial server location,
the rest from libpq's environment as psql reads it: PGHOST, PGPORT, PGUSER, PGDATABASE, PGSSLMODE,
PGPASSFILE, PGSERVICE with PGSERVICEFILE. Each opens the database it names (its own account in the table,
its user@host:port/db in the title) or is refused with its sentence; the test server asks every TCP
client for a password (scram-sha-256), so the password comes from the pgpass file libpq reads."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import psycopg
import pytest
import qasync
from keyring.backends import fail
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from homelog_desktop.data.server_passwords import forget_password
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.app import parse_arguments, run_window
from homelog_desktop.ui.dialogs.server_password import ServerPasswordDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.postgres import admin_connect, create_homelog_schema, fresh_database, require_server
from tests.helpers.ui import admit_without_sign_in, error_shown, settle, table_column, visible, wait_for

pytestmark = pytest.mark.postgres
LIBPQ_VARIABLES = ("PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGSSLMODE", "PGPASSWORD",
                   "PGSERVICE", "PGSERVICEFILE", "PGSSLROOTCERT", "PGCONNECT_TIMEOUT")
MARK = "target@example.org"  # the one account only the database meant holds
WAIT_MS = 30_000


@pytest.fixture
def target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabaseLocation]:
    """A server database in home-log's schema holding MARK; PGPASSFILE names a pgpass file with the test
    role's password, and no other PG* variable is set (.ci/postgres sets some for psql as the superuser)."""
    for name in LIBPQ_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with fresh_database(tmp_path, monkeypatch) as location:
        create_homelog_schema(location)
        with admin_connect(location) as admin:
            admin.execute("INSERT INTO users (email, username, created_at, updated_at) "
                          "VALUES (%s, 'Target', now(), now())", (MARK,))
        yield location
        forget_password(location)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No keyring: a password can only come from libpq's own sources (or be asked)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def parts(location: DatabaseLocation) -> tuple[str, str, str, str]:
    """(host, port, user, database) of a location from fresh_database."""
    url = urlsplit(location.conninfo or "")
    return str(url.hostname), str(url.port), str(url.username), url.path.lstrip("/")


@contextlib.contextmanager
def started(qtbot: QtBot, settings: QSettings) -> Iterator[tuple[MainWindow, list[str]]]:
    """The window run as the app runs it (run_window, no --db: HOMELOG_DB decides), and the errors it shows."""
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    failures: list[str] = []
    window.operations.failed.connect(failures.append)
    running = asyncio.get_event_loop().create_task(run_window(window, parse_arguments([])))
    try:
        yield window, failures
    finally:
        window.close()
        qtbot.waitUntil(running.done, timeout=WAIT_MS)
        window.deleteLater()
    assert running.result() == 0


def opened(qtbot: QtBot, window: MainWindow, shown: str) -> None:
    """The database meant is open: its own account listed, `shown` (user@host:port/db) in the title."""
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT_MS)
    settle(qtbot, window, WAIT_MS)
    assert MARK in table_column(window, 1)
    assert window.windowTitle().startswith(shown)
    assert visible(window, ServerPasswordDialog) is None  # the password came from the pgpass file


@pytest.mark.parametrize("from_environment", ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "all"])
def test_what_the_location_leaves_out_comes_from_the_libpq_environment(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, target: DatabaseLocation,
    monkeypatch: pytest.MonkeyPatch, no_keyring: None, from_environment: str,
) -> None:
    host, port, user, database = parts(target)
    given = {"PGHOST": ("host", host), "PGPORT": ("port", port), "PGUSER": ("user", user),
             "PGDATABASE": ("dbname", database)}
    query = []
    for variable, (key, value) in given.items():
        if from_environment in (variable, "all"):
            monkeypatch.setenv(variable, value)
        else:
            query.append(f"{key}={value}")
    monkeypatch.setenv("HOMELOG_DB", "postgresql://" + ("/?" + "&".join(query) if query else ""))
    with started(qtbot, settings) as (window, failures):
        opened(qtbot, window, f"{user}@{host}:{port}/{database}")
        assert failures == []


@pytest.mark.parametrize(("variable", "value", "sentence"), [
    ("PGPORT", "1", "cannot be reached"),
    ("PGDATABASE", "no_such_database", "The server has no database"),
])
def test_a_wrong_value_in_the_environment_is_refused_with_its_sentence(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, target: DatabaseLocation,
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, sentence: str,
) -> None:
    host, port, user, database = parts(target)
    for name, right in (("PGHOST", host), ("PGPORT", port), ("PGUSER", user), ("PGDATABASE", database)):
        monkeypatch.setenv(name, value if name == variable else right)
    monkeypatch.setenv("HOMELOG_DB", "postgresql://")
    with started(qtbot, settings) as (window, failures):
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
        assert sentence in failures[0] and value in failures[0]
        assert sentence in error_shown(window)
        assert window.workspace is None


def test_pgsslmode_require_is_refused_by_a_server_without_ssl_and_disable_opens(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, target: DatabaseLocation,
    monkeypatch: pytest.MonkeyPatch, no_keyring: None,
) -> None:
    monkeypatch.setenv("HOMELOG_DB", target.conninfo or "")
    monkeypatch.setenv("PGSSLMODE", "require")
    with started(qtbot, settings) as (window, failures):
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
        assert failures[0].startswith(f"The database server of {target.display()} does not offer SSL")
        assert window.workspace is None
    monkeypatch.setenv("PGSSLMODE", "disable")
    with started(qtbot, settings) as (window, failures):
        opened(qtbot, window, target.display())
        assert failures == []


def test_pgpassfile_gives_the_password_without_asking_and_without_it_the_password_is_asked(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, target: DatabaseLocation,
    monkeypatch: pytest.MonkeyPatch, no_keyring: None, tmp_path: Path,
) -> None:
    monkeypatch.setenv("HOMELOG_DB", target.conninfo or "")
    with started(qtbot, settings) as (window, failures):  # PGPASSFILE names the test's pgpass (the fixture)
        opened(qtbot, window, target.display())
        assert failures == []
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    forget_password(target)
    with started(qtbot, settings) as (window, failures):
        dialog = wait_for(qtbot, window, ServerPasswordDialog, timeout=WAIT_MS)
        assert target.display() in dialog.windowTitle()  # libpq found no password: the window asks for it
        dialog.reject()
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert window.workspace is None


def write_service_file(path: Path, target: DatabaseLocation) -> None:
    host, port, user, database = parts(target)
    path.write_text(f"[homelog_test]\nhost={host}\nport={port}\nuser={user}\ndbname={database}\n", "utf-8")


@pytest.mark.parametrize("named", ["HOMELOG_DB=service=NAME", "PGSERVICE"])
def test_a_service_from_pgservicefile_opens_its_database(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, target: DatabaseLocation,
    monkeypatch: pytest.MonkeyPatch, no_keyring: None, tmp_path: Path, named: str,
) -> None:
    service_file = tmp_path / "pg_service.conf"
    write_service_file(service_file, target)
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    if named == "PGSERVICE":
        monkeypatch.setenv("PGSERVICE", "homelog_test")
        monkeypatch.setenv("HOMELOG_DB", "postgresql://")
    else:
        monkeypatch.setenv("HOMELOG_DB", "service=homelog_test")
    with started(qtbot, settings) as (window, failures):
        opened(qtbot, window, "service homelog_test")  # the service names the server, not PGHOST and the rest
        assert failures == []


def test_an_unknown_service_is_refused_with_a_sentence(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, target: DatabaseLocation,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    service_file = tmp_path / "pg_service.conf"
    write_service_file(service_file, target)
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    monkeypatch.setenv("HOMELOG_DB", "service=no_such_service")
    with started(qtbot, settings) as (window, failures):
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
        assert failures[0].startswith("No service no_such_service is defined")
        assert window.workspace is None


def test_the_server_is_real_and_asks_for_passwords() -> None:
    """What the tests above rely on: TCP clients must give a password (else PGPASSFILE proves nothing)."""
    url, _admin = require_server()
    parts_ = urlsplit(url)
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(host=parts_.hostname, port=parts_.port, user=parts_.username, dbname="postgres",
                        passfile="/nonexistent", password="", sslmode="disable").close()
