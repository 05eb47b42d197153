"""Deleting an account so that it can be put back: what it was (with its hash, its state and home-log's
rows that referred to it), and putting it back. Runs inside UserDao's writing transactions."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.account_state_dao import StateSnapshot
from homelog_desktop.data.account_states import STATE_FIELDS
from homelog_desktop.data.email_keys import fill_email_keys
from homelog_desktop.data.models import StoredTime, User, UserPassword, utc_now
from homelog_desktop.data.security_models import AccountState, state_belongs_to

# home-log's rows that refer to a user, and that deleting the user leaves behind with NULL there.
HOMELOG_REFERENCES = (("data_sources", "owner_id"), ("readings", "created_by_id"))
_ID_CHUNK = 500


@dataclass(frozen=True)
class DeletedUser:
    """Everything needed to undo a delete; its repr never shows the hash."""

    id: int
    email: str
    username: str | None
    created_at: StoredTime
    updated_at: StoredTime | None
    hashed_password: str | None = field(repr=False)
    password_updated_at: StoredTime | None
    references: dict[tuple[str, str], list[int]]
    # This app's account state row, which ON DELETE CASCADE removes with the user; None when it had none
    # (a plain member).
    state: StateSnapshot | None = None


def _existing_columns(connection: Any, wanted: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    found = inspect(connection)
    tables = set(found.get_table_names())
    return [
        (table, column) for table, column in wanted
        if table in tables and column in {c["name"] for c in found.get_columns(table)}
    ]


async def reference_columns(session: AsyncSession) -> list[tuple[str, str]]:
    """home-log's (table, column) pairs that refer to users and exist in this database."""
    connection = await session.connection()
    columns: list[tuple[str, str]] = await connection.run_sync(_existing_columns, HOMELOG_REFERENCES)
    return columns


async def count_references(session: AsyncSession, user_id: int) -> dict[tuple[str, str], int]:
    """How many of home-log's rows refer to this user, per (table, column) that exists here."""
    counts = {}
    for table, column in await reference_columns(session):
        statement = text(f"SELECT count(*) FROM {table} WHERE {column} = :user_id")
        counts[(table, column)] = int(await session.scalar(statement, {"user_id": user_id}) or 0)
    return counts


async def _referring_rows(
    session: AsyncSession, columns: list[tuple[str, str]], user_ids: list[int]
) -> dict[int, dict[tuple[str, str], list[int]]]:
    """For each user, home-log's rows (ids, in order) that refer to it, per (table, column)."""
    rows: dict[int, dict[tuple[str, str], list[int]]] = {user_id: {pair: [] for pair in columns}
                                                         for user_id in user_ids}
    for table, column in columns:
        statement = text(f"SELECT {column}, id FROM {table} WHERE {column} IN :user_ids ORDER BY id")
        statement = statement.bindparams(bindparam("user_ids", expanding=True))
        for user_id, row_id in await session.execute(statement, {"user_ids": user_ids}):
            rows[user_id][(table, column)].append(row_id)
    return rows


async def forget_user(session: AsyncSession, user_id: int) -> DeletedUser:
    """Delete a user (the caller checked it exists and may go) and say what it was."""
    return (await forget_users(session, [user_id]))[0]


