"""Reading an import file: CSV or JSON, what makes a file unusable as a whole, encodings, the limits on size
and rows, files that change or are not files, and reading stopped half way."""

from __future__ import annotations

import asyncio
import gc
import os
import re
from pathlib import Path

import pytest

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.transfer import (
    MAX_IMPORT_BYTES,
    OnExisting,
    read_import_file,
    reading,
)
from homelog_desktop.services.workspace import Workspace
from tests.services.transfer.conftest import (
    dump,
    write,
)


@pytest.mark.asyncio
async def test_csv_rows_with_too_many_fields_and_json_entries_that_are_not_objects(
    target: Workspace, tmp_path: Path
) -> None:
    too_many = write(tmp_path / "x.csv", "email\na@example.org,extra\n")
    csv_report = await target.transfer.import_file(too_many, OnExisting.ABORT)
    assert "2 fields but the header names 1" in csv_report.plan.rows[0].reason
    not_objects = write(tmp_path / "x.json", '[["a@example.org"]]')
    json_report = await target.transfer.import_file(not_objects, OnExisting.ABORT)
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
async def test_csv_with_a_byte_order_mark_and_blank_lines(target: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffEmail,Username\r\nann@example.org,Ann\r\n\r\n".encode())
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert report.written and [a.email for a in await target.accounts.list_page()] == ["ann@example.org"]


@pytest.mark.asyncio
async def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk space taken, and never read
    with pytest.raises(InvalidInputError, match=r"huge\.csv is 256 MiB; at most 256 MiB can be imported at once"):
        await read_import_file(path)


@pytest.mark.asyncio
async def test_a_file_with_more_rows_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_IMPORT_ROWS", 3)
    rows = "".join(f"u{n}@example.org\n" for n in range(3))
    assert (await read_import_file(write(tmp_path / "three.csv", "email\n" + rows))).row_count == 3
    with pytest.raises(InvalidInputError, match=r"four\.csv has more than 3 rows"):
        await read_import_file(write(tmp_path / "four.csv", "email\n" + rows + "u3@example.org\n"))
    entries = ",".join(f'{{"email": "u{n}@example.org"}}' for n in range(4))
    with pytest.raises(InvalidInputError, match=r"four\.json has more than 3 rows"):
        await read_import_file(write(tmp_path / "four.json", f"[{entries}]"))


@pytest.mark.asyncio
async def test_only_regular_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(InvalidInputError, match=r"folder\.csv is not a regular file"):
        await read_import_file(tmp_path / "folder.csv")
    if hasattr(os, "mkfifo"):  # opening a FIFO would wait for a writer, for ever
        os.mkfifo(tmp_path / "pipe.csv")
        with pytest.raises(InvalidInputError, match=r"pipe\.csv is not a regular file"):
            await read_import_file(tmp_path / "pipe.csv")


@pytest.mark.asyncio
async def test_a_file_changed_after_it_was_checked_is_not_planned(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "email\nann@example.org\n")
    source = await read_import_file(path)
    write(path, "email\nann@example.org\nbob@example.org\n")
    with pytest.raises(InvalidInputError, match=r"a\.csv changed while it was being imported; nothing was imported"):
        await target.transfer.plan_import(source, OnExisting.ABORT)
    assert dump(target.path) == ([], [])


@pytest.mark.asyncio
async def test_planning_cancelled_half_way_closes_the_file(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "many.csv", "email\n" + "".join(f"u{n}@example.org\n" for n in range(5000)))
    source = await read_import_file(path)
    started = asyncio.Event()

    def progress(done: int, total: int) -> None:
        started.set()

    planning = asyncio.ensure_future(target.transfer.plan_import(source, OnExisting.ABORT, progress=progress))
    await started.wait()
    planning.cancel()
    with pytest.raises(asyncio.CancelledError):
        await planning
    gc.collect()  # an unclosed file would warn now (and warnings are errors)
    assert dump(target.path) == ([], [])
