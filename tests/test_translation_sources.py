"""Every sentence the code marks translatable reaches the German translation: read off the code itself
(every translate / translatable / QT_TRANSLATE_NOOP call with literal context and text) and compared with
resources/translations/homelog_de.ts, so a call pyside6-lupdate's Python reader cannot see (it skipped
`translate(..., None, shown.total)`, whose count is an attribute) fails here instead of showing English."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"translate", "translatable", "QT_TRANSLATE_NOOP", "_T"}


def marked_sources() -> dict[tuple[str, str], str]:
    """(context, English) -> where in the code, for every marked call with literal arguments."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted((ROOT / "homelog_desktop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            context, text = node.args[0], node.args[1]
            literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (context, text))
            if name in MARKERS and literal:
                found.setdefault((context.value, text.value), f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def translated(ts: Path) -> set[tuple[str, str]]:
    """(context, source) of every finished translation in a .ts file."""
    done = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None:
                done.add((name, message.findtext("source", "")))
    return done


def test_every_marked_sentence_has_a_finished_german_translation() -> None:
    sources = marked_sources()
    assert len(sources) > 500  # the reader found the calls (a broken walk would pass vacuously)
    german = translated(ROOT / "resources" / "translations" / "homelog_de.ts")
    missing = sorted(f"{where}: {context} / {text!r}" for (context, text), where in sources.items()
                     if (context, text) not in german)
    assert not missing, "not in homelog_de.ts (run resources/translations/update.py, then translate):\n" + "\n".join(
        missing)
