"""Choosing a file: Qt's own (non-native) file dialog, opened with open() and awaited."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from homelog_desktop.ui.awaiting import ask
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate
from homelog_desktop.ui.widgets import fit_on_show

DATABASE_FILTER = QT_TRANSLATE_NOOP("Dialogs", "HomeLog databases (*.db *.sqlite *.sqlite3);;All files (*)")


def file_dialog(parent: QWidget, title: str, name: str, name_filter: str, *, save: bool) -> QFileDialog:
    """A file dialog to open an existing file, or to name a new one (`save`)."""
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name)
    dialog.setNameFilter(translate("Dialogs", name_filter))
    # Qt's own dialog everywhere, so tests and every platform behave alike; no overwrite question from
    # inside Qt (it would run a nested loop): the flows ask themselves, or refuse to overwrite.
    dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontConfirmOverwrite)
    fit_on_show(dialog)  # on a small (or doubled) screen too
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


async def choose_file(dialog: QFileDialog) -> Path | None:
    """Open the file dialog and wait: the file chosen, or None when cancelled."""
    chosen = await ask(dialog, lambda d, code: d.selectedFiles()[0] if code and d.selectedFiles() else None)
    return Path(chosen) if chosen else None
