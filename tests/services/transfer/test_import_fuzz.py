"""Import fuzzing: CSV and JSON files of any structure (headers in any case, stray or doubled quotes, any
delimiter, cut short, other encodings; nesting, huge numbers, lone surrogates, wrong types) are either
refused whole with one printable sentence or planned correctly, row by row; never a crash."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.transfer import ImportPlan, OnExisting, RowStatus, read_import_file
from homelog_desktop.services.workspace import Workspace
from tests.conftest import TEST_BCRYPT_COST
from tests.services.transfer.conftest import ARGON2, BCRYPT

T = TypeVar("T")
FIELDS = ["id", "email", "username", "has_password", "created_at", "updated_at", "hashed_password"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

# Cells: addresses, names, hashes, dates and the characters that trouble CSV and spreadsheets.
TRICKY = st.sampled_from(['"', "'", ",", ";", "\t", "\r", "\n", "\r\n", "=", "+", "-", "@", "\x00", "\ufeff", "é", " "])
CELLS = st.one_of(
    st.emails().map(str),
    st.text(max_size=12),
    st.lists(TRICKY | st.text(max_size=3), max_size=6).map("".join),
    st.sampled_from([BCRYPT, ARGON2, "$2b$31$" + BCRYPT[7:], "$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
                     "2024-05-01T12:30:00+00:00", "0001-01-01T00:00:00+01:00", "true", "", "'=1+1"]),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), CELLS,
    st.integers(1, 4000).map(lambda digits: int("9" * digits)),  # json.dumps writes no more than 4,300
    st.sampled_from(["\ud800", "a\udfff@example.org", "\ud83d\ude00"]),
)
JSON_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)
KEYS = st.one_of(
    st.sampled_from(FIELDS).flatmap(lambda key: st.sampled_from([key, key.upper(), f" {key.title()} "])),
    st.sampled_from(["passwd", "password", "", "Email"]),
)


def run(loop: asyncio.AbstractEventLoop, work: Coroutine[Any, Any, T]) -> T:
    return loop.run_until_complete(work)


def refused_or_planned(loop: asyncio.AbstractEventLoop, workspace: Workspace, path: Path) -> ImportPlan | None:
    """The plan of a file, or None when it was refused whole with one printable sentence naming it."""
    try:
        source = run(loop, read_import_file(path))
        plan = run(loop, workspace.transfer.plan_import(source, OnExisting.SKIP))
    except InvalidInputError as error:
        message = str(error)
        assert message and "\n" not in message and path.name in message, message
        message.encode("utf-8")
        return None
    assert len(plan.rows) == source.row_count
    for number, row in enumerate(plan.rows, start=1):
        assert row.number == number and row.status in (RowStatus.CREATE, RowStatus.ERROR)
        assert row.status is RowStatus.CREATE or row.reason
        (row.email + row.reason).encode("utf-8")  # printable: no lone surrogate reaches a report
    records = list(plan.records)
    assert len(records) == plan.counts[RowStatus.CREATE]
    for record in records:
        (record.email + (record.username or "") + (record.hashed_password or "")).encode("utf-8")
    return plan


def unguarded(cell: str) -> str:
    """The documented rule: an apostrophe before =, +, -, @, tab, CR or another apostrophe is taken off."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r'" else cell


def known_keys(entry: Any) -> bool:
    """Whether an entry's keys are the import's, each once in any case (other entries are row errors)."""
    if not isinstance(entry, dict):
        return True
    keys = [key.strip().lower() for key in entry]
    return len(set(keys)) == len(keys) and set(keys) <= set(FIELDS)


