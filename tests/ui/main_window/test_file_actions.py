"""File > Back up…, Restore…, Export…, Import… driven through their dialogs, on real files."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import sqlite3
import stat
from datetime import date
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from homelog_desktop.services.transfer import RowStatus
from homelog_desktop.ui.dialogs.export import ExportDialog
from homelog_desktop.ui.dialogs.import_review import ImportReviewDialog
from homelog_desktop.ui.main_window.file_actions import backup_name
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.ui import (
    admit_without_sign_in,
    choose_file,
    error_shown,
    run,
    seed,
    settle,
    table_column,
    visible,
    wait_for,
)

BCRYPT_PREFIX = "$2b$04$"


TRANSFER = ("back_up", "restore", "export", "import")


def message(window: MainWindow) -> str:
    """What the status bar says now."""
    return window.statusBar().currentMessage()


def click_confirm(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    box = wait_for(qtbot, window, QMessageBox, name)
    qtbot.mouseClick(box.findChild(QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    return box


def export_through_the_window(
    qtbot: QtBot, window: MainWindow, target: Path, *, hashes: bool, json_format: bool = False
) -> None:
    window.action("export").trigger()
    dialog = wait_for(qtbot, window, ExportDialog)
    if json_format:
        dialog.format_choice.setCurrentIndex(1)
    dialog.hashes_check.setChecked(hashes)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    choose_file(qtbot, window, "exportFileDialog", target)
    qtbot.waitUntil(lambda: message(window).startswith("Exported"), timeout=10_000)
    settle(qtbot, window)


def start_import(qtbot: QtBot, window: MainWindow, source: Path) -> ImportReviewDialog:
    window.action("import").trigger()
    choose_file(qtbot, window, "importFileDialog", source)
    return wait_for(qtbot, window, ImportReviewDialog)


def count_rows(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM users").fetchone()[0])


def test_the_four_actions_sit_in_the_file_menu_before_quit(qtbot: QtBot, window: MainWindow) -> None:
    menu = window.menuBar().actions()[0].menu()
    names = [action.objectName() for action in menu.actions() if not action.isSeparator()]
    assert names[-6:] == [
        "actionBackUp", "actionRestore", "actionExport", "actionExportSelected", "actionImport", "actionQuit",
    ]
    texts = {action.objectName(): action.text() for action in menu.actions()}
    assert texts["actionBackUp"] == "&Back up…" and texts["actionImport"] == "&Import…"


def test_the_actions_need_an_open_database(
    qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, settings: QSettings
) -> None:
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    actions = [window.action(key) for key in TRANSFER]  # as the window built them, before any database is open
    try:
        assert not any(action.isEnabled() for action in actions)
        assert run(qtbot, window.session.open(db_path))
        qtbot.waitUntil(lambda: all(action.isEnabled() for action in actions))
    finally:
        run(qtbot, window.shutdown())
        window.close()
        window.deleteLater()


def test_export_with_hashes_then_import_into_a_new_database(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", None, None))
    exported = tmp_path / "accounts.csv"
    export_through_the_window(qtbot, window, exported, hashes=True)
    with exported.open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["email"] for row in rows] == ["ann@example.org", "bob@example.org"]
    assert rows[0]["hashed_password"].startswith(BCRYPT_PREFIX) and rows[1]["hashed_password"] == ""
    assert exported.stat().st_mode & 0o777 == 0o600

    fresh = tmp_path / "fresh.db"
    assert run(qtbot, window.session.open(fresh))
    settle(qtbot, window)
    review = start_import(qtbot, window, exported)
    assert "2 to create" in review.counts_label.text()
    assert review.import_button.isEnabled()
    assert count_rows(fresh) == 0  # nothing is written before Import is pressed
    qtbot.mouseClick(review.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org", "bob@example.org"], timeout=10_000)
    assert table_column(window, 3) == ["set", "none"]
    assert window.workspace is not None and run(qtbot, window.workspace.accounts.check_password(1, GOOD_PASSWORD))
    assert "Imported: 2 created" in message(window)
    assert len(list(tmp_path.glob("fresh.before-import-*.db"))) == 1  # the database as it was, kept
    assert visible(window, QProgressDialog) is None


def test_export_follows_the_search_and_order_shown_and_has_no_hash_by_default(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(
        qtbot, window,
        ("ann@example.org", "Ann", GOOD_PASSWORD), ("bob@example.org", "Bob", None), ("carl@home.net", "Annika", None),
    )
    window.search_row.field.setText("ann")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["carl@home.net", "ann@example.org"])
    exported = tmp_path / "shown.json"
    export_through_the_window(qtbot, window, exported, hashes=False, json_format=True)
    records = json.loads(exported.read_text())
    assert [record["email"] for record in records] == ["carl@home.net", "ann@example.org"]
    assert all("hashed_password" not in record for record in records)
    assert "$2" not in exported.read_text()


def test_an_import_with_an_invalid_row_shows_it_and_cannot_be_confirmed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("email,username\nok@example.org,Ok\nnot-an-email,Bad\n")
    review = start_import(qtbot, window, source)
    assert "1 error" in review.counts_label.text() and "Nothing will be imported" in review.counts_label.text()
    assert not review.import_button.isEnabled()
    plan = review.model.plan
    assert [(row.number, row.status) for row in plan.rows] == [(1, RowStatus.CREATE), (2, RowStatus.ERROR)]
    assert review.model.data(review.model.index(1, 2)) == "error"
    assert "not a valid email address" in review.model.data(review.model.index(1, 3))
    review.reject()
    qtbot.waitUntil(lambda: visible(window, ImportReviewDialog) is None)
    qtbot.waitUntil(lambda: "nothing was written" in message(window))
    assert count_rows(db_path) == 0


def test_choosing_update_for_existing_accounts_replans_the_rows(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    source = tmp_path / "people.json"
    source.write_text(json.dumps([{"email": "ANN@example.org", "username": "Ann Lee"}, {"email": "new@example.org"}]))
    review = start_import(qtbot, window, source)
    assert "1 to create, 0 to update, 1 skipped" in review.counts_label.text()
    review.existing_choice.setCurrentIndex(1)  # update
    qtbot.waitUntil(lambda: "1 to create, 1 to update, 0 skipped" in review.counts_label.text())
    qtbot.waitUntil(review.import_button.isEnabled)
    qtbot.mouseClick(review.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["ANN@example.org", "new@example.org"], timeout=10_000)
    assert table_column(window, 2) == ["Ann Lee", ""]


def test_cancelling_a_running_import_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    source = tmp_path / "many.csv"
    source.write_text("email\n" + "".join(f"user{n}@example.org\n" for n in range(6000)))
    review = start_import(qtbot, window, source)
    assert review.import_button.isEnabled()
    qtbot.mouseClick(review.import_button, Qt.MouseButton.LeftButton)
    progress = wait_for(qtbot, window, QProgressDialog, "importProgress")
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel button
    qtbot.waitUntil(lambda: "cancelled" in message(window), timeout=10_000)
    assert message(window) == "Import cancelled; nothing was written."
    settle(qtbot, window)
    assert count_rows(db_path) == 0
    assert not list(tmp_path.glob("*before-import*"))  # the backup of an unchanged database is not kept
    assert visible(window, QProgressDialog) is None


def test_back_up_then_restore_through_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    backup = tmp_path / "saved.db"
    window.action("back_up").trigger()
    choose_file(qtbot, window, "backupFileDialog", backup)
    qtbot.waitUntil(lambda: message(window).startswith("Backed up"), timeout=10_000)
    assert backup.stat().st_mode & 0o777 == 0o600

    seed(qtbot, window, ("bob@example.org", "Bob", None))
    assert table_column(window, 1) == ["ann@example.org", "bob@example.org"]
    window.action("restore").trigger()
    choose_file(qtbot, window, "restoreFileDialog", backup)
    box = click_confirm(qtbot, window, "confirmRestore")
    assert "saved.db" in box.text() and "1 account" in box.informativeText()
    qtbot.waitUntil(lambda: message(window).startswith("Restored"), timeout=10_000)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: table_column(window, 1) == ["ann@example.org"])
    assert window.workspace is not None and window.workspace.path == db_path
    assert run(qtbot, window.workspace.accounts.check_password(1, GOOD_PASSWORD))
    kept = list(tmp_path.glob("homelog-test.before-restore-*.db"))
    assert len(kept) == 1 and count_rows(kept[0]) == 2


def test_restore_refuses_a_file_that_is_not_a_database_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n")
    window.action("restore").trigger()
    choose_file(qtbot, window, "restoreFileDialog", notes)
    qtbot.waitUntil(lambda: "not an SQLite file" in error_shown(window))
    assert visible(window, QMessageBox, "confirmRestore") is None
    assert notes.read_text() == "shopping list\n"
    assert table_column(window, 1) == ["ann@example.org"]
    assert not list(tmp_path.glob("*before-restore*"))


def test_a_backup_is_proposed_with_a_dated_name_in_the_documents_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, db_path: Path
) -> None:
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    documents.mkdir(parents=True, exist_ok=True)
    today = date.today().isoformat()
    (documents / f"{db_path.stem}-backup-{today}.db").write_bytes(b"an earlier backup of today")
    try:
        window.action("back_up").trigger()
        dialog = wait_for(qtbot, window, QFileDialog, "backupFileDialog")
        assert Path(dialog.directory().absolutePath()) == documents  # not the database's hidden folder
        assert [Path(chosen).name for chosen in dialog.selectedFiles()] == [f"{db_path.stem}-backup-{today}-2.db"]
        dialog.reject()
    finally:
        shutil.rmtree(documents)


def test_backup_names_never_repeat_one_in_the_folder(tmp_path: Path) -> None:
    day = date(2026, 6, 15)
    assert backup_name(tmp_path, Path("/x/homelog.db"), day) == "homelog-backup-2026-06-15.db"
    (tmp_path / "homelog-backup-2026-06-15.db").touch()
    (tmp_path / "homelog-backup-2026-06-15-2.db").touch()
    assert backup_name(tmp_path, Path("/x/homelog.db"), day) == "homelog-backup-2026-06-15-3.db"
    assert backup_name(tmp_path, Path("/x/accounts"), day) == "accounts-backup-2026-06-15.db"


# Issue 11, item 4: the window's export is written only to a regular file of the user's own or a new path;
# anything else is refused before the question "Replace it?", and left as it was.


def test_export_refuses_a_link_or_a_pipe_before_asking_to_replace_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    real = tmp_path / "real.csv"
    real.write_text("keep me\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    for target, sentence in ((link, "is a symbolic link"), (pipe, "is a named pipe, not a regular file")):
        window.action("export").trigger()
        dialog = wait_for(qtbot, window, ExportDialog)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        choose_file(qtbot, window, "exportFileDialog", target)
        qtbot.waitUntil(lambda sentence=sentence: sentence in error_shown(window))  # type: ignore[misc]
        assert visible(window, QMessageBox, "confirmOverwrite") is None
        box = visible(window, QMessageBox, "errorMessage")
        assert box is not None
        box.close()
        qtbot.waitUntil(lambda: window.action("export").isEnabled())
    assert link.is_symlink() and real.read_text() == "keep me\n"
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".part")]
