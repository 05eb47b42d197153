"""Sentences written below the window (errors, services) that the window can show translated.

A `Text` is the English sentence (a str: logs, the CLI and every comparison see plain English) that also
remembers its context, template and arguments, so the window translates it when it shows it
(ui/translation.py: translated). `translatable()` is read by pyside6-lupdate as QT_TRANSLATE_NOOP (the alias is
given in resources/translations/update.py), so every template written through it lands in the .ts files.
This module never imports Qt: homelog-admin stays English and Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class Text(str):
    """An English sentence that can be translated later: str(self) is the template filled in."""

    context: str
    template: str
    arguments: Mapping[str, object]

    def __new__(cls, context: str, template: str, arguments: Mapping[str, object]) -> Text:
        english = template.format(**{key: str(value) for key, value in arguments.items()}) if arguments else template
        made = super().__new__(cls, english)
        made.context, made.template, made.arguments = context, template, dict(arguments)
        return made

    def __getnewargs__(self) -> tuple[str, str, Mapping[str, object]]:  # type: ignore[override]
        """Copies and pickles keep the template and the arguments."""
        return (self.context, self.template, self.arguments)

    def filled(self, **arguments: object) -> Text:
        """The sentence with its {name} fields filled in (an argument that is itself a Text is translated too)."""
        return Text(self.context, self.template, {**self.arguments, **arguments})


class Number(int):
    """A count filled into a sentence: "1,204" in English, written as the window's locale writes it when shown."""

    def __str__(self) -> str:
        return f"{int(self):,}"


def translatable(context: str, template: str, /) -> Text:
    """The English sentence `template`, translatable by the window; fields are filled with .filled(name=...).
    (pyside6-lupdate reads a call with exactly these two literal arguments, nothing more.)"""
    return Text(context, template, {})


def listed(parts: Sequence[str]) -> str:
    """Phrases joined by "; ", each still translated where shown (a Text when there are several)."""
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        joined = translatable("Messages", "{first}; {then}").filled(first=joined, then=part)
    return joined
