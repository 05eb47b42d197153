"""Deleting an account so that it can be put back: what it was (with its hash, its state and home-log's
rows that referred to it), and putting it back. Runs inside UserDao's writing transactions."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, inspect, text
from sqlalchemy.ext.asyncio import AsyncSession

from homelog_desktop.data.account_state_dao import StateSnapshot
from homelog_desktop.data.account_states import current_state
from homelog_desktop.data.email_keys import fill_email_keys
from homelog_desktop.data.models import StoredTime, User, UserPassword, utc_now
from homelog_desktop.data.security_models import AccountState

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


async def _referring_rows(session: AsyncSession, user_id: int) -> dict[tuple[str, str], list[int]]:
    rows = {}
    for table, column in await reference_columns(session):
        statement = text(f"SELECT id FROM {table} WHERE {column} = :user_id ORDER BY id")
        rows[(table, column)] = list(await session.scalars(statement, {"user_id": user_id}))
    return rows


async def forget_user(session: AsyncSession, user_id: int) -> DeletedUser:
    """Delete a user (the caller checked it exists and may go) and say what it was."""
    user = await session.get(User, user_id)
    assert user is not None
    password = await session.get(UserPassword, user_id)
    state = await current_state(session, user_id)
    references = await _referring_rows(session, user_id)
    snapshot = DeletedUser(
        id=user.id, email=user.email, username=user.username, created_at=user.created_at,
        updated_at=user.updated_at,
        hashed_password=password.hashed_password if password else None,
        password_updated_at=password.updated_at if password else None,
        references=references,
        state=StateSnapshot.of(state) if state is not None else None,
    )
    for (table, column), ids in references.items():
        if ids:  # explicitly, in case the file was made without ON DELETE SET NULL
            await session.execute(
                text(f"UPDATE {table} SET {column} = NULL WHERE {column} = :user_id"), {"user_id": user_id}
            )
    await session.execute(delete(User).where(User.id == user_id))
    return snapshot


async def put_back_user(session: AsyncSession, deleted: DeletedUser) -> int:
    """Insert a deleted user again with its password, state and references; its id (a new one when
    SQLite has handed the old one to another account meanwhile)."""
    id_taken = await session.get(User, deleted.id) is not None
    now = utc_now()
    user = User(
        id=None if id_taken else deleted.id, email=deleted.email, username=deleted.username or "",
        created_at=deleted.created_at, updated_at=deleted.updated_at or now,
    )
    session.add(user)
    await session.flush()
    await fill_email_keys(session)
    if deleted.hashed_password is not None:
        session.add(UserPassword(
            user_id=user.id, hashed_password=deleted.hashed_password,
            updated_at=deleted.password_updated_at or now,
        ))
    # A row left under this id by an earlier account is never this one's: it goes, and a new row (whose
    # identity the trigger copies from the account put back) takes its place.
    await session.execute(delete(AccountState).where(AccountState.user_id == user.id))
    if deleted.state is not None:
        session.add(AccountState(user_id=user.id, **dataclasses.asdict(deleted.state)))
    for (table, column), ids in deleted.references.items():
        for chunk in range(0, len(ids), _ID_CHUNK):
            await session.execute(
                text(f"UPDATE {table} SET {column} = :user_id WHERE {column} IS NULL AND id IN :ids")
                .bindparams(bindparam("ids", expanding=True)),
                {"user_id": user.id, "ids": ids[chunk:chunk + _ID_CHUNK]},
            )
    await session.flush()
    return user.id
