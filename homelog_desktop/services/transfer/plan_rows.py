"""The rows of an import plan in little memory, whatever the file's size: a valid row is one bytes object
(its fields in UTF-8, its times in microseconds, the id of the account that already has its address),
a row with an error its shown email and reason; records are unpacked from them when read.

About 200 bytes per valid row are held (tests/services/transfer/test_memory.py measures it).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from homelog_desktop.data.transfer_dao import ImportRecord

# Created and updated (microseconds since 1970, or _NO_TIME), existing account id (0: none), flags,
# then the UTF-8 lengths of the email, the name and the hash that follow.
_HEADER = struct.Struct("<qqqBHHH")
_NO_TIME = -(2**63)
_NO_NAME, _NO_HASH, _PASSWORD_MISSING = 1, 2, 4
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class PlannedSummary:
    """What a report says of a valid row: its address, the account that has it, whether the file says it
    has a password but gives no hash, and whether it gives a hash."""

    email: str
    existing_id: int | None
    password_missing: bool
    has_hash: bool


def _microseconds(moment: datetime | None) -> int:
    return _NO_TIME if moment is None else (moment - _EPOCH) // _MICROSECOND


def pack(record: ImportRecord, existing_id: int | None, password_missing: bool) -> bytes:
    """One valid row as bytes."""
    email = record.email.encode()
    name = (record.username or "").encode()
    hashed = (record.hashed_password or "").encode()
    flags = (
        (_NO_NAME if record.username is None else 0)
        | (_NO_HASH if record.hashed_password is None else 0)
        | (_PASSWORD_MISSING if password_missing else 0)
    )
    header = _HEADER.pack(
        _microseconds(record.created_at), _microseconds(record.updated_at), existing_id or 0, flags,
        len(email), len(name), len(hashed),
    )
    return header + email + name + hashed


def unpack_record(packed: bytes) -> ImportRecord:
    """The record of a valid row, from its bytes."""
    created, updated, _, flags, email_size, name_size, hash_size = _HEADER.unpack_from(packed)
    at = _HEADER.size
    name_at = at + email_size
    hash_at = name_at + name_size
    return ImportRecord(
        packed[at:name_at].decode(),
        None if flags & _NO_NAME else packed[name_at:hash_at].decode(),
        None if flags & _NO_HASH else packed[hash_at : hash_at + hash_size].decode(),
        None if created == _NO_TIME else _EPOCH + timedelta(microseconds=created),
        None if updated == _NO_TIME else _EPOCH + timedelta(microseconds=updated),
    )


def summary(packed: bytes) -> PlannedSummary:
    """What a report says of a valid row, read without unpacking its times."""
    _, _, existing_id, flags, email_size, _, _ = _HEADER.unpack_from(packed)
    email = packed[_HEADER.size : _HEADER.size + email_size].decode()
    return PlannedSummary(email, existing_id or None, bool(flags & _PASSWORD_MISSING), not flags & _NO_HASH)


def packed_email(packed: bytes) -> str:
    """The email address of a valid row, without unpacking the rest."""
    email_size = _HEADER.unpack_from(packed)[4]
    return packed[_HEADER.size : _HEADER.size + email_size].decode()


def packed_existing_id(packed: bytes) -> int | None:
    """The id of the account that already has the row's address, if any."""
    return _HEADER.unpack_from(packed)[2] or None


class PlannedRows:
    """Every row of a file as planned, in file order (row N at index N - 1), with their counts."""

    def __init__(self) -> None:
        self.entries: list[bytes | tuple[str, str]] = []
        self.new = 0  # valid rows whose address has no account
        self.existing = 0  # valid rows whose address has one
        self.errors = 0
        self.first_error: int | None = None
        self.first_existing: int | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def add_valid(self, record: ImportRecord, existing_id: int | None, password_missing: bool) -> None:
        """Append a valid row."""
        if existing_id is None:
            self.new += 1
        else:
            self.existing += 1
            if self.first_existing is None:
                self.first_existing = len(self.entries)
        self.entries.append(pack(record, existing_id, password_missing))

    def add_error(self, email: str, reason: str) -> None:
        """Append a row with an error: the email it shows and why it cannot be imported."""
        self.errors += 1
        if self.first_error is None:
            self.first_error = len(self.entries)
        self.entries.append((email, reason))

    def email_of(self, number: int) -> str:
        """The email address of valid row `number` (from 1)."""
        entry = self.entries[number - 1]
        assert isinstance(entry, bytes)
        return packed_email(entry)
