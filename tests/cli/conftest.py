"""Fixtures of the command line's tests: homelog-admin run in-process, bcrypt at cost 4."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from homelog_desktop.cli.admin import main
from homelog_desktop.logs import configure_logging
from tests.conftest import TEST_BCRYPT_COST


@pytest.fixture(autouse=True)
def tests_logging_again() -> Iterator[None]:
    """main() configures logging for homelog-admin (its own log file); the next test logs as tests do."""
    yield
    configure_logging("homelog-tests", terminal=False)


@pytest.fixture
def admin_on(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    """admin_on(db, *args, stdin=None) -> (exit code, stdout, stderr), on any database file; stdin as text,
    or as bytes (read as a terminal's or a pipe's: a binary stream beneath a text one)."""

    def run(db: Path, *args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
        capsys.readouterr()
        if isinstance(stdin, bytes):
            binary = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
            monkeypatch.setattr("sys.stdin", binary)
        elif stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", str(db), "--bcrypt-cost", str(TEST_BCRYPT_COST), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def admin(admin_on: Any, db_path: Path) -> Any:
    """admin(*args, stdin=None) -> (exit code, stdout, stderr), on the test database."""
    return lambda *args, stdin=None: admin_on(db_path, *args, stdin=stdin)
