"""Reading CSV like a spreadsheet user expects: the delimiter found (comma, semicolon, tab), UTF-8 with or
without a byte order mark and UTF-16 with one, other encodings refused by name; an open quote, a column
given twice (in any case) and an unknown column refused naming the line and column, never accepted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.transfer import OnExisting, RowStatus, read_import_file
from homelog_desktop.services.transfer.csv_reading import MAX_ROW_CHARS
from homelog_desktop.services.workspace import Workspace
from tests.services.transfer.conftest import BCRYPT, dump, write

PEOPLE = [
    ["email", "username", "hashed_password"], ["ann@example.org", "Änne; Ann, A.", BCRYPT], ["bob@example.org", "", ""],
]


def joined(delimiter: str, rows: list[list[str]]) -> str:
    quoted = [[f'"{cell}"' if delimiter in cell else cell for cell in row] for row in rows]
    return "".join(delimiter.join(row) + "\r\n" for row in quoted)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.asyncio
async def test_the_delimiter_is_found_from_the_header(target: Workspace, tmp_path: Path, delimiter: str) -> None:
    path = write(tmp_path / "people.csv", joined(delimiter, PEOPLE))
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert report.written, report.plan.summary()
    ann, bob = await target.accounts.list_page()
    assert (ann.email, ann.username, ann.has_password) == ("ann@example.org", "Änne; Ann, A.", True)
    assert (bob.email, bob.username, bob.has_password) == ("bob@example.org", None, False)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
@pytest.mark.asyncio
async def test_utf8_with_or_without_bom_and_utf16_with_bom(
    target: Workspace, tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(bom + joined(";", PEOPLE).encode(encoding))  # Excel's "Unicode text" is UTF-16 with a BOM
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert report.written
    assert [(a.email, a.username) for a in await target.accounts.list_page()] == [
        ("ann@example.org", "Änne; Ann, A."), ("bob@example.org", None),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email\nrené@example.org\n".encode("cp1252"), "not UTF-8 text (line 2, character 4: the byte 0xE9; perhaps"),
        ("email\nann@example.org\n".encode("utf-32"), "is UTF-32 text; HomeLog reads UTF-8"),
        ("email\nann@example.org\n".encode("utf-16-le"), "is UTF-16 or UTF-32 text without a byte order mark"),
        (b"\xff\xfe" + "email\n".encode("utf-16-le") + b"\x00\xd8\n\x00", "is not valid UTF-16 text (line 2"),
    ],
)
@pytest.mark.asyncio
async def test_other_encodings_are_refused_by_name(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInputError, match=re.escape(message)) as refused:
        await read_import_file(path)
    assert "save it as one of those" in str(refused.value).lower()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # From the issue: each of these was accepted silently.
        ('email,username\nann@example.org,"Ann\nbob@example.org,Bob\n',
         "line 2, column 2 (username): a quote opens this field and is never closed"),
        ('email,username\nbob@example.org,Bob\nann@example.org,"Ann',
         "line 3, column 2 (username): a quote opens this field and is never closed"),
        ("email,EMAIL\nann@example.org,bob@example.org\n",
         "line 1, column 2: “EMAIL” is the same column as “email” before it"),
        ("email,username,passwd\nann@example.org,Ann,Secret7x\n",
         "line 1, column 3: “passwd” is not a column HomeLog imports"),
        ("name;username\nx;y\n", "has no email column"),
        # More of the same kinds.
        ('email,username\nann@example.org,"Ann"x\n', "line 2, column 2 (username): text follows the closing quote"),
        ('email,username\nann@example.org,"Ann\n\n""quoted""\n', "line 2, column 2 (username): a quote opens"),
        ("Email, username ,USERNAME\n", "line 1, column 3: “USERNAME” is the same column as “ username ”"),
        ("email,username,\n", "line 1, column 3: the column has no name"),
        ('"email,username\n', "line 1, column 1: a quote opens this field and is never closed"),
        ("email,password\nann@example.org,Secret7x\n", "never passwords in clear"),
        ("\n", "its first line is blank"),
        ("email\n" + "a" * MAX_ROW_CHARS + "\n", f"line 2: the row is longer than {MAX_ROW_CHARS:,} characters"),
        ('email,username\nann@example.org,"' + "a" * MAX_ROW_CHARS, "line 2, column 2 (username): a quote opens"),
    ],
)
@pytest.mark.asyncio
async def test_files_that_cannot_be_read_whole_are_refused_naming_line_and_column(
    target: Workspace, tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path / "people.csv", text)
    with pytest.raises(InvalidInputError, match=re.escape(message)) as refused:
        await target.transfer.import_file(path, OnExisting.ABORT)
    assert "Secret7x" not in str(refused.value) and "\n" not in str(refused.value)
    assert dump(target.path) == ([], []) and not list(tmp_path.glob("*before-import*"))


@pytest.mark.asyncio
async def test_quoted_line_breaks_and_doubled_quotes_are_cells_not_errors(target: Workspace, tmp_path: Path) -> None:
    text = 'email,username\n"ann@example.org","The ""A"" team"\nbob@example.org,"Bob\nby"\n'
    path = write(tmp_path / "people.csv", text)
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert [(r.number, r.email, r.status) for r in report.plan.rows] == [
        (1, "ann@example.org", RowStatus.CREATE), (2, "bob@example.org", RowStatus.ERROR),  # a line break in a name
    ]
    assert report.plan.rows[1].reason == "The name contains control characters."


@pytest.mark.asyncio
async def test_a_row_error_keeps_its_row_number_across_blank_lines(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "email,username\n\nann@example.org,Ann\n;;\n , \nnot-an-email,X\n")
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert [(r.number, r.email, r.status) for r in report.plan.rows] == [
        (1, "ann@example.org", RowStatus.CREATE), (2, ";;", RowStatus.ERROR), (3, "not-an-email", RowStatus.ERROR),
    ]
