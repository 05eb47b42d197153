"""Export accounts to CSV or JSON, and import them: validation of every row, a per-row plan, one transaction.

Export pages through `AccountService.list_page` (keyset paging, so any size streams in constant
memory) and writes a password hash only when asked to. Import reads a file, validates every row with
the same rules as the window, then plans each row (create, update, skip or error); it writes nothing
unless every row is valid, and then writes all rows in one transaction, after an automatic backup.
Plaintext passwords are never read or written; hashes are imported as they are, never re-hashed.
"""

from __future__ import annotations

import asyncio
import csv
import enum
import io
import json
import os
import re
import tempfile
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TextIO, runtime_checkable

from homelog_desktop.data.security_dao import AuditDraft
from homelog_desktop.data.transfer_dao import (
    ImportCancelledError,
    ImportChange,
    ImportRecord,
    OnExisting,
    email_key,
    find_existing_emails,
    import_users,
    read_password_hashes,
)
from homelog_desktop.errors import DatabaseError, HomeLogError, InvalidInputError
from homelog_desktop.services.account_validation import clean_account_fields
from homelog_desktop.services.accounts import Account, AccountFilter, AccountService, PageKey, SortColumn
from homelog_desktop.services.backup import back_up_before_change
from homelog_desktop.services.password_hashing import describe_hash_scheme

__all__ = [
    "EXPORT_FIELDS",
    "HASH_FIELD",
    "ExportOptions",
    "ImportAuditHook",
    "ImportCancelledError",
    "ImportChange",
    "ImportFile",
    "ImportPlan",
    "ImportReport",
    "ImportRowReport",
    "OnExisting",
    "RowStatus",
    "TransferFormat",
    "ValidatedRow",
    "decide_import",
    "export_records",
    "export_to_file",
    "hash_problem",
    "import_file",
    "plan_import",
    "read_import_file",
    "run_import",
    "validate_rows",
    "write_export",
]

EXPORT_FIELDS = ("id", "email", "username", "has_password", "created_at", "updated_at")
HASH_FIELD = "hashed_password"
EXPORT_PAGE_SIZE = 500
# Rows validated between two returns to the event loop: a few milliseconds of work at most.
VALIDATION_CHUNK = 100
DECISION_CHUNK = 500
# Columns that would hold a password in clear: a file with one is refused outright.
PLAINTEXT_FIELDS = frozenset({"password", "plaintext_password", "plain_password", "new_password"})
MAX_SHOWN_EMAIL = 80

# A cost from 4 to 31, a 22-character salt (its last character holds 2 bits, so only 4 are valid:
# bcrypt refuses any other) and a 31-character hash, in bcrypt's own base64 alphabet.
_BCRYPT = re.compile(r"\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{21}[.Oeu][./A-Za-z0-9]{31}")
_ARGON2ID = re.compile(r"\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}")
_TRUE = frozenset({"true", "yes", "1", "y", "t"})


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


# Export


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export: the format, which accounts (a search) in which order, and whether with hashes."""

    format: TransferFormat = TransferFormat.CSV
    search: str | None = None
    include_hashes: bool = False
    sort: SortColumn = SortColumn.ID
    descending: bool = False
    filter: AccountFilter = AccountFilter.ALL  # the window's Show box

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns (CSV) or keys (JSON) of each exported account, in order."""
        return (*EXPORT_FIELDS, HASH_FIELD) if self.include_hashes else EXPORT_FIELDS


def _export_record(account: Account, hashes: Mapping[int, str] | None) -> dict[str, Any]:
    record = account.to_json()  # never holds a hash
    if hashes is not None:
        hashed = hashes.get(account.id)
        record["has_password"] = hashed is not None  # read later than the page: the hash decides
        record[HASH_FIELD] = hashed
    return record


async def export_records(
    service: AccountService, options: ExportOptions, *, page_size: int = EXPORT_PAGE_SIZE
) -> AsyncIterator[list[dict[str, Any]]]:
    """The accounts to export, a page of JSON-ready records at a time, in the order asked for."""
    after: PageKey | None = None
    now = datetime.now(UTC)  # one moment for every page: who is locked does not change half way
    while True:
        page = await service.list_page(
            sort=options.sort, descending=options.descending, search=options.search, filter=options.filter,
            now=now, limit=page_size, after=after
        )
        if not page:
            return
        hashes = (
            await read_password_hashes(service.database, [account.id for account in page])
            if options.include_hashes
            else None
        )
        yield [_export_record(account, hashes) for account in page]
        if len(page) < page_size:
            return
        after = page[-1].page_key


