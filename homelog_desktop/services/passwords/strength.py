"""How hard a password is to guess, estimated by zxcvbn (Dropbox's estimator, maintained Python port).

Runs on the calling thread (a few milliseconds for a typical password): zxcvbn keeps the user's own
words in a module-level dictionary, so two estimates must not run at the same time in two threads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from zxcvbn import zxcvbn

from homelog_desktop.messages import translatable

LABELS = (
    translatable("PasswordStrength", "Weak"), translatable("PasswordStrength", "Fair"),
    translatable("PasswordStrength", "Good"), translatable("PasswordStrength", "Strong"),
    translatable("PasswordStrength", "Very strong"),
)
MAX_SCORE = len(LABELS) - 1
# zxcvbn refuses longer input (its matching grows quickly with length); a longer password is scored
# on its first characters, which can only underestimate it.
ESTIMATED_CHARS = 72
# The attack the crack time is given for: a stolen database of slow (bcrypt/Argon2) hashes.
_ATTACK = "offline_slow_hashing_1e4_per_second"
USER_INPUT_HINT = translatable("PasswordStrength", "Avoid the account's email address and name.")
_WORDS = re.compile(r"[^\W_]{3,}")


@dataclass(frozen=True, slots=True)
class PasswordStrength:
    """A strength estimate: score 0 (weak) to 4 (very strong), its label, a hint to do better
    (empty when there is nothing to add) and how long guessing it would take from a stolen database."""

    score: int
    label: str
    hint: str
    crack_time: str


EMPTY = PasswordStrength(0, LABELS[0], translatable("PasswordStrength", "Type a password or generate one."),
                         translatable("PasswordStrength", "no time"))


def estimate_strength(password: str, user_inputs: Iterable[str | None] = ()) -> PasswordStrength:
    """Estimate how hard `password` is to guess. `user_inputs` (the account's email, name...) count as
    words an attacker knows: a password built from them scores low."""
    if not password:
        return EMPTY
    result = zxcvbn(password[:ESTIMATED_CHARS], user_inputs=_known_words(user_inputs))
    score = max(0, min(MAX_SCORE, int(result["score"])))
    feedback = result["feedback"]
    hint = feedback.get("warning") or next(iter(feedback.get("suggestions") or ()), "")
    if hint and any(match.get("dictionary_name") == "user_inputs" for match in result["sequence"]):
        hint = USER_INPUT_HINT  # clearer than zxcvbn's generic "Add another word or two."
    crack_time = str(result["crack_times_display"][_ATTACK])
    return PasswordStrength(score, LABELS[score], hint, crack_time)


def _known_words(user_inputs: Iterable[str | None]) -> list[str]:
    """The inputs as they are, plus their words: "ann.lee@example.org" also gives ann, lee, example, org."""
    words: list[str] = []
    for text in user_inputs:
        if not text:
            continue
        words.append(text)
        words.extend(_WORDS.findall(text))
    return list(dict.fromkeys(word.lower() for word in words))
