"""File > Restore… on a database of a real PostgreSQL server: a backup file (our SQLite format) chosen, its
plan shown before anything is written, written in one transaction only when confirmed; a file that is no
backup, or Cancel at the plan, changes nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from homelog_desktop.data.server_passwords import forget_password
from homelog_desktop.services.workspace import DatabaseLocation, Workspace
from homelog_desktop.ui.dialogs.restore_plan import RestorePlanDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.postgres import admin_connect, fresh_database, require_server
from tests.helpers.ui import admit_without_sign_in, choose_file, error_shown, run, seed, settle, table_column, wait_for
from tests.helpers.workspaces import GOOD_PASSWORD

pytestmark = pytest.mark.postgres
SCREENSHOTS = os.environ.get("HOMELOG_SCREENSHOTS")  # a folder: the plan dialog is saved there as a PNG


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabaseLocation]:
    with fresh_database(tmp_path, monkeypatch) as location:
        yield location
        forget_password(location)


@pytest.fixture
def window(qtbot: QtBot, loop: qasync.QEventLoop, settings: QSettings, server: DatabaseLocation
           ) -> Iterator[MainWindow]:
    """A shown window on the server database holding ann (id 1, "Ann") and zed (id 100, written by home-log)."""
    shown = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    shown.show()
    try:
        assert run(qtbot, shown.session.open(server), timeout=30_000)
        seed(qtbot, shown, ("ann@example.org", "Ann", None))
        with admin_connect(server) as other:
            other.execute("INSERT INTO users (id, email, username, created_at, updated_at) "
                          "VALUES (100, 'zed@example.org', 'Zed', now(), now())")
        qtbot.waitUntil(lambda: table_column(shown, 1) == ["ann@example.org", "zed@example.org"], timeout=10_000)
        yield shown
    finally:
        shown.close()
        run(qtbot, shown.shutdown())
        shown.deleteLater()


async def _backup_of_another_database(location: DatabaseLocation, target: Path) -> Path:
    """A backup file of another server database: ann renamed, bob (with a password) and dave new."""
    workspace = await Workspace.open(location, bcrypt_cost=TEST_BCRYPT_COST)
    try:
        await workspace.accounts.create("ann@example.org", "Ann Backup", None)
        await workspace.accounts.create("bob@example.org", "Bob", GOOD_PASSWORD)
        await workspace.accounts.create("dave@example.org", "Dave", None)
        return await workspace.backups.back_up(target)
    finally:
        await workspace.close()


@pytest.fixture
def backup(qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with fresh_database(tmp_path, monkeypatch) as other:
        yield run(qtbot, _backup_of_another_database(other, tmp_path / "other-backup.db"), timeout=30_000)
        forget_password(other)


def _open_plan(qtbot: QtBot, window: MainWindow, source: Path) -> RestorePlanDialog:
    window.action("restore").trigger()
    choose_file(qtbot, window, "restoreFileDialog", source)
    return wait_for(qtbot, window, RestorePlanDialog, timeout=30_000)


def _label(dialog: RestorePlanDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None
    return label.text()


def _audit_verifies(qtbot: QtBot, window: MainWindow) -> bool:
    assert window.workspace is not None
    ok, _broken = run(qtbot, window.workspace.audit.verify_chain(), timeout=30_000)
    return ok


def test_a_backup_of_another_database_is_restored_after_its_plan_was_shown(
    qtbot: QtBot, window: MainWindow, backup: Path, tmp_path: Path
) -> None:
    dialog = _open_plan(qtbot, window, backup)
    assert [_label(dialog, name) for name in ("restoreAdded", "restoreUpdated", "restoreUnchanged",
                                                "restoreOnlyOnServer")] == ["2", "1", "0", "1"]
    assert "other-backup.db" in _label(dialog, "restoreHeading")
    assert dialog.cancel_button.isDefault() and dialog.restore_button.isEnabled()
    if SCREENSHOTS:
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(Path(SCREENSHOTS) / "restore-plan.png"))
    assert table_column(window, 2) == ["Ann", "Zed"]  # nothing written while the plan is shown
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Restore, from the keyboard
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Restored"), timeout=30_000)
    assert "2 added, 1 updated, 0 left alone" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: table_column(window, 1) == [
        "ann@example.org", "bob@example.org", "dave@example.org", "zed@example.org"], timeout=10_000)
    assert table_column(window, 2) == ["Ann Backup", "Bob", "Dave", "Zed"]
    workspace = window.workspace
    assert workspace is not None
    bob = run(qtbot, workspace.accounts.find("bob@example.org"))
    assert run(qtbot, workspace.accounts.check_password(bob.id, GOOD_PASSWORD))
    assert _audit_verifies(qtbot, window)
    # The same backup again: every account is as the backup has it, so there is nothing to restore.
    settle(qtbot, window)
    again = _open_plan(qtbot, window, backup)
    assert _label(again, "restoreUnchanged") == "3" and not again.restore_button.isEnabled()
    assert "nothing to restore" in again.verdict.text()
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not again.isVisible())


def test_cancel_at_the_plan_changes_nothing(qtbot: QtBot, window: MainWindow, backup: Path) -> None:
    dialog = _open_plan(qtbot, window, backup)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Cancel is the default: a stray Enter writes nothing
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Restore cancelled; nothing was written.")
    settle(qtbot, window)
    assert table_column(window, 2) == ["Ann", "Zed"]
    assert window.workspace is not None
    assert run(qtbot, window.workspace.accounts.count()) == 2


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n")
    window.action("restore").trigger()
    choose_file(qtbot, window, "restoreFileDialog", notes)
    qtbot.waitUntil(lambda: "not an SQLite file" in error_shown(window), timeout=30_000)
    assert not [dialog for dialog in window.findChildren(RestorePlanDialog) if dialog.isVisible()]
    assert notes.read_text() == "shopping list\n"
    settle(qtbot, window)
    assert table_column(window, 2) == ["Ann", "Zed"]


def _terminate_sessions(server: DatabaseLocation) -> None:
    name = (server.conninfo or "").rsplit("/", 1)[-1]
    with admin_connect(server) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                      "AND pid <> pg_backend_pid()", (name,))


def _stored_names(server: DatabaseLocation) -> list[str]:
    with admin_connect(server) as admin:
        return [row[0] for row in admin.execute("SELECT username FROM users ORDER BY id").fetchall()]


def test_a_server_that_became_read_only_refuses_the_restore_with_one_sentence(
    qtbot: QtBot, window: MainWindow, backup: Path, server: DatabaseLocation
) -> None:
    dialog = _open_plan(qtbot, window, backup)
    name = (server.conninfo or "").rsplit("/", 1)[-1]
    with admin_connect(server) as admin:  # as a standby, or a role the owner made read-only, looks
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    _terminate_sessions(server)  # the window's next sessions are read-only ones
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "accepts no changes" in error_shown(window), timeout=30_000)
    assert server.display() in error_shown(window)
    assert _stored_names(server) == ["Ann", "Zed"]


def test_a_server_gone_during_the_restore_is_said_and_nothing_is_half_written(
    qtbot: QtBot, window: MainWindow, backup: Path, server: DatabaseLocation
) -> None:
    dialog = _open_plan(qtbot, window, backup)
    name = (server.conninfo or "").rsplit("/", 1)[-1]
    with psycopg.connect(require_server()[1], autocommit=True) as admin:  # not from inside that database
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
    try:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: server.display() in error_shown(window), timeout=30_000)
        assert "Restored" not in window.statusBar().currentMessage()
    finally:
        with psycopg.connect(require_server()[1], autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert _stored_names(server) == ["Ann", "Zed"]
