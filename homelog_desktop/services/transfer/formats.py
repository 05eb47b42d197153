"""The file formats of export and import: CSV and JSON, their columns, writers that stream pages, and
the apostrophe that keeps a spreadsheet from running a CSV cell as a formula."""

from __future__ import annotations

import csv
import enum
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from homelog_desktop.errors import InvalidInputError

EXPORT_FIELDS = ("id", "email", "username", "has_password", "created_at", "updated_at")
HASH_FIELD = "hashed_password"
# Columns that would hold a password in clear: a file with one is refused outright.
PLAINTEXT_FIELDS = frozenset({"password", "plaintext_password", "plain_password", "new_password"})
# Every column (CSV) or key (JSON) an import knows; any other is refused, never silently dropped.
IMPORT_FIELDS = (*EXPORT_FIELDS, HASH_FIELD)
# A cell starting with one of these is run as a formula by spreadsheets (OWASP's list): exported CSV
# cells get a leading apostrophe, as spreadsheet users write text that looks like a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED_AFTER = frozenset((*FORMULA_STARTS, "'"))


def guard_cell(text: str) -> str:
    """A CSV cell no spreadsheet runs as a formula: a leading apostrophe before a formula's first
    character (and before an apostrophe that `unguard_cell` would remove), so that
    unguard_cell(guard_cell(text)) == text for any text."""
    if text.startswith(FORMULA_STARTS) or (text[:1] == "'" and text[1:2] in _GUARDED_AFTER):
        return "'" + text
    return text


def unguard_cell(text: str) -> str:
    """A cell as written before `guard_cell`: without the apostrophe in front of a formula's first character
    or of another apostrophe; any other text as it is."""
    return text[1:] if text[:1] == "'" and text[1:2] in _GUARDED_AFTER else text


def field_key(name: str) -> str:
    """A column or key name as an import compares it: stripped, any case."""
    return name.strip().lower()


def shown_name(name: str, limit: int = 40) -> str:
    """A column or key name as a message quotes it: shortened, anything unprintable escaped."""
    short = name if len(name) <= limit else name[: limit - 1] + "…"
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in short)


def field_names_problem(names: Sequence[str], where: Callable[[int], str], noun: str) -> str | None:
    """Why these column names (a CSV header) or keys (a JSON object) cannot be imported, as a sentence that
    starts with `where(index)` of the culprit; None when each is known and given once (in any case)."""
    keys = [field_key(name) for name in names]
    for index, key in enumerate(keys):
        if key in PLAINTEXT_FIELDS:
            return (
                f"{where(index)}: a {key} {noun} would hold passwords; HomeLog imports password hashes "
                f"({HASH_FIELD}) only, never passwords in clear. Nothing was imported."
            )
    first: dict[str, int] = {}
    for index, key in enumerate(keys):
        if not key:
            return f"{where(index)}: the {noun} has no name."
        if key not in IMPORT_FIELDS:
            return (
                f"{where(index)}: “{shown_name(names[index])}” is not a {noun} HomeLog imports (those are "
                f"{', '.join(IMPORT_FIELDS)}); remove or rename it."
            )
        earlier = first.setdefault(key, index)
        if earlier != index:
            return (
                f"{where(index)}: “{shown_name(names[index])}” is the same {noun} as “{shown_name(names[earlier])}” "
                f"before it; each {noun} may be given once."
            )
    return None


class TransferFormat(enum.Enum):
    """The file formats of export and import; a file's format is taken from its extension."""

    CSV = "csv"
    JSON = "json"

    @classmethod
    def from_path(cls, path: Path | str) -> TransferFormat:
        """The format of a file by its extension (.csv or .json, any case)."""
        suffix = Path(path).suffix.lower().lstrip(".")
        for kind in cls:
            if kind.value == suffix:
                return kind
        raise InvalidInputError(f"{Path(path).name}: the file name must end in .csv or .json.")


class RecordWriter(Protocol):
    """Writes exported records to a text stream, a page at a time."""

    def write(self, records: list[dict[str, Any]]) -> None:
        """Write a page of records."""

    def finish(self) -> None:
        """Write what ends the file."""


class CsvWriter:
    """A header line, then a line per account; no cell can run as a formula in a spreadsheet (guard_cell)."""

    def __init__(self, stream: TextIO, fields: Sequence[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        # csv quotes only the line terminator's characters: a cell holding a carriage return (home-log's
        # data is not checked) would end its row when read back, unless its row is quoted whole.
        self._quoted_writer = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)
        self._fields = fields
        self._writer.writerow(fields)

    def write(self, records: list[dict[str, Any]]) -> None:
        """Write a page of records."""
        for record in records:
            row = [_csv_cell(record[name]) for name in self._fields]
            if any("\r" in cell for cell in row):
                self._quoted_writer.writerow(row)
            else:
                self._writer.writerow(row)

    def finish(self) -> None:
        """Nothing ends a CSV file."""


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return guard_cell(str(value))


class JsonWriter:
    """A JSON array written an element at a time, one account per line."""

    def __init__(self, stream: TextIO, fields: Sequence[str]) -> None:
        self._stream = stream
        self._fields = fields
        self._separator = "[\n  "

    def write(self, records: list[dict[str, Any]]) -> None:
        """Write a page of records."""
        for record in records:
            ordered = {name: record[name] for name in self._fields}
            self._stream.write(self._separator + json.dumps(ordered, ensure_ascii=False))
            self._separator = ",\n  "

    def finish(self) -> None:
        """Close the array."""
        self._stream.write("[]\n" if self._separator == "[\n  " else "\n]\n")


def record_writer(kind: TransferFormat, stream: TextIO, fields: Sequence[str]) -> RecordWriter:
    """The writer of a format."""
    return JsonWriter(stream, fields) if kind is TransferFormat.JSON else CsvWriter(stream, fields)
