"""The window context: what an action module sees of the window, and nothing more."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.ui import run, seed, select_email


def test_the_target_is_the_open_database_and_the_selected_account(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", None))
    context = WindowContext(
        parent=window, operations=window.operations, session=window.session,
        selected_account=window.table.selected_account, shown=lambda: window._shown(),
    )
    window.table.clearSelection()
    assert context.target() is None  # nothing selected
    select_email(qtbot, window, "ann@example.org")
    target = context.target()
    assert target is not None and target.account.email == "ann@example.org"
    assert target.workspace is window.workspace
    assert not context.is_me(target.account)  # nobody signed in (the tests' gate)
    assert context.shown().total == 1 and context.shown().filter_label == "All accounts"
    context.tell("Hello.", 1000)
    assert window.statusBar().currentMessage() == "Hello."
    run(qtbot, window.session.close())
    assert context.workspace is None and context.target() is None
