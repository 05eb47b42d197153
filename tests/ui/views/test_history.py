"""The History view on a real database: entries newest first with readable labels, filters by email and
action, paging as the user scrolls, the chain check after tampering, errors in the dialog, never a hash."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.account import Account
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.views.history import HistoryView
from homelog_desktop.ui.views.history_model import ACCOUNT, ACTION, BY, NO_ACTOR, UNKNOWN_EMAIL, WHEN
from tests.conftest import TEST_BCRYPT_COST
from tests.helpers.security_data import Clock, all_hashes, execute, seed_household
from tests.helpers.template_database import fresh_database_file
from tests.helpers.ui import run, settle_view


@pytest.fixture
def workspace(qtbot: QtBot, loop: qasync.QEventLoop, db_path: Path, clock: Clock) -> Iterator[Workspace]:
    opened = run(qtbot, Workspace.open(fresh_database_file(db_path), bcrypt_cost=TEST_BCRYPT_COST, now=clock))
    yield opened
    run(qtbot, opened.close())


@pytest.fixture
def operations(qtbot: QtBot, loop: qasync.QEventLoop) -> Iterator[Operations]:
    """The runner the views read through; no error may reach the window (a view shows its own)."""
    runner = Operations()
    reached_the_window: list[str] = []
    runner.failed.connect(reached_the_window.append)
    yield runner
    run(qtbot, runner.cancel_all())
    assert not reached_the_window, f"an error reached the window: {reached_the_window}"


@pytest.fixture
def household(qtbot: QtBot, workspace: Workspace, clock: Clock) -> dict[str, Account]:
    return run(qtbot, seed_household(workspace, clock))


_parents: list[QWidget] = []


@pytest.fixture(autouse=True)
def forget_parents() -> Iterator[None]:
    yield
    _parents.clear()


def open_history(
    qtbot: QtBot, workspace: Workspace, operations: Operations, account: Account | None = None
) -> HistoryView:
    parent = QWidget()
    qtbot.addWidget(parent)
    _parents.append(parent)  # qtbot holds it weakly; the dialog lives as long as its parent
    dialog = HistoryView(parent=parent, operations=operations, audit=workspace.audit, account=account)
    dialog.show()
    settle_view(qtbot, dialog)
    return dialog


def rows(dialog: HistoryView, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> list[list[object]]:
    model = dialog.model
    return [
        [model.data(model.index(row, column), role) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_lists_the_trail_newest_first_in_words(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    assert dialog.objectName() == "historyDialog" and dialog.windowTitle() == "History"
    assert not dialog.isModal()
    shown = rows(dialog)
    assert len(shown) == run(qtbot, workspace.audit.count_history()) == dialog.total
    ids = [dialog.model.data(dialog.model.index(row, 0), Qt.ItemDataRole.UserRole) for row in range(len(shown))]
    assert ids == sorted(ids, reverse=True)
    # The newest: a sign-in with an email that belongs to nobody, by nobody.
    assert shown[0][ACTION:] == ["Sign-in failed", UNKNOWN_EMAIL, NO_ACTOR, "failed sign-ins"]  # never "password"
    newest = datetime(2026, 3, 1, 13, 22, 40, tzinfo=UTC)  # the seeding clock's last moment
    assert shown[0][WHEN] == newest.astimezone().strftime("%Y-%m-%d %H:%M:%S")  # in local time
    assert ["Sign-in refused", "dave@example.org", NO_ACTOR, "disabled"] in [row[ACTION:] for row in shown]
    assert ["Locked after failed sign-ins", "bob@example.org", NO_ACTOR, "failed sign-ins, lock"] in [
        row[ACTION:] for row in shown
    ]
    assert ["Account created", "bob@example.org", "ann@example.org", "email, name, password"] in [
        row[ACTION:] for row in shown
    ]
    assert ["Account changed", "grace@example.org", "ann@example.org", "name"] in [row[ACTION:] for row in shown]
    # The oldest: Ann's own creation, before anyone was signed in.
    assert shown[-1][ACTION:] == ["Account created", "ann@example.org", NO_ACTOR, "email, name, password"]
    assert dialog.status_label.text() == f"All {len(shown)} entries."
    tooltips = rows(dialog, Qt.ItemDataRole.ToolTipRole)
    assert "UTC" in str(tooltips[0][WHEN]) and "administrator" in str(tooltips[0][BY])


def test_never_shows_a_password_hash_or_a_chain_hash(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account], db_path: Path
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    secrets = all_hashes(db_path)
    assert len(secrets) > 20
    cells = [
        str(cell) for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        for row in rows(dialog, role) for cell in row if cell is not None
    ]
    assert len(cells) > 100
    for cell in cells:
        assert "$2b$" not in cell and "$argon2" not in cell
        assert not any(secret in cell or secret[:16] in cell for secret in secrets), cell


def test_the_email_filter_narrows_after_a_pause_in_typing(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    everything = dialog.model.rowCount()
    qtbot.keyClicks(dialog.email_field, "BOB@")
    assert dialog.model.rowCount() == everything  # nothing read while typing
    qtbot.waitUntil(lambda: dialog.model.rowCount() < everything, timeout=2000)
    settle_view(qtbot, dialog)
    shown = rows(dialog)
    # The lock comes with the 5th attempt, counted before its password was checked.
    assert [row[ACTION] for row in shown] == ["Sign-in failed", "Locked after failed sign-ins"] + [
        "Sign-in failed"] * 4 + ["Account created"]
    assert all(row[ACCOUNT] == "bob@example.org" for row in shown)
    # An administrator's email also matches what she did.
    dialog.email_field.setText("ann@example")
    settle_view(qtbot, dialog)
    by_or_about_ann = rows(dialog)
    assert {row[BY] for row in by_or_about_ann} == {"ann@example.org", NO_ACTOR}
    assert all(row[BY] == "ann@example.org" or row[ACCOUNT] == "ann@example.org" for row in by_or_about_ann)
    assert len(by_or_about_ann) == run(qtbot, workspace.audit.count_history(email="ann@example"))
    dialog.email_field.setText("nobody-like-this")
    settle_view(qtbot, dialog)
    assert dialog.model.rowCount() == 0 and dialog.status_label.text() == "No entries match."


def test_opened_for_one_account(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations, household["dave"])
    assert dialog.email_field.text() == "dave@example.org"
    assert [row[ACTION] for row in rows(dialog)] == ["Sign-in refused", "Account disabled", "Account created"]


def test_the_action_filter_by_group_and_by_action(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    combo = dialog.action_combo
    assert combo.itemText(0) == "All actions"
    combo.setCurrentIndex(combo.findText("Sign-ins and password checks"))
    settle_view(qtbot, dialog)
    assert [row[ACTION] for row in rows(dialog)] == (
        ["Sign-in failed", "Sign-in refused"] + ["Sign-in failed"] * 5 + ["Signed in"]
    )
    combo.setCurrentIndex(combo.findText("Roles, disabling and locks"))
    settle_view(qtbot, dialog)
    assert [row[ACTION] for row in rows(dialog)] == [
        "Locked after failed sign-ins", "Made administrator", "Account disabled", "Made administrator"
    ]
    combo.setCurrentIndex(combo.findText("Made administrator"))
    dialog.email_field.setText("frank")
    settle_view(qtbot, dialog)
    assert [row[ACTION:] for row in rows(dialog)] == [
        ["Made administrator", "frank@example.org", "ann@example.org", "role"]
    ]
    combo.setCurrentIndex(combo.findText("Password removed"))
    settle_view(qtbot, dialog)
    assert dialog.model.rowCount() == 0 and dialog.status_label.text() == "No entries match."


def test_verify_trail_says_intact_then_names_the_changed_entry(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account], db_path: Path
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    assert not dialog.verify_label.isVisible()
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    settle_view(qtbot, dialog)
    count = run(qtbot, workspace.audit.count_history())
    assert dialog.verify_label.isVisible()
    assert dialog.verify_label.text() == f"The trail is intact ({count} entries)."
    assert dialog.verify_label.property("role") == "met"

    execute(db_path, "UPDATE homelog_desktop_audit SET action = 'x' WHERE id = 2")
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    settle_view(qtbot, dialog)
    assert dialog.verify_label.text() == "Entry #2 was changed or removed."
    assert dialog.verify_label.property("role") == "error"
    selected = dialog.table.selectionModel().selectedRows()
    assert [dialog.model.data(index) for index in selected] == ["2"]  # "#" shows it, and it is selected
    assert dialog.verify_button.isEnabled()
    dialog.refresh()
    settle_view(qtbot, dialog)
    assert rows(dialog)[-2][ACTION] == "x"  # an action the app does not know shows as stored

    execute(db_path, "DELETE FROM homelog_desktop_audit WHERE id = 1")
    assert run(qtbot, dialog.verify_trail()) is False
    assert dialog.verify_label.text() == "Entry #1 was changed or removed."


def test_pages_of_200_are_read_as_the_user_scrolls(
    qtbot: QtBot, workspace: Workspace, operations: Operations, clock: Clock
) -> None:
    account = run(qtbot, workspace.accounts.create("many@example.org"))

    async def many_entries() -> None:
        for number in range(449):
            clock.advance(seconds=1)
            fields = ["username" if number % 2 else "email"]
            await workspace.audit.record(workspace.audit.draft("update", fields, target=account))

    run(qtbot, many_entries(), timeout=60_000)
    dialog = open_history(qtbot, workspace, operations)
    assert dialog.model.rowCount() == 200
    assert dialog.status_label.text() == "The newest 200 of 450 entries; scroll down for older ones."
    dialog.table.scrollToBottom()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 400, timeout=5000)
    settle_view(qtbot, dialog)
    dialog.table.scrollToBottom()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 450, timeout=5000)
    settle_view(qtbot, dialog)
    ids = [entry.id for entry in dialog.model.entries]
    assert ids == list(range(450, 0, -1))
    assert not dialog.model.canFetchMore(dialog.model.index(-1, -1))
    assert dialog.status_label.text() == "All 450 entries."
    assert rows(dialog)[-1][ACTION:] == ["Account created", "many@example.org", NO_ACTOR, "email, name"]
    # A filter starts again from the newest page.
    dialog.email_field.setText("many")
    settle_view(qtbot, dialog)
    assert dialog.model.rowCount() == 200 and dialog.model.entries[0].id == 450


def test_a_newer_filter_wins_over_an_older_read(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    for text in ("bob", "carol", "erin"):
        dialog.email_field.setText(text)
        dialog.refresh()  # without waiting: each read cancels the one before
    settle_view(qtbot, dialog)
    assert {row[ACCOUNT] for row in rows(dialog)} == {"erin@example.org"}
    assert [row[ACTION] for row in rows(dialog)] == ["Must-change flag changed", "Account created"]


def test_a_known_error_is_shown_in_the_dialog(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_history(qtbot, workspace, operations)

    async def fail(*_args: object, **_kwargs: object) -> None:
        raise HomeLogError("The database is locked by another program. Try again in a moment.")

    monkeypatch.setattr(workspace.audit, "recent_history", fail)
    monkeypatch.setattr(workspace.audit, "verify_chain", fail)
    dialog.refresh()
    settle_view(qtbot, dialog)
    assert dialog.status_label.text().endswith("locked by another program. Try again in a moment.")
    assert dialog.status_label.property("role") == "error"
    assert dialog.model.rowCount() > 0  # what was shown stays
    assert run(qtbot, dialog.verify_trail()) is None
    assert dialog.verify_label.property("role") == "error" and "could not be checked" in dialog.verify_label.text()
    monkeypatch.undo()
    dialog.refresh()
    settle_view(qtbot, dialog)
    assert dialog.status_label.property("role") == "hint"


def test_keyboard_tab_order_and_escape(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.email_field.setFocus()
    order = [dialog.email_field]
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        dialog.email_field, dialog.action_combo, dialog.refresh_button, dialog.verify_button, dialog.table,
        dialog.close_button,
    ]
    qtbot.keyClick(dialog.email_field, Qt.Key.Key_Return)  # Enter reads, it does not close
    assert dialog.isVisible()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    settle_view(qtbot, dialog)


def test_closing_cancels_a_read_and_showing_again_reads_anew(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    dialog.email_field.setText("ann")
    dialog.refresh()
    dialog.reject()
    settle_view(qtbot, dialog)
    dialog.show()
    settle_view(qtbot, dialog)
    assert dialog.model.rowCount() == run(qtbot, workspace.audit.count_history(email="ann"))
    assert not dialog.model.loading


def test_a_filter_typed_just_before_closing_is_read_when_shown_again(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account]
) -> None:
    dialog = open_history(qtbot, workspace, operations)
    everything = dialog.model.rowCount()
    qtbot.keyClicks(dialog.email_field, "dave")
    dialog.reject()  # before the pause in typing has passed
    settle_view(qtbot, dialog)
    assert dialog.model.rowCount() == everything  # nothing read while closed
    dialog.show()
    settle_view(qtbot, dialog)
    assert [row[ACTION] for row in rows(dialog)] == ["Sign-in refused", "Account disabled", "Account created"]


def test_verify_trail_reads_older_pages_to_select_the_entry_it_names(
    qtbot: QtBot, workspace: Workspace, operations: Operations, clock: Clock, db_path: Path
) -> None:
    account = run(qtbot, workspace.accounts.create("many@example.org"))

    async def many_entries() -> None:
        for _number in range(219):
            clock.advance(seconds=1)
            await workspace.audit.record(workspace.audit.draft("update", ["username"], target=account))

    run(qtbot, many_entries(), timeout=60_000)
    execute(db_path, "UPDATE homelog_desktop_audit SET fields = 'email' WHERE id = 3")
    dialog = open_history(qtbot, workspace, operations)
    assert dialog.model.rowCount() == 200 and dialog.model.oldest_id == 21  # entry #3 is not read yet
    assert run(qtbot, dialog.verify_trail()) is False
    assert dialog.verify_label.text() == "Entry #3 was changed or removed."
    selected = dialog.table.selectionModel().selectedRows()
    assert [dialog.model.data(index) for index in selected] == ["3"]
    assert dialog.model.rowCount() == 220


def test_states_changed_outside_the_app_are_named_above_the_trail(
    qtbot: QtBot, workspace: Workspace, operations: Operations, household: dict[str, Account], db_path: Path
) -> None:
    def open_with_outside_changes() -> HistoryView:
        parent = QWidget()
        qtbot.addWidget(parent)
        _parents.append(parent)
        dialog = HistoryView(
            parent=parent, operations=operations, audit=workspace.audit,
            outside_changes=workspace.tamper_evidence.outside_changes,
        )
        dialog.show()
        settle_view(qtbot, dialog)
        return dialog

    untouched = open_with_outside_changes()
    assert not untouched.outside_label.isVisible()  # everything the app did is in the trail
    member = household["carol"]  # a plain member, as far as the trail knows
    execute(db_path, "INSERT INTO homelog_desktop_account_state (user_id, role) VALUES (?, 'administrator') "
                     "ON CONFLICT (user_id) DO UPDATE SET role = 'administrator'", member.id)
    dialog = open_with_outside_changes()
    qtbot.waitUntil(dialog.outside_label.isVisible)
    assert dialog.outside_label.text() == (
        f"Changed outside this app (no entry of the trail says so): {member.email}: is an administrator, the trail "
        "says a member."
    )
