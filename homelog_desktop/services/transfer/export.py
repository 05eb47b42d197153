"""Export accounts to CSV or JSON: pages of `AccountService.list_page` (keyset paging, so any size
streams in constant memory), with a password hash only when asked to."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.output_files import pending_file, write_failure
from homelog_desktop.services.account import Account, PageKey
from homelog_desktop.services.accounts import AccountFilter, AccountService, SortColumn
from homelog_desktop.services.bulk import Selection
from homelog_desktop.services.transfer.formats import EXPORT_FIELDS, HASH_FIELD, TransferFormat, record_writer

EXPORT_PAGE_SIZE = 500


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export: the format, which accounts (a search) in which order, and whether with hashes."""

    format: TransferFormat = TransferFormat.CSV
    search: str | None = None
    include_hashes: bool = False
    sort: SortColumn = SortColumn.ID
    descending: bool = False
    filter: AccountFilter = AccountFilter.ALL  # the window's Show box
    only: Selection | None = None  # the accounts selected in the window (of this search and filter)

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


class Exporter:
    """Writes the accounts of one database to a stream or a file."""

    def __init__(self, *, accounts: AccountService, passwords: PasswordDao) -> None:
        self._accounts = accounts
        self._passwords = passwords

    async def records(
        self, options: ExportOptions, *, page_size: int = EXPORT_PAGE_SIZE
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """The accounts to export, a page of JSON-ready records at a time, in the order asked for."""
        after: PageKey | None = None
        now = datetime.now(UTC)  # one moment for every page: who is locked does not change half way
        while True:
            page = await self._accounts.list_page(
                sort=options.sort, descending=options.descending, search=options.search, filter=options.filter,
                now=now, limit=page_size, after=after
            )
            if not page:
                return
            chosen = page if options.only is None else [a for a in page if options.only.includes(a.id)]
            ids = [account.id for account in chosen]
            hashes = await self._passwords.hashes(ids) if options.include_hashes and ids else None
            if chosen:
                yield [_export_record(account, hashes) for account in chosen]
            if len(page) < page_size:
                return
            after = page[-1].page_key

    async def write_export(
        self, options: ExportOptions, stream: TextIO, *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Write the export to a text stream, page by page; how many accounts were written."""
        writer = record_writer(options.format, stream, options.fields)
        count = 0
        async for records in self.records(options):
            writer.write(records)
            count += len(records)
            if progress is not None:
                progress(count)
        writer.finish()
        return count

    async def export_to_file(
        self, options: ExportOptions, path: Path | str, *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Export into `path` (readable by its owner only): a new file, or a regular file of the user's own
        replaced only once the export is complete and on the disk; anything else is refused untouched
        (see output_files). A failed or cancelled export leaves no file behind."""
        path = Path(path).expanduser().absolute()
        with pending_file(path, replace=True) as pending:
            try:
                with pending.path.open("w", encoding="utf-8", newline="") as stream:
                    count = await self.write_export(options, stream, progress=progress)
                await asyncio.to_thread(pending.commit)
            except OSError as error:
                raise write_failure(path, error) from error
        return count
