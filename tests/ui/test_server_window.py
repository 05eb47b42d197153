"""The window on a database of a real PostgreSQL server: opened from a location (the password from
~/.pgpass, the keyring, or asked), listed, searched and edited; the location shown without a password,
and the password in no log, message, settings file or output."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import psycopg
import pytest
import qasync
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.data.server_passwords import forget_password
from homelog_desktop.services.credentials import KEYRING_SERVICE, NO_KEYRING, keyring_user
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.dialogs.connect import ConnectDialog
from homelog_desktop.ui.dialogs.server_password import ServerPasswordDialog
from homelog_desktop.ui.main_window.locations import recent_locations
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.postgres import admin_connect, fresh_database, require_server
from tests.helpers.ui import admit_without_sign_in, run, seed, select_email, settle, table_column, wait_for

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabaseLocation]:
    """A fresh server database, its password in a private pgpass file (libpq's own way)."""
    with fresh_database(tmp_path, monkeypatch) as location:
        yield location
        forget_password(location)


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    """A real keyring backend (a file of the test's own) in place of this machine's none."""
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine without a keyring (keyring's own fail backend)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _window(qtbot: QtBot, settings: QSettings) -> MainWindow:
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    return window


def _shut(qtbot: QtBot, window: MainWindow) -> None:
    window.close()
    run(qtbot, window.shutdown())
    window.deleteLater()


def _server_password() -> str:
    password = urlsplit(require_server()[0]).password
    assert password
    return password


def test_the_window_lists_searches_and_edits_a_server_database(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, server: DatabaseLocation
) -> None:
    window = _window(qtbot, settings)
    try:
        assert run(qtbot, window.session.open(server), timeout=30_000)
        settle(qtbot, window)
        shown = server.display()
        assert shown.startswith("homelog@127.0.0.1:") and window.windowTitle().startswith(shown)
        seed(qtbot, window, ("ann@example.org", "Ann", None), ("bob@example.org", "Bob", None))
        assert table_column(window, 1) == ["ann@example.org", "bob@example.org"]
        window.search_row.field.setText("bob")
        qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org"], timeout=10_000)
        window.search_row.field.clear()
        qtbot.waitUntil(lambda: len(table_column(window, 1)) == 2, timeout=10_000)
        select_email(qtbot, window, "ann@example.org")
        window.action("edit_user").trigger()
        dialog = wait_for(qtbot, window, AccountDialog)
        dialog.name_field.setText("Ann Lee")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: table_column(window, 2)[0] == "Ann Lee", timeout=10_000)
        assert settings.value("database/last") == server.conninfo
    finally:
        _shut(qtbot, window)


def _open_asking(
    qtbot: QtBot, window: MainWindow, server: DatabaseLocation
) -> tuple[asyncio.Future[bool], ServerPasswordDialog]:
    opening = asyncio.ensure_future(window.session.open(server))
    return opening, wait_for(qtbot, window, ServerPasswordDialog, timeout=30_000)


def test_a_password_asked_for_is_saved_in_the_keyring_only_and_shown_nowhere(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, server: DatabaseLocation, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, file_keyring: PlaintextKeyring, caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))  # libpq finds none now
    password = _server_password()
    messages: list[str] = []
    window = _window(qtbot, settings)
    window.operations.failed.connect(messages.append)
    try:
        opening, dialog = _open_asking(qtbot, window, server)
        assert dialog.save_box.isEnabled()
        dialog.password_field.setText("not-the-password")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=30_000)
        assert "refused the sign-in" in dialog.error_label.text() and dialog.isVisible()
        dialog.password_field.setText(password)
        dialog.save_box.setChecked(True)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(opening.done, timeout=30_000)
        assert opening.result() is True
        assert file_keyring.get_password(KEYRING_SERVICE, keyring_user(server)) == password
        assert keyring_user(server).startswith("homelog@127.0.0.1:")
        settle(qtbot, window)
        # Opened again in a new run of the app (nothing in memory): the keyring's password, no question.
        run(qtbot, window.session.close())
        forget_password(server)
        assert run(qtbot, window.session.open(server), timeout=30_000)
        texts = [window.windowTitle(), window.statusBar().currentMessage(), *messages]
    finally:
        _shut(qtbot, window)
    settings.sync()
    kept = Path(settings.fileName()).read_text(encoding="utf-8")
    out, err = capfd.readouterr()
    for where in (kept, out, err, caplog.text, *texts):
        assert password not in where and "not-the-password" not in where


