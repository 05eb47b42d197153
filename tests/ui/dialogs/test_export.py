"""The export options dialog on its own: CSV without hashes by default, and which accounts it writes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.services.transfer import TransferFormat
from homelog_desktop.ui.dialogs.export import ExportDialog


def test_defaults_and_choices(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent=parent, scope="Exports the 3 accounts, sorted by ID, as shown.")
    dialog.show()
    assert dialog.findChild(QLabel, "exportScope").text() == "Exports the 3 accounts, sorted by ID, as shown."
    assert dialog.chosen_format() is TransferFormat.CSV and not dialog.include_hashes()
    assert dialog.export_button.text() == "Choose file…"
    dialog.format_choice.setCurrentIndex(1)
    dialog.hashes_check.setChecked(True)
    assert dialog.chosen_format() is TransferFormat.JSON and dialog.include_hashes()


def test_ticking_the_hashes_warns_what_the_file_then_holds(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ExportDialog(parent=parent, scope="Exports the 3 accounts, sorted by ID, as shown.")
    dialog.show()
    assert not dialog.hashes_warning.isVisible()
    dialog.hashes_check.setChecked(True)
    assert dialog.hashes_warning.isVisible() and "password hash" in dialog.hashes_warning.text()
    assert "keep it private" in dialog.hashes_warning.text()
    dialog.hashes_check.setChecked(False)
    assert not dialog.hashes_warning.isVisible()
