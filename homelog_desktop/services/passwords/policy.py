"""home-log's password rules, plus the length limit of the hash scheme that stores the password
(bcrypt: 72 bytes in UTF-8; Argon2id: home-log's 255 characters); every violation is reported at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from homelog_desktop.messages import translatable

MIN_LENGTH = 7
BCRYPT_MAX_BYTES = 72
# home-log's schemas accept at most 255 characters; Argon2 itself has no practical limit.
HOMELOG_MAX_CHARS = 255
# home-log's JSON sign-in accepts at most 60 characters: longer passwords can only sign in by form.
HOMELOG_LOGIN_MAX_CHARS = 60

# The schemes new hashes can be written in; the rules differ only in their length limit.
HashScheme = Literal["bcrypt", "argon2id"]
HASH_SCHEMES: tuple[HashScheme, ...] = ("bcrypt", "argon2id")

_THREE_IN_A_ROW = re.compile(r"(.)\1\1", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its checklist label, the sentence when it is broken, and its test."""

    label: str
    problem: str
    test: Callable[[str], bool]


BCRYPT_LIMIT_RULE = Rule(
    translatable("PasswordRules", "At most {limit} bytes in UTF-8").filled(limit=BCRYPT_MAX_BYTES),
    translatable("PasswordRules",
        "The password is longer than {limit} bytes in UTF-8, the most bcrypt can use.").filled(limit=BCRYPT_MAX_BYTES),
    lambda p: len(p.encode("utf-8")) <= BCRYPT_MAX_BYTES,
)
ARGON2_LIMIT_RULE = Rule(
    translatable("PasswordRules", "At most {limit} characters").filled(limit=HOMELOG_MAX_CHARS),
    translatable("PasswordRules",
        "The password is longer than {limit} characters, the most home-log accepts.").filled(limit=HOMELOG_MAX_CHARS),
    lambda p: len(p) <= HOMELOG_MAX_CHARS,
)

# The checklist for bcrypt (the default scheme).
RULES: tuple[Rule, ...] = (
    Rule(
        translatable("PasswordRules", "At least {count} characters").filled(count=MIN_LENGTH),
        translatable("PasswordRules", "The password must have at least {count} characters.").filled(count=MIN_LENGTH),
        lambda p: len(p) >= MIN_LENGTH,
    ),
    Rule(
        translatable("PasswordRules", "An uppercase letter"), translatable("PasswordRules",
            "The password needs an uppercase letter."),
        lambda p: any(c.isupper() for c in p)),
    Rule(
        translatable("PasswordRules", "A lowercase letter"), translatable("PasswordRules",
            "The password needs a lowercase letter."),
        lambda p: any(c.islower() for c in p)),
    Rule(
        translatable("PasswordRules", "A digit"), translatable("PasswordRules", "The password needs a digit."),
        lambda p: any(c.isdigit() for c in p)),
    Rule(
        translatable("PasswordRules", "No space at the start or end"),
        translatable("PasswordRules", "The password must not start or end with a space."),
        lambda p: p == p.strip(),
    ),
    Rule(
        translatable("PasswordRules", "No character three times in a row"),
        translatable("PasswordRules", "The password must not repeat a character three times in a row."),
        lambda p: not _THREE_IN_A_ROW.search(p),
    ),
    BCRYPT_LIMIT_RULE,
    Rule(
        translatable("PasswordRules", "No NUL character"), translatable("PasswordRules",
            "The password must not contain a NUL character."),
        lambda p: "\x00" not in p),
)

# The same checklist for Argon2id, with home-log's 255 characters in place of bcrypt's 72 bytes.
ARGON2_RULES: tuple[Rule, ...] = tuple(ARGON2_LIMIT_RULE if r is BCRYPT_LIMIT_RULE else r for r in RULES)


def rules_for(scheme: HashScheme = "bcrypt") -> tuple[Rule, ...]:
    """The rules a password must meet to be stored with `scheme` ("bcrypt" or "argon2id")."""
    if scheme == "bcrypt":
        return RULES
    if scheme == "argon2id":
        return ARGON2_RULES
    raise ValueError(f"unknown password hash scheme {scheme!r}; expected one of {', '.join(HASH_SCHEMES)}")


def check_rules(password: str, scheme: HashScheme = "bcrypt") -> list[tuple[Rule, bool]]:
    """Every rule with whether the password meets it, in checklist order."""
    return [(rule, rule.test(password)) for rule in rules_for(scheme)]


def password_problems(password: str, scheme: HashScheme = "bcrypt") -> list[str]:
    """Sentences for every rule the password breaks; empty when it is acceptable."""
    return [rule.problem for rule, met in check_rules(password, scheme) if not met]
