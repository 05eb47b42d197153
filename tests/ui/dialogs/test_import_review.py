"""The import review on its own: the counts and the verdict, every row with its status, Import only when
something would be written, and the rows planned again when existing accounts are to be updated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.services.transfer import ImportPlan, OnExisting, read_import_file
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.dialogs.import_review import ImportReviewDialog
from homelog_desktop.ui.operations import Operations
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.template_database import fresh_database_file
from tests.helpers.ui import run


@pytest.fixture
def workspace(qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path) -> Iterator[Workspace]:
    opened = run(qtbot, Workspace.open(fresh_database_file(db_path), bcrypt_cost=TEST_BCRYPT_COST))
    run(qtbot, opened.accounts.create("ann@example.org", "Ann"))
    yield opened
    run(qtbot, opened.close())


def planned(qtbot: QtBot, workspace: Workspace, path: Path, text: str) -> ImportPlan:
    path.write_text(text)
    return run(qtbot, workspace.transfer.plan_import(run(qtbot, read_import_file(path)), OnExisting.SKIP))


def review(qtbot: QtBot, plan: ImportPlan, operations: Operations) -> ImportReviewDialog:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ImportReviewDialog(parent=parent, plan=plan, start=operations.start)
    dialog.setParent(None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_rows_counts_and_replanning(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    people = "email,username\nANN@example.org,Ann Lee\nnew@example.org,\n"
    plan = planned(qtbot, workspace, tmp_path / "people.csv", people)
    operations = Operations()
    dialog = review(qtbot, plan, operations)
    assert dialog.windowTitle() == "Import people.csv"
    assert "1 to create, 0 to update, 1 skipped" in dialog.counts_label.text()
    assert "Nothing is written until you press Import" in dialog.counts_label.text()
    model = dialog.model
    assert [model.data(model.index(row, 2)) for row in range(model.rowCount())] == ["skip", "create"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is not None  # row numbers on the right
    assert dialog.import_button.isEnabled() and dialog.cancel_button.isDefault()
    dialog.existing_choice.setCurrentIndex(1)  # update them
    assert not dialog.import_button.isEnabled()  # while planning again
    qtbot.waitUntil(lambda: "1 to create, 1 to update, 0 skipped" in dialog.counts_label.text())
    qtbot.waitUntil(dialog.import_button.isEnabled)
    dialog.accept()
    assert dialog.result() == ImportReviewDialog.DialogCode.Accepted
    assert dialog.confirmed_plan().on_existing is OnExisting.UPDATE
    run(qtbot, operations.cancel_all())


def test_a_row_with_an_error_means_nothing_is_imported(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    plan = planned(qtbot, workspace, tmp_path / "bad.csv", "email\nok@example.org\nnot-an-email\n")
    dialog = review(qtbot, plan, Operations())
    assert "Nothing will be imported" in dialog.counts_label.text() and not dialog.import_button.isEnabled()
    dialog.accept()  # Enter on a plan that cannot be imported does nothing
    assert dialog.isVisible()
    assert dialog.model.data(dialog.model.index(1, 2)) == "error"
