"""View > Language: the system's language or one the app speaks, remembered in the settings. The choice takes
effect at the next start (every text of the window is made once, in the language loaded at start)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from homelog_desktop.ui.translation import LANGUAGE_KEY, LANGUAGES, chosen_language, translate


def add_language_menu(view_menu: QMenu, settings: QSettings, tell: Callable[[str, int], None]) -> QMenu:
    """The Language submenu at the end of `view_menu`: "System language", then each language in its own name."""
    view_menu.addSeparator()
    menu = view_menu.addMenu(translate("Menus", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    chosen = chosen_language(settings)
    choices = [("", translate("Menus", "&System language")), *LANGUAGES.items()]
    for code, name in choices:
        action = QAction(name, menu)
        action.setObjectName(f"language_{code or 'system'}")
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)

    def choose(action: QAction) -> None:
        settings.setValue(LANGUAGE_KEY, str(action.data()))
        tell(translate("MainWindow", "The language changes when HomeLog Desktop is started again."), 10_000)

    group.triggered.connect(choose)
    return menu
