"""Validating import rows: the account rules, hash formats, dates, addresses given twice; the loop is given
back between chunks."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.services.transfer import (
    HASH_FIELD,
    OnExisting,
    RowStatus,
    hash_problem,
    read_import_file,
)
from homelog_desktop.services.transfer.planning import VALIDATION_CHUNK
from homelog_desktop.services.workspace import Workspace
from tests.services.transfer.conftest import (
    ARGON2,
    BCRYPT,
    dump,
    write,
)


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
async def test_row_problems(target: Workspace, tmp_path: Path, fields: dict[str, Any], problem: str) -> None:
    path = write(tmp_path / "rows.json", json.dumps([fields]))
    report = await target.transfer.import_file(path, OnExisting.ABORT)
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
async def test_duplicate_addresses_in_the_file_are_errors(target: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", "email\nann@example.org\nbob@example.org\nANN@Example.org\n")
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert [r.status for r in report.plan.rows] == [RowStatus.CREATE, RowStatus.CREATE, RowStatus.ERROR]
    assert report.plan.rows[2].reason == "The same email address as row 1."
    assert dump(target.path) == ([], [])


@pytest.mark.asyncio
async def test_validation_gives_the_loop_back_between_chunks(target: Workspace, tmp_path: Path) -> None:
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
    plan = await target.transfer.plan_import(
        source, OnExisting.ABORT, progress=lambda done, _total: progress.append(done)
    )
    ticker.cancel()
    assert len(plan.rows) == rows
    assert progress == [VALIDATION_CHUNK * n for n in range(1, 6)]
    assert ticks >= 5  # other tasks ran between the chunks


BCRYPT_TAIL = "EdPJ3siZuCaxCnRC5FVv9e.37JYGlD3RgbcZPMtKWYbBwKejIR/zS"


@pytest.mark.parametrize(
    ("hashed", "problem"),
    [
        (f"$2b$31${BCRYPT_TAIL}", "The bcrypt hash has cost 31; only costs 4 to 16 are accepted."),
        ("$argon2id$v=19$m=2097152,t=100,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "time cost 100"),
        ("$argon2id$v=19$m=1,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "memory 1 KiB"),
        ("$argon2id$v=19$m=4294967295,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "memory 4,294,967,295"),
        ("$argon2id$v=99$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", "version 99"),
        (BCRYPT[:-1], "looks like bcrypt but is malformed"),  # truncated: the right password would never match
    ],
    # Named, not by value: BCRYPT is hashed with a random salt, and parallel workers must collect the same ids.
    ids=["bcrypt cost 31", "argon2 time 100", "argon2 memory 1 KiB", "argon2 memory 4 TiB", "argon2 v99",
         "bcrypt malformed"],
)
@pytest.mark.asyncio
async def test_hashes_that_would_hang_or_lock_an_account_are_row_errors(
    target: Workspace, tmp_path: Path, hashed: str, problem: str
) -> None:
    rows = [{"email": "ann@example.org", HASH_FIELD: BCRYPT}, {"email": "bob@example.org", HASH_FIELD: hashed}]
    path = write(tmp_path / "h.json", json.dumps(rows))
    report = await target.transfer.import_file(path, OnExisting.ABORT)
    assert [r.status for r in report.plan.rows] == [RowStatus.CREATE, RowStatus.ERROR]
    assert problem in report.plan.rows[1].reason and hashed not in report.plan.rows[1].reason
    assert dump(target.path) == ([], []) and not list(tmp_path.glob("*before-import*"))
