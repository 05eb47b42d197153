"""Every language: each visible text of the main window, the account form and the password dialog comes from
the translation (German), the .qm files are built from their .ts sources and shipped, the language is chosen
as documented, and sentences made below the window are translated where the window shows them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.data.sqlite_objects import SchemaRepair
from homelog_desktop.errors import NotFoundError
from homelog_desktop.file_errors import AlreadyExistsError, CannotWriteError, MissingFileError, UnsafeTargetError
from homelog_desktop.messages import translatable
from homelog_desktop.output_files import file_kind
from homelog_desktop.services.account import Dependents
from homelog_desktop.services.backup import describe_backup
from homelog_desktop.services.bulk import LastAdministratorsInSetError, describe_set
from homelog_desktop.services.passwords.policy import RULES
from homelog_desktop.services.sign_in import DISABLED
from homelog_desktop.services.tamper_evidence import OutsideChange
from homelog_desktop.services.transfer import OnExisting, read_import_file
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.dialogs.import_review import ImportReviewDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.translation import (
    LANGUAGE_KEY,
    chosen_language,
    error_text,
    install_language,
    language_to_use,
    translated,
    translation_folder,
)
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.ui import admit_without_sign_in, run, settle, wait_for

ROOT = Path(__file__).resolve().parents[2]
# Texts that are the same in German (names, abbreviations, examples of data), and data the test itself made.
SAME_IN_GERMAN = {"ID", "Name", "&Name:", "English", "Deutsch", "Status", "Administrator", "optional",
    "HomeLog Desktop", "✓", "✗"}


def visible_texts(widget: QWidget) -> list[tuple[str, str]]:
    """Every text a user can read in `widget` and its children, in tree order: labels, buttons, placeholders,
    tool tips, combo box items, menu and action texts, column titles and the window title."""
    found: list[tuple[str, str]] = [("title", widget.windowTitle())]
    for child in [widget, *widget.findChildren(QWidget)]:
        name = f"{type(child).__name__}#{child.objectName()}"
        if isinstance(child, QLabel):
            found.append((name, child.text()))
        if isinstance(child, QAbstractButton):
            found.append((name, child.text()))
        if isinstance(child, QLineEdit):
            found.append((name, child.placeholderText()))
        if isinstance(child, QComboBox):
            found.extend((name, child.itemText(index)) for index in range(child.count()))
        if isinstance(child, QMenu):
            found.append((name, child.title()))
        found.append((name, child.toolTip()))
        found.append((name, child.accessibleName()))
    for action in widget.findChildren(QAction):
        found.extend([(f"QAction#{action.objectName()}", action.text()), (action.objectName(), action.toolTip())])
    if isinstance(widget, MainWindow):
        model = widget.model
        found.extend(("header", str(model.headerData(column, Qt.Orientation.Horizontal)))
                     for column in range(model.columnCount()))
    return [(name, text) for name, text in found if any(c.isalpha() for c in text)]


def mnemonics(texts: list[str]) -> list[str]:
    """The Alt letters of these texts ("&Datei" -> "d")."""
    return [text[text.index("&") + 1].lower() for text in texts if "&" in text.replace("&&", "")]


def mnemonic_clashes(window: MainWindow) -> list[tuple[str, str]]:
    """Letters used twice in the menu bar or in one menu (submenus count as entries of their menu)."""
    clashes = []
    bar = [action.text() for action in window.menuBar().actions()]
    menus = [("menu bar", bar)] + [
        (action.text(), [entry.text() for entry in action.menu().actions() if not entry.isSeparator()])
        for action in window.menuBar().actions() if action.menu() is not None
    ]
    language_menu = window.findChild(QMenu, "languageMenu")
    assert language_menu is not None
    menus.append((language_menu.title(), [entry.text() for entry in language_menu.actions()]))
    for name, texts in menus:
        letters = mnemonics(texts)
        clashes.extend((name, letter) for letter in sorted(set(letters)) if letters.count(letter) > 1)
    return clashes


def untranslated(english: list[tuple[str, str]], german: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The texts the German version shows in English."""
    assert [name for name, _ in english] == [name for name, _ in german], "the two versions differ in their widgets"
    return [
        (name, text) for (name, text), (_, shown) in zip(english, german, strict=True)
        if text == shown and text not in SAME_IN_GERMAN and "@" not in text and ".db" not in text
    ]


