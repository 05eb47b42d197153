"""Import, step 3: the plan. The file's rows are read a batch at a time, validated, looked up (which
addresses already have an account) and kept packed (plan_rows.py); each row's status (create, update,
skip or error) and its report are made when read. Nothing is written."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from homelog_desktop.data.transfer_dao import ImportRecord, OnExisting, email_key
from homelog_desktop.messages import Number, translatable
from homelog_desktop.services.transfer.plan_rows import (
    PlannedRows,
    PlannedSummary,
    packed_existing_id,
    summary,
    unpack_record,
)
from homelog_desktop.services.transfer.reading import ImportFile
from homelog_desktop.services.transfer.validation import ValidatedRow, validate_row

# Rows validated between two returns to the event loop: a few milliseconds of work at most.
VALIDATION_CHUNK = 100
FindExisting = Callable[[Sequence[str]], Awaitable[Mapping[str, int]]]


class RowStatus(enum.Enum):
    """What an import does (or would do) with one row."""

    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"


_EXISTING_STATUS = {
    OnExisting.SKIP: RowStatus.SKIP, OnExisting.UPDATE: RowStatus.UPDATE, OnExisting.ABORT: RowStatus.ERROR
}
_NO_HASH_GIVEN = "No password: the file says it has one but gives no hash."


@dataclass(frozen=True, slots=True)
class ImportRowReport:
    """One line of an import report: row number, email address, what happens to it and why."""

    number: int
    email: str
    status: RowStatus
    reason: str = ""


def _status(row: PlannedSummary, on_existing: OnExisting) -> tuple[RowStatus, str]:
    user_id = row.existing_id
    if user_id is None:
        return RowStatus.CREATE, _NO_HASH_GIVEN if row.password_missing else ""
    if on_existing is OnExisting.SKIP:
        return RowStatus.SKIP, f"Account {user_id} already has this email address."
    if on_existing is OnExisting.UPDATE:
        if row.has_hash:
            return RowStatus.UPDATE, f"Updates account {user_id}: email, name and password."
        return RowStatus.UPDATE, f"Updates account {user_id}: email and name; its password is kept."
    return RowStatus.ERROR, f"Account {user_id} already has this email address, and existing accounts stop the import."


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do, row by row: `rows` reports on each, `records` are those it would write."""

    planned: PlannedRows
    on_existing: OnExisting
    source: Path | None = None

    @property
    def counts(self) -> Mapping[RowStatus, int]:
        """How many rows have each status."""
        counts = dict.fromkeys(RowStatus, 0)
        counts[RowStatus.CREATE] = self.planned.new
        counts[_EXISTING_STATUS[self.on_existing]] += self.planned.existing
        counts[RowStatus.ERROR] += self.planned.errors
        return counts

    @property
    def rows(self) -> RowReports:
        """A report per row, in file order (made when read)."""
        return RowReports(self)

    @property
    def records(self) -> PlannedRecords:
        """The rows this plan would write, in file order (unpacked when read)."""
        return PlannedRecords(self)

    @property
    def first_error(self) -> int | None:
        """The index of the first row with an error, if any."""
        candidates = [self.planned.first_error]
        if self.on_existing is OnExisting.ABORT:
            candidates.append(self.planned.first_existing)
        return min((index for index in candidates if index is not None), default=None)

    @property
    def errors(self) -> int:
        """How many rows have an error (any error means nothing is written)."""
        return self.counts[RowStatus.ERROR]

    @property
    def has_errors(self) -> bool:
        """Whether any row has an error."""
        return self.errors > 0

    @property
    def will_write(self) -> bool:
        """Whether importing would write anything: no errors and something to create or update."""
        return not self.has_errors and len(self.records) > 0

    def summary(self) -> str:
        """A sentence with the count of each status, e.g. "3 to create, 1 to update, 0 skipped, 0 errors"."""
        counts = self.counts
        errors = counts[RowStatus.ERROR]
        numbers = {"create": Number(counts[RowStatus.CREATE]), "update": Number(counts[RowStatus.UPDATE]),
            "skip": Number(counts[RowStatus.SKIP])}
        if errors == 1:
            return translatable("Import", "{create} to create, {update} to update, {skip} skipped, 1 error").filled(
                **numbers)
        return translatable("Import", "{create} to create, {update} to update, {skip} skipped, {errors} errors").filled(
            errors=Number(errors), **numbers)

    def report(self, index: int) -> ImportRowReport:
        """The report on the row at `index` (row number index + 1)."""
        entry = self.planned.entries[index]
        if isinstance(entry, tuple):
            return ImportRowReport(index + 1, entry[0], RowStatus.ERROR, entry[1])
        row = summary(entry)
        status, reason = _status(row, self.on_existing)
        return ImportRowReport(index + 1, row.email, status, reason)

    async def with_on_existing(self, on_existing: OnExisting) -> ImportPlan:
        """The same rows planned with another choice for existing accounts (no database access)."""
        return ImportPlan(self.planned, on_existing, self.source)


