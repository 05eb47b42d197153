"""home-log's password rules, plus bcrypt's 72-byte limit; every violation is reported at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MIN_LENGTH = 7
BCRYPT_MAX_BYTES = 72
# home-log's JSON sign-in accepts at most 60 characters: longer passwords can only sign in by form.
HOMELOG_LOGIN_MAX_CHARS = 60

_THREE_IN_A_ROW = re.compile(r"(.)\1\1", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its checklist label, the sentence when it is broken, and its test."""

    label: str
    problem: str
    test: Callable[[str], bool]


RULES: tuple[Rule, ...] = (
    Rule(
        f"At least {MIN_LENGTH} characters",
        f"The password must have at least {MIN_LENGTH} characters.",
        lambda p: len(p) >= MIN_LENGTH,
    ),
    Rule("An uppercase letter", "The password needs an uppercase letter.", lambda p: any(c.isupper() for c in p)),
    Rule("A lowercase letter", "The password needs a lowercase letter.", lambda p: any(c.islower() for c in p)),
    Rule("A digit", "The password needs a digit.", lambda p: any(c.isdigit() for c in p)),
    Rule(
        "No space at the start or end",
        "The password must not start or end with a space.",
        lambda p: p == p.strip(),
    ),
    Rule(
        "No character three times in a row",
        "The password must not repeat a character three times in a row.",
        lambda p: not _THREE_IN_A_ROW.search(p),
    ),
    Rule(
        f"At most {BCRYPT_MAX_BYTES} bytes in UTF-8",
        f"The password is longer than {BCRYPT_MAX_BYTES} bytes in UTF-8, the most bcrypt can use.",
        lambda p: len(p.encode("utf-8")) <= BCRYPT_MAX_BYTES,
    ),
    Rule("No NUL character", "The password must not contain a NUL character.", lambda p: "\x00" not in p),
)


def check_rules(password: str) -> list[tuple[Rule, bool]]:
    """Every rule with whether the password meets it, in checklist order."""
    return [(rule, rule.test(password)) for rule in RULES]


def password_problems(password: str) -> list[str]:
    """Sentences for every rule the password breaks; empty when it is acceptable."""
    return [rule.problem for rule, met in check_rules(password) if not met]
