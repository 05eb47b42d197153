"""Reading a JSON import file incrementally: the shape an export writes — one top-level array of flat
objects (values are text, numbers, true, false or null) — an entry at a time from blocks of the file.

Never the whole document and never recursion: each entry is found with a regular expression and only
then decoded (json.loads of one flat object), so 100,000 nested brackets, a 5,000-digit number or a
file of any size give a sentence, never RecursionError, ValueError or MemoryError. Positions in
messages are lines and columns (characters) of the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.transfer.formats import HASH_FIELD, field_key, field_names_problem

# The most an entry may hold; a longer one is refused (an account takes a few hundred characters).
MAX_ENTRY_CHARS = 65_536
BLOCK_CHARS = 1 << 20
NOT_AN_OBJECT = "The entry is not a JSON object."
NESTED_VALUE = "The entry holds an object or array; its values must be text, numbers, true, false or null."

_WHITESPACE = re.compile(r"[ \t\n\r]*+")
# Possessive everywhere: no backtracking, whatever the input. A string, or anything but quotes and brackets.
_FLAT_OBJECT = re.compile(r'\{(?:[^"{}\[\]]++|"(?:[^"\\]++|\\.)*+")*+\}', re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*+)(?:\.[0-9]++)?(?:[eE][-+]?[0-9]++)?|true|false|null")
_KEY = re.compile(r'"(?:[^"\\]++|\\.)*+"[ \t\n\r]*+:', re.DOTALL)
_SPECIAL = re.compile(r'["\[\]{}]')
_CLOSING = {"[": "]", "{": "}"}


def _integer(text: str) -> int | float:
    # int() of more than 4,300 digits raises ValueError; a number is never a field's value anyway.
    return int(text) if len(text) <= 18 else float(text)


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


class JsonRows:
    """The entries of a JSON array of accounts, read a block at a time. Iterating gives each entry as
    (values by key, problem or None); InvalidInputError, with line and column, for a file that is not
    such an array (invalid JSON, an unknown, doubled or password key, an entry over MAX_ENTRY_CHARS)."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._line = 1
        self._line_start = 0  # where the current line starts in the buffer (negative once trimmed away)
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.has_hashes = False

    # Reading the buffer

    def _fill(self, wanted: int) -> None:
        """Read blocks until `wanted` characters are buffered after the position, or the file ends."""
        if self._pos > BLOCK_CHARS:
            self._buffer = self._buffer[self._pos :]
            self._line_start -= self._pos
            self._pos = 0
        while not self._eof and len(self._buffer) - self._pos < wanted:
            block = self._stream.read(BLOCK_CHARS)
            if block:
                self._buffer += block
            else:
                self._eof = True

    def _advance(self, to: int) -> None:
        newlines = self._buffer.count("\n", self._pos, to)
        if newlines:
            self._line += newlines
            self._line_start = self._buffer.rindex("\n", self._pos, to) + 1
        self._pos = to

    def _where(self, at: int | None = None) -> tuple[int, int]:
        """Line and column of a buffer position (by default the current one)."""
        at = self._pos if at is None else at
        newlines = self._buffer.count("\n", self._pos, at)
        if not newlines:
            return self._line, at - self._line_start + 1
        return self._line + newlines, at - self._buffer.rindex("\n", self._pos, at)

    def _skip_whitespace(self) -> str:
        """Skip whitespace; the next character, or "" at the end of the file."""
        while True:
            self._fill(1)
            match = _WHITESPACE.match(self._buffer, self._pos)
            assert match is not None  # it matches the empty string
            self._advance(match.end())
            if self._pos < len(self._buffer) or self._eof:
                return self._buffer[self._pos : self._pos + 1]

    def _invalid(self, what: str, at: int | None = None) -> InvalidInputError:
        line, column = self._where(at)
        return InvalidInputError(f"{self._name} is not valid JSON (line {line}, column {column}: {what}).")

    # The array

    def __iter__(self) -> Iterator[tuple[dict[str, Any], str | None]]:
        first = self._skip_whitespace()
        if first != "[":
            raise self._not_an_array(first)
        self._advance(self._pos + 1)
        following = self._skip_whitespace()
        if following == "]":
            self._advance(self._pos + 1)
            self._end()
            return
        if not following:
            raise self._invalid("the array is not closed")
        while True:
            yield self._entry()
            following = self._skip_whitespace()
            if following == "]":
                self._advance(self._pos + 1)
                self._end()
                return
            if following != ",":
                raise self._invalid("a comma or ] was expected after the entry" if following else "it is not closed")
            self._advance(self._pos + 1)
            if self._skip_whitespace() in ("]", ""):
                raise self._invalid("an entry was expected after the comma")

    def count(self) -> int:
        """How many entries there are (each read and checked, none kept)."""
        return sum(1 for _ in self)

    def _not_an_array(self, first: str) -> InvalidInputError:
        if first == "":
            return InvalidInputError(f"{self._name} is empty.")
        self._fill(MAX_ENTRY_CHARS + 1)
        if first == "{":
            text = self._object_text()
            if text is None:
                return self._invalid("a JSON array of accounts was expected")
            self._decode(text, self._pos)  # invalid JSON is said so first
            return InvalidInputError(f"{self._name} must hold a JSON array of accounts, not a single object.")
        if first == '"' or _SCALAR.match(self._buffer, self._pos):
            return InvalidInputError(f"{self._name} must hold a JSON array of accounts.")
        return self._invalid("a JSON array of accounts was expected")

    def _end(self) -> None:
        if self._skip_whitespace():
            raise self._invalid("there is more after the end of the array")

    # One entry

    def _entry(self) -> tuple[dict[str, Any], str | None]:
        self._fill(MAX_ENTRY_CHARS + 1)
        start = self._pos
        first = self._buffer[start]
        if first == "{":
            text = self._object_text()
            if text is not None:
                fields = self._fields(text, start)
                self._advance(start + len(text))
                return fields, None
            self._skip_nested(start)
            return {}, NESTED_VALUE
        if first == "[":
            self._skip_nested(start)
            return {}, NOT_AN_OBJECT
        if first == '"':
            match = _STRING.match(self._buffer, start, start + MAX_ENTRY_CHARS)
            if match is None:
                raise self._invalid("a text that is not closed")
            self._decode(match.group(), start)  # its escapes must be valid
        else:
            match = _SCALAR.match(self._buffer, start, start + MAX_ENTRY_CHARS)
            if match is None:
                raise self._invalid("an entry was expected")
        self._advance(match.end())
        return {}, NOT_AN_OBJECT

    def _object_text(self) -> str | None:
        """The flat object at the position (within MAX_ENTRY_CHARS), or None."""
        match = _FLAT_OBJECT.match(self._buffer, self._pos, self._pos + MAX_ENTRY_CHARS)
        return None if match is None else match.group()

    def _decode(self, text: str, start: int) -> Any:
        try:
            return json.loads(
                text, object_pairs_hook=list, parse_int=_integer, parse_float=float, parse_constant=_no_constant
            )
        except json.JSONDecodeError as error:
            raise self._invalid(error.msg, start + error.pos) from None
        except ValueError as error:  # NaN or Infinity
            raise self._invalid(str(error), start) from None

    def _fields(self, text: str, start: int) -> dict[str, Any]:
        pairs: list[tuple[str, Any]] = self._decode(text, start)
        names = tuple(name for name, _ in pairs)
        keys = self._keys.get(names)
        if keys is None:
            problem = field_names_problem(names, lambda index: self._key_place(text, start, index), "key")
            if problem:
                raise InvalidInputError(problem)
            keys = tuple(field_key(name) for name in names)
            self.has_hashes = self.has_hashes or HASH_FIELD in keys
            if len(self._keys) < 64:  # the key sets seen; a file normally has one or two
                self._keys[names] = keys
        return dict(zip(keys, (value for _, value in pairs), strict=True))

    def _key_place(self, text: str, start: int, index: int) -> str:
        for number, match in enumerate(_KEY.finditer(text)):
            if number == index:
                line, column = self._where(start + match.start())
                return f"{self._name}, line {line}, column {column}"
        line, column = self._where(start)
        return f"{self._name}, line {line}, column {column}"

    def _skip_nested(self, start: int) -> None:
        """Move past the array or object at `start` (its brackets balanced, strings skipped), iteratively:
        any depth within MAX_ENTRY_CHARS; InvalidInputError when it is longer or not closed."""
        end = min(len(self._buffer), start + MAX_ENTRY_CHARS)
        open_brackets: list[str] = []
        at = start
        while (special := _SPECIAL.search(self._buffer, at, end)) is not None:
            char, at = special.group(), special.start()
            if char == '"':
                string = _STRING.match(self._buffer, at, end)
                if string is None:
                    break
                at = string.end()
                continue
            if char in _CLOSING:
                open_brackets.append(_CLOSING[char])
            elif not open_brackets or open_brackets.pop() != char:
                raise self._invalid(f"{char} does not close the bracket before it", at)
            at += 1
            if not open_brackets:
                self._advance(at)
                return
        if end - start >= MAX_ENTRY_CHARS:
            line, column = self._where(start)
            raise InvalidInputError(
                f"{self._name}, line {line}, column {column}: the entry is longer than {MAX_ENTRY_CHARS:,} "
                "characters (or never closed); an account takes a few hundred. Nothing was imported."
            )
        raise self._invalid("the entry is not closed", start)
