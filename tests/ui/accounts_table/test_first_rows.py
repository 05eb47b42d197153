"""The first rows of a list longer than a page are shown before its counts are in (a count of a million
accounts, or of a search on a server, takes longer than one page): only those rows at first, the rest added
without a reset when the counts come, no other page read meanwhile, and a newer list never takes an older
one's counts. A list within one page is shown once, with its counts (none read when nothing narrows it)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import qasync
from pytestqt.qtbot import QtBot

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.accounts_table.summary import count_text
from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.ui import run
from tests.ui.accounts_table.test_model import (  # noqa: F401
    ACCOUNTS,
    fill_database,
    quiet_operations,
    service,
    workspace,
)

PAGE = 97


class CountsAfterGate:
    """The real account service, whose counts wait until the test opens the gate: the first page comes
    before the count, as it does at a million accounts, without having to build them."""

    def __init__(self, real: AccountService) -> None:
        self._service = real
        self.gate = asyncio.Event()
        self.counts_asked = 0
        self.positions_asked = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    async def count(self, *args: Any, **kwargs: Any) -> int:
        self.counts_asked += 1
        await self.gate.wait()
        return await self._service.count(*args, **kwargs)

    async def position_of(self, *args: Any, **kwargs: Any) -> int | None:
        self.positions_asked += 1
        return await self._service.position_of(*args, **kwargs)


@pytest.fixture
def gated(service: AccountService) -> CountsAfterGate:  # noqa: F811
    return CountsAfterGate(service)


@pytest.fixture
def model(qtbot: QtBot, loop: qasync.QEventLoop):  # type: ignore[no-untyped-def]
    tasks, shown = quiet_operations()
    table_model = AccountsTableModel(tasks=tasks, page_size=PAGE, max_pages=4)
    yield table_model
    run(qtbot, tasks.cancel_all())
    assert not shown


def shown_with_counts(qtbot: QtBot, model: AccountsTableModel, gated: CountsAfterGate) -> None:
    """The gated service shown by the model with its counts let through (the gate stays open)."""
    gated.gate.set()
    with qtbot.waitSignal(model.loaded):
        model.set_service(gated)  # type: ignore[arg-type]


def wait_task(qtbot: QtBot, task: asyncio.Task[int | None]) -> int | None:
    qtbot.waitUntil(task.done)
    return task.result()


def ids(model: AccountsTableModel, rows: range) -> list[int]:
    accounts = [model.account_at(row) for row in rows]
    assert None not in accounts
    return [account.id for account in accounts if account is not None]


def test_first_rows_come_before_the_count_and_the_rest_follow_without_a_reset(
    qtbot: QtBot, model: AccountsTableModel, gated: CountsAfterGate, service: AccountService,  # noqa: F811
) -> None:
    resets: list[None] = []
    inserted: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(None))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    with qtbot.waitSignal(model.first_rows_shown):
        model.set_service(gated)  # type: ignore[arg-type]
    resets.clear()  # set_service's own reset, then the first rows'
    assert model.counting and model.loading and gated.counts_asked
    assert model.total == PAGE and model.rowCount() == PAGE
    expected = [account.id for account in run(qtbot, service.list_page(limit=PAGE))]
    assert ids(model, range(PAGE)) == expected
    assert model.account_at(PAGE, fetch=True) is None and model.pending_pages == 0  # nothing below, yet
    assert count_text(model, has_database=True) == "Counting accounts…"

    with qtbot.waitSignal(model.loaded):
        gated.gate.set()
    assert not model.counting and not model.loading
    assert model.total == ACCOUNTS and inserted == [(PAGE, ACCOUNTS - 1)] and resets == []
    assert ids(model, range(PAGE)) == expected  # the rows shown first stay as they were
    assert count_text(model, has_database=True) == f"{ACCOUNTS:,} accounts"
    assert model.account_at(PAGE, fetch=True) is None  # the next page is read now
    qtbot.waitUntil(lambda: model.account_at(PAGE) is not None)
    assert ids(model, range(PAGE, PAGE + 3)) == [
        account.id for account in run(qtbot, service.list_page(limit=3, offset=PAGE))
    ]


def test_a_list_within_its_first_page_is_counted_by_it(qtbot: QtBot, gated: CountsAfterGate) -> None:
    tasks, shown = quiet_operations()
    model = AccountsTableModel(tasks=tasks, page_size=ACCOUNTS + 1)
    with qtbot.waitSignal(model.loaded):  # the gate stays shut: no count is awaited
        model.set_service(gated)  # type: ignore[arg-type]
    assert model.total == model.total_unfiltered == ACCOUNTS and not model.counting
    assert ids(model, range(ACCOUNTS))[-1] == ACCOUNTS
    run(qtbot, tasks.cancel_all())
    assert not shown


def test_a_search_within_one_page_is_shown_once_with_its_counts(
    qtbot: QtBot, model: AccountsTableModel, gated: CountsAfterGate, service: AccountService,  # noqa: F811
) -> None:
    shown_with_counts(qtbot, model, gated)
    gated.gate.clear()
    shown: list[tuple[bool, int]] = []
    model.first_rows_shown.connect(lambda: shown.append((gated.gate.is_set(), model.total)))
    model.set_search("user0001")  # user00010 .. user00019: the "of every account" count is still to come
    qtbot.waitUntil(lambda: gated.counts_asked >= 3)
    with qtbot.waitSignal(model.loaded):
        gated.gate.set()
    assert shown == [(True, 10)]  # one showing, with its counts: never "Counting…" for a list of one page
    assert model.total == 10 == run(qtbot, service.count("user0001")) and model.total_unfiltered == ACCOUNTS
    assert count_text(model, has_database=True) == f"10 of {ACCOUNTS:,} accounts match “user0001”"


def test_the_selected_account_among_the_first_rows_needs_no_position_read(
    qtbot: QtBot, model: AccountsTableModel, gated: CountsAfterGate, service: AccountService,  # noqa: F811
) -> None:
    shown_with_counts(qtbot, model, gated)
    first_page = ids(model, range(PAGE))
    kept = first_page[40]
    assert wait_task(qtbot, model.reload(keep_id=kept)) == 40
    assert gated.positions_asked == 0 and model.kept_id == kept

    far = run(qtbot, service.list_page(limit=1, offset=PAGE * 5 + 3))[0].id
    assert wait_task(qtbot, model.reload(keep_id=far)) == PAGE * 5 + 3  # further down: its position is read
    assert gated.positions_asked == 1 and model.kept_id == far
    assert model.account_at(PAGE * 5 + 3) is not None and model.account_at(PAGE * 5 + 3).id == far  # type: ignore[union-attr]


def test_a_newer_search_never_takes_the_counts_of_an_older_one(
    qtbot: QtBot, model: AccountsTableModel, gated: CountsAfterGate, service: AccountService,  # noqa: F811
) -> None:
    shown_with_counts(qtbot, model, gated)
    gated.gate.clear()
    loads: list[int] = []
    model.loaded.connect(lambda: loads.append(model.total))
    with qtbot.waitSignal(model.first_rows_shown):
        model.set_search("home.net")  # a third of the accounts: more than a page
    assert model.counting and model.total == PAGE
    with qtbot.waitSignal(model.first_rows_shown):
        model.set_search("user011")  # user01100 .. user01199
    gated.gate.set()
    qtbot.waitUntil(lambda: not model.loading)
    assert loads == [100] and model.total == 100 == run(qtbot, service.count("user011"))
    assert all(account.email.startswith("user011") for account in (model.account_at(row) for row in range(PAGE))
               if account is not None)


def test_the_window_shows_the_first_rows_and_says_it_is_counting(
    qtbot: QtBot, window: MainWindow, db_path: Path,
) -> None:
    assert window.workspace is not None
    fill_database(db_path, 450)  # as another program would: more than the window's page of 200
    gated = CountsAfterGate(window.workspace.accounts)
    with qtbot.waitSignal(window.model.first_rows_shown):
        window.model.set_service(gated)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.status.count_label.text() == "Counting accounts…")
    assert window.model.rowCount() == window.model.page_size == 200  # the first page, shown
    assert window.model.data(window.model.index(0, 1)) == "user00000@home.net"
    assert not window.empty_label.isVisible()
    with qtbot.waitSignal(window.model.loaded):
        gated.gate.set()
    qtbot.waitUntil(lambda: window.status.count_label.text() == "450 accounts")
    assert window.model.rowCount() == 450
