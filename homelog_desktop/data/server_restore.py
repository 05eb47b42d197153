"""Restoring a backup file into a server database, PostgreSQL only: a plan first (which accounts will be
created, updated, left as they are), then one writing transaction that upserts by id, never deletes or
truncates (home-log's data sources and readings refer to users), appends the audit entries of what it
wrote, and moves the users' identity on past the highest id (setval).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.audit_dao import AuditDraft, append_audits
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.email_keys import email_key, fill_email_keys
from homelog_desktop.data.models import StoredValue, User, UserPassword, parse_stored_time
from homelog_desktop.data.server_backup import CHUNK, PASSWORDS, SETTINGS, STATES, USERS
from homelog_desktop.data.sqlite_backup import check_sqlite_file_for_restore
from homelog_desktop.data.sqlite_files import connect_read_only
from homelog_desktop.errors import HomeLogError

_ACCOUNT_FIELDS = ("email", "username", "created_at", "updated_at")


class RestoreConflictError(HomeLogError):
    """A backup whose account would take an email address another account holds on the server."""

    def __init__(self, email: str, count: int) -> None:
        others = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(
            f"Nothing was restored: the backup's {email}{others} is held by another account on the server; "
            "change or remove that account first."
        )


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a backup file would do, by account id: created, updated, left as they are (the same
    in both), and accounts only the server has (never touched)."""

    source: Path
    description: str
    create: list[int] = field(default_factory=list)
    update: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    only_on_server: int = 0
    email_conflicts: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what would be written."""
        return (f"{len(self.create):,} to create, {len(self.update):,} to update, {len(self.unchanged):,} "
                f"unchanged; {self.only_on_server:,} only on the server, left as they are")


def _read_backup(source: Path) -> dict[str, list[dict[str, Any]]]:
    """The accounts, passwords, states and settings of a backup file (read-only, never modified)."""
    with contextlib.closing(connect_read_only(source)) as connection:
        connection.row_factory = sqlite3.Row
        rows: dict[str, list[dict[str, Any]]] = {}
        for table in (USERS, PASSWORDS, STATES, SETTINGS):
            try:
                found = connection.execute(f'SELECT * FROM "{table.name}"').fetchall()
            except sqlite3.OperationalError:  # a backup of home-log's tables alone: no table of ours
                found = []
            rows[table.name] = [dict(row) for row in found]
    return rows


def _typed(table: Table, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows read as SQLite stores them, as the server's columns take them (times, booleans)."""
    typed = []
    for row in rows:
        values = {}
        for name, value in row.items():
            if name not in table.c:
                continue
            column_type = table.c[name].type
            if isinstance(column_type, StoredValue):  # a copy of a time, as the server's timestamptz
                values[name] = parse_stored_time(value) if value is not None else None
                continue
            processor = column_type.result_processor(_SQLITE_DIALECT, None)
            values[name] = processor(value) if processor is not None and value is not None else value
        typed.append(values)
    return typed


def _sqlite_dialect() -> Any:
    from sqlalchemy.dialects.sqlite.aiosqlite import dialect

    return dialect()


_SQLITE_DIALECT = _sqlite_dialect()


def _as_stored(user: dict[str, Any]) -> dict[str, Any]:
    """A backup's account as home-log's server columns hold it: a name ('' for none) and an update time."""
    return {**user, "username": user["username"] or "", "updated_at": user["updated_at"] or user["created_at"]}


async def move_identity_on(session: AsyncSession) -> None:
    """Move the users' identity past the highest id (never back): rows copied in with their ids leave it
    behind, and home-log's next account would then collide."""
    sequence = await session.scalar(text("SELECT pg_get_serial_sequence('users', 'id')"))
    if sequence is None:
        return
    last = (await session.execute(text(f"SELECT last_value, is_called FROM {sequence}"))).one()
    highest = await session.scalar(text("SELECT max(id) FROM users"))
    if highest is not None and (highest > last.last_value or (highest == last.last_value and not last.is_called)):
        await session.execute(text("SELECT setval(CAST(:sequence AS regclass), :value)"),
                              {"sequence": sequence, "value": highest})


