"""DatabaseSettingsDialog on its own: the scheme combo, the explanation and the bcrypt-among-Argon2
warning as the choice changes, OK only when saving changes something, and a save through the service."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from homelog_desktop.services.hash_scheme import BCRYPT_ON_ARGON2_WARNING
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.dialogs.database_settings import DatabaseSettingsDialog
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.ui import run


def make_dialog(qtbot: QtBot, **options: object) -> DatabaseSettingsDialog:
    dialog = DatabaseSettingsDialog(parent=None, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(dialog: DatabaseSettingsDialog, scheme: str) -> None:
    dialog.scheme_combo.setCurrentIndex(dialog.scheme_combo.findData(scheme))


def test_the_controls_by_name(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, scheme="bcrypt", explicitly_set=False, holds_argon2=False)
    assert dialog.objectName() == "databaseSettingsDialog"
    combo = dialog.findChild(QComboBox, "schemeCombo")
    assert combo is dialog.scheme_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "bcrypt (cost 12)", "Argon2id (as home-log's backend)",
    ]
    assert dialog.findChild(QLabel, "schemeExplanation").isVisible()
    assert not dialog.findChild(QLabel, "schemeWarning").isVisible()
    assert dialog.chosen_scheme() == "bcrypt"
    assert "No setting yet" in dialog.source_label.text()
    assert dialog.ok_button.isEnabled()  # saving makes the detected scheme the database's setting


def test_the_warning_follows_the_choice_where_argon2_hashes_are(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, scheme="argon2id", explicitly_set=True, holds_argon2=True)
    assert dialog.chosen_scheme() == "argon2id" and dialog.warning() is None
    assert not dialog.warning_label.isVisible() and not dialog.ok_button.isEnabled()  # nothing to change
    assert "Argon2id" in dialog.explanation_label.text()

    choose(dialog, "bcrypt")
    assert dialog.chosen_scheme() == "bcrypt"
    assert dialog.warning() == BCRYPT_ON_ARGON2_WARNING
    assert dialog.warning_label.isVisible() and dialog.warning_label.text() == BCRYPT_ON_ARGON2_WARNING
    assert "never turned into bcrypt" in dialog.explanation_label.text()
    assert dialog.ok_button.isEnabled()

    choose(dialog, "argon2id")
    assert not dialog.warning_label.isVisible() and not dialog.ok_button.isEnabled()


def test_no_warning_without_argon2_hashes(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, scheme="argon2id", explicitly_set=True, holds_argon2=False, bcrypt_cost=10)
    choose(dialog, "bcrypt")
    assert dialog.warning() is None and not dialog.warning_label.isVisible()
    assert "cost 10" in dialog.explanation_label.text() and dialog.scheme_combo.itemText(0) == "bcrypt (cost 10)"
    assert "This database is set to argon2id." == dialog.source_label.text()


def test_ok_submits_and_the_caller_saves(
    qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path
) -> None:
    workspace = run(qtbot, Workspace.open(db_path, bcrypt_cost=TEST_BCRYPT_COST))
    service = workspace.accounts
    try:
        setting = run(qtbot, workspace.hash_scheme.setting())
        dialog = make_dialog(
            qtbot, scheme=setting.scheme, explicitly_set=setting.explicitly_set, holds_argon2=setting.holds_argon2,
            bcrypt_cost=service.hasher.cost,
        )
        choose(dialog, "argon2id")
        with qtbot.waitSignal(dialog.submitted, timeout=2000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # FormDialog: the caller saves, then closes it
        saved = run(qtbot, workspace.hash_scheme.set_scheme(dialog.chosen_scheme()))
        dialog.accept_saved()
        assert not dialog.isVisible() and dialog.result() == DatabaseSettingsDialog.DialogCode.Accepted
        assert (saved.scheme, saved.explicitly_set) == ("argon2id", True)
        assert service.hasher.scheme == "argon2id"
    finally:
        run(qtbot, workspace.close())
