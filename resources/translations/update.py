"""Update the .ts sources from the code and build the .qm files the app loads, with the PySide6 wheel's tools.

    python resources/translations/update.py           # lupdate (keeps existing translations), then lrelease
    python resources/translations/update.py --release # lrelease only (packaging/build.sh)

Every string the window shows is written as translate("Context", "English"), QT_TRANSLATE_NOOP("Context", ...)
(or its short name _T) or, below the window, homelog_desktop.messages.translatable("Context", ...): lupdate
reads all of them. homelog_en.ts holds the English plural forms only (-pluralonly); homelog_de.ts everything.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("en", "de")
ALIASES = "QT_TRANSLATE_NOOP+=translatable,QT_TRANSLATE_NOOP+=_T"


def tool(name: str) -> str:
    """A Qt tool of the PySide6 wheel in this Python's environment (pyside6-lupdate, pyside6-lrelease)."""
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if found is None:
        sys.exit(f"pyside6-{name} not found: install PySide6-Essentials in this environment")
    return found


def sources() -> list[str]:
    """The Python files lupdate reads: the whole package but the command line (which stays English)."""
    package = ROOT / "homelog_desktop"
    return sorted(str(path) for path in package.rglob("*.py") if "cli" not in path.relative_to(package).parts)


def _plurals(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """The plural translations of a .ts, by context and source."""
    if not ts.exists():
        return {}
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                found[(name, message.findtext("source", ""))] = message.find("translation")
    return found


def _mark_plurals(ts: Path, kept: dict[tuple[str, str], ET.Element], pluralonly: bool) -> None:
    """lupdate's Python reader sees a plural only when the count is a literal number: every source with
    %n is made a plural (keeping its translations), as QCoreApplication.translate(..., n) uses it."""
    tree = ET.parse(ts)
    for context in list(tree.getroot().iter("context")):
        name = context.findtext("name", "")
        for message in list(context.iter("message")):
            source = message.findtext("source", "")
            if "%n" not in source and "%Ln" not in source:
                if pluralonly:
                    context.remove(message)
                continue
            message.set("numerus", "yes")
            old = message.find("translation")
            if old is not None:
                message.remove(old)
            translation = kept.get((name, source))
            if translation is None:
                translation = ET.Element("translation", type="unfinished")
                for _form in range(2):  # English and German: one and other
                    ET.SubElement(translation, "numerusform")
            message.append(translation)
        if not context.findall("message"):
            tree.getroot().remove(context)
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def update() -> None:
    """Bring every .ts up to date with the code (new sources added, vanished ones dropped)."""
    for language in LANGUAGES:
        ts = HERE / f"homelog_{language}.ts"
        kept = _plurals(ts)
        subprocess.run(
            [tool("lupdate"), *sources(), "-tr-function-alias", ALIASES, "-locations", "none", "-no-obsolete",
             "-source-language", "en", "-target-language", language, "-ts", str(ts)],
            check=True,
        )
        _mark_plurals(ts, kept, pluralonly=language == "en")


def release() -> None:
    """Build homelog_<language>.qm next to each .ts."""
    for language in LANGUAGES:
        ts = HERE / f"homelog_{language}.ts"
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    if "--release" not in sys.argv[1:]:
        update()
    release()
