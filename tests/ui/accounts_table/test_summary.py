"""What the window says about the table's rows: the count, and why the table is empty."""

from __future__ import annotations

import qasync
from pytestqt.qtbot import QtBot

from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.accounts_table.query import Query
from homelog_desktop.ui.accounts_table.summary import count_text, empty_text
from homelog_desktop.ui.operations import Operations


def model_showing(total: int, everything: int, search: str = "", account_filter: AccountFilter = AccountFilter.ALL,
                  loading: bool = False) -> AccountsTableModel:
    model = AccountsTableModel(tasks=Operations())
    model.total, model.total_unfiltered, model.loading = total, everything, loading
    model.query = Query(search=search, filter=account_filter)
    return model


def test_the_count(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    assert count_text(model_showing(0, 0), has_database=False) == "No database open"
    assert count_text(model_showing(1, 1), has_database=True) == "1 account"
    assert count_text(model_showing(1234, 1234), has_database=True) == "1,234 accounts"
    assert count_text(model_showing(2, 3, "ann"), has_database=True) == "2 of 3 accounts match “ann”"
    disabled = model_showing(1, 12, account_filter=AccountFilter.DISABLED)
    assert count_text(disabled, has_database=True) == "1 of 12 accounts (Disabled)"
    assert count_text(model_showing(0, 1, account_filter=AccountFilter.LOCKED), has_database=True) == (
        "0 of 1 account (Locked)"
    )


def test_why_the_table_is_empty(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    assert empty_text(model_showing(3, 3)) is None
    assert empty_text(model_showing(0, 0, loading=True)) is None  # not known yet
    assert empty_text(model_showing(0, 0)) == "No accounts yet. Press Ctrl+N to add the first one."
    assert empty_text(model_showing(0, 5, "zz")) == "No account matches the search."
    assert empty_text(model_showing(0, 5, "zz", AccountFilter.DISABLED)) == "No account matches the search (Disabled)."
    assert empty_text(model_showing(0, 5, account_filter=AccountFilter.LOCKED)) == "No account is locked."
