"""Reading a CSV import file a row at a time: the delimiter (comma, semicolon or tab) found from the header,
a strict header (known columns, each once, in any case), and errors that name the line and column."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.transfer.formats import HASH_FIELD, field_key, field_names_problem, unguard_cell

DELIMITERS = (",", ";", "\t")
# The most a row (its lines together, quoted line breaks included) may hold: a quote left open cannot
# swallow the rest of the file, and no row takes more memory than this.
MAX_ROW_CHARS = 65_536
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


class _RowTooLong(Exception):
    """Raised through csv.reader when a row's lines grow beyond MAX_ROW_CHARS."""


class LineSource:
    """The lines of a text stream for csv.reader: counted, those of the row being read kept (for error
    messages), a row longer than MAX_ROW_CHARS stopped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.line = 0
        self.row_lines: list[str] = []
        self._chars = 0

    def __iter__(self) -> LineSource:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(MAX_ROW_CHARS)
        if not line:
            raise StopIteration
        self.line += 1
        self._chars += len(line)
        self.row_lines.append(line)
        # A line cut at the limit would be read as two rows: it is too long, not two rows.
        if self._chars > MAX_ROW_CHARS or (len(line) == MAX_ROW_CHARS and line[-1] not in "\r\n"):
            raise _RowTooLong
        return line

    def next_row(self) -> None:
        """The row read is done with: count the next one from here."""
        self.row_lines.clear()
        self._chars = 0

    @property
    def row_start(self) -> int:
        """The line the row being read started on."""
        return self.line - len(self.row_lines) + 1


class CsvRows:
    """The header and then the rows of a CSV file: `fields` are the header's column keys; iterating gives
    each non-blank row as (cells by key, problem or None). InvalidInputError, naming the line and
    column, for a file that cannot be read as a whole (header, quotes, a row too long)."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._name = name
        self._lines = LineSource(stream)
        self.delimiter = ","
        self.fields: tuple[str, ...] = ()
        try:
            first = next(self._lines, None)
        except _RowTooLong:
            raise self._too_long() from None
        if first is None or not first.strip():
            raise InvalidInputError(f"{name} is empty." if first is None else f"{name}: its first line is blank.")
        self.delimiter, header = self._header(first)
        self._lines.next_row()
        problem = field_names_problem(header, lambda i: f"{name}, line 1, column {i + 1}", "column")
        if problem:
            raise InvalidInputError(problem)
        self.fields = tuple(field_key(cell) for cell in header)
        self.has_hashes = HASH_FIELD in self.fields

    def _header(self, first: str) -> tuple[str, list[str]]:
        """The delimiter that makes the first line name an email column (the one giving most columns)."""
        found: list[tuple[int, str, list[str]]] = []
        for delimiter in DELIMITERS:
            try:
                cells = next(csv.reader([first], delimiter=delimiter, strict=True))
            except csv.Error:
                continue
            if "email" in (field_key(cell) for cell in cells):
                found.append((len(cells), delimiter, cells))
        if not found:
            if first.count('"') % 2:
                raise self._quote_error(csv.Error("unexpected end of data"))
            raise InvalidInputError(
                f"{self._name} has no email column (its first line must name the columns, separated by commas, "
                "semicolons or tabs)."
            )
        _, delimiter, cells = max(found, key=lambda item: item[0])
        return delimiter, cells

    def _cells(self) -> Iterator[list[str]]:
        """The cells of each non-blank row."""
        lines = self._lines
        reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
        while True:
            try:
                cells = next(reader, None)
            except _RowTooLong:
                raise self._too_long() from None
            except csv.Error as error:
                raise self._quote_error(error) from None
            if cells is None:
                return
            lines.next_row()
            if cells and "".join(cells).strip():  # blank lines are not rows
                yield cells

    def __iter__(self) -> Iterator[tuple[dict[str, str], str | None]]:
        fields = self.fields
        width = len(fields)
        for cells in self._cells():
            problem = None
            if len(cells) > width:
                problem = f"The row has {len(cells)} fields but the header names {width}."
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            yield {key: unguard_cell(cell) for key, cell in zip(fields, cells, strict=False)}, problem

    def count(self) -> int:
        """How many rows there are (each read and checked, none kept)."""
        return sum(1 for _ in self._cells())

    def _too_long(self) -> InvalidInputError:
        line, column, what = _quote_problem(self._lines.row_lines, self.delimiter)
        if what is not None:
            return self._located(line, column, what)
        return InvalidInputError(
            f"{self._name}, line {self._lines.row_start}: the row is longer than {MAX_ROW_CHARS:,} characters."
        )

    def _quote_error(self, error: csv.Error) -> InvalidInputError:
        line, column, what = _quote_problem(self._lines.row_lines, self.delimiter)
        if what is not None:
            return self._located(line, column, what)
        return InvalidInputError(f"{self._name} is not a valid CSV file (line {self._lines.line}: {error}).")

    def _located(self, offset: int, column: int, what: str) -> InvalidInputError:
        line = self._lines.row_start + offset
        named = f" ({self.fields[column - 1]})" if column <= len(self.fields) else ""
        return InvalidInputError(f"{self._name}, line {line}, column {column}{named}: {what}. Nothing was imported.")


def _quote_problem(lines: list[str], delimiter: str) -> tuple[int, int, str | None]:
    """Where in a row's lines its quotes go wrong: (line offset, column from 1, what), or what None."""
    column, opened_at = 1, (0, 1)
    in_quotes = after_quote = False
    field_start = True
    for offset, line in enumerate(lines):
        for char in line:
            if in_quotes:
                if char == '"':
                    in_quotes, after_quote = False, True
            elif after_quote and char == '"':  # a doubled quote inside a quoted field
                in_quotes, after_quote = True, False
            elif char == delimiter:
                column, field_start, after_quote = column + 1, True, False
            elif char in "\r\n":
                after_quote = False
            elif after_quote:
                return offset, column, "text follows the closing quote of a field (a quote inside quotes is doubled)"
            elif char == '"' and field_start:
                in_quotes, opened_at, field_start = True, (offset, column), False
            else:
                field_start = False
    if in_quotes:
        return *opened_at, "a quote opens this field and is never closed"
    return len(lines) - 1, column, None
