"""Icons and the stylesheet from the resources folder (installed as homelog_desktop.resources)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon


@cache
def resource_folder() -> Path:
    """The folder holding icons/ and the stylesheet, installed or in a source checkout."""
    try:
        return Path(str(resources.files("homelog_desktop.resources")))
    except ModuleNotFoundError:  # a source tree on sys.path ahead of an editable install
        return Path(__file__).resolve().parents[2] / "resources"


def icon(name: str) -> QIcon:
    """An icon from resources/icons by name (without .svg); an empty icon when it is missing."""
    path = resource_folder() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def stylesheet() -> str:
    """The app's stylesheet."""
    path = resource_folder() / "style.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""