@pytest.fixture
def german() -> Iterator[None]:
    """The window in German (the English of the other tests is loaded again afterwards)."""
    assert install_language("de")
    yield
    install_language("en")


def make_window(qtbot: QtBot, path: Path, settings: QSettings) -> MainWindow:
    window = MainWindow(bcrypt_cost=TEST_BCRYPT_COST, settings=settings, gate=admit_without_sign_in)
    window.show()
    assert run(qtbot, window.session.open(path))
    settle(qtbot, window)
    return window


def close(qtbot: QtBot, window: MainWindow) -> None:
    window.close()
    run(qtbot, window.shutdown())
    window.deleteLater()


def test_every_visible_text_of_the_main_window_is_translated(
    qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path, settings: QSettings
) -> None:
    english_window = make_window(qtbot, tmp_path / "en.db", settings)
    english = visible_texts(english_window)
    close(qtbot, english_window)
    assert install_language("de")
    try:
        german_window = make_window(qtbot, tmp_path / "en.db", settings)
        german = visible_texts(german_window)
        assert not german_window.grab().isNull()  # the German window renders
        assert mnemonic_clashes(german_window) == []
        assert german_window.status.count_label.text() == "0 Konten"
        assert german_window.empty_label.text() == "Noch keine Konten. Mit Strg+N legen Sie das erste an."
        assert [action.text() for action in german_window.menuBar().actions()] == [
            "&Datei", "&Bearbeiten", "&Konto", "&Ansicht", "&Hilfe"]
        close(qtbot, german_window)
    finally:
        install_language("en")
    assert untranslated(english, german) == []


def test_every_visible_text_of_the_account_form_and_password_dialog_is_translated(qtbot: QtBot) -> None:
    def dialogs() -> list[QWidget]:
        made: list[QWidget] = [
            AccountDialog(parent=None),
            PasswordDialog(parent=None, account_label="ann@example.org", offer_temporary=True),
        ]
        for dialog in made:
            qtbot.addWidget(dialog)
            dialog.show()
        return made

    english = [visible_texts(dialog) for dialog in dialogs()]
    assert install_language("de")
    try:
        german = [visible_texts(dialog) for dialog in dialogs()]
    finally:
        install_language("en")
    for english_texts, german_texts in zip(english, german, strict=True):
        assert untranslated(english_texts, german_texts) == []


def test_german_counts_dates_and_plurals(german: None) -> None:
    assert QLocale().toString(1204) == "1.204"
    from homelog_desktop.ui.translation import translate

    assert translate("AccountsTable", "%Ln account(s)", None, 1) == "1 Konto"
    assert translate("AccountsTable", "%Ln account(s)", None, 1204) == "1.204 Konten"


def test_english_plurals_come_from_the_english_translation() -> None:
    from homelog_desktop.ui.translation import translate

    assert translate("AccountsTable", "%Ln account(s)", None, 1) == "1 account"
    assert translate("AccountsTable", "%Ln account(s)", None, 1204) == "1,204 accounts"


def test_sentences_from_below_the_window_are_translated_where_shown(german: None) -> None:
    rule = RULES[0].label
    assert rule == "At least 7 characters"  # English everywhere else (logs, homelog-admin)
    assert translated(rule) == "Mindestens 7 Zeichen"
    assert translated("a plain sentence") == "a plain sentence"
    error = NotFoundError.with_id(4)
    assert str(error) == "No account with id 4 was found. It may have been deleted."
    assert error_text(error) == "Kein Konto mit der ID 4 gefunden. Es wurde vielleicht gelöscht."
    assert error_text(ValueError("not ours")) == "not ours"
    assert translated(DISABLED) == "Dieses Konto ist deaktiviert; ein Administrator kann es aktivieren."
    assert translated(translatable("PasswordRules",
        "At most {limit} characters").filled(limit=3)) == "Höchstens 3 Zeichen"


