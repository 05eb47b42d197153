"""The database the window shows: a file that is not a database is refused and the open one kept, a
read-only file is browsed but not changed, closing hides the accounts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.workspace import DatabaseLocation, Workspace
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.homelog_schema import create_homelog_database, insert_user, reset_homelog_tables, update_user
from tests.helpers.ui import admit_without_sign_in, error_shown, run, seed, select_email, table_column, wait_for


def test_a_read_only_database_can_be_browsed_but_not_changed(
    qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, settings: QSettings
) -> None:
    workspace = run(qtbot, Workspace.open(db_path, bcrypt_cost=TEST_BCRYPT_COST))
    run(qtbot, workspace.accounts.create("ann@example.org", "Ann"))
    run(qtbot, workspace.close())
    checksum = db_path.read_bytes()
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    try:
        # The window opens it read-only as it would a file it cannot write.
        assert run(qtbot, window.session.open(db_path, read_only=True))
        assert window.workspace is not None and window.workspace.read_only
        assert "cannot be written" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org"])
        select_email(qtbot, window, "ann@example.org")
        assert not window.action("new_user").isEnabled()
        assert not window.action("delete_user").isEnabled() and not window.action("set_password").isEnabled()
        assert "read-only" in window.action("delete_user").toolTip()
        assert "read-only" in window.action("import").toolTip() and not window.action("import").isEnabled()
        assert window.action("export").isEnabled() and "read-only" not in window.action("export").toolTip()
        assert "(read-only)" in window.windowTitle()
        assert window.search_row.field.isEnabled()  # browsing still works
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()
    assert db_path.read_bytes() == checksum


def test_opening_a_file_that_is_not_a_database_shows_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", None, None))
    junk = tmp_path / "notes.db"
    junk.write_text("just some text, not SQLite\n")
    assert not run(qtbot, window.session.open(junk))
    box = wait_for(qtbot, window, QMessageBox, "errorMessage")
    assert "not a HomeLog database" in box.text()
    assert junk.read_text() == "just some text, not SQLite\n"
    box.accept()
    # The database that was open stays open and usable.
    assert table_column(window, 1) == ["ann@example.org"]
    assert window.workspace is not None and window.workspace.path.name != "notes.db"


def test_closing_the_database_hides_its_accounts(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    assert run(qtbot, window.session.close()) == DatabaseLocation.file(db_path)
    assert window.workspace is None and window.model.rowCount() == 0
    assert window.status.count_label.text() == "No database open"
    assert window.windowTitle() == "HomeLog Desktop"
    assert not window.action("new_user").isEnabled() and not window.action("refresh").isEnabled()
    assert not window.search_row.field.isEnabled() and not window.search_row.filter_box.isEnabled()
    assert run(qtbot, window.session.close()) is None  # nothing more to close


def test_a_gate_that_fails_shows_why_and_keeps_nothing_open(
    qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, settings: QSettings
) -> None:
    async def failing_gate(*_args: object) -> None:
        raise HomeLogError(f"{db_path} is damaged or is not a HomeLog database.")

    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=failing_gate)  # type: ignore[arg-type]
    window.show()
    try:
        assert not run(qtbot, window.session.open(db_path))
        assert "is damaged" in error_shown(window)
        assert window.workspace is None and window.status.count_label.text() == "No database open"
        assert not window.operations.running  # the wait for a sign-in is over
        assert settings.value("database/last") is None  # not remembered as the last database
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()


# Issue 11, item 4: a database others can read is warned about, with the command that fixes it, for as
# long as it is open (in the status bar: a message box would take the focus from the table).


def test_a_database_others_can_read_is_warned_about_while_open(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    label = window.status.warning_label
    assert label.isHidden()  # the fixture's database is the app's own: private
    shared = tmp_path / "shared.db"
    workspace = run(qtbot, Workspace.open(shared, bcrypt_cost=TEST_BCRYPT_COST))
    run(qtbot, workspace.close())
    shared.chmod(0o644)  # as home-log may leave it
    assert run(qtbot, window.session.open(shared))
    assert label.isVisible() and label.text() == "⚠ Other users can read this file"
    assert label.toolTip() == (
        f"{shared} can be read by other users of this computer, password hashes included; "
        f"run chmod 600 {shared} to make it yours only."
    )
    assert error_shown(window) == ""  # no message box: nothing takes the focus away
    assert run(qtbot, window.session.open(db_path))
    assert label.isHidden()


def test_values_another_program_stored_are_shown_and_a_repair_is_said(
    qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path, settings: QSettings
) -> None:
    """home-log reset its tables and another program stored a creation time that is not one: the window
    says what opening repaired, and shows every account, the odd value as its text, marked."""
    path = create_homelog_database(tmp_path / "home-log.db", [("ann@example.org", "Ann")])
    workspace = run(qtbot, Workspace.open(path, bcrypt_cost=TEST_BCRYPT_COST))
    run(qtbot, workspace.close())
    reset_homelog_tables(path)
    insert_user(path, "bob@example.org", "Bob", created_at="yesterday")
    insert_user(path, "carl@example.org", "")
    update_user(path, 2, updated_at=42)
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    try:
        assert run(qtbot, window.session.open(path))
        message = window.statusBar().currentMessage()
        assert message.startswith("Repaired what another program removed from the database: ") and "kept as" in message
        qtbot.waitUntil(lambda: table_column(window, 1) == ["bob@example.org", "carl@example.org"])
        assert table_column(window, 8)[0] == "yesterday (not a time)"  # Created
        assert table_column(window, 9)[1] == "42 (not a time)"  # Updated
        assert table_column(window, 2) == ["Bob", ""]  # no name: '' as home-log stores it, shown as none
        for column in (8, 9):  # sorted in SQL by the stored values, whatever they are
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                window.table.sortByColumn(column, order)
                qtbot.waitUntil(lambda: sorted(table_column(window, 1)) == ["bob@example.org", "carl@example.org"])
        assert not error_shown(window)
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()


def test_a_trail_cut_short_while_the_window_was_away_is_said_on_opening(
    qtbot: QtBot, window: MainWindow, db_path: Path, settings: QSettings
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None), ("bob@example.org", None, None))
    # The head it saw is kept in the user's settings.
    assert run(qtbot, window.session.close()) == DatabaseLocation.file(db_path)
    assert any(key.startswith("auditHeads/") for key in settings.allKeys())
    with sqlite3.connect(db_path) as connection:
        connection.execute("DELETE FROM homelog_desktop_audit WHERE id = 2")
        connection.execute("UPDATE homelog_desktop_settings SET value = '1 ' || (SELECT entry_hash FROM "
                           "homelog_desktop_audit WHERE id = 1) WHERE key = 'audit.head'")
    connection.close()
    assert run(qtbot, window.session.open(db_path))
    qtbot.waitUntil(lambda: "was cut short: entry 2 and those after it are gone" in error_shown(window))
    assert db_path.name in error_shown(window)
