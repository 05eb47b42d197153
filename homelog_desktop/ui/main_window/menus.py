"""What the window derives from the action table: the QActions (each connected to its implementation),
the menus, the toolbar, the table's context menu, and which actions are enabled."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from homelog_desktop.ui.main_window.action_table import (
    ACTIONS,
    MENUS,
    READ_ONLY_NOTE,
    ActionSpec,
    Handler,
    WindowState,
)
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.resources import set_icon
from homelog_desktop.ui.translation import translate


def create_actions(
    window: QWidget, handlers: Mapping[str, Handler], operations: Operations
) -> dict[str, QAction]:
    """One QAction per entry of the table, added to the window (so its shortcuts work everywhere in it),
    by key; a table entry without an implementation, or an implementation without an entry, is a bug."""
    unknown = set(handlers) - {spec.key for spec in ACTIONS}
    missing = {spec.key for spec in ACTIONS} - set(handlers)
    if unknown or missing:
        raise ValueError(f"actions without an entry: {sorted(unknown)}; entries without an action: {sorted(missing)}")
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = _action(spec, window)
        action.triggered.connect(_trigger(handlers[spec.key], action, operations))
        window.addAction(action)
        actions[spec.key] = action
    return actions


def _action(spec: ActionSpec, parent: QWidget) -> QAction:
    action = QAction(translate("Actions", spec.text), parent)
    action.setObjectName(spec.object_name)
    shortcuts = spec.key_sequences()
    if shortcuts:
        action.setShortcuts(shortcuts)
    if spec.tip is not None:
        tip = translate("Actions", spec.tip)
        if shortcuts:
            tip = f"{tip} ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setProperty("baseTip", tip)
    if spec.icon:
        set_icon(action, spec.icon)
    return action


def _trigger(handler: Handler, action: QAction, operations: Operations) -> Callable[[], None]:
    def run() -> None:
        work = handler()
        if inspect.iscoroutine(work):
            operations.start(work, name=action.objectName(), control=action)

    return run


def build_menus(menu_bar: QMenuBar, actions: Mapping[str, QAction]) -> dict[str, QMenu]:
    """The menu bar's menus, in the table's order, groups set apart by separators."""
    menus: dict[str, QMenu] = {}
    for key, title in MENUS:
        menu = menu_bar.addMenu(translate("Menus", title))
        _add_grouped(menu, [(spec.group, actions[spec.key]) for spec in ACTIONS if spec.menu == key])
        menus[key] = menu
    return menus


def build_toolbar(actions: Mapping[str, QAction]) -> QToolBar:
    """The toolbar: the table's toolbar actions with their icons and texts."""
    toolbar = QToolBar(translate("MainWindow", "Accounts"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    _add_grouped(toolbar, [(spec.toolbar, actions[spec.key]) for spec in ACTIONS if spec.toolbar is not None])
    return toolbar


def context_menu(parent: QWidget, actions: Mapping[str, QAction]) -> QMenu:
    """The table's context menu as things are now (it is made each time it opens, and deleted on close)."""
    menu = QMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    groups = dict.fromkeys(spec.context for spec in ACTIONS if spec.context is not None)
    for number, group in enumerate(groups):
        if number:  # a group left empty still gets its separator; the menu collapses the doubles
            menu.addSeparator()
        menu.addActions([
            actions[spec.key] for spec in ACTIONS
            if spec.context == group and (not spec.context_if_enabled or actions[spec.key].isEnabled())
        ])
    return menu


def _add_grouped(target: QMenu | QToolBar, entries: list[tuple[int | None, QAction]]) -> None:
    previous: int | None = None
    for group, action in entries:
        if previous is not None and group != previous:
            target.addSeparator()
        target.addAction(action)
        previous = group


def update_actions(actions: Mapping[str, QAction], state: WindowState, operations: Operations) -> None:
    """Enable each action as the table says for this state (an action whose operation still runs stays
    disabled), and say in the tool tip of an editing action when the database is read-only."""
    for spec in ACTIONS:
        if spec.managed:
            continue
        action = actions[spec.key]
        action.setEnabled(spec.enabled_in(state) and not operations.holds(action))
        base = action.property("baseTip")
        if base is not None:
            tip = f"{base}. {translate('Actions', READ_ONLY_NOTE)}" if spec.says_read_only(state) else str(base)
            if action.toolTip() != tip:  # this runs on every selection and page read: change only what changed
                action.setToolTip(tip)
                action.setStatusTip(tip)
