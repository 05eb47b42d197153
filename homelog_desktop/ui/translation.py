"""The window's language: Qt translators for the app and Qt's own texts, the locale for numbers and dates,
and the translation of sentences made below the window (homelog_desktop.messages.Text).

Every visible string of the window goes through `translate(context, source)` (QCoreApplication.translate,
read by pyside6-lupdate); counts use "%Ln" with the count as `n`, so English and German plurals come from the
.qm files (homelog_en.qm holds the English plural forms only). The language is the system's, unless the
user chose one in View > Language (remembered in the settings; it takes effect at the next start).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLibraryInfo, QLocale, QSettings, QTimeZone, QTranslator

from homelog_desktop.messages import Number, Text
from homelog_desktop.ui.resources import resource_folder

log = logging.getLogger(__name__)
LANGUAGE_KEY = "ui/language"
# The languages the window speaks, by code, each named in itself (as a language menu names them).
LANGUAGES = {"en": "English", "de": "Deutsch"}
DEFAULT_LANGUAGE = "en"
_installed: list[QTranslator] = []  # kept alive as long as they are installed


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The source text in the window's language (QCoreApplication.translate; lupdate reads these calls)."""
    return QCoreApplication.translate(context, source, disambiguation, n)


def translation_folder() -> Path:
    """Where the app's .qm files are (resources/translations, installed as package data)."""
    return resource_folder() / "translations"


def chosen_language(settings: QSettings) -> str:
    """The language View > Language chose ("" for the system's)."""
    value = settings.value(LANGUAGE_KEY, "")
    return str(value) if value in LANGUAGES else ""


def language_to_use(choice: str, system: QLocale | None = None) -> str:
    """The language code the window speaks: the user's choice, else the system's if the app has it, else English."""
    if choice in LANGUAGES:
        return choice
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def install_language(language: str) -> bool:
    """Load the translators of `language` (the app's and Qt's own, e.g. dialog buttons) in place of any
    loaded before, and make its locale the default for numbers and dates. False when the app's .qm is missing."""
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the application"
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    found = True
    sources = [(f"homelog_{language}", translation_folder())]
    if language != "en":
        sources.append((f"qtbase_{language}", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))))
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        elif name.startswith("homelog"):
            found = False
            log.warning("Translation %s not found in %s", name, folder)
    QLocale.setDefault(locale_for(language))
    return found


def locale_for(language: str) -> QLocale:
    """The locale numbers and dates are written in: the system's when it speaks `language`, else the language's
    own (English: the United States', as the window always wrote them)."""
    system = QLocale.system()
    if QLocale.languageToCode(system.language()) == language:
        return system
    return QLocale(language if language != "en" else "en_US")


def translated(message: str) -> str:
    """A sentence from below the window in the window's language (a plain str is shown as it is)."""
    if not isinstance(message, Text):
        return message
    arguments = {key: _shown(value) for key, value in message.arguments.items()}
    return translate(message.context, message.template).format(**arguments)


def _shown(value: object) -> str:
    """An argument of a sentence as the window writes it: sentences translated, counts in the locale's way."""
    if isinstance(value, str):
        return translated(value)
    return number(value) if isinstance(value, Number) else str(value)


def error_text(error: BaseException) -> str:
    """What a known error says, in the window's language."""
    first = error.args[0] if error.args else None
    return translated(first) if isinstance(first, Text) else str(error)


def number(value: int) -> str:
    """A count as the locale writes it ("1,204"; German "1.204")."""
    return QLocale().toString(value)


def date_time(moment: datetime, *, seconds: bool = False) -> str:
    """A moment in local time, written the window's way ("2026-12-06 23:05"; German "06.12.2026 23:05")."""
    pattern = translate("Formats", "yyyy-MM-dd HH:mm:ss") if seconds else translate("Formats", "yyyy-MM-dd HH:mm")
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())
    return QLocale().toString(local, pattern)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark `source` for translation in `context` where it is defined; translate(context, source) where shown."""
    return source
