"""Reading an import file: CSV or JSON, what makes a file unusable as a whole, encodings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.transfer import (
    OnExisting,
    read_import_file,
)
from homelog_desktop.services.workspace import Workspace
from tests.services.transfer.conftest import (
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
