"""What every connection of ours does on a real file (sqlite_engine.py): text that is not UTF-8 is refused in
a sentence, and the -wal and -shm files of a database others can read are kept from them while open."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from homelog_desktop.data.database import Database
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import UndecodableTextError
from tests.data.test_database import AUDIT
from tests.helpers.homelog_schema import create_homelog_database


def mode(path: Path | str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def store_undecodable_name(path: Path) -> None:
    """home-log (or any program) storing Latin-1 bytes as TEXT, as SQLite lets it."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE users SET username = CAST(x'4dfc6c6c6572' AS TEXT) WHERE id = 1")  # Müller


# Issue 11, item 1: values read from the database are decoded with a clear refusal.


@pytest.mark.asyncio
@pytest.mark.parametrize("read_only", [False, True])
async def test_text_that_is_not_utf8_is_refused_in_a_sentence(db_path: Path, read_only: bool) -> None:
    create_homelog_database(db_path, [("anna@example.com", "Anna")])
    if read_only:
        first = await Database.open_sqlite(db_path)  # our schema first: read-only opens do not add it
        await first.close()
    store_undecodable_name(db_path)
    database = await Database.open_sqlite(db_path, read_only=read_only)
    try:
        with pytest.raises(UndecodableTextError) as refused:
            await UserDao(database).get_by_email("anna@example.com")
        assert str(refused.value) == (
            f"{db_path} holds text that is not valid UTF-8 (written by another program), so it cannot be read "
            "here; repair it with the sqlite3 tool."
        )
        # The connection is still good for what can be read.
        assert await UserDao(database).get_by_email("nobody@example.com") is None
    finally:
        await database.close()


@pytest.mark.asyncio
async def test_utf8_text_reads_as_it_is(database: Database) -> None:
    users = UserDao(database)
    created = await users.create(email="zoë@example.com", username="Zoë 鈴木 🏠", audit=AUDIT)
    row = await users.get_by_email("zoë@example.com")
    assert row is not None and row.username == "Zoë 鈴木 🏠" and row.id == created.id


# Issue 11, "Leftovers and odd messages": a 0644 database (as home-log may leave it) gave its -wal and -shm
# the same mode, so every hash written while it was open was readable by all.


@pytest.mark.asyncio
async def test_the_write_ahead_log_of_a_database_others_can_read_is_not_world_readable(db_path: Path) -> None:
    create_homelog_database(db_path, [("anna@example.com", "Anna")])
    db_path.chmod(0o664)  # group-shared with a home-log service, and readable by all
    database = await Database.open_sqlite(db_path)
    try:
        users = UserDao(database)

        async def write(number: int) -> None:
            await users.create(email=f"user{number}@example.com", username=None, audit=AUDIT)

        # Several connections at once: each one that opens the -wal makes SQLite set its mode again.
        for batch in range(3):
            await asyncio.gather(*(write(batch * 10 + n) for n in range(5)), users.count())
            for sidecar in (f"{db_path}-wal", f"{db_path}-shm"):
                assert mode(sidecar) & 0o007 == 0, (sidecar, oct(mode(sidecar)))
                assert mode(sidecar) & 0o060 == 0o060  # the group keeps what the database gives it
    finally:
        await database.close()
    assert mode(db_path) == 0o664  # the database's own mode is the user's to change (they are told so)


@pytest.mark.asyncio
async def test_a_private_database_keeps_private_companions(database: Database) -> None:
    await UserDao(database).create(email="a@example.com", username=None, audit=AUDIT)
    assert mode(database.path) == 0o600
    assert mode(f"{database.path}-wal") == 0o600 and mode(f"{database.path}-shm") == 0o600