def written_csv(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    stream = io.StringIO()
    # "\r\n": Python 3.11's csv quotes a cell only for the line terminator's characters, so a lone CR
    # would end a row unquoted with "\n".
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue()


def test_csv_files_of_any_structure_are_refused_or_planned(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    workspace = run(loop, Workspace.open(tmp_path / "fuzz.db", bcrypt_cost=TEST_BCRYPT_COST))
    path = tmp_path / "fuzz.csv"

    @SETTINGS
    @given(
        header=st.lists(KEYS, min_size=1, max_size=5),
        rows=st.lists(st.lists(CELLS, max_size=6), max_size=6),
        delimiter=st.sampled_from([",", ";", "\t", "|"]),
        cut=st.none() | st.integers(0, 400),
        stray_quote=st.none() | st.integers(0, 400),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "utf-32"]),
    )
    def check(
        header: list[str], rows: list[list[str]], delimiter: str, cut: int | None, stray_quote: int | None,
        encoding: str,
    ) -> None:
        text = written_csv(header, rows, delimiter)
        if stray_quote is not None:
            text = text[:stray_quote] + '"' + text[stray_quote:]
        if cut is not None:
            text = text[:cut]
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8", "replace")
        path.write_bytes(data)
        refused_or_planned(loop, workspace, path)

    try:
        check()
    finally:
        run(loop, workspace.close())
        loop.close()


def test_a_well_formed_csv_is_planned_row_by_row(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    workspace = run(loop, Workspace.open(tmp_path / "fuzz.db", bcrypt_cost=TEST_BCRYPT_COST))
    path = tmp_path / "fuzz.csv"

    @SETTINGS
    @given(
        extra=st.lists(st.sampled_from(FIELDS[2:]), min_size=1, max_size=4, unique=True),
        rows=st.lists(st.tuples(CELLS, st.lists(CELLS, min_size=4, max_size=4)), max_size=8),
        delimiter=st.sampled_from([",", ";", "\t"]),
        upper=st.booleans(),
    )
    def check(extra: list[str], rows: list[tuple[str, list[str]]], delimiter: str, upper: bool) -> None:
        header = ["EMAIL" if upper else "email", *extra]
        cells = [[email, *others[: len(extra)]] for email, others in rows]
        path.write_text(written_csv(header, cells, delimiter), encoding="utf-8")
        plan = refused_or_planned(loop, workspace, path)
        assert plan is not None
        kept = [row for row in cells if "".join(row).strip()]  # blank lines are not rows
        assert len(plan.rows) == len(kept)
        for report, row in zip(plan.rows, kept, strict=True):
            if report.status is RowStatus.CREATE:
                assert report.email == unguarded(row[0]).strip()

    try:
        check()
    finally:
        run(loop, workspace.close())
        loop.close()


def test_json_of_any_structure_is_refused_or_planned(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    workspace = run(loop, Workspace.open(tmp_path / "fuzz.db", bcrypt_cost=TEST_BCRYPT_COST))
    path = tmp_path / "fuzz.json"
    entries = st.one_of(st.dictionaries(KEYS, SCALARS, max_size=5), JSON_VALUES)

    @SETTINGS
    @given(
        document=st.one_of(st.lists(entries, max_size=6), JSON_VALUES),
        depth=st.none() | st.integers(1, 100_000),
        cut=st.none() | st.integers(0, 300),
        indent=st.none() | st.integers(0, 3),
        huge=st.booleans(),
    )
    def check(document: Any, depth: int | None, cut: int | None, indent: int | None, huge: bool) -> None:
        text = json.dumps(document, indent=indent)
        if huge:  # more digits than int() takes
            text = text.replace("null", "-" + "9" * 5000 + ".5e-99999", 1)
        if depth is not None:
            text = "[" * depth + text + "]" * depth
        if cut is not None:
            text = text[:cut]
        path.write_text(text, encoding="utf-8")
        plan = refused_or_planned(loop, workspace, path)
        if depth is None and cut is None and isinstance(document, list):
            # Only keys refuse a well-formed array whole; anything else is a row's error.
            assert plan is not None or not all(map(known_keys, document))
        if depth is None and cut is None and isinstance(document, list) and plan is not None:
            assert len(plan.rows) == len(document)
            for report, entry in zip(plan.rows, document, strict=True):
                if report.status is RowStatus.CREATE:
                    assert isinstance(entry, dict)
                    assert report.email == next(v for k, v in entry.items() if k.strip().lower() == "email").strip()

    try:
        check()
    finally:
        run(loop, workspace.close())
        loop.close()
