"""Backups of a server database, PostgreSQL only: one read-only REPEATABLE READ transaction reads
home-log's users and passwords and our tables, a consistent snapshot, into a new SQLite file made by the
app's own schema (today's backup format: the file checks, read-only opens and file restores all take it).
Restoring such a file into a server: data/server_restore.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from homelog_desktop.data.models import StoredValue, User, UserPassword, sqlite_time_text
from homelog_desktop.data.security_models import AccountState, AuditEntry, EmailKey, Setting, SignInThrottle
from homelog_desktop.data.sqlite_backup import require_free_space
from homelog_desktop.output_files import pending_file

CHUNK = 5000


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


USERS, PASSWORDS, STATES, SETTINGS = _table(User), _table(UserPassword), _table(AccountState), _table(Setting)
# Parents before children: the copy's triggers see each user before the rows that refer to it.
SNAPSHOT_TABLES: tuple[Table, ...] = (
    SETTINGS, USERS, PASSWORDS, _table(EmailKey), STATES, _table(SignInThrottle), _table(AuditEntry),
)


async def _copy_table(source: AsyncConnection, target: AsyncConnection, table: Table) -> int:
    """Every row of `table`, in key order, a chunk at a time; rows the copy's own triggers made for the
    users just copied (email keys, state identities) are replaced by the server's."""
    copied = 0
    copies = [column.name for column in table.columns if isinstance(column.type, StoredValue)]
    result = await source.stream(select(table).order_by(*table.primary_key.columns))
    async for chunk in result.partitions(CHUNK):
        rows = [dict(row._mapping) for row in chunk]
        for row in rows:  # a copy of a time is stored as SQLite holds the time it copies (its text)
            for name in copies:
                if isinstance(row[name], datetime):
                    row[name] = sqlite_time_text(row[name])
        await target.execute(insert(table).prefix_with("OR REPLACE"), rows)
        copied += len(chunk)
    return copied


async def back_up_server(server: AsyncConnection, open_copy: Any, target: Path, *, work_bytes: int = 0) -> Path:
    """Write a snapshot of the server database (on the connection `server`) into the new file `target`
    (owner-only, never overwriting); `open_copy(path)` opens a SQLite database of the app's schema."""
    require_free_space(target.parent, work_bytes)
    with pending_file(target, replace=False) as pending:
        copy = await open_copy(pending.path)
        try:
            async with copy.engine.begin() as writing:
                await writing.exec_driver_sql("DELETE FROM homelog_desktop_settings")  # the server's instead
                async with server.begin():
                    # The first statement fixes the snapshot: every table read as of one moment.
                    await server.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    for table in SNAPSHOT_TABLES:
                        await _copy_table(server, writing, table)
        finally:
            await copy.close()
        for sidecar in (Path(f"{pending.path}-wal"), Path(f"{pending.path}-shm")):
            sidecar.unlink(missing_ok=True)
        pending.commit()
    return target


