"""Import, step 2: validating each row with the same rules as the window (email, name, hash format and
parameters, dates); text that is not Unicode (a lone surrogate from a JSON escape) is an error too."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from homelog_desktop.data.transfer_dao import ImportRecord
from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.account_validation import clean_account_fields
from homelog_desktop.services.passwords.hash_limits import hash_problem as stored_hash_problem
from homelog_desktop.services.transfer.formats import HASH_FIELD
from homelog_desktop.services.transfer.reading import RawRow

MAX_SHOWN_EMAIL = 80
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TRUE = frozenset({"true", "yes", "1", "y", "t"})


@dataclass(frozen=True, slots=True)
class ValidatedRow:
    """A row after validation: a record ready to write, or the problems that keep it out."""

    number: int
    email: str  # as shown in a report (cleaned when valid)
    record: ImportRecord | None
    problems: tuple[str, ...] = ()
    password_missing: bool = False  # the file says it has a password but gives no hash


def hash_problem(hashed: str) -> str | None:
    """Why a stored hash cannot be imported (never quoting it); None for a sane bcrypt or Argon2id hash
    (passwords/hash_limits.py). Argon2i and Argon2d are refused: home-log checks Argon2id only."""
    if hashed.startswith(("$argon2i$", "$argon2d$")):
        return "The password hash is not in a recognised format (bcrypt $2a$/$2b$/$2y$ or $argon2id$)."
    return stored_hash_problem(hashed)


def _text(fields: Mapping[str, Any], name: str, label: str, problems: list[str]) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{label} must be text.")
        return None
    if not value.isascii() and _SURROGATE.search(value):
        problems.append(f"{label} holds a lone surrogate (an escape such as \\ud800), which is not text.")
        return None
    return value


def _time(fields: Mapping[str, Any], name: str, problems: list[str]) -> datetime | None:
    value = _text(fields, name, name, problems)
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except ValueError:
        problems.append(f"{name} is not a date and time in ISO 8601 form (like 2024-05-01T12:30:00+00:00).")
    except OverflowError:
        problems.append(f"{name} is out of range: in UTC it must fall within the years 1 to 9999.")
    return None


def _says_true(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in _TRUE


def _shown(email: str) -> str:
    if not email.isascii():
        email = _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", email)
    return email if len(email) <= MAX_SHOWN_EMAIL else email[: MAX_SHOWN_EMAIL - 1] + "…"


def validate_row(row: RawRow) -> ValidatedRow:
    """Check one row with the account rules, the hash formats and limits, and the date formats."""
    if row.problem:
        return ValidatedRow(row.number, "", None, (row.problem,))
    problems: list[str] = []
    fields = row.fields
    raw_email = _text(fields, "email", "The email address", problems)
    username = _text(fields, "username", "The name", problems)
    given = fields.get("email")
    email = given.strip() if isinstance(given, str) else ""
    if not problems:  # both are text (or missing): the account rules
        try:
            email, username = clean_account_fields(raw_email or "", username)
        except InvalidInputError as error:
            problems.extend(error.problems)
    hashed = (_text(fields, HASH_FIELD, "The password hash", problems) or "").strip() or None
    created_at = _time(fields, "created_at", problems)
    updated_at = _time(fields, "updated_at", problems)
    if hashed is not None:
        problem = hash_problem(hashed)
        if problem:
            problems.append(problem)
    if problems:
        return ValidatedRow(row.number, _shown(email), None, tuple(problems))
    record = ImportRecord(email, username, hashed, created_at, updated_at)
    missing = hashed is None and _says_true(fields.get("has_password"))
    return ValidatedRow(row.number, email, record, (), missing)