class RowReports(Sequence[ImportRowReport]):
    """The reports of a plan's rows, made when read."""

    def __init__(self, plan: ImportPlan) -> None:
        self._plan = plan

    def __len__(self) -> int:
        return len(self._plan.planned)

    @overload
    def __getitem__(self, index: int) -> ImportRowReport: ...

    @overload
    def __getitem__(self, index: slice) -> list[ImportRowReport]: ...

    def __getitem__(self, index: int | slice) -> ImportRowReport | list[ImportRowReport]:
        if isinstance(index, slice):
            return [self._plan.report(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._plan.report(index)

    def __iter__(self) -> Iterator[ImportRowReport]:
        return (self._plan.report(index) for index in range(len(self)))

    def __repr__(self) -> str:
        return repr(list(self))


class PlannedRecords(Collection[ImportRecord]):
    """The records a plan would write (rows to create, and to update when existing accounts are updated),
    unpacked when read; it can be read again (a write retried after a lock reads it from the start)."""

    def __init__(self, plan: ImportPlan) -> None:
        self._plan = plan

    def __len__(self) -> int:
        planned = self._plan.planned
        return planned.new + (planned.existing if self._plan.on_existing is OnExisting.UPDATE else 0)

    def __iter__(self) -> Iterator[ImportRecord]:
        with_existing = self._plan.on_existing is OnExisting.UPDATE
        for entry in self._plan.planned.entries:
            if type(entry) is bytes and (with_existing or packed_existing_id(entry) is None):
                yield unpack_record(entry)

    def __contains__(self, item: object) -> bool:
        return any(record == item for record in self)


class _FirstRows:
    """The first row of each email address (compared as the database compares them), found by the hash of
    the address: the row found is compared with the address itself, so two addresses whose hashes
    collide stay apart. Holds a dict entry per address, not the address."""

    def __init__(self, planned: PlannedRows) -> None:
        self._planned = planned
        self._by_hash: dict[int, int] = {}
        self._collided: dict[str, int] = {}

    def earlier(self, key: str, number: int) -> int | None:
        """The row before `number` that has this address, or None (then `number` is its first row)."""
        first = self._by_hash.setdefault(hash(key), number)
        if first == number or email_key(self._planned.email_of(first)) == key:
            return None if first == number else first
        found = self._collided.setdefault(key, number)
        return None if found == number else found


def _add(planned: PlannedRows, first_rows: _FirstRows, rows: list[ValidatedRow], existing: Mapping[str, int]) -> None:
    for row in rows:
        record = row.record
        if record is None:
            planned.add_error(row.email, " ".join(row.problems))
            continue
        key = email_key(record.email)
        earlier = first_rows.earlier(key, row.number)
        if earlier is not None:
            planned.add_error(row.email, f"The same email address as row {earlier}.")
        else:
            planned.add_valid(record, existing.get(key), row.password_missing)


async def plan_rows(
    source: ImportFile,
    on_existing: OnExisting,
    find_existing: FindExisting,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Read, validate and plan every row of a file, a batch at a time: each batch is validated in chunks
    between returns to the event loop (`progress(done, total)` after each), then its addresses are looked
    up with `find_existing`. Only the packed rows are kept."""
    planned = PlannedRows()
    first_rows = _FirstRows(planned)
    reader = await source.open_rows()
    try:
        while batch := await reader.read():
            validated: list[ValidatedRow] = []
            for start in range(0, len(batch), VALIDATION_CHUNK):
                validated.extend(validate_row(raw) for raw in batch[start : start + VALIDATION_CHUNK])
                if progress is not None:
                    progress(len(planned) + len(validated), source.row_count)
                await asyncio.sleep(0)
            emails = [row.record.email for row in validated if row.record is not None]
            _add(planned, first_rows, validated, await find_existing(emails) if emails else {})
    finally:
        reader.close()
    return ImportPlan(planned, on_existing, source.path)
