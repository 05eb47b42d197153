"""Export and import on real databases: formats, round trips with hashes, validation, all-or-nothing writes."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import re
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import bcrypt
import pytest
import pytest_asyncio

from homelog_desktop.errors import DatabaseError, InvalidInputError
from homelog_desktop.services.accounts import AccountFilter, AccountService, SortColumn
from homelog_desktop.services.security import SecurityService
from homelog_desktop.services.transfer import (
    EXPORT_FIELDS,
    HASH_FIELD,
    VALIDATION_CHUNK,
    ExportOptions,
    ImportCancelledError,
    OnExisting,
    RowStatus,
    TransferFormat,
    export_records,
    export_to_file,
    hash_problem,
    import_file,
    plan_import,
    read_import_file,
    run_import,
    validate_rows,
    write_export,
)
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST

OTHER_PASSWORD = "Battery9staple"
NEW_PASSWORD = "Fresh7start"
BCRYPT = bcrypt.hashpw(NEW_PASSWORD.encode(), bcrypt.gensalt(TEST_BCRYPT_COST)).decode()
ARGON2 = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"


@pytest_asyncio.fixture
async def target(tmp_path: Path) -> AsyncIterator[AccountService]:
    """A second, empty database to import into."""
    accounts = await AccountService.open(tmp_path / "target.db", bcrypt_cost=TEST_BCRYPT_COST)
    try:
        yield accounts
    finally:
        await accounts.close()


async def seed(service: AccountService) -> None:
    await service.create("ann@example.org", "Ann", GOOD_PASSWORD)
    await service.create("bob@example.org", None)
    await service.create("carl@home.net", "Annika", OTHER_PASSWORD)


async def export_text(service: AccountService, **options: Any) -> str:
    stream = io.StringIO()
    await write_export(service, ExportOptions(**options), stream)
    return stream.getvalue()


def dump(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return (
            connection.execute("SELECT * FROM users ORDER BY id").fetchall(),
            connection.execute("SELECT * FROM user_passwords ORDER BY user_id").fetchall(),
        )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(accounts: list[Any]) -> list[tuple[Any, ...]]:
    return [(a.email, a.username, a.has_password, a.created_at, a.updated_at) for a in accounts]


# Export


@pytest.mark.asyncio
async def test_csv_export_has_the_columns_and_no_hash_by_default(service: AccountService) -> None:
    await seed(service)
    text = await export_text(service)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(EXPORT_FIELDS)
    assert [row[1:4] for row in rows[1:]] == [
        ["ann@example.org", "Ann", "true"], ["bob@example.org", "", "false"], ["carl@home.net", "Annika", "true"],
    ]
    assert "$2" not in text and HASH_FIELD not in text


@pytest.mark.asyncio
async def test_json_export_with_hashes(service: AccountService) -> None:
    await seed(service)
    records = json.loads(await export_text(service, format=TransferFormat.JSON, include_hashes=True))
    assert [list(record) for record in records] == [[*EXPORT_FIELDS, HASH_FIELD]] * 3
    assert records[1][HASH_FIELD] is None and records[1]["has_password"] is False
    assert records[0][HASH_FIELD].startswith(f"$2b$0{TEST_BCRYPT_COST}$")
    assert records[0]["created_at"].endswith("+00:00")


@pytest.mark.asyncio
async def test_export_of_nothing_is_still_valid(service: AccountService) -> None:
    assert json.loads(await export_text(service, format=TransferFormat.JSON)) == []
    assert await export_text(service) == ",".join(EXPORT_FIELDS) + "\n"


@pytest.mark.asyncio
async def test_export_respects_search_and_order_across_pages(service: AccountService) -> None:
    for number in range(7):
        await service.create(f"user{number}@example.org", f"Name {6 - number}")
    await service.create("other@example.net")
    options = ExportOptions(search="example.org", sort=SortColumn.USERNAME, descending=True)
    pages = [page async for page in export_records(service, options, page_size=3)]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [r["email"] for page in pages for r in page] == [f"user{n}@example.org" for n in range(7)]
    by_id = [r["id"] async for page in export_records(service, ExportOptions(), page_size=3) for r in page]
    assert by_id == sorted(by_id) and len(by_id) == 8


@pytest.mark.asyncio
async def test_export_keeps_to_the_accounts_the_show_filter_shows(service: AccountService) -> None:
    accounts = [await service.create(f"user{number}@example.org", None) for number in range(5)]
    security = SecurityService(service)
    for account in accounts[1:4]:
        await security.disable(account.id)
    options = ExportOptions(filter=AccountFilter.DISABLED, sort=SortColumn.EMAIL, descending=True)
    exported = [r["email"] async for page in export_records(service, options, page_size=2) for r in page]
    assert exported == ["user3@example.org", "user2@example.org", "user1@example.org"]


@pytest.mark.asyncio
async def test_export_to_file_is_private_and_replaces_only_when_complete(
    service: AccountService, tmp_path: Path
) -> None:
    await seed(service)
    path = write(tmp_path / "out.csv", "old content")
    path.chmod(0o644)
    assert await export_to_file(service, ExportOptions(include_hashes=True), path) == 3
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text().startswith("id,email")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


# Round trips


@pytest.mark.parametrize("kind", list(TransferFormat))
@pytest.mark.asyncio
async def test_round_trip_with_hashes_gives_the_same_accounts(
    service: AccountService, target: AccountService, tmp_path: Path, kind: TransferFormat
) -> None:
    await seed(service)
    path = tmp_path / f"accounts.{kind.value}"
    await export_to_file(service, ExportOptions(format=kind, include_hashes=True), path)
    report = await import_file(target, path, OnExisting.ABORT)
    assert report.written and len(report.created_ids) == 3
    assert snapshot(await target.list_page()) == snapshot(await service.list_page())
    assert await target.check_password(1, GOOD_PASSWORD)
    assert await target.check_password(3, OTHER_PASSWORD)
    assert not await target.check_password(3, GOOD_PASSWORD)
    assert report.backup is not None and report.backup.stat().st_mode & 0o777 == 0o600


@pytest.mark.asyncio
async def test_round_trip_without_hashes_imports_accounts_without_passwords(
    service: AccountService, target: AccountService, tmp_path: Path
) -> None:
    await seed(service)
    path = tmp_path / "plain.csv"
    await export_to_file(service, ExportOptions(), path)
    report = await import_file(target, path, OnExisting.ABORT)
    assert [a.has_password for a in await target.list_page()] == [False, False, False]
    assert report.plan.rows[0].reason.startswith("No password")


# Validation and the plan


@pytest.mark.asyncio
async def test_one_invalid_row_writes_nothing_and_is_reported(target: AccountService, tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "email,username\nok@example.org,Ok\nnot-an-email,Bad\nfine@example.org,\n")
    before = dump(target.path)
    report = await import_file(target, path, OnExisting.ABORT)
    assert not report.written and report.plan.has_errors
    assert [(r.number, r.email, r.status) for r in report.plan.rows] == [
        (1, "ok@example.org", RowStatus.CREATE),
        (2, "not-an-email", RowStatus.ERROR),
        (3, "fine@example.org", RowStatus.CREATE),
    ]
    assert "not a valid email address" in report.plan.rows[1].reason
    assert report.summary() == "1 row has an error; nothing was imported."
    assert dump(target.path) == before
    assert not list(tmp_path.glob("*before-import*"))
    with pytest.raises(InvalidInputError, match="nothing was imported"):
        await run_import(target, report.plan)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"email": ""}, "email address is required"),
        ({"email": "a@example.org", "username": "n" * 61}, "longer than 60"),
        ({"email": "a@example.org", "username": "tab\there"}, "control characters"),
        ({"email": "a@example.org", HASH_FIELD: "plaintext-secret"}, "not in a recognised format"),
        ({"email": "a@example.org", HASH_FIELD: "$argon2i$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"}, "recognised format"),
        ({"email": "a@example.org", HASH_FIELD: "$2b$04$short"}, "looks like bcrypt but is malformed"),
        ({"email": "a@example.org", HASH_FIELD: "$argon2id$v=19$broken"}, "Argon2id but is malformed"),
        ({"email": "a@example.org", "created_at": "yesterday"}, "ISO 8601"),
        ({"email": 42}, "must be text"),
    ],
)
@pytest.mark.asyncio
async def test_row_problems(target: AccountService, tmp_path: Path, fields: dict[str, Any], problem: str) -> None:
    path = write(tmp_path / "rows.json", json.dumps([fields]))
    report = await import_file(target, path, OnExisting.ABORT)
    assert report.plan.rows[0].status is RowStatus.ERROR
    assert problem in report.plan.rows[0].reason
    assert "plaintext-secret" not in report.plan.rows[0].reason  # a rejected hash is never quoted
    assert dump(target.path) == ([], [])


def test_recognised_hash_formats() -> None:
    assert hash_problem(BCRYPT) is None
    assert hash_problem("$2a$12$" + "Z" * 21 + "O" + "Z" * 31) is None and hash_problem("$2y$10$" + "." * 53) is None
    assert hash_problem(ARGON2) is None
    assert hash_problem("$2b$99$" + "." * 53) is not None  # no such cost
    assert hash_problem("$2b$04$" + "a" * 53) is not None  # a salt bcrypt itself would refuse


@pytest.mark.asyncio
async def test_duplicate_addresses_in_the_file_are_errors(target: AccountService, tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", "email\nann@example.org\nbob@example.org\nANN@Example.org\n")
    report = await import_file(target, path, OnExisting.ABORT)
    assert [r.status for r in report.plan.rows] == [RowStatus.CREATE, RowStatus.CREATE, RowStatus.ERROR]
    assert report.plan.rows[2].reason == "The same email address as row 1."
    assert dump(target.path) == ([], [])


@pytest.mark.asyncio
async def test_csv_rows_with_too_many_fields_and_json_entries_that_are_not_objects(
    target: AccountService, tmp_path: Path
) -> None:
    csv_report = await import_file(target, write(tmp_path / "x.csv", "email\na@example.org,extra\n"), OnExisting.ABORT)
    assert "2 fields but the header names 1" in csv_report.plan.rows[0].reason
    json_report = await import_file(target, write(tmp_path / "x.json", '[["a@example.org"]]'), OnExisting.ABORT)
    assert json_report.plan.rows[0].reason == "The entry is not a JSON object."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", "email\n", "must end in .csv or .json"),
        ("a.json", "{not json", "is not valid JSON (line 1"),
        ("a.json", '{"email": "a@example.org"}', "JSON array"),
        ("a.csv", "", "is empty"),
        ("a.csv", "name,username\nx,y\n", "no email column"),
        ("a.csv", "email,password\na@example.org,Secret7x\n", "never passwords in clear"),
        ("a.json", '[{"email": "a@example.org", "Password": "Secret7x"}]', "never passwords in clear"),
    ],
)
@pytest.mark.asyncio
async def test_unusable_files_are_refused_whole(tmp_path: Path, name: str, content: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)) as refused:
        await read_import_file(write(tmp_path / name, content))
    assert "Secret7x" not in str(refused.value)


@pytest.mark.asyncio
async def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("email\nrené@example.org\n".encode("latin-1"))
    with pytest.raises(InvalidInputError, match="not UTF-8"):
        await read_import_file(path)


@pytest.mark.asyncio
async def test_csv_with_a_byte_order_mark_and_blank_lines(target: AccountService, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffEmail,Username\r\nann@example.org,Ann\r\n\r\n".encode())
    report = await import_file(target, path, OnExisting.ABORT)
    assert report.written and [a.email for a in await target.list_page()] == ["ann@example.org"]


# Existing accounts, dry runs, cancelling


@pytest.mark.asyncio
async def test_existing_accounts_skip_update_or_abort(target: AccountService, tmp_path: Path) -> None:
    await target.create("ann@example.org", "Ann", GOOD_PASSWORD)
    lines = [f"{HASH_FIELD},email,username", f"{BCRYPT},ANN@example.org,Ann Lee", ",new@example.org,New"]
    path = write(tmp_path / "e.csv", "\n".join(lines) + "\n")

    aborted = await import_file(target, path, OnExisting.ABORT)
    assert [r.status for r in aborted.plan.rows] == [RowStatus.ERROR, RowStatus.CREATE]
    assert "Account 1 already has this email address" in aborted.plan.rows[0].reason
    assert await target.count() == 1

    dry = await import_file(target, path, OnExisting.SKIP, dry_run=True)
    assert not dry.written and dry.summary().startswith("Dry run: 1 to create, 0 to update, 1 skipped")
    assert await target.count() == 1 and not list(tmp_path.glob("*before-import*"))

    skipped = await import_file(target, path, OnExisting.SKIP)
    assert (len(skipped.created_ids), skipped.skipped) == (1, 0)  # the skipped row is not even sent
    assert (await target.get(1)).username == "Ann" and await target.check_password(1, GOOD_PASSWORD)

    updated = await import_file(target, path, OnExisting.UPDATE)
    assert [r.status for r in updated.plan.rows] == [RowStatus.UPDATE, RowStatus.UPDATE]
    assert updated.updated_ids == (1, 2)
    ann = await target.get(1)
    assert (ann.email, ann.username) == ("ANN@example.org", "Ann Lee")
    assert not await target.check_password(1, GOOD_PASSWORD)  # replaced by the file's hash, as it is
    assert await target.check_password(1, NEW_PASSWORD)
    assert (await target.get(2)).username == "New"


@pytest.mark.asyncio
async def test_a_read_only_database_is_not_imported_into(service: AccountService, tmp_path: Path) -> None:
    read_only = await AccountService.open(service.path, read_only=True)
    try:
        path = write(tmp_path / "a.csv", "email\na@example.org\n")
        plan = await plan_import(read_only, await read_import_file(path), OnExisting.ABORT)
        with pytest.raises(DatabaseError, match="read-only"):
            await run_import(read_only, plan)
    finally:
        await read_only.close()
    assert await service.count() == 0 and not list(tmp_path.glob("*before-import*"))


@pytest.mark.asyncio
async def test_the_plan_can_be_redone_for_another_choice(target: AccountService, tmp_path: Path) -> None:
    await target.create("ann@example.org")
    source = await read_import_file(write(tmp_path / "p.json", json.dumps([{"email": "ann@example.org"}])))
    plan = await plan_import(target, source, OnExisting.SKIP)
    assert plan.rows[0].status is RowStatus.SKIP and not plan.will_write
    update = await plan.with_on_existing(OnExisting.UPDATE)
    assert update.rows[0].status is RowStatus.UPDATE and update.will_write
    assert (await plan.with_on_existing(OnExisting.ABORT)).has_errors


@pytest.mark.asyncio
async def test_a_stopped_import_writes_nothing_and_keeps_no_backup(target: AccountService, tmp_path: Path) -> None:
    path = write(tmp_path / "many.csv", "email\n" + "".join(f"u{n}@example.org\n" for n in range(1200)))
    plan = await plan_import(target, await read_import_file(path), OnExisting.ABORT)
    done: list[int] = []
    with pytest.raises(ImportCancelledError):
        await run_import(target, plan, should_stop=lambda: bool(done), progress=lambda d, _t: done.append(d))
    assert await target.count() == 0
    assert not list(tmp_path.glob("*before-import*"))


@pytest.mark.asyncio
async def test_validation_gives_the_loop_back_between_chunks(tmp_path: Path) -> None:
    rows = VALIDATION_CHUNK * 5
    path = write(tmp_path / "big.csv", "email\n" + "".join(f"u{n}@example.org\n" for n in range(rows)))
    source = await read_import_file(path)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    ticker = asyncio.ensure_future(tick())
    progress: list[int] = []
    validated = await validate_rows(source, progress=lambda done, _total: progress.append(done))
    ticker.cancel()
    assert len(validated) == rows
    assert progress == [VALIDATION_CHUNK * n for n in range(1, 6)]
    assert ticks >= 5  # other tasks ran between the chunks
