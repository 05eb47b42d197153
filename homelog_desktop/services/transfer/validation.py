"""Import, step 2: validating each row with the same rules as the window (email, name, hash format,
dates), and finding addresses given twice."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from homelog_desktop.data.transfer_dao import ImportRecord, email_key
from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.account_validation import clean_account_fields
from homelog_desktop.services.passwords.hashing import describe_hash_scheme
from homelog_desktop.services.transfer.formats import HASH_FIELD
from homelog_desktop.services.transfer.reading import ImportFile, RawRow

# Rows validated between two returns to the event loop: a few milliseconds of work at most.
VALIDATION_CHUNK = 100
MAX_SHOWN_EMAIL = 80
# A cost from 4 to 31, a 22-character salt (its last character holds 2 bits, so only 4 are valid:
# bcrypt refuses any other) and a 31-character hash, in bcrypt's own base64 alphabet.
_BCRYPT = re.compile(r"\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{21}[.Oeu][./A-Za-z0-9]{31}")
_ARGON2ID = re.compile(r"\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}")
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
    """Why a stored hash cannot be imported (never quoting it); None for bcrypt or Argon2id."""
    scheme = describe_hash_scheme(hashed)
    if scheme == "bcrypt":
        return None if _BCRYPT.fullmatch(hashed) else "The password hash looks like bcrypt but is malformed."
    if hashed.startswith("$argon2id$"):
        return None if _ARGON2ID.fullmatch(hashed) else "The password hash looks like Argon2id but is malformed."
    return "The password hash is not in a recognised format (bcrypt $2a$/$2b$/$2y$ or $argon2id$)."


def _text(fields: Mapping[str, Any], name: str, label: str, problems: list[str]) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{label} must be text.")
        return None
    return value


def _time(fields: Mapping[str, Any], name: str, problems: list[str]) -> datetime | None:
    value = _text(fields, name, name, problems)
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        problems.append(f"{name} is not a date and time in ISO 8601 form (like 2024-05-01T12:30:00+00:00).")
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _says_true(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in _TRUE


def _shown(email: str) -> str:
    return email if len(email) <= MAX_SHOWN_EMAIL else email[: MAX_SHOWN_EMAIL - 1] + "…"


def validate_row(row: RawRow) -> ValidatedRow:
    """Check one row with the account rules, the hash formats and the date formats."""
    if row.problem:
        return ValidatedRow(row.number, "", None, (row.problem,))
    problems: list[str] = []
    fields = row.fields
    raw_email = _text(fields, "email", "The email address", problems) or ""
    username = _text(fields, "username", "The name", problems)
    hashed = (_text(fields, HASH_FIELD, "The password hash", problems) or "").strip() or None
    created_at = _time(fields, "created_at", problems)
    updated_at = _time(fields, "updated_at", problems)
    email = raw_email.strip()
    try:
        email, username = clean_account_fields(raw_email, username)
    except InvalidInputError as error:
        problems.extend(error.problems)
    if hashed is not None:
        problem = hash_problem(hashed)
        if problem:
            problems.append(problem)
    if problems:
        return ValidatedRow(row.number, _shown(email), None, tuple(problems))
    record = ImportRecord(email, username, hashed, created_at, updated_at)
    missing = hashed is None and _says_true(fields.get("has_password"))
    return ValidatedRow(row.number, email, record, (), missing)


async def validate_rows(
    source: ImportFile, *, progress: Callable[[int, int], None] | None = None
) -> list[ValidatedRow]:
    """Validate every row, and find addresses given twice (ignoring case); the loop is never held long:
    rows are checked a few hundred at a time, between returns to the event loop."""
    validated: list[ValidatedRow] = []
    first_row: dict[str, int] = {}
    total = len(source.rows)
    for start in range(0, total, VALIDATION_CHUNK):
        for raw in source.rows[start : start + VALIDATION_CHUNK]:
            row = validate_row(raw)
            if row.record is not None:
                key = email_key(row.record.email)
                first = first_row.setdefault(key, row.number)
                if first != row.number:
                    row = ValidatedRow(row.number, row.email, None, (f"The same email address as row {first}.",))
            validated.append(row)
        if progress is not None:
            progress(len(validated), total)
        await asyncio.sleep(0)
    return validated