async def forget_users(session: AsyncSession, user_ids: Sequence[int]) -> list[DeletedUser]:
    """Delete users (the caller checked they exist and may go) and say what each was, in order; a
    constant number of statements per chunk of ids, so a large set holds the write lock briefly."""
    columns = await reference_columns(session)
    deleted: dict[int, DeletedUser] = {}
    for start in range(0, len(user_ids), _ID_CHUNK):
        chunk = list(user_ids[start:start + _ID_CHUNK])
        users = (await session.execute(
            select(User.id, User.email, User.username, User.created_at, User.updated_at).where(User.id.in_(chunk))
        )).all()
        passwords = {row.user_id: row for row in (await session.execute(
            select(UserPassword.user_id, UserPassword.hashed_password, UserPassword.updated_at)
            .where(UserPassword.user_id.in_(chunk))
        )).all()}
        states = {state.user_id: state for state in (await session.execute(
            select(AccountState.user_id, *(getattr(AccountState, name) for name in STATE_FIELDS))
            .join(User, state_belongs_to()).where(AccountState.user_id.in_(chunk))
        )).all()}
        references = await _referring_rows(session, columns, chunk)
        for user in users:
            password = passwords.get(user.id)
            state = states.get(user.id)
            deleted[user.id] = DeletedUser(
                id=user.id, email=user.email, username=user.username, created_at=user.created_at,
                updated_at=user.updated_at,
                hashed_password=password.hashed_password if password else None,
                password_updated_at=password.updated_at if password else None,
                references=references[user.id],
                state=StateSnapshot(**{name: getattr(state, name) for name in STATE_FIELDS}) if state else None,
            )
        for table, column in columns:  # explicitly, in case the file was made without ON DELETE SET NULL
            await session.execute(
                text(f"UPDATE {table} SET {column} = NULL WHERE {column} IN :user_ids")
                .bindparams(bindparam("user_ids", expanding=True)), {"user_ids": chunk},
            )
        await session.execute(
            delete(User).where(User.id.in_(chunk)).execution_options(synchronize_session=False)
        )
    return [deleted[user_id] for user_id in user_ids]


async def put_back_user(session: AsyncSession, deleted: DeletedUser) -> int:
    """Insert a deleted user again with its password, state and references; its id (a new one when
    SQLite has handed the old one to another account meanwhile)."""
    return (await put_back_users(session, [deleted]))[0]


async def put_back_users(session: AsyncSession, deleted: Sequence[DeletedUser]) -> list[int]:
    """Insert deleted users again (see put_back_user), a chunk at a time; their ids, in order."""
    now = utc_now()
    new_ids: list[int] = []
    for start in range(0, len(deleted), _ID_CHUNK):
        chunk = list(deleted[start:start + _ID_CHUNK])
        taken = set((await session.scalars(select(User.id).where(User.id.in_([d.id for d in chunk])))).all())
        free = [d for d in chunk if d.id not in taken]
        if free:
            await session.execute(insert(User), [_user_values(d, d.id, now) for d in free])
        ids = {d.id: d.id for d in free}
        for d in chunk:
            if d.id in taken:  # SQLite handed the id to another account meanwhile: a new one
                user = User(**_user_values(d, None, now))
                session.add(user)
                await session.flush()
                ids[d.id] = user.id
        chunk_ids = [ids[d.id] for d in chunk]
        passwords = [
            {"user_id": ids[d.id], "hashed_password": d.hashed_password, "updated_at": d.password_updated_at or now}
            for d in chunk if d.hashed_password is not None
        ]
        if passwords:
            await session.execute(insert(UserPassword), passwords)
        # A row left under an id by an earlier account is never this one's: it goes, and a new row (whose
        # identity the trigger copies from the account put back) takes its place.
        await session.execute(
            delete(AccountState).where(AccountState.user_id.in_(chunk_ids)).execution_options(synchronize_session=False)
        )
        states = [{"user_id": ids[d.id], **dataclasses.asdict(d.state)} for d in chunk if d.state is not None]
        if states:
            await session.execute(insert(AccountState), states)
        references: dict[tuple[str, str], list[dict[str, int]]] = {}
        for d in chunk:
            for pair, row_ids in d.references.items():
                references.setdefault(pair, []).extend({"user_id": ids[d.id], "id": row_id} for row_id in row_ids)
        for (table, column), rows in references.items():
            if rows:
                await session.execute(
                    text(f"UPDATE {table} SET {column} = :user_id WHERE {column} IS NULL AND id = :id"), rows
                )
        new_ids += chunk_ids
    await fill_email_keys(session)
    return new_ids


def _user_values(deleted: DeletedUser, user_id: int | None, now: datetime) -> dict[str, Any]:
    values: dict[str, Any] = {
        "email": deleted.email, "username": deleted.username or "", "created_at": deleted.created_at,
        "updated_at": deleted.updated_at or now,
    }
    if user_id is not None:
        values["id"] = user_id
    return values