def test_without_a_keyring_the_dialog_says_so_and_asks_each_time(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, server: DatabaseLocation, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, no_keyring: None,
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    window = _window(qtbot, settings)
    try:
        opening, dialog = _open_asking(qtbot, window, server)
        assert not dialog.save_box.isEnabled() and dialog.save_box.toolTip() == NO_KEYRING
        dialog.password_field.setText(_server_password())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(opening.done, timeout=30_000)
        assert opening.result() is True
        settle(qtbot, window)
        run(qtbot, window.session.close())
        forget_password(server)
        opening, dialog = _open_asking(qtbot, window, server)  # asked again
        dialog.reject()
        qtbot.waitUntil(opening.done, timeout=10_000)
        assert opening.result() is False and window.workspace is None
    finally:
        _shut(qtbot, window)


def test_a_server_address_with_a_password_is_refused_before_the_window_opens(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from homelog_desktop.ui.app import main

    assert main(["--db", "postgresql://homelog:secret-pw@127.0.0.1:5432/homelog"]) == 2
    out, err = capsys.readouterr()
    assert "must not hold a password" in err and "secret-pw" not in out + err


def test_connect_to_server_opens_the_database_named_and_remembers_it_without_a_password(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, server: DatabaseLocation, db_path: Path,
) -> None:
    parts = urlsplit(server.conninfo or "")
    window = _window(qtbot, settings)
    try:
        assert run(qtbot, window.session.open(db_path))  # a file first: both show in Open recent
        settle(qtbot, window)
        window.action("connect_server").trigger()
        dialog = wait_for(qtbot, window, ConnectDialog)
        assert not dialog.ok_button.isEnabled()  # no host, no database yet
        dialog.host_field.setText("127.0.0.1/x")
        dialog.database_field.setText(parts.path.lstrip("/"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error_label.isVisible())
        assert "A host is a name or an address" in dialog.error_label.text()
        dialog.host_field.setText(str(parts.hostname))
        dialog.port_field.setValue(int(parts.port or 0))
        dialog.user_field.setText(str(parts.username))
        dialog.ssl_combo.setCurrentText("verify-full")
        assert dialog.root_cert_field.isEnabled()
        dialog.ssl_combo.setCurrentText("disable")
        assert not dialog.root_cert_field.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.workspace is not None and not window.workspace.location.is_file, timeout=30_000)
        assert window.windowTitle().startswith(server.display())
        settle(qtbot, window)
        recent = recent_locations(settings)
        assert [location.display() for location in recent] == [server.display(), str(db_path)]
        assert recent[0].conninfo is not None and "sslmode=disable" in recent[0].conninfo
        # File > Open recent reopens the file.
        menu = window.action("open_recent").menu()
        menu.aboutToShow.emit()
        entries = [action for action in menu.actions() if action.text() == str(db_path)]
        assert len(entries) == 1
        entries[0].trigger()
        qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.location.is_file, timeout=30_000)
        settle(qtbot, window)
    finally:
        _shut(qtbot, window)
    assert _server_password() not in Path(settings.fileName()).read_text(encoding="utf-8")


def test_a_change_another_session_makes_on_the_server_appears_in_the_window(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, server: DatabaseLocation
) -> None:
    window = _window(qtbot, settings)
    try:
        assert run(qtbot, window.session.open(server), timeout=30_000)
        seed(qtbot, window, ("ann@example.org", "Ann", None))
        with admin_connect(server) as other:  # home-log, or another instance of the app
            other.execute("UPDATE users SET username = 'Annie' WHERE email = 'ann@example.org'")
        qtbot.waitUntil(lambda: table_column(window, 2) == ["Annie"], timeout=10_000)
    finally:
        _shut(qtbot, window)


def _connections(location: DatabaseLocation, *, allowed: bool) -> None:
    """The server refuses (or accepts again) connections to this database, and ends those it has: as a
    restart looks to the app, without stopping the server the other tests use."""
    name = (location.conninfo or "").rsplit("/", 1)[-1]
    with psycopg.connect(require_server()[1], autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))


def test_a_lost_server_is_said_the_form_kept_and_the_window_reconnects_when_it_is_back(
    qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, server: DatabaseLocation
) -> None:
    window = _window(qtbot, settings)
    try:
        assert run(qtbot, window.session.open(server), timeout=30_000)
        seed(qtbot, window, ("ann@example.org", "Ann", None))
        qtbot.waitUntil(lambda: not window.watch._check or window.watch._check.done())
        select_email(qtbot, window, "ann@example.org")
        window.action("edit_user").trigger()
        dialog = wait_for(qtbot, window, AccountDialog)
        dialog.name_field.setText("Ann Lee")
        _connections(server, allowed=False)
        lost = f"Connection to {server.display()} lost; reconnecting…"
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == lost, timeout=10_000)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=30_000)
        assert server.display() in dialog.error_label.text()
        assert dialog.isVisible() and dialog.name_field.text() == "Ann Lee"  # what was typed stays
        _connections(server, allowed=True)
        back = f"Connection to {server.display()} is back."
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == back, timeout=30_000)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: table_column(window, 2) == ["Ann Lee"], timeout=30_000)
    finally:
        _connections(server, allowed=True)
        _shut(qtbot, window)
