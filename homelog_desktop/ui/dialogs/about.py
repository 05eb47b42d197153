"""Help > About: the version, the database in use, and the licences of the components the app ships with."""

from __future__ import annotations

import html
import importlib.metadata
import importlib.util
import platform
import sys
import warnings
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from homelog_desktop import __version__
from homelog_desktop.paths import APPLICATION_NAME
from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import fit_on_show

DISTRIBUTION = "homelog-desktop"


class Component(NamedTuple):
    """A component bundled with the installed app (the .deb, the Windows and macOS builds)."""

    name: str
    module: str  # shown only when importable
    distribution: str  # its version comes from this distribution's metadata, else the loaded module
    licence: str


COMPONENTS = (
    Component("Qt", "PySide6.QtCore", "", "LGPL-3.0-only"),
    Component("PySide6 / Shiboken6", "PySide6", "PySide6-Essentials", "LGPL-3.0-only"),
    Component("Python", "sys", "", "PSF-2.0"),
    Component("SQLAlchemy", "sqlalchemy", "SQLAlchemy", "MIT"),
    Component("aiosqlite", "aiosqlite", "aiosqlite", "MIT"),
    Component("greenlet", "greenlet", "greenlet", "MIT and PSF-2.0"),
    Component("bcrypt", "bcrypt", "bcrypt", "Apache-2.0"),
    Component("qasync", "qasync", "qasync", "BSD-2-Clause"),
    Component("Alembic", "alembic", "alembic", "MIT"),
    Component("Mako", "mako", "Mako", "MIT"),
    Component("argon2-cffi", "argon2", "argon2-cffi", "MIT"),
    Component("cffi", "cffi", "cffi", "MIT-0"),
    Component("zxcvbn", "zxcvbn", "zxcvbn", "MIT"),
)


def app_version() -> str:
    """The installed version; the package's own idea of it when there is no installed metadata."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return __version__


def _component_version(component: Component) -> str:
    if component.module == "sys":
        return platform.python_version()
    if component.module == "PySide6.QtCore":
        return qVersion()
    try:
        return importlib.metadata.version(component.distribution)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        pass
    # A frozen bundle may carry no metadata: ask the module, if loaded (the dialog imports nothing).
    # Some packages (argon2-cffi) deprecate __version__; a warning is no reason to show no number.
    module = sys.modules.get(component.module)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return str(getattr(module, "__version__", "") or "")


def _is_present(component: Component) -> bool:
    if component.module in sys.modules:
        return True
    try:
        return importlib.util.find_spec(component.module) is not None
    except (ImportError, ValueError):
        return False


def components() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each bundled component that is present; version may be ''."""
    return [(c.name, _component_version(c), c.licence) for c in COMPONENTS if _is_present(c)]


class AboutDialog(QDialog):
    """What this program is, which database it has open, and under which licences its parts are used."""

    def __init__(self, *, parent: QWidget | None = None, database_path: Path | str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("Dialogs", "About {app}").format(app=APPLICATION_NAME))
        self.version = app_version()
        self.database_path = str(database_path) if database_path is not None else ""

        title = QLabel(f"<h2>{html.escape(APPLICATION_NAME)}</h2>")
        title.setObjectName("aboutTitle")
        version = QLabel(translate("Dialogs", "Version {version}").format(version=html.escape(self.version)))
        version.setObjectName("aboutVersion")
        database = QLabel(
            translate("Dialogs", "Database: {path}").format(path=html.escape(self.database_path)) if self.database_path
            else translate("Dialogs", "No database open")
        )
        database.setObjectName("aboutDatabase")
        database.setWordWrap(True)
        database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{html.escape(number)}</td><td>{html.escape(licence)}</td></tr>"
            for name, number, licence in components()
        )
        licences = QLabel(
            "<p>" + translate("Dialogs", "A desktop account manager for home-log, released under the MIT licence. "
                              "It includes these components:") + "</p>"
            f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
            "<p>" + translate("Dialogs", "The full licence texts come with the program; on Debian and Ubuntu they are "
                              "in /usr/share/doc/homelog-desktop/copyright.") + "</p>"
        )
        licences.setObjectName("aboutLicences")
        licences.setWordWrap(True)
        licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (title, version, database, licences, buttons):
            layout.addWidget(widget)
        fit_on_show(self)
