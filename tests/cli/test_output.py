"""How homelog-admin prints (cli/output.py): escaped text, dates, tables sized on their first page, JSON
arrays printed as they come."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from homelog_desktop.cli.output import JsonArray, Table, clean, error_line, iso, warning_line, when


def test_clean_escapes_control_characters_only() -> None:
    assert clean("Ann Müller") == "Ann Müller"
    assert clean("Eve\x1b[2J\nline\ttab") == "Eve\\x1b[2J\\nline\\ttab"


def test_dates() -> None:
    moment = datetime(2026, 3, 1, 12, 5, 9, 123456, tzinfo=UTC)
    assert when(moment) == "2026-03-01 12:05:09"
    assert when(None) == "-"
    assert iso(moment) == "2026-03-01T12:05:09.123456+00:00"
    assert iso(None) is None


def test_a_table_is_sized_on_its_first_page(capsys: pytest.CaptureFixture[str]) -> None:
    table = Table(("ID", "EMAIL"))
    table.print_page([("1", "ann@example.com"), ("22", "bo@example.com")])
    table.print_page([("333", "a.much.longer.address@example.com")])  # printed as it comes, not re-sized
    assert capsys.readouterr().out.splitlines() == [
        "ID  EMAIL",
        "1   ann@example.com",
        "22  bo@example.com",
        "333  a.much.longer.address@example.com",
    ]


def test_an_empty_table_still_has_its_header(capsys: pytest.CaptureFixture[str]) -> None:
    Table(("ID", "EMAIL")).print_page([])
    assert capsys.readouterr().out == "ID  EMAIL\n"


@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_json_array_printed_an_item_at_a_time_is_json(count: int, capsys: pytest.CaptureFixture[str]) -> None:
    array = JsonArray()
    for number in range(count):
        array.add({"id": number})
    array.close()
    out = capsys.readouterr().out
    assert json.loads(out) == [{"id": number} for number in range(count)]
    assert out == "[]\n" if count == 0 else len(out.splitlines()) == count + 2


def test_error_and_warning_lines_go_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    error_line("No account 9 was found.")
    warning_line("bcrypt among Argon2 hashes")
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "homelog-admin: No account 9 was found.\nhomelog-admin: warning: bcrypt among Argon2 hashes\n"
