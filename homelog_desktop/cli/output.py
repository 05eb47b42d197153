"""How homelog-admin prints: tables sized on their first page, JSON arrays printed as they come, dates,
error and warning lines, and text stored by others made safe for a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from homelog_desktop.cli.arguments import PROG
from homelog_desktop.services.account import UnreadableTime

ACCOUNT_HEADER = ("ID", "EMAIL", "NAME", "PASSWORD", "CREATED (UTC)")


def clean(text: str) -> str:
    """Text with its control characters escaped, and the bytes of a command-line argument or file name
    that were not UTF-8 shown as `\\xff`.

    Rows home-log wrote were never checked by us: escaped, they cannot garble the terminal or split a
    table line.
    """
    if text.isprintable():  # nearly every text: checked in C, not a character at a time
        return text
    return "".join(c if c.isprintable() else _escaped(c) for c in text)


def _escaped(character: str) -> str:
    if "\udc80" <= character <= "\udcff":  # a byte that was not UTF-8, as Python holds it (surrogateescape)
        return f"\\x{ord(character) - 0xDC00:02x}"
    return character.encode("unicode_escape").decode("ascii")


def when(moment: datetime | UnreadableTime | None) -> str:
    """A moment as the tables show it (seconds, no zone), or "-"; a stored value that is not a time as the
    text it is, marked."""
    if isinstance(moment, UnreadableTime):
        return f"{clean(moment.text)} (not a time)"
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


def iso(moment: datetime | UnreadableTime | None) -> str | None:
    """A moment as JSON holds it (ISO 8601), or None; a stored value that is not a time as its text."""
    if isinstance(moment, UnreadableTime):
        return moment.text
    return moment.isoformat() if moment else None


def error_line(message: object) -> None:
    """The one line on stderr that says why a command failed (whatever it quotes, still one line)."""
    print(f"{PROG}: {clean(str(message))}", file=sys.stderr)


def warning_line(message: object) -> None:
    """A warning on stderr; the command still did what it was asked."""
    print(f"{PROG}: warning: {clean(str(message))}", file=sys.stderr)


def format_row(cells: tuple[str, ...], widths: list[int]) -> str:
    """One table line: cells padded to their column's width, joined by two spaces."""
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


class Table:
    """A table printed a page at a time: sized on the first page, later pages printed as they arrive
    rather than held back (the header is printed with the first page, even an empty one)."""

    def __init__(self, header: tuple[str, ...]) -> None:
        self.header = header
        self.widths: list[int] = []

    def print_page(self, rows: Iterable[tuple[str, ...]]) -> None:
        """Print these rows (and, the first time, the header)."""
        rows = list(rows)
        if not self.widths:
            columns = zip(self.header, *rows, strict=True)
            self.widths = [max(len(cell) for cell in column) for column in columns]
            print(format_row(self.header, self.widths))
        if rows:  # one write a page
            print("\n".join(format_row(row, self.widths) for row in rows))


class JsonArray:
    """A JSON array printed an item at a time, as the items come: "[]" when empty, else one item a line."""

    def __init__(self) -> None:
        self._separator = "\n  "
        print("[", end="")

    def add(self, item: dict[str, Any]) -> None:
        """Print one more item."""
        print(self._separator + json.dumps(item), end="")
        self._separator = ",\n  "

    def close(self) -> None:
        """Print the end of the array."""
        print("]" if self._separator == "\n  " else "\n]")
