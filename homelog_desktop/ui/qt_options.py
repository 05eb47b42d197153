"""Qt's own command-line options (`-style fusion`, `-platform xcb`, `-reverse`...), told apart from the
app's, without Qt: they go to QApplication, ours to argparse, and anything neither knows is refused.

Qt reads each with one dash or two, and an option's value after a space or after "=" (as
QGuiApplication and QApplication do); the list is theirs, from Qt's documentation of both classes and of
the X11 platform plugin.
"""

from __future__ import annotations

# Options that take a value: "-style fusion", "-style=fusion", "--style fusion".
WITH_VALUE = frozenset({
    "platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry", "geometry", "qwindowicon",
    "icon", "qwindowtitle", "title", "session", "display", "name", "visual", "style", "stylesheet",
    "qmljsdebugger", "dialogs", "fontengine", "darkmode",
})
# Options that stand alone.
FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync", "cmap", "testability"})


def _qt_name(argument: str) -> tuple[str, bool]:
    """The option's name without its dashes and value, and whether its value came with it after "="."""
    name = argument.lstrip("-")
    if "=" in name:
        return name.split("=", 1)[0], True
    return name, False


def split_qt_arguments(arguments: list[str]) -> tuple[list[str], list[str]]:
    """(the app's arguments, Qt's arguments) from a command line without the program's name."""
    ours: list[str] = []
    qt: list[str] = []
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        index += 1
        if argument == "--":  # what follows is ours, whatever it looks like
            ours.extend(arguments[index - 1:])
            break
        name, has_value = _qt_name(argument) if argument.startswith("-") else ("", False)
        if name in FLAGS and not has_value:
            qt.append(argument)
        elif name in WITH_VALUE:
            qt.append(argument)
            if not has_value and index < len(arguments):
                qt.append(arguments[index])
                index += 1
        else:
            ours.append(argument)
    return ours, qt
