"""Rules for the email address and name of an account; every problem is reported at once."""

from __future__ import annotations

import re
import unicodedata

from homelog_desktop.data.models import EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH
from homelog_desktop.errors import InvalidInputError

__all__ = ["EMAIL_MAX_LENGTH", "USERNAME_MAX_LENGTH", "clean_account_fields", "email_problems", "username_problems"]

# One @, something before it, a dotted domain after it, no spaces: what home-log's EmailStr accepts
# in practice for household addresses, without a DNS lookup.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


def _has_control_characters(text: str) -> bool:
    if text.isascii():  # the common case, in C: ASCII's only such characters are its controls (Cc)
        return not text.isprintable()
    return any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text)


def email_problems(email: str) -> list[str]:
    """What is wrong with an email address (already stripped); empty when it is fine."""
    if not email:
        return ["The email address is required."]
    problems = []
    if len(email) > EMAIL_MAX_LENGTH:
        problems.append(f"The email address is longer than {EMAIL_MAX_LENGTH} characters.")
    if _has_control_characters(email):
        problems.append("The email address contains control characters.")
    elif not _EMAIL.match(email) or email.startswith(".") or ".." in email:
        problems.append(f"“{email[:60]}” is not a valid email address.")
    return problems


def username_problems(username: str) -> list[str]:
    """What is wrong with a name (already stripped); empty when it is fine. An empty name is allowed."""
    problems = []
    if len(username) > USERNAME_MAX_LENGTH:
        problems.append(f"The name is longer than {USERNAME_MAX_LENGTH} characters.")
    if _has_control_characters(username):
        problems.append("The name contains control characters.")
    return problems


def clean_account_fields(email: str, username: str | None) -> tuple[str, str | None]:
    """Stripped email and name (None for an empty name); InvalidInputError listing every problem."""
    email = email.strip()
    name = (username or "").strip()
    problems = email_problems(email) + username_problems(name)
    if problems:
        raise InvalidInputError(problems)
    return email, name or None