def test_a_bulk_confirmation_in_the_german_window(
    qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path, settings: QSettings, german: None
) -> None:
    window = make_window(qtbot, tmp_path / "bulk.db", settings)
    try:
        assert window.workspace is not None
        for n in range(5):
            run(qtbot, window.workspace.accounts.create(f"user{n}@example.org"))
        run(qtbot, window.table.refresh())
        settle(qtbot, window)
        window.table.setFocus()
        qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.table.marks.count == 5)
        window.action("disable").trigger()
        box = wait_for(qtbot, window, QMessageBox, "confirmBulk")
        assert box.text() == (
            "5 Konten deaktivieren: user0@example.org, user1@example.org, user2@example.org und 2 weitere?")
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
        settle(qtbot, window)
    finally:
        close(qtbot, window)
    emails = ["ann@example.org", "bob@example.org", "cy@example.org"]
    question = describe_set("Require a new password of", emails, 1204)
    assert question == "Require a new password of 1,204 accounts: ann@example.org, bob@example.org, cy@example.org " \
        "and 1,201 more?"  # English for the log and homelog-admin
    assert translated(question) == (
        "Von 1.204 Konten ein neues Passwort verlangen: ann@example.org, bob@example.org, cy@example.org und "
        "1.201 weitere?")
    assert translated(describe_set("Delete", emails[:1], 1)) == "1 Konto löschen: ann@example.org?"
    assert error_text(LastAdministratorsInSetError(emails[:1], "Delete")) == (
        "Diese Konten umfassen alle aktivierten Administratoren (ann@example.org): Werden sie alle gelöscht, könnte "
        "niemand mehr die Konten verwalten. Lassen Sie mindestens einen von ihnen aus der Auswahl heraus.")


def test_import_summaries_and_backup_descriptions_in_german(
    qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, tmp_path: Path, german: None
) -> None:
    workspace = run(qtbot, Workspace.open(db_path, bcrypt_cost=TEST_BCRYPT_COST))
    try:
        run(qtbot, workspace.accounts.create("ann@example.org", "Ann"))
        people = tmp_path / "people.csv"
        people.write_text("email,username\nnew@example.org,\nbob@example.org,Bob\n")
        plan = run(qtbot, workspace.transfer.plan_import(run(qtbot, read_import_file(people)), OnExisting.SKIP))
        assert plan.summary() == "2 to create, 0 to update, 0 skipped, 0 errors"
        parent = QWidget()
        qtbot.addWidget(parent)
        dialog = ImportReviewDialog(parent=parent, plan=plan, start=Operations().start)
        assert dialog.counts_label.text().startswith("2 Zeilen: 2 anzulegen, 0 zu ändern, 0 übersprungen, 0 Fehler.")
        report = run(qtbot, workspace.transfer.run_import(plan))
        assert report.summary() == "Imported: 2 created, 0 updated, 0 skipped."
        assert translated(report.summary()) == "Importiert: 2 angelegt, 0 geändert, 0 übersprungen."
    finally:
        run(qtbot, workspace.close())
    description = run(qtbot, describe_backup(db_path))
    assert description == "3 accounts, 0 with a password"
    assert translated(description) == "3 Konten, 0 mit Passwort"
    assert translated(Dependents(data_sources=1, readings=1204).describe()) == (
        "Es besitzt 1 Datenquelle und hat 1.204 Messwerte angelegt; sie bleiben ohne dieses Konto in home-log "
        "erhalten.")