class _CsvWriter:
    def __init__(self, stream: TextIO, fields: Sequence[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")
        self._fields = fields
        self._writer.writerow(fields)

    def write(self, records: list[dict[str, Any]]) -> None:
        self._writer.writerows([_csv_cell(record[name]) for name in self._fields] for record in records)

    def finish(self) -> None:
        pass


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _JsonWriter:
    """A JSON array written an element at a time, one account per line."""

    def __init__(self, stream: TextIO, fields: Sequence[str]) -> None:
        self._stream = stream
        self._fields = fields
        self._separator = "[\n  "

    def write(self, records: list[dict[str, Any]]) -> None:
        for record in records:
            ordered = {name: record[name] for name in self._fields}
            self._stream.write(self._separator + json.dumps(ordered, ensure_ascii=False))
            self._separator = ",\n  "

    def finish(self) -> None:
        self._stream.write("[]\n" if self._separator == "[\n  " else "\n]\n")


async def write_export(
    service: AccountService,
    options: ExportOptions,
    stream: TextIO,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the export to a text stream, page by page; how many accounts were written."""
    writer = (_JsonWriter if options.format is TransferFormat.JSON else _CsvWriter)(stream, options.fields)
    count = 0
    async for records in export_records(service, options):
        writer.write(records)
        count += len(records)
        if progress is not None:
            progress(count)
    writer.finish()
    return count


async def export_to_file(
    service: AccountService,
    options: ExportOptions,
    path: Path | str,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Export into `path` (readable by its owner only), replacing it only once the export is complete."""
    path = Path(path).expanduser().absolute()
    if not path.parent.is_dir():
        raise HomeLogError(f"The folder {path.parent} does not exist.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)  # mode 0600
    except OSError as error:
        raise HomeLogError(f"{path} cannot be written: {error.strerror}.") from error
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            count = await write_export(service, options, stream, progress=progress)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise HomeLogError(f"{path} cannot be written: {error.strerror}.") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


# Import: reading a file


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
        rows = []
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
        raise InvalidInputError(f"{path} does not exist.") from error
    except UnicodeDecodeError as error:
        raise InvalidInputError(f"{path.name} is not UTF-8 text.") from error
    except OSError as error:
        raise InvalidInputError(f"{path} cannot be read: {error.strerror}.") from error
    return _parse_json(path, text) if kind is TransferFormat.JSON else _parse_csv(path, text)


async def read_import_file(path: Path | str) -> ImportFile:
    """Read a .csv or .json file of accounts (in a worker thread); InvalidInputError when it is unusable."""
    return await asyncio.to_thread(_read_import_file, Path(path).expanduser().absolute())


# Import: validating rows


@dataclass(frozen=True, slots=True)
class ValidatedRow:
    """A row after validation: a record ready to write, or the problems that keep it out."""

    number: int
    email: str  # as shown in a report (cleaned when valid)
    record: ImportRecord | None
    problems: tuple[str, ...] = ()
    password_missing: bool = False  # the file says it has a password but gives no hash


def hash_problem(hashed: str) -> str | None:
    """Why a stored hash cannot be imported (never quoting it); None for bcrypt or Argon2id."""
    scheme = describe_hash_scheme(hashed)
    if scheme == "bcrypt":
        return None if _BCRYPT.fullmatch(hashed) else "The password hash looks like bcrypt but is malformed."
    if hashed.startswith("$argon2id$"):
        return None if _ARGON2ID.fullmatch(hashed) else "The password hash looks like Argon2id but is malformed."
    return "The password hash is not in a recognised format (bcrypt $2a$/$2b$/$2y$ or $argon2id$)."


def _text(fields: Mapping[str, Any], name: str, label: str, problems: list[str]) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{label} must be text.")
        return None
    return value


def _time(fields: Mapping[str, Any], name: str, problems: list[str]) -> datetime | None:
    value = _text(fields, name, name, problems)
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        problems.append(f"{name} is not a date and time in ISO 8601 form (like 2024-05-01T12:30:00+00:00).")
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _says_true(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in _TRUE


def _shown(email: str) -> str:
    return email if len(email) <= MAX_SHOWN_EMAIL else email[: MAX_SHOWN_EMAIL - 1] + "…"


def validate_row(row: RawRow) -> ValidatedRow:
    """Check one row with the account rules, the hash formats and the date formats."""
    if row.problem:
        return ValidatedRow(row.number, "", None, (row.problem,))
    problems: list[str] = []
    fields = row.fields
    raw_email = _text(fields, "email", "The email address", problems) or ""
    username = _text(fields, "username", "The name", problems)
    hashed = (_text(fields, HASH_FIELD, "The password hash", problems) or "").strip() or None
    created_at = _time(fields, "created_at", problems)
    updated_at = _time(fields, "updated_at", problems)
    email = raw_email.strip()
    try:
        email, username = clean_account_fields(raw_email, username)
    except InvalidInputError as error:
        problems.extend(error.problems)
    if hashed is not None:
        problem = hash_problem(hashed)
        if problem:
            problems.append(problem)
    if problems:
        return ValidatedRow(row.number, _shown(email), None, tuple(problems))
    record = ImportRecord(email, username, hashed, created_at, updated_at)
    missing = hashed is None and _says_true(fields.get("has_password"))
    return ValidatedRow(row.number, email, record, (), missing)


async def validate_rows(
    source: ImportFile, *, progress: Callable[[int, int], None] | None = None
) -> list[ValidatedRow]:
    """Validate every row, and find addresses given twice (ignoring case); the loop is never held long:
    rows are checked a few hundred at a time, between returns to the event loop."""
    validated: list[ValidatedRow] = []
    first_row: dict[str, int] = {}
    total = len(source.rows)
    for start in range(0, total, VALIDATION_CHUNK):
        for raw in source.rows[start : start + VALIDATION_CHUNK]:
            row = validate_row(raw)
            if row.record is not None:
                key = email_key(row.record.email)
                first = first_row.setdefault(key, row.number)
                if first != row.number:
                    row = ValidatedRow(row.number, row.email, None, (f"The same email address as row {first}.",))
            validated.append(row)
        if progress is not None:
            progress(len(validated), total)
        await asyncio.sleep(0)
    return validated


# Import: the plan


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


async def plan_import(
    service: AccountService,
    source: ImportFile,
    on_existing: OnExisting,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """Validate every row of a file and plan it against the database; writes nothing."""
    validated = await validate_rows(source, progress=progress)
    emails = [row.record.email for row in validated if row.record is not None]
    existing = await find_existing_emails(service.database, emails) if emails else {}
    return await decide_import(validated, existing, on_existing, source.path)


# Import: writing


@dataclass(frozen=True)
class ImportReport:
    """The outcome of an import: its plan, whether it wrote, what it wrote, and the backup made first."""

    plan: ImportPlan
    written: bool
    created_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()
    skipped: int = 0
    backup: Path | None = None
    dry_run: bool = False

    @property
    def changed_ids(self) -> list[int]:
        """Ids of every account created or updated."""
        return [*self.created_ids, *self.updated_ids]

    def summary(self) -> str:
        """One sentence saying what happened."""
        if self.plan.has_errors:
            errors = self.plan.errors
            return f"{errors:,} row{' has an error' if errors == 1 else 's have errors'}; nothing was imported."
        if self.dry_run:
            return f"Dry run: {self.plan.summary()}; nothing was written."
        if not self.written:
            return f"Nothing to import: {self.plan.summary()}."
        return (
            f"Imported: {len(self.created_ids):,} created, {len(self.updated_ids):,} updated, "
            f"{self.skipped:,} skipped."
        )


@runtime_checkable
class ImportAuditHook(Protocol):
    """An audit hook (AccountService.audit) that can make the audit entry of an imported account, to be
    written in the import's own transaction (services/security.py's SecurityService is one)."""

    def import_audit_draft(self, change: ImportChange) -> AuditDraft:
        """The audit entry (action "import", the names of the changed fields) of one imported account."""
        ...


async def run_import(
    service: AccountService,
    plan: ImportPlan,
    *,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Write a plan without errors in one transaction, after a backup of the database next to it.

    InvalidInputError when the plan has errors; ImportCancelledError when `should_stop()` turned true
    before the commit. Either way nothing is written (and the backup, then useless, is removed).
    With an audit hook attached to the service, every account created or updated gets an audit entry
    (action "import", the names of the fields that changed, never a hash): in the import's transaction
    when the hook is an ImportAuditHook, else through `account_changed` once the import committed.
    """
    if plan.has_errors:
        raise InvalidInputError(ImportReport(plan, written=False).summary())
    if service.read_only:
        raise DatabaseError(f"{service.path.name} is open read-only: nothing was imported.")
    if not plan.records:
        return ImportReport(plan, written=False, skipped=plan.counts.get(RowStatus.SKIP, 0))
    hook = service.audit
    drafts = hook.import_audit_draft if isinstance(hook, ImportAuditHook) else None
    backup = await back_up_before_change(service, "before-import")
    try:
        result = await import_users(
            service.database, plan.records, plan.on_existing, should_stop=should_stop, progress=progress,
            audit=drafts,
        )
    except HomeLogError:
        backup.unlink(missing_ok=True)  # rolled back: the database is exactly what was backed up
        raise
    if hook is not None and drafts is None:
        for change in result.changes:
            await hook.account_changed("import", change.user_id, change.email, change.fields)
    return ImportReport(plan, True, result.created_ids, result.updated_ids, result.skipped, backup)


async def import_file(
    service: AccountService, path: Path | str, on_existing: OnExisting, *, dry_run: bool = False
) -> ImportReport:
    """Read, validate and plan a file, then write it unless it has errors or this is a dry run."""
    plan = await plan_import(service, await read_import_file(path), on_existing)
    if plan.has_errors or dry_run:
        return ImportReport(plan, written=False, dry_run=dry_run)
    return await run_import(service, plan)
