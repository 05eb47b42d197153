"""Import, step 1: reading a .csv or .json file of accounts into raw rows (nothing validated yet)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homelog_desktop.errors import CannotReadError, InvalidInputError, MissingFileError
from homelog_desktop.services.transfer.formats import HASH_FIELD, PLAINTEXT_FIELDS, TransferFormat


@dataclass(frozen=True, slots=True)
class RawRow:
    """One account as read from a file, before validation: its number (from 1) and its fields."""

    number: int
    fields: Mapping[str, Any]
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class ImportFile:
    """The rows of a file to import, in file order."""

    path: Path
    format: TransferFormat
    rows: tuple[RawRow, ...]
    has_hashes: bool


def _normalise_key(key: Any) -> str:
    return str(key).strip().lower()


def _refuse_plaintext(path: Path, keys: set[str]) -> None:
    plaintext = sorted(keys & PLAINTEXT_FIELDS)
    if plaintext:
        raise InvalidInputError(
            f"{path.name} has a {plaintext[0]} column: HomeLog imports password hashes ({HASH_FIELD}) only, "
            "never passwords in clear. Nothing was imported."
        )


def _parse_csv(path: Path, text: str) -> ImportFile:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidInputError(f"{path.name} is empty.")
        keys = [_normalise_key(name) for name in header]
        if "email" not in keys:
            raise InvalidInputError(f"{path.name} has no email column (its first line must name the columns).")
        _refuse_plaintext(path, set(keys))
        rows: list[RawRow] = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines
            problem = None
            if len(cells) > len(keys):
                problem = f"The row has {len(cells)} fields but the header names {len(keys)}."
            fields = {key: (cells[index] if index < len(cells) else "") for index, key in enumerate(keys)}
            rows.append(RawRow(len(rows) + 1, fields, problem))
    except csv.Error as error:
        raise InvalidInputError(f"{path.name} is not a valid CSV file (line {reader.line_num}: {error}).") from error
    return ImportFile(path, TransferFormat.CSV, tuple(rows), HASH_FIELD in keys)


def _parse_json(path: Path, text: str) -> ImportFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from error
    if not isinstance(data, list):
        raise InvalidInputError(f"{path.name} must hold a JSON array of accounts.")
    rows = []
    keys: set[str] = set()
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            rows.append(RawRow(number, {}, "The entry is not a JSON object."))
            continue
        fields = {_normalise_key(key): value for key, value in item.items()}
        keys.update(fields)
        rows.append(RawRow(number, fields))
    _refuse_plaintext(path, keys)
    return ImportFile(path, TransferFormat.JSON, tuple(rows), HASH_FIELD in keys)


def _read_import_file(path: Path) -> ImportFile:
    kind = TransferFormat.from_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise MissingFileError(path) from error
    except UnicodeDecodeError as error:
        raise InvalidInputError(f"{path.name} is not UTF-8 text.") from error
    except OSError as error:
        raise CannotReadError(path, error.strerror) from error
    return _parse_json(path, text) if kind is TransferFormat.JSON else _parse_csv(path, text)


async def read_import_file(path: Path | str) -> ImportFile:
    """Read a .csv or .json file of accounts (in a worker thread); InvalidInputError when it is unusable,
    MissingFileError or CannotReadError when it cannot be read at all."""
    return await asyncio.to_thread(_read_import_file, Path(path).expanduser().absolute())