def read_backup(source: Path) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """Check a backup file as a file restore does, and read its rows as the server takes them (blocking)."""
    description = check_sqlite_file_for_restore(source)
    raw = _read_backup(source)
    tables = {table.name: table for table in (USERS, PASSWORDS, STATES,
                                              SETTINGS)}
    typed = {name: _typed(tables[name], rows) for name, rows in raw.items()}
    typed[USERS.name] = [_as_stored(user) for user in typed[USERS.name]]
    return description, typed


async def plan_restore(
    session: AsyncSession, source: Path, description: str, rows: dict[str, list[dict[str, Any]]]
) -> RestorePlan:
    """Compare the backup's accounts with the server's, by id (and email keys, for taken addresses)."""
    plan = RestorePlan(source, description)
    users = rows[USERS.name]
    hashes = {row["user_id"]: row["hashed_password"] for row in rows[PASSWORDS.name]}
    server = {row.id: row for row in (await session.execute(
        select(User.id, User.email, User.username, User.created_at, User.updated_at, UserPassword.hashed_password)
        .outerjoin(UserPassword, UserPassword.user_id == User.id)
    )).all()}
    keys = {email_key(row.email): row.id for row in server.values()}
    for user in users:
        current = server.get(user["id"])
        holder = keys.get(email_key(user["email"]))
        if holder is not None and holder != user["id"]:
            plan.email_conflicts.append(user["email"])
        if current is None:
            plan.create.append(user["id"])
        elif any(getattr(current, name) != user[name] for name in _ACCOUNT_FIELDS) or (
            current.hashed_password != hashes.get(user["id"])
        ):
            plan.update.append(user["id"])
        else:
            plan.unchanged.append(user["id"])
    in_backup = {user["id"] for user in users}
    return RestorePlan(**{**plan.__dict__, "only_on_server": sum(1 for i in server if i not in in_backup)})


async def apply_restore(
    session: AsyncSession, plan: RestorePlan, rows: dict[str, list[dict[str, Any]]], audit: AuditDraft
) -> None:
    """Write the plan in the caller's writing transaction: upserts by id, nothing deleted but the password
    and state rows of restored accounts that had none in the backup; audited; the identity moved on."""
    if plan.email_conflicts:
        raise RestoreConflictError(plan.email_conflicts[0], len(plan.email_conflicts))
    written = set(plan.create) | set(plan.update)
    users = [row for row in rows[USERS.name] if row["id"] in written]
    for table, key, chunk_rows in (
        (USERS, "id", users),
        (PASSWORDS, "user_id", [r for r in rows[PASSWORDS.name] if r["user_id"] in written]),
        (STATES, "user_id", [r for r in rows[STATES.name] if r["user_id"] in written]),
        (SETTINGS, "key", rows[SETTINGS.name]),
    ):
        if table is not USERS and table is not SETTINGS:
            with_rows = {row[key] for row in chunk_rows}
            gone = [user_id for user_id in written if user_id not in with_rows]
            for start in range(0, len(gone), CHUNK):
                await session.execute(delete(table).where(table.c[key].in_(gone[start:start + CHUNK])))
        for start in range(0, len(chunk_rows), CHUNK):
            part = chunk_rows[start:start + CHUNK]
            statement = postgresql_insert(table).values(part)
            columns = {name: statement.excluded[name] for name in part[0] if name != key}
            await session.execute(statement.on_conflict_do_update(index_elements=[key], set_=columns))
    await move_identity_on(session)
    await fill_email_keys(session)
    await append_audits(session, [audit.about(row["id"], row["email"]) for row in users])


class ServerRestoreDao:
    """Restores of backup files into the server database of `database`."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @database_call
    async def plan(self, source: Path) -> RestorePlan:
        """What restoring `source` would do now (reads only)."""
        description, rows = await asyncio.to_thread(read_backup, source)
        async with self.database.sessions() as session:
            return await plan_restore(session, source, description, rows)

    @database_call
    async def restore(self, source: Path, *, audit: AuditDraft) -> RestorePlan:
        """Restore `source` in one writing transaction, planned again under the write lock (the server may
        have changed since the preview); all or nothing. What it did."""
        description, rows = await asyncio.to_thread(read_backup, source)
        async with self.database.writing() as session:
            plan = await plan_restore(session, source, description, rows)
            await apply_restore(session, plan, rows, audit)
        return plan
