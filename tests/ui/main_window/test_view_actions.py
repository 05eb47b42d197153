"""View > History, History of this account, Sign-in readiness and Help > About, from the window: the
views follow changes and close with their database."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.views.history import HistoryView
from homelog_desktop.ui.views.history_model import ACCOUNT, ACTION
from homelog_desktop.ui.views.readiness import ReadinessView
from tests.conftest import GOOD_PASSWORD
from tests.helpers.sign_in import ADMIN, MEMBER, prepare, shown_emails, sign_in_as_admin
from tests.helpers.ui import seed, settle_view, wait_for


def test_history_and_readiness_open_from_the_window_and_close_with_the_database(
    qtbot: QtBot, gated: MainWindow, db_path: Path
) -> None:
    prepare(qtbot, db_path, (ADMIN, GOOD_PASSWORD, ROLE_ADMINISTRATOR), (MEMBER, None, None))
    sign_in_as_admin(qtbot, gated, db_path, accounts=2)

    gated.table.selectRow(shown_emails(gated).index(MEMBER))
    gated.action("account_history").trigger()
    history = wait_for(qtbot, gated, HistoryView)
    settle_view(qtbot, history)
    assert history.windowTitle() == f"History of {MEMBER}"
    targets = {history.model.index(row, ACCOUNT).data() for row in range(history.model.rowCount())}
    assert targets == {MEMBER}

    gated.action("readiness").trigger()
    readiness = wait_for(qtbot, gated, ReadinessView)
    settle_view(qtbot, readiness)
    assert "1 of 2 accounts can sign in" in readiness.summary_label.text()

    # A change made in the window shows in the open views.
    gated.action("disable").trigger()
    qtbot.waitUntil(lambda: any("disabled" in (readiness.model.index(row, 3).data() or "")
                                for row in range(readiness.model.rowCount())))
    qtbot.waitUntil(lambda: any(history.model.index(row, ACTION).data() == "Account disabled"
                                for row in range(history.model.rowCount())))

    gated.action("sign_out").trigger()  # they showed this database: they go with it
    dialog = wait_for(qtbot, gated, SignInDialog)
    assert gated.view_actions.views == []
    dialog.reject()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the view is brought to the front
def test_readiness_opens_once_and_is_read_again_when_asked_again(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", GOOD_PASSWORD))
    window.action("readiness").trigger()
    first = wait_for(qtbot, window, ReadinessView)
    settle_view(qtbot, first)
    window.action("readiness").trigger()
    settle_view(qtbot, first)
    assert [view for view in window.view_actions.views if isinstance(view, ReadinessView)] == [first]
    window.action("history").trigger()
    history = wait_for(qtbot, window, HistoryView)
    assert history.windowTitle() == "History" and len(window.view_actions.views) == 2
    history.reject()
    qtbot.waitUntil(lambda: window.view_actions.views == [first])
