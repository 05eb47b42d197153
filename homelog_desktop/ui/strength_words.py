"""The password strength meter's words in the window's language: zxcvbn writes its crack times ("3 hours",
"centuries") and advice in English; these are its sentences, marked for translation, and its time units."""

from __future__ import annotations

import re

from homelog_desktop.messages import Text
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate, translated

_T = QT_TRANSLATE_NOOP
# Every sentence zxcvbn's feedback can give (zxcvbn/feedback.py), so that lupdate lists them.
ZXCVBN_SENTENCES = (
    _T("PasswordStrength", "Add another word or two. Uncommon words are better."),
    _T("PasswordStrength", "Capitalization doesn't help very much."),
    _T("PasswordStrength", "Reversed words aren't much harder to guess."),
    _T("PasswordStrength", "Predictable substitutions like '@' instead of 'a' don't help very much."),
    _T("PasswordStrength", "Use a few words, avoid common phrases."),
    _T("PasswordStrength", "No need for symbols, digits, or uppercase letters."),
    _T("PasswordStrength", "Straight rows of keys are easy to guess."),
    _T("PasswordStrength", "Short keyboard patterns are easy to guess."),
    _T("PasswordStrength", "This is a top-10 common password."),
    _T("PasswordStrength", "This is similar to a commonly used password."),
    _T("PasswordStrength", "A word by itself is easy to guess."),
    _T("PasswordStrength", "All-uppercase is almost as easy to guess as all-lowercase."),
    _T("PasswordStrength", "Use a longer keyboard pattern with more turns."),
    _T("PasswordStrength", 'Repeats like "aaa" are easy to guess.'),
    _T("PasswordStrength", 'Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    _T("PasswordStrength", "This is a top-100 common password."),
    _T("PasswordStrength", "This is a very common password."),
    _T("PasswordStrength", "Names and surnames by themselves are easy to guess."),
    _T("PasswordStrength", "Common names and surnames are easy to guess."),
    _T("PasswordStrength", "Avoid repeated words and characters."),
    _T("PasswordStrength", 'Sequences like "abc" or "6543" are easy to guess.'),
    _T("PasswordStrength", "Avoid sequences."),
    _T("PasswordStrength", "Recent years are easy to guess."),
    _T("PasswordStrength", "Dates are often easy to guess."),
    _T("PasswordStrength", "Avoid recent years."),
    _T("PasswordStrength", "Avoid years that are associated with you."),
    _T("PasswordStrength", "Avoid dates and years that are associated with you."),
)
_TIME = re.compile(r"(\d+) (second|minute|hour|day|month|year)s?")


def hint_text(hint: str) -> str:
    """A hint of the meter (ours, or zxcvbn's) in the window's language."""
    return translated(hint) if isinstance(hint, Text) else translate("PasswordStrength", hint)


def crack_time_text(text: str) -> str:
    """zxcvbn's "3 hours", "less than a second" or "centuries" in the window's language."""
    if isinstance(text, Text):
        return translated(text)
    if text == "less than a second":
        return translate("PasswordStrength", "less than a second")
    if text == "centuries":
        return translate("PasswordStrength", "centuries")
    found = _TIME.fullmatch(text)
    if found is None:
        return text
    count, unit = int(found.group(1)), found.group(2)
    units = {
        "second": translate("PasswordStrength", "%n second(s)", None, count),
        "minute": translate("PasswordStrength", "%n minute(s)", None, count),
        "hour": translate("PasswordStrength", "%n hour(s)", None, count),
        "day": translate("PasswordStrength", "%n day(s)", None, count),
        "month": translate("PasswordStrength", "%n month(s)", None, count),
        "year": translate("PasswordStrength", "%n year(s)", None, count),
    }
    return units[unit]
