"""Opening an import file as text: a regular file within the size limit, in UTF-8 (with or without a byte
order mark) or UTF-16 with one; any other encoding is refused by name, and a byte that does not decode
is located by line and column."""

from __future__ import annotations

import codecs
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.file_errors import CannotReadError, MissingFileError

# Bigger files are refused before anything is read: an import holds a few hundred bytes per row
# (see planning.py), so this bounds its memory. 256 MiB is well over a million accounts.
MAX_IMPORT_BYTES = 256 * 1024 * 1024
ACCEPTED_ENCODINGS = "UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark"
_DECODE_BLOCK = 1 << 16


@dataclass(frozen=True, slots=True)
class TextEncoding:
    """How an import file's bytes are text: the codec, and how many bytes of byte order mark to skip."""

    codec: str
    bom: int = 0

    @property
    def name(self) -> str:
        """The encoding's name as messages give it."""
        return "UTF-8" if self.codec == "utf-8" else "UTF-16"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies one version of a file: a file changed between two readings is noticed."""

    device: int
    inode: int
    size: int
    modified_ns: int


def _refuse(name: str, what: str) -> InvalidInputError:
    return InvalidInputError(
        f"{name} is {what}; HomeLog reads {ACCEPTED_ENCODINGS}. Save it as one of those and import it again."
    )


def sniff_encoding(name: str, head: bytes) -> TextEncoding:
    """The encoding of a file from its first bytes; InvalidInputError naming any encoding not accepted."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _refuse(name, "UTF-32 text")
    if head.startswith(codecs.BOM_UTF8):
        return TextEncoding("utf-8", 3)
    if head.startswith(codecs.BOM_UTF16_LE):
        return TextEncoding("utf-16-le", 2)
    if head.startswith(codecs.BOM_UTF16_BE):
        return TextEncoding("utf-16-be", 2)
    if head.startswith((b"+/v8", b"+/v9", b"+/v+", b"+/v/")):
        raise _refuse(name, "UTF-7 text")
    if head.startswith(b"\x84\x31\x95\x33"):
        raise _refuse(name, "GB 18030 text")
    if b"\x00" in head:
        raise _refuse(name, "UTF-16 or UTF-32 text without a byte order mark")
    return TextEncoding("utf-8")


def open_text(path: Path) -> tuple[io.TextIOWrapper, TextEncoding, Fingerprint]:
    """The file as text (lines untranslated, as csv wants them), its encoding and fingerprint.
    MissingFileError, CannotReadError, or InvalidInputError for anything but a regular file within
    MAX_IMPORT_BYTES in an accepted encoding."""
    try:
        # Without blocking: opening a FIFO would wait for a writer before it could be refused.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as error:
        raise MissingFileError(path) from error
    except OSError as error:
        raise CannotReadError(path, error.strerror) from error
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInputError(f"{path.name} is not a regular file; only a .csv or .json file can be imported.")
        if info.st_size > MAX_IMPORT_BYTES:
            raise InvalidInputError(
                f"{path.name} is {info.st_size / 2**20:,.0f} MiB; at most {MAX_IMPORT_BYTES // 2**20:,} MiB can be "
                "imported at once. Split it into smaller files."
            )
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(descriptor, True)
    except OSError as error:
        os.close(descriptor)
        raise CannotReadError(path, error.strerror) from error
    except BaseException:
        os.close(descriptor)
        raise
    raw = os.fdopen(descriptor, "rb")
    try:
        encoding = sniff_encoding(path.name, raw.read(4))
        raw.seek(encoding.bom)
    except OSError as error:
        raw.close()
        raise CannotReadError(path, error.strerror) from error
    except BaseException:
        raw.close()
        raise
    fingerprint = Fingerprint(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    return io.TextIOWrapper(raw, encoding=encoding.codec, errors="strict", newline=""), encoding, fingerprint


def decode_error(path: Path, encoding: TextEncoding) -> InvalidInputError:
    """The sentence for a file that does not decode: where the first bad byte is (read again from the
    start, block by block: the text layer does not know the line of a byte it could not decode)."""
    where, bad = _first_bad_byte(path, encoding)
    if encoding.codec == "utf-8":
        byte = f"the byte 0x{bad[0]:02X}" if bad else "the end of the file, in the middle of a character"
        guess = "; perhaps it is Windows-1252 or ISO-8859-1" if bad and bad[0] >= 0x80 else ""
        return _refuse(path.name, f"not UTF-8 text ({where}: {byte}{guess})")
    return _refuse(path.name, f"not valid UTF-16 text ({where} does not decode)")


def _first_bad_byte(path: Path, encoding: TextEncoding) -> tuple[str, bytes]:
    decoder = codecs.getincrementaldecoder(encoding.codec)(errors="strict")
    line, column = 1, 1
    with path.open("rb") as raw:
        raw.seek(encoding.bom)
        stream: BinaryIO = raw
        while True:
            block = stream.read(_DECODE_BLOCK)
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                text = error.object[: error.start].decode(encoding.codec)
                line, column = _advance(line, column, text)
                return f"line {line}, character {column}", error.object[error.start : error.start + 1]
            line, column = _advance(line, column, text)
            if not block:
                return f"line {line}", b""


def _advance(line: int, column: int, text: str) -> tuple[int, int]:
    newlines = text.count("\n")
    if not newlines:
        return line, column + len(text)
    return line + newlines, len(text) - text.rindex("\n")
