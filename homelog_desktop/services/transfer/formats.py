"""The file formats of export and import: CSV and JSON, their columns, and writers that stream pages."""

from __future__ import annotations

import csv
import enum
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from homelog_desktop.errors import InvalidInputError

EXPORT_FIELDS = ("id", "email", "username", "has_password", "created_at", "updated_at")
HASH_FIELD = "hashed_password"
# Columns that would hold a password in clear: a file with one is refused outright.
PLAINTEXT_FIELDS = frozenset({"password", "plaintext_password", "plain_password", "new_password"})


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
    """A header line, then a line per account."""

    def __init__(self, stream: TextIO, fields: Sequence[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._fields = fields
        self._writer.writerow(fields)

    def write(self, records: list[dict[str, Any]]) -> None:
        """Write a page of records."""
        self._writer.writerows([_csv_cell(record[name]) for name in self._fields] for record in records)

    def finish(self) -> None:
        """Nothing ends a CSV file."""


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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
