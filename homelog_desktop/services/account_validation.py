"""Rules for the email address and name of an account; every problem is reported at once.

An address is checked as home-log checks it: with `email-validator`, the library behind pydantic's
EmailStr, which home-log applies on input and on output (an address it refuses makes home-log fail
whenever it returns that user); no deliverability check, no network.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from homelog_desktop.data.models import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH
from homelog_desktop.errors import InvalidInputError
from homelog_desktop.messages import translatable

__all__ = [
    "EMAIL_MAX_LENGTH", "USERNAME_MAX_LENGTH", "clean_account_fields", "email_problems", "email_syntax_problem",
    "load_email_rules", "mixed_script_warning", "username_problems",
]

# A local part of plain ASCII "atext" words joined by single dots (RFC 5322 dot-atom): email-validator
# accepts every such local part, so for these only the domain needs its check, which is cached (an import
# repeats a few domains thousands of times). Anything else gets email-validator's full check.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_MAX_ADDRESS, _MAX_LOCAL = 254, 64
_LOOK_ALIKE_SCRIPTS = frozenset({"CYRILLIC", "GREEK"})


def _has_control_characters(text: str) -> bool:
    if text.isascii():  # the common case, in C: ASCII's only such characters are its controls (Cc)
        return not text.isprintable()
    return any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text)


def load_email_rules() -> None:
    """Load email-validator now rather than at the first address checked (the window does, before it shows)."""
    import email_validator  # noqa: F401


def _validator_problem(email: str) -> str | None:
    # Imported on first use: its patterns take ~150 ms to compile, which commands that check no address
    # (list, show, report, ...) must not pay at every start.
    import email_validator

    try:
        email_validator.validate_email(email, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        return str(error)
    return None


@functools.lru_cache(maxsize=4096)
def _domain_problem(domain: str) -> str | None:
    return _validator_problem(f"a@{domain}")


def email_syntax_problem(email: str) -> str | None:
    """email-validator's reason for refusing an address (as home-log's EmailStr would); None when valid."""
    local, at, domain = email.rpartition("@")
    if (at and email.isascii() and len(email) <= _MAX_ADDRESS and len(local) <= _MAX_LOCAL
            and _PLAIN_LOCAL.fullmatch(local)):
        return _domain_problem(domain)
    return _validator_problem(email)


def email_problems(email: str) -> list[str]:
    """What is wrong with an email address (already stripped); empty when it is fine."""
    if not email:
        return [translatable("AccountForm", "The email address is required.")]
    problems: list[str] = []
    if len(email) > EMAIL_MAX_LENGTH:
        problems.append(
            translatable("AccountForm",
                "The email address is longer than {limit} characters.").filled(limit=EMAIL_MAX_LENGTH)
        )
    if _has_control_characters(email):
        problems.append(translatable("AccountForm", "The email address contains control characters."))
    else:
        reason = email_syntax_problem(email)
        if reason is not None:
            problems.append(f"“{email[:60]}” is not a valid email address: {reason}")
    return problems


def _script(character: str) -> str:
    return unicodedata.name(character, "").split(" ", 1)[0]


def mixed_script_warning(email: str) -> str | None:
    """A warning when a word of the address mixes Latin letters with Cyrillic or Greek ones, as look-alike
    addresses do (`аdmin@x.com` with a Cyrillic а); None for an address in one script per word."""
    for word in re.findall(r"[^\W\d_]+", email):
        scripts = {_script(character) for character in word}
        mixed = scripts & _LOOK_ALIKE_SCRIPTS
        if "LATIN" in scripts and mixed:
            others = " and ".join(sorted(name.title() for name in mixed))
            return (f"“{email[:60]}” mixes Latin letters with {others} ones, as look-alike addresses do: it is "
                    "not the address it may look like.")
    return None


def username_problems(username: str) -> list[str]:
    """What is wrong with a name (already stripped); empty when it is fine. An empty name is allowed."""
    problems: list[str] = []
    if len(username) > USERNAME_MAX_LENGTH:
        problems.append(translatable("AccountForm",
            "The name is longer than {limit} characters.").filled(limit=USERNAME_MAX_LENGTH))
    if _has_control_characters(username):
        problems.append(translatable("AccountForm", "The name contains control characters."))
    return problems


def clean_account_fields(email: str, username: str | None) -> tuple[str, str | None]:
    """Stripped email and name (None for an empty name); InvalidInputError listing every problem."""
    email = email.strip()
    name = (username or "").strip()
    problems = email_problems(email) + username_problems(name)
    if problems:
        raise InvalidInputError(problems)
    return email, name or None
