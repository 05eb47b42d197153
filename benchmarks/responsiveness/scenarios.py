"""What the benchmark does with the window, phase by phase, as a user would: open, scroll, jump, search,
sort, edit, delete, set and check a password; each phase measured on its own."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider, QMessageBox, QPushButton

from benchmarks.responsiveness.backends import Where, open_in_window
from benchmarks.responsiveness.database import PASSWORDS
from benchmarks.responsiveness.driver import Driver, closed
from benchmarks.responsiveness.probes import note, vm_rss_mb
from homelog_desktop.services.accounts import SortColumn
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.dialogs.check_password import CheckPasswordDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog

NEW_PASSWORD = "Bench9Newpass"
SEARCH_TEXT = "garcia"


class Scenarios(Driver):
    """The phases, in the order README.md lists them."""

    async def run(self, window_shown: Callable[[], None], database: Where) -> None:
        """Every phase, in order."""
        await self.open_phase(window_shown, database)
        await self.scroll_phases()
        async with self.phase("search"):
            self.results.search_ms, self.results.search_rows_ms = await self.search()
            self.results.search_clear_ms = await self.clear_search()
        await self.sort_phase()
        await self.edit_phase()
        await self.delete_phase()
        await self.set_password_phase()
        await self.check_password_phase()
        await self.sorted_phases()

    async def open_phase(self, window_shown: Callable[[], None], database: Where) -> None:
        """Window shown, database opened, until the first rows are painted."""
        window = self.window
        await asyncio.sleep(0.2)  # heartbeat baseline
        self.results.rss_before_open_mb = vm_rss_mb()
        async with self.phase("open"):
            self.paints.done_at = 0.0
            self.arm_paint_on_load = True
            shown_at = time.perf_counter()
            note("driver: window.show()")
            window_shown()
            errors: list[str] = []
            window.operations.failed.connect(errors.append)
            if not await open_in_window(window, database):
                raise RuntimeError(f"cannot open {database}: {errors[-1] if errors else 'not opened'}")
            self.count_statements()
            await self.until(lambda: self.paints.done_at > 0.0, "the first rows painted")
            self.results.first_rows_ms = (self.paints.done_at - shown_at) * 1000.0
            await self.settle("the first rows")
        gc.collect()  # as ui/app.py does once the first rows are shown (a pause of its own, not measured)
        gc.freeze()
        await asyncio.sleep(0.2)  # the heartbeat's late tick lands here, not in the next phase

    async def scroll_phases(self) -> None:
        """Page Down across 8 pages, then a drag to the middle, then Ctrl+End."""
        async with self.phase("scroll"):
            scroll_bar = self.table.verticalScrollBar()
            target = min(scroll_bar.maximum(), 8 * self.model.page_size)
            pages_before = self.pages_loaded
            self.statements = 0
            self.counting_statements = True
            while scroll_bar.value() < target:
                note("driver: page down")
                scroll_bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
                await asyncio.sleep(0.016)
                await self.until(lambda: not self.model.pending_pages, "a page while scrolling")
            await self.settle("rows after scrolling")
            self.counting_statements = False
            pages = self.pages_loaded - pages_before
            self.results.scroll_pages_loaded = pages
            self.results.scroll_statements = self.statements
            self.results.statements_per_page = self.statements / pages if pages else 0.0

        async with self.phase("drag_middle"):
            started = time.perf_counter()
            note("driver: drag to the middle")
            scroll_bar.setValue(scroll_bar.maximum() // 2)
            self.results.drag_middle_rows_ms = (await self.settle("rows in the middle") - started) * 1000.0

        async with self.phase("jump_end"):
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(self.visible_rows().start, 0))
            started = time.perf_counter()
            note("driver: Ctrl+End")
            QTest.keyClick(self.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            self.results.jump_end_rows_ms = (await self.settle("rows at the end") - started) * 1000.0
            assert self.model.total - 1 in self.visible_rows(), "Ctrl+End did not reach the last row"

    async def sort_phase(self) -> None:
        """Sort by Email, then by Created."""
        async with self.phase("sort"):
            created = self.model.column_of(SortColumn.CREATED_AT)  # after the account-state columns
            for column, title in ((self.model.column_of(SortColumn.EMAIL), "email"), (created, "created")):
                started = time.perf_counter()
                note(f"driver: sort by {title}")
                self.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
                loaded = await self.reloaded_after(started, f"sorted by {title}")
                self.results.sort_ms_by_column[title] = (loaded - started) * 1000.0
                rows = await self.settle(f"sorted by {title}")
                self.results.sort_rows_ms_by_column[title] = (rows - started) * 1000.0
            self.results.sort_ms = max(self.results.sort_ms_by_column.values())

    async def sorted_phases(self) -> None:
        """Beyond the list of the brief: the same search and drag with the table sorted by Created."""
        scroll_bar = self.table.verticalScrollBar()
        async with self.phase("search_sorted"):
            self.results.search_sorted_ms, self.results.search_sorted_rows_ms = await self.search()
            await self.clear_search()

        async with self.phase("drag_sorted"):
            started = time.perf_counter()
            note("driver: drag to the middle (sorted by created)")
            scroll_bar.setValue(scroll_bar.maximum() // 2)
            rows = await self.settle("sorted rows in the middle")
            self.results.drag_sorted_rows_ms = (rows - started) * 1000.0

    async def search(self) -> tuple[float, float]:
        """Type the search text char by char; ms from the debounced set_search to the model's first page,
        and to the visible rows being in."""
        self.window.search_row.field.setFocus()
        searches_before = len(self.set_search_at)
        for char in SEARCH_TEXT:
            note(f"driver: type {char!r}")
            QTest.keyClicks(self.window.search_row.field, char)
            await asyncio.sleep(0.08)
        await self.until(lambda: len(self.set_search_at) > searches_before, "the debounced search")
        applied = self.set_search_at[-1]
        loaded = await self.reloaded_after(applied, "search results")
        rows = await self.settle("search results")
        assert self.model.query.search == SEARCH_TEXT, self.model.query
        return (loaded - applied) * 1000.0, (rows - applied) * 1000.0

    async def clear_search(self) -> float:
        """Back to every account, as the user would by clearing the field; ms to the first page."""
        searches_before = len(self.set_search_at)
        note("driver: clear the search")
        self.window.search_row.field.clear()
        await self.until(lambda: len(self.set_search_at) > searches_before, "the cleared search")
        applied = self.set_search_at[-1]
        loaded = await self.reloaded_after(applied, "all accounts")
        await self.settle("all accounts again")
        return (loaded - applied) * 1000.0

    async def edit_phase(self) -> None:
        account_id = await self.select_row(2)
        self.remember(account_id)
        async with self.phase("edit"):
            started = time.perf_counter()
            await self.until(self.window.action("edit_user").isEnabled, "the edit action")
            note("driver: edit")
            self.window.action("edit_user").trigger()
            dialog = await self.visible_dialog(AccountDialog)
            dialog.name_field.setText("Bench Edited")
            await self.until(dialog.ok_button.isEnabled, "a valid form")
            clicked = time.perf_counter()
            note("driver: click OK")
            dialog.ok_button.click()
            await self.until(lambda: closed(dialog), "the edit dialog to close")
            await self.reloaded_after(clicked, "the reload after editing")
            await self.settle("the edited row")
            self.results.action_ms["edit"] = (time.perf_counter() - started) * 1000.0

    async def delete_phase(self) -> None:
        account_id = await self.select_row(4)
        self.remember(account_id)
        async with self.phase("delete"):
            started = time.perf_counter()
            total = self.model.total
            await self.until(self.window.action("delete_user").isEnabled, "the delete action")
            note("driver: delete")
            self.window.action("delete_user").trigger()
            box = await self.visible_dialog(QMessageBox, "confirmDelete")
            button = box.findChild(QPushButton, "confirmButton")
            assert button is not None
            clicked = time.perf_counter()
            note("driver: confirm")
            button.click()
            await self.reloaded_after(clicked, "the reload after deleting")
            await self.settle("rows after deleting")
            assert self.model.total == total - 1, (self.model.total, total)
            self.results.action_ms["delete"] = (time.perf_counter() - started) * 1000.0

    async def set_password_phase(self) -> None:
        account_id = await self.select_row(6)
        self.remember(account_id)
        self.changed_password_id = account_id
        async with self.phase("set_password"):
            started = time.perf_counter()
            await self.until(self.window.action("set_password").isEnabled, "the set-password action")
            note("driver: set password")
            self.window.action("set_password").trigger()
            dialog = await self.visible_dialog(PasswordDialog)
            dialog.password_field.setText(NEW_PASSWORD)
            dialog.confirm_field.setText(NEW_PASSWORD)
            await self.until(dialog.ok_button.isEnabled, "an acceptable password")
            clicked = time.perf_counter()
            note("driver: click OK")
            dialog.ok_button.click()
            await self.until(lambda: closed(dialog), "the password dialog to close")
            await self.reloaded_after(clicked, "the reload after setting the password")
            await self.settle("rows after setting the password")
            self.results.action_ms["set_password"] = (time.perf_counter() - started) * 1000.0

    async def check_password_phase(self) -> None:
        account_id = await self.select_row(0, with_password=True)
        expected = PASSWORDS[account_id % len(PASSWORDS)]
        if account_id == self.changed_password_id:
            expected = NEW_PASSWORD
        async with self.phase("check_password"):
            started = time.perf_counter()
            await self.until(self.window.action("check_password").isEnabled, "the check-password action")
            note("driver: check password")
            self.window.action("check_password").trigger()
            dialog = await self.visible_dialog(CheckPasswordDialog)
            dialog.password_field.setText(expected)
            await self.until(dialog.ok_button.isEnabled, "a password to check")
            note("driver: click OK")
            dialog.ok_button.click()
            await self.until(lambda: "account's password" in dialog.result_label.text(), "the check result")
            self.results.check_password_matched = "is the account's password" in dialog.result_label.text()
            self.results.action_ms["check_password"] = (time.perf_counter() - started) * 1000.0
            dialog.reject()
            await self.until(lambda: closed(dialog), "the check dialog to close")