def test_file_errors_repairs_and_outside_changes_in_german(german: None) -> None:
    error = AlreadyExistsError(Path("/home/ann/accounts.db"), backup=True)
    assert str(error) == "/home/ann/accounts.db already exists; a backup never overwrites a file. Choose another name."
    assert error_text(error) == (
        "/home/ann/accounts.db existiert bereits; eine Sicherung überschreibt nie eine Datei. Wählen Sie einen "
        "anderen Namen.")
    pipe = file_kind(0o010644)  # a named pipe
    assert pipe is not None
    assert error_text(UnsafeTargetError.not_regular(Path("out.csv"), pipe)) == (
        "out.csv ist eine benannte Pipe, keine gewöhnliche Datei: Es wurde nichts hineingeschrieben. Wählen Sie "
        "einen Dateinamen.")
    assert error_text(CannotWriteError(Path("out.csv"), None)) == (
        "out.csv kann nicht geschrieben werden: ein Fehler des Betriebssystems.")
    assert error_text(CannotWriteError(Path("out.csv"), "Disk quota exceeded.")) == (
        "out.csv kann nicht geschrieben werden: Disk quota exceeded.")  # the system's own words stay as they are
    assert error_text(MissingFileError(Path("x.db"))) == "x.db existiert nicht."
    repair = SchemaRepair((translatable("Schema", "the search index rebuilt"),
        translatable("Schema", "the state of {count} deleted accounts removed").filled(count=2)))
    assert repair.describe() == (
        "Repaired what another program removed from the database: the search index rebuilt; the state of 2 deleted "
        "accounts removed.")
    assert translated(repair.describe()) == (
        "Repariert, was ein anderes Programm aus der Datenbank entfernt hatte: Suchindex neu aufgebaut; Zustand von 2 "
        "gelöschten Konten entfernt.")
    change = OutsideChange(3, "ann@example.org", (
        translatable("OutsideChanges", "is {role}, the trail says {said}").filled(
            role=translatable("OutsideChanges", "an administrator"), said=translatable("OutsideChanges", "a member")),
        translatable("OutsideChanges", "is disabled, the trail says enabled")))
    assert change.sentence() == (
        "ann@example.org: is an administrator, the trail says a member; is disabled, the trail says enabled")
    assert translated(change.sentence()) == (
        "ann@example.org: ist Administrator, laut Protokoll Mitglied; ist deaktiviert, laut Protokoll aktiviert")


def test_the_language_follows_the_system_unless_chosen(settings: QSettings) -> None:
    assert language_to_use("", QLocale("de_AT")) == "de"
    assert language_to_use("", QLocale("fr_FR")) == "en"
    assert language_to_use("en", QLocale("de_DE")) == "en"
    assert chosen_language(settings) == ""
    settings.setValue(LANGUAGE_KEY, "de")
    assert chosen_language(settings) == "de"
    settings.setValue(LANGUAGE_KEY, "xx")
    assert chosen_language(settings) == ""


def test_view_language_is_remembered(qtbot: QtBot, loop: qasync.QEventLoop, tmp_path: Path,
    settings: QSettings) -> None:
    window = make_window(qtbot, tmp_path / "a.db", settings)
    try:
        menu = window.findChild(QMenu, "languageMenu")
        assert menu is not None
        action = window.findChild(QAction, "language_de")
        assert action is not None
        action.trigger()
        assert chosen_language(settings) == "de"
        assert "next start" not in window.statusBar().currentMessage()
        assert window.statusBar().currentMessage() == "The language changes when HomeLog Desktop is started again."
    finally:
        close(qtbot, window)


def test_the_qm_files_are_built_from_the_ts_sources_and_shipped(tmp_path: Path) -> None:
    folder = translation_folder()
    for language in ("en", "de"):
        ts = ROOT / "resources" / "translations" / f"homelog_{language}.ts"
        built = tmp_path / f"homelog_{language}.qm"
        lrelease = Path(sys.executable).parent / "pyside6-lrelease"
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(built)], check=True)
        assert (folder / built.name).read_bytes() == built.read_bytes(), f"{built.name} is older than its .ts"
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "translations/*.qm" in package_data["homelog_desktop.resources"]
    assert "homelog_desktop/resources/translations/homelog_de.qm" in (ROOT / ".ci" / "run").read_text()
