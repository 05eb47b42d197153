"""Import, step 3: the plan. Each validated row gets its status (create, update, skip or error),
knowing which addresses already have an account; nothing is written."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from homelog_desktop.data.transfer_dao import ImportRecord, OnExisting, email_key
from homelog_desktop.services.transfer.validation import ValidatedRow

DECISION_CHUNK = 500


class RowStatus(enum.Enum):
    """What an import does (or would do) with one row."""

    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class ImportRowReport:
    """One line of an import report: row number, email address, what happens to it and why."""

    number: int
    email: str
    status: RowStatus
    reason: str = ""


@dataclass(frozen=True)
class ImportPlan:
    """What importing a file would do, row by row; `records` are the rows it would write."""

    validated: tuple[ValidatedRow, ...]
    existing: Mapping[str, int]  # email_key -> id of the account that has it
    on_existing: OnExisting
    rows: tuple[ImportRowReport, ...]
    records: tuple[ImportRecord, ...]
    source: Path | None = None
    counts: Mapping[RowStatus, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        """How many rows have an error (any error means nothing is written)."""
        return self.counts.get(RowStatus.ERROR, 0)

    @property
    def has_errors(self) -> bool:
        """Whether any row has an error."""
        return self.errors > 0

    @property
    def will_write(self) -> bool:
        """Whether importing would write anything: no errors and something to create or update."""
        return not self.has_errors and bool(self.records)

    def summary(self) -> str:
        """A sentence with the count of each status, e.g. "3 to create, 1 to update, 0 skipped, 0 errors"."""
        counts = self.counts
        errors = counts.get(RowStatus.ERROR, 0)
        return (
            f"{counts.get(RowStatus.CREATE, 0):,} to create, {counts.get(RowStatus.UPDATE, 0):,} to update, "
            f"{counts.get(RowStatus.SKIP, 0):,} skipped, {errors:,} error{'' if errors == 1 else 's'}"
        )

    async def with_on_existing(self, on_existing: OnExisting) -> ImportPlan:
        """The same rows planned with another choice for existing accounts (no database access)."""
        return await decide_import(self.validated, self.existing, on_existing, self.source)


def _decide_row(
    row: ValidatedRow, existing: Mapping[str, int], on_existing: OnExisting
) -> tuple[RowStatus, str, ImportRecord | None]:
    record = row.record
    if record is None:
        return RowStatus.ERROR, " ".join(row.problems), None
    user_id = existing.get(email_key(record.email))
    if user_id is None:
        reason = "No password: the file says it has one but gives no hash." if row.password_missing else ""
        return RowStatus.CREATE, reason, record
    if on_existing is OnExisting.SKIP:
        return RowStatus.SKIP, f"Account {user_id} already has this email address.", None
    if on_existing is OnExisting.UPDATE:
        if record.hashed_password:
            return RowStatus.UPDATE, f"Updates account {user_id}: email, name and password.", record
        return RowStatus.UPDATE, f"Updates account {user_id}: email and name; its password is kept.", record
    return (
        RowStatus.ERROR,
        f"Account {user_id} already has this email address, and existing accounts stop the import.",
        None,
    )


async def decide_import(
    validated: Sequence[ValidatedRow],
    existing: Mapping[str, int],
    on_existing: OnExisting,
    source: Path | None = None,
) -> ImportPlan:
    """Give each validated row its status, knowing which addresses already have an account (a chunk
    of rows at a time, between returns to the event loop)."""
    rows: list[ImportRowReport] = []
    records: list[ImportRecord] = []
    counts = dict.fromkeys(RowStatus, 0)
    for start in range(0, len(validated), DECISION_CHUNK):
        for row in validated[start : start + DECISION_CHUNK]:
            status, reason, record = _decide_row(row, existing, on_existing)
            counts[status] += 1
            rows.append(ImportRowReport(row.number, row.email, status, reason))
            if record is not None:
                records.append(record)
        await asyncio.sleep(0)
    return ImportPlan(tuple(validated), dict(existing), on_existing, tuple(rows), tuple(records), source, counts)
