"""Reading JSON incrementally, in the shape an export writes: hostile documents (deep nesting, huge numbers,
lone surrogates, dates out of range) give a sentence or a row error, never a crash, and nothing is written
(not even the before-import copy) unless every row is fine."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.transfer import OnExisting, RowStatus, json_reading, read_import_file
from homelog_desktop.services.transfer.json_reading import BLOCK_CHARS, MAX_ENTRY_CHARS, NESTED_VALUE, NOT_AN_OBJECT
from homelog_desktop.services.workspace import Workspace
from tests.services.transfer.conftest import ARGON2, dump, write

SMALL_BLOCK_CHARS = 1 << 14


def nothing_written(target: Workspace, folder: Path) -> bool:
    return dump(target.path) == ([], []) and not list(folder.glob("*before-import*"))


@pytest.mark.asyncio
async def test_100000_nested_brackets_are_refused_with_a_sentence(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(InvalidInputError, match=re.escape(f"deep.json, line 1, column 2: the entry is longer than "
                                                          f"{MAX_ENTRY_CHARS:,} characters")):
        await target.transfer.import_file(path, OnExisting.ABORT)
    assert nothing_written(target, tmp_path)


@pytest.mark.asyncio
async def test_nesting_within_an_entry_is_a_row_error(target: Workspace, tmp_path: Path) -> None:
    entries = ["[" * 5000 + "]" * 5000, '{"email": {"deep": [[[[1]]]]}}', '{"email": "ann@example.org"}', '"text"', "7"]
    report = await target.transfer.import_file(write(tmp_path / "d.json", f"[{','.join(entries)}]"), OnExisting.ABORT)
    assert [(r.status, r.reason) for r in report.plan.rows] == [
        (RowStatus.ERROR, NOT_AN_OBJECT), (RowStatus.ERROR, NESTED_VALUE), (RowStatus.CREATE, ""),
        (RowStatus.ERROR, NOT_AN_OBJECT), (RowStatus.ERROR, NOT_AN_OBJECT),
    ]
    assert nothing_written(target, tmp_path)


@pytest.mark.asyncio
async def test_a_5000_digit_integer_is_no_crash(target: Workspace, tmp_path: Path) -> None:
    huge = "9" * 5000
    path = write(tmp_path / "n.json", f'[{{"id": {huge}, "email": "ann@example.org"}}, {{"email": -{huge}.5e99999}}]')
    report = await target.transfer.import_file(path, OnExisting.ABORT, dry_run=True)
    assert [(r.status, r.reason) for r in report.plan.rows] == [
        (RowStatus.CREATE, ""), (RowStatus.ERROR, "The email address must be text."),
    ]


@pytest.mark.asyncio
async def test_numbers_with_a_fraction_or_exponent_are_values_not_a_broken_file(
    target: Workspace, tmp_path: Path
) -> None:
    """Found by the import fuzzing: `{"id": 0.0}` refused the whole file as invalid JSON."""
    path = write(tmp_path / "f.json", '[{"id": 0.0, "email": "ann@example.org"}, {"email": 1e5}, {"email": 2.5}]')
    report = await target.transfer.import_file(path, OnExisting.ABORT, dry_run=True)
    assert [(r.status, r.reason) for r in report.plan.rows] == [
        (RowStatus.CREATE, ""),
        (RowStatus.ERROR, "The email address must be text."),
        (RowStatus.ERROR, "The email address must be text."),
    ]


@pytest.mark.parametrize(
    "entry",
    [
        '{"email": "a\\ud800@example.org"}',
        '{"email": "ann@example.org", "username": "\\udfff"}',
        '{"email": "ann@example.org", "hashed_password": "\\ud83d"}',
        '{"email": "ann@example.org", "created_at": "2024-01-01\\udc00"}',
    ],
)
@pytest.mark.asyncio
async def test_a_lone_surrogate_is_refused_before_anything_is_written(
    target: Workspace, tmp_path: Path, entry: str
) -> None:
    path = write(tmp_path / "s.json", f'[{{"email": "bob@example.org"}}, {entry}]')
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert [r.status for r in report.plan.rows] == [RowStatus.CREATE, RowStatus.ERROR]
    assert "lone surrogate" in report.plan.rows[1].reason
    assert report.plan.rows[1].email.encode("utf-8")  # shown escaped, so it can be printed
    assert nothing_written(target, tmp_path)  # and no before-import copy left behind


@pytest.mark.asyncio
async def test_a_surrogate_pair_is_text(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "s.json", '[{"email": "ann@example.org", "username": "Ann \\ud83d\\ude00"}]')
    assert (await target.transfer.import_file(path, OnExisting.ABORT)).written
    assert (await target.accounts.get(1)).username == "Ann 😀"


@pytest.mark.parametrize(
    ("field", "value"),
    [("created_at", "0001-01-01T00:00:00+01:00"), ("updated_at", "9999-12-31T23:59:59-05:00")],
)
@pytest.mark.asyncio
async def test_dates_beyond_the_calendar_in_utc_are_row_errors(
    target: Workspace, tmp_path: Path, field: str, value: str
) -> None:
    report = await target.transfer.import_file(
        write(tmp_path / "t.json", json.dumps([{"email": "ann@example.org", field: value}])), OnExisting.ABORT
    )
    assert report.plan.rows[0].status is RowStatus.ERROR
    assert report.plan.rows[0].reason == f"{field} is out of range: in UTC it must fall within the years 1 to 9999."
    assert nothing_written(target, tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"email": "a@example.org", "EMAIL": "b@example.org"}]',
         "line 1, column 29: “EMAIL” is the same key as “email” before it"),
        ('[\n  {"email": "a@example.org",\n   "passwd": "Secret7x"}]', "line 3, column 4: “passwd” is not a key"),
        ('[{"email": "a@example.org", "Password": "Secret7x"}]', "never passwords in clear"),
        ('[{"email": "a@example.org", "\\ud800": 1}]', "“\\ud800” is not a key"),
        ('[{"email": "a@example.org"},]', "not valid JSON (line 1, column 29: an entry was expected after the comma)"),
        ('[{"email": "a@example.org"} {"email": "b@example.org"}]', "line 1, column 29: a comma or ] was expected"),
        ('[{"email": "a@example.org"}', "is not valid JSON (line 1, column 28: it is not closed)"),
        ('[{"email": "a@example.org", "id": NaN}]', "NaN is not JSON"),
        ('[{"email": "a\x01@example.org"}]', "is not valid JSON (line 1, column 14: Invalid control character"),
        ('[{"email" "a@example.org"}]', "is not valid JSON (line 1, column 11: Expecting ':' delimiter"),
        ('[{"email": "a@example.org"}] []', "there is more after the end of the array"),
        ('[{"email": "a@example.org"], 1]', "] does not close the bracket before it"),
        ('[{"email": "a@example.org}]', "is not valid JSON (line 1, column 2: the entry is not closed)"),
        ("[tru]", "an entry was expected"),
        ("", "is empty"),
        ("  \n ", "is empty"),
        ('{"email": "a@example.org"}', "must hold a JSON array of accounts, not a single object"),
        ('"accounts"', "must hold a JSON array of accounts."),
        ("{not json", "is not valid JSON (line 1, column 1"),
        ('[{"email": "' + "a" * MAX_ENTRY_CHARS + '"}]', f"the entry is longer than {MAX_ENTRY_CHARS:,} characters"),
    ],
)
@pytest.mark.asyncio
async def test_documents_that_are_not_an_array_of_accounts_are_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)) as refused:
        await read_import_file(write(tmp_path / "a.json", text))
    assert "Secret7x" not in str(refused.value) and "\n" not in str(refused.value)
    str(refused.value).encode("utf-8")  # printable as it is


@pytest.mark.asyncio
async def test_entries_across_blocks_keep_their_lines(
    target: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Entries straddle the reader's block boundaries; one bad key far down is found on its own line.
    # The reader reads its block size when it reads: at 16 KiB instead of 1 MiB the file still spans several
    # blocks (entries cut at each boundary, the buffer trimmed between them) with 64 times fewer rows to plan.
    assert BLOCK_CHARS > SMALL_BLOCK_CHARS
    monkeypatch.setattr(json_reading, "BLOCK_CHARS", SMALL_BLOCK_CHARS)
    count = SMALL_BLOCK_CHARS // 40 * 3
    entries = [json.dumps({"email": f"user{n}@example.org", "username": f"User {n}"}) for n in range(count)]
    path = write(tmp_path / "many.json", "[\n" + ",\n".join(entries) + "\n]\n")
    assert path.stat().st_size > 3 * SMALL_BLOCK_CHARS  # several boundaries to cross
    source = await read_import_file(path)
    assert source.row_count == count and not source.has_hashes
    plan = await target.transfer.plan_import(source, OnExisting.ABORT)
    assert plan.counts[RowStatus.CREATE] == count and plan.rows[-1].email == f"user{count - 1}@example.org"
    entries[-2] = '{"email": "x@example.org", "hash": "$2b$"}'
    write(path, "[\n" + ",\n".join(entries) + "\n]\n")
    with pytest.raises(InvalidInputError, match=f"many.json, line {count}, column 28: “hash” is not a key"):
        await read_import_file(path)


@pytest.mark.asyncio
async def test_a_file_with_hashes_round_trips_keys_in_any_case(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "h.json", json.dumps([{" Email ": "ann@example.org", "Hashed_Password": ARGON2}]))
    source = await read_import_file(path)
    assert source.has_hashes
    assert (await target.transfer.import_file(path, OnExisting.ABORT)).written
    assert (await target.accounts.get(1)).has_password
