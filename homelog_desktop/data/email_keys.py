"""Email addresses as compared: NFC normalisation and full Unicode case folding, kept per account in a
table of ours (`homelog_desktop_email_key`), so the comparison is indexed at a million accounts without a
function or index on home-log's tables that home-log's own connections could not evaluate.

Triggers on `users` (built-in SQL only: home-log's connections run them too) give every user that any
program inserts, or whose address it changes, a key row marked "not computed yet" (NULL). Only this app
can compute a key: it does so inside its next writing transaction, before any check that compares
addresses. A key counts only while its row's copy of the address is still the user's address. The index
is not UNIQUE: home-log itself may already hold two addresses that differ only by case.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from homelog_desktop.data.models import User
from homelog_desktop.data.security_models import EmailKey

FILL_CHUNK = 5000
# More keys than this are folded in a worker thread, not on the event loop (a million take seconds).
FOLD_ON_LOOP = 1000
# Keys per IN (...) list: well under SQLite's limit on bound parameters.
LOOKUP_CHUNK = 500


def email_key(email: str) -> str:
    """The form under which two addresses are the same: NFC, full case folding, NFC again (folding can
    decompose, e.g. 'İ'), so Émile/émile, a composed and a decomposed é, and straße/STRASSE match."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", email.strip()).casefold())


def _valid_keys() -> Any:
    """Key rows still made from their user's current address."""
    return select(EmailKey.user_id, EmailKey.email_key).join(
        User, and_(User.id == EmailKey.user_id, User.email == EmailKey.email)
    )


def _pending() -> Any:
    """Users whose key is not computed yet (written by another program since our last write)."""
    return select(EmailKey.user_id, User.email).join(User, User.id == EmailKey.user_id).where(
        EmailKey.email_key.is_(None)
    )


async def _folded(rows: Sequence[Any]) -> list[tuple[int, str, str]]:
    """(user id, address, key) of each (user id, address); many are folded off the event loop."""

    def fold() -> list[tuple[int, str, str]]:
        return [(user_id, email, email_key(email)) for user_id, email in rows]

    return await asyncio.to_thread(fold) if len(rows) > FOLD_ON_LOOP else fold()


async def fill_email_keys(session: AsyncSession) -> int:
    """Compute the keys not computed yet, inside the caller's writing transaction; how many."""
    rows = await _folded((await session.execute(_pending())).all())
    for start in range(0, len(rows), FILL_CHUNK):
        await session.execute(
            update(EmailKey),
            [{"user_id": user_id, "email": email, "email_key": key}
             for user_id, email, key in rows[start:start + FILL_CHUNK]],
        )
    return len(rows)


async def fill_pending_keys(
    sessions: async_sessionmaker[AsyncSession], *, write_lock: dict[str, Any], is_retryable: Any,
) -> None:
    """Compute the email keys of rows others wrote since our last write (a writing transaction taken with
    the `write_lock` execution options), so that reads (a sign-in's look-up) need not fold them one by one;
    left to the next write while another program writes (`is_retryable`)."""
    async with sessions() as session:
        if not await count_pending_keys(session):
            return
    try:
        async with sessions() as session:
            async with session.begin():
                await session.connection(execution_options=write_lock)
                await fill_email_keys(session)
    except DBAPIError as error:
        if not is_retryable(error):
            raise


async def count_pending_keys(session: AsyncSession) -> int:
    """How many keys are not computed yet (read on the index)."""
    statement = select(func.count()).select_from(EmailKey).where(EmailKey.email_key.is_(None))
    return int(await session.scalar(statement) or 0)


async def ids_with_keys(session: AsyncSession, keys: Iterable[str]) -> dict[str, list[int]]:
    """The ids of the accounts whose address has each of these keys, in id order (keys without one left
    out): computed keys, keys not computed yet (folded here), and, in case another program removed our
    triggers since the schema was checked, plain-ASCII case matches through home-log's lower(email)."""
    wanted_set = set(keys)
    wanted = sorted(wanted_set)
    found: dict[str, set[int]] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start:start + LOOKUP_CHUNK]
        valid = _valid_keys().where(EmailKey.email_key.in_(chunk))
        for user_id, key in await session.execute(valid):
            found.setdefault(key, set()).add(user_id)
        lowered = select(User.id, User.email).where(func.lower(User.email).in_(chunk))
        for user_id, email in await session.execute(lowered):
            key = email_key(email)
            if key in wanted_set:
                found.setdefault(key, set()).add(user_id)
    if wanted:
        for user_id, _email, key in await _folded((await session.execute(_pending())).all()):
            if key in wanted_set:
                found.setdefault(key, set()).add(user_id)
    return {key: sorted(ids) for key, ids in found.items()}


async def ids_with_key(session: AsyncSession, email: str) -> list[int]:
    """The ids of the accounts whose address is the same as `email` once compared (see email_key); in a
    file without keys (home-log's own, opened read-only), those equal as typed or in ASCII case."""
    key = email_key(email)
    found = set((await ids_with_keys(session, [key])).get(key, []))
    typed = email.strip()
    as_typed = select(User.id, User.email).where(func.lower(User.email) == func.lower(typed))
    found.update(user_id for user_id, stored in await session.execute(as_typed) if email_key(stored) == key)
    return sorted(found)


def refill_email_keys(connection: Any) -> int:
    """Compute every account's key again, on a synchronous connection inside its transaction (a new
    schema, or our triggers were missing); how many accounts."""
    connection.execute(delete(EmailKey))
    last_id, total = -(2**63), 0
    while True:
        rows: Sequence[Any] = connection.execute(
            select(User.id, User.email).where(User.id > last_id).order_by(User.id).limit(FILL_CHUNK)
        ).all()
        if not rows:
            return total
        # The driver's executemany straight away: a million rows, without a statement object per row.
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        connection.exec_driver_sql(
            f"INSERT INTO {EmailKey.__tablename__} (user_id, email, email_key) VALUES ({marker}, {marker}, {marker})",
            [(user_id, email, email_key(email)) for user_id, email in rows],
        )
        total += len(rows)
        last_id = rows[-1][0]
