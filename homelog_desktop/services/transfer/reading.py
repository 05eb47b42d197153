"""Import, step 1: reading a .csv or .json file of accounts, a row at a time (nothing validated yet).

`read_import_file` reads the whole file once and keeps nothing but counts: a file that cannot be read as
a whole (not a regular file, too big, its encoding, its header or keys, its quotes, its JSON structure,
too many rows) is refused before any row is looked at. Planning reads it again a batch of rows at a time
(`open_rows`), so that no more than a batch of raw rows is ever held. The limits: MAX_IMPORT_BYTES
(text_files.py), MAX_IMPORT_ROWS, and 65,536 characters per row or entry.
"""

from __future__ import annotations

import asyncio
import io
import itertools
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.file_errors import CannotReadError
from homelog_desktop.services.transfer.csv_reading import CsvRows
from homelog_desktop.services.transfer.formats import TransferFormat
from homelog_desktop.services.transfer.json_reading import JsonRows
from homelog_desktop.services.transfer.text_files import Fingerprint, TextEncoding, decode_error, open_text

# With MAX_IMPORT_BYTES, what bounds an import's memory (a few hundred bytes per row planned).
MAX_IMPORT_ROWS = 2_000_000
READ_BATCH = 1000


@dataclass(frozen=True, slots=True)
class RawRow:
    """One account as read from a file, before validation: its number (from 1) and its fields."""

    number: int
    fields: Mapping[str, Any]
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class ImportFile:
    """A file found readable as a whole: its format, how many rows it has, and which version of it was read."""

    path: Path
    format: TransferFormat
    row_count: int
    has_hashes: bool
    fingerprint: Fingerprint

    async def open_rows(self) -> RowReader:
        """Read the rows again, a batch at a time (close the reader when done)."""
        return await asyncio.to_thread(RowReader, self)


def _rows(stream: io.TextIOWrapper, kind: TransferFormat, name: str) -> CsvRows | JsonRows:
    return JsonRows(stream, name) if kind is TransferFormat.JSON else CsvRows(stream, name)


def _read_error(path: Path, encoding: TextEncoding, error: Exception) -> Exception:
    if isinstance(error, UnicodeDecodeError):
        return decode_error(path, encoding)
    if isinstance(error, OSError):
        return CannotReadError(path, error.strerror)
    return error


def _too_many_rows(path: Path) -> InvalidInputError:
    return InvalidInputError(
        f"{path.name} has more than {MAX_IMPORT_ROWS:,} rows, the most one import takes. Split it into smaller files."
    )


def _check_import_file(path: Path) -> ImportFile:
    kind = TransferFormat.from_path(path)
    stream, encoding, fingerprint = open_text(path)
    with stream:
        try:
            rows = _rows(stream, kind, path.name)
            count = rows.count()
        except (UnicodeDecodeError, OSError) as error:
            raise _read_error(path, encoding, error) from None
    if count > MAX_IMPORT_ROWS:
        raise _too_many_rows(path)
    return ImportFile(path, kind, count, rows.has_hashes, fingerprint)


async def read_import_file(path: Path | str) -> ImportFile:
    """Check that a .csv or .json file of accounts can be read as a whole (in a worker thread), keeping
    nothing of it but its row count; InvalidInputError when it is unusable, MissingFileError or
    CannotReadError when it cannot be read at all."""
    return await asyncio.to_thread(_check_import_file, Path(path).expanduser().absolute())


class RowReader:
    """The rows of a checked file, read again a batch at a time (in a worker thread each); refuses a
    file that changed since it was checked."""

    def __init__(self, source: ImportFile) -> None:
        self._source = source
        self._stream, self._encoding, fingerprint = open_text(source.path)
        self._number = 0
        self._lock = threading.Lock()  # a read in a worker thread ends before the file closes
        try:
            if fingerprint != source.fingerprint:
                raise self._changed()
            self._rows: Iterator[tuple[dict[str, Any], str | None]] = iter(
                _rows(self._stream, source.format, source.path.name)
            )
        except (UnicodeDecodeError, OSError) as error:
            self._stream.close()
            raise _read_error(source.path, self._encoding, error) from None
        except BaseException:
            self._stream.close()
            raise

    def _changed(self) -> InvalidInputError:
        return InvalidInputError(f"{self._source.path.name} changed while it was being imported; nothing was imported.")

    def _read(self, size: int) -> list[RawRow]:
        with self._lock:
            return self._read_locked(size)

    def _read_locked(self, size: int) -> list[RawRow]:
        if self._stream.closed:
            return []
        start = self._number
        try:
            batch = [
                RawRow(number, fields, problem)
                for number, (fields, problem) in enumerate(itertools.islice(self._rows, size), start=start + 1)
            ]
        except (UnicodeDecodeError, OSError) as error:
            raise _read_error(self._source.path, self._encoding, error) from None
        self._number += len(batch)
        if self._number > self._source.row_count or (len(batch) < size and self._number != self._source.row_count):
            raise self._changed()
        return batch

    async def read(self, size: int = READ_BATCH) -> list[RawRow]:
        """The next rows (at most `size`; none at the end of the file)."""
        return await asyncio.to_thread(self._read, size)

    def close(self) -> None:
        """Close the file (once a read under way in a worker thread has ended)."""
        with self._lock:
            self._stream.close()
