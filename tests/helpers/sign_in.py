"""Driving the real sign-in gate from tests: databases with administrators, the sign-in dialog filled in
and submitted, and what the audit trail recorded."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.ui import run, table_column, wait_for
from tests.helpers.workspaces import open_workspace

ADMIN = "admin@example.org"
MEMBER = "member@example.org"


def prepare(qtbot: QtBot, path: Path, *accounts: tuple[str, str | None, str | None]) -> None:
    """Make a database with these (email, password, role) accounts, then close it."""

    async def make() -> None:
        async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
            for email, password, role in accounts:
                account = await workspace.accounts.create(email, None, password)
                if role:
                    await workspace.roles.set_role(account.id, role)

    run(qtbot, make())


def open_in(window: MainWindow, path: Path) -> asyncio.Task[bool]:
    """Start opening a database in the window (the gate's dialog then shows)."""
    return asyncio.get_event_loop().create_task(window.session.open(path))


def sign_in_with(qtbot: QtBot, dialog: SignInDialog, email: str, password: str) -> None:
    """Fill in the sign-in dialog and press Sign in."""
    dialog.email_field.setText(email)
    dialog.password_field.setText(password)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def sign_in_as_admin(qtbot: QtBot, gated: MainWindow, path: Path, *, accounts: int) -> None:
    """Open the database, sign in as ADMIN, and wait until its `accounts` rows are shown."""
    opening = open_in(gated, path)
    sign_in_with(qtbot, wait_for(qtbot, gated, SignInDialog), ADMIN, GOOD_PASSWORD)
    qtbot.waitUntil(opening.done, timeout=10_000)
    assert opening.result() is True
    qtbot.waitUntil(lambda: len(shown_emails(gated)) == accounts)


def shown_emails(window: MainWindow) -> list[str]:
    """The emails the table shows, top to bottom."""
    return table_column(window, 1)


def audit_actions(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(action, actor email, target email) of every audit entry, oldest first."""
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT action, actor_email, target_email FROM homelog_desktop_audit ORDER BY id"
        ).fetchall()
