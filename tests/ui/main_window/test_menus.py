"""What the window derives from the action table: the actions, the menus, the toolbar, the context
menu, and the enabling; each action reaches its implementation."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar
from pytestqt.qtbot import QtBot

from homelog_desktop.ui.main_window.action_table import ACTIONS, READ_ONLY_NOTE, Handler, WindowState
from homelog_desktop.ui.main_window.menus import (
    build_menus,
    build_toolbar,
    context_menu,
    create_actions,
    update_actions,
)
from homelog_desktop.ui.operations import Operations

SEPARATOR = "--"


@pytest.fixture
def host(qtbot: QtBot, loop: qasync.QEventLoop) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    yield window


def handlers(calls: list[str], release: asyncio.Event | None = None) -> dict[str, Handler]:
    def handler(key: str) -> Handler:
        if key.startswith("new_"):  # these start an operation; the others act at once
            async def flow() -> None:
                calls.append(key)
                if release is not None:
                    await release.wait()

            def start() -> Coroutine[Any, Any, None]:
                return flow()

            return start
        return lambda: calls.append(key)  # type: ignore[func-returns-value]

    return {spec.key: handler(spec.key) for spec in ACTIONS}


def texts(target: QMenu | QToolBar) -> list[str]:
    return [SEPARATOR if action.isSeparator() else action.text() for action in target.actions()]


def test_menus_and_toolbar_are_laid_out_as_the_table_says(host: QMainWindow) -> None:
    actions = create_actions(host, handlers([]), Operations())
    menus = build_menus(host.menuBar(), actions)
    assert [menu.title() for menu in menus.values()] == ["&File", "&Edit", "&Account", "&View", "&Help"]
    assert texts(menus["file"]) == [
        "&New database…", "&Open database…", "&Connect to server…", "Open recen&t", SEPARATOR, "&Sign in…",
        "&Database settings…", "Sign o&ut", SEPARATOR,
        "&Back up…", "&Restore…", "&Export…", "E&xport selected…", "&Import…", SEPARATOR, "&Quit",
    ]
    assert texts(menus["edit"]) == ["&Undo", "&Redo"]
    assert texts(menus["account"]) == [
        "&New account…", "&Edit account…", "&Delete account…", SEPARATOR, "&Set password…", "&Remove password…",
        "&Check password…", SEPARATOR, "Make &administrator", "Make &member", "D&isable account", "Ena&ble account",
        "&Unlock account", "Re&quire a new password…",
    ]
    assert texts(menus["view"]) == [
        "&Find…", "&Refresh", SEPARATOR, "&History…", "History of this a&ccount…", "Sign-in r&eadiness…",
    ]
    assert texts(menus["help"]) == ["&About HomeLog Desktop"]
    toolbar = build_toolbar(actions)
    assert texts(toolbar) == [
        "&New account…", "&Edit account…", "&Delete account…", SEPARATOR, "&Set password…", "&Check password…",
        SEPARATOR, "&Refresh",
    ]
    assert all(not action.icon().isNull() for action in toolbar.actions() if not action.isSeparator())


def test_tool_tips_name_the_shortcut(host: QMainWindow) -> None:
    actions = create_actions(host, handlers([]), Operations())
    assert actions["set_password"].toolTip() == "Set a new password for the selected account (Ctrl+P)"
    assert actions["remove_password"].toolTip() == "Remove the password of the selected account"
    assert actions["set_password"].statusTip() == actions["set_password"].toolTip()
    assert actions["edit_user"].shortcut().toString() == "F2"
    refresh = [key.toString() for key in actions["refresh"].shortcuts()]
    assert refresh[0] == "F5" and refresh[-1] == "Ctrl+R"  # the standard key's bindings, then Ctrl+R once


def test_every_entry_needs_an_implementation_and_every_implementation_an_entry(host: QMainWindow) -> None:
    complete = handlers([])
    missing = {key: value for key, value in complete.items() if key != "unlock"}
    with pytest.raises(ValueError, match="unlock"):
        create_actions(host, missing, Operations())
    with pytest.raises(ValueError, match="frobnicate"):
        create_actions(host, {**complete, "frobnicate": lambda: None}, Operations())


def test_an_action_starts_its_operation_and_stays_disabled_until_it_ends(qtbot: QtBot, host: QMainWindow) -> None:
    calls: list[str] = []
    release = asyncio.Event()
    operations = Operations()
    actions = create_actions(host, handlers(calls, release), operations)
    actions["find"].trigger()
    assert calls == ["find"]  # done at once
    actions["new_user"].trigger()
    qtbot.waitUntil(lambda: calls == ["find", "new_user"])
    assert not actions["new_user"].isEnabled() and operations.holds(actions["new_user"])
    update_actions(actions, WindowState(database=True, writable=True), operations)
    assert not actions["new_user"].isEnabled()  # the rules enable it, but its operation still runs
    actions["new_user"].trigger()  # so a second click does nothing
    release.set()
    qtbot.waitUntil(lambda: not operations.holds(actions["new_user"]))
    update_actions(actions, WindowState(database=True, writable=True), operations)
    assert actions["new_user"].isEnabled() and calls == ["find", "new_user"]


def test_editing_actions_say_when_the_database_is_read_only(host: QMainWindow) -> None:
    operations = Operations()
    actions = create_actions(host, handlers([]), operations)
    update_actions(actions, WindowState(database=True, writable=False), operations)
    assert actions["new_user"].toolTip() == f"Add an account (Ctrl+N). {READ_ONLY_NOTE}"
    assert actions["export"].toolTip() == "Write the accounts shown to a CSV or JSON file"
    update_actions(actions, WindowState(database=True, writable=True), operations)
    assert actions["new_user"].toolTip() == "Add an account (Ctrl+N)"


def test_the_context_menu_shows_state_changes_only_where_they_apply(host: QMainWindow) -> None:
    operations = Operations()
    actions = create_actions(host, handlers([]), operations)
    for key in ("make_member", "enable", "unlock", "require_password_change"):
        actions[key].setEnabled(False)
    menu = context_menu(host, actions)
    assert texts(menu) == [
        "&Edit account…", "&Delete account…", SEPARATOR, "&Set password…", "&Remove password…",
        "&Check password…", SEPARATOR, "Make &administrator", "D&isable account", SEPARATOR,
        "History of this a&ccount…",
    ]
    menu.close()
    actions["require_password_change"].setEnabled(True)
    menu = context_menu(host, actions)
    assert "Re&quire a new password…" in texts(menu)
    menu.close()
