"""Reading stored password hashes (`user_passwords`), for checking, exporting and telling schemes apart.

Writing a hash is part of an account write (user_dao). What these return stays in the services layer:
a hash is never shown, logged or put in a message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import exists, func, select, text

from homelog_desktop.data.account_state_dao import StateSnapshot
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.models import StoredTime, User, UserPassword
from homelog_desktop.data.security_models import AccountState, state_belongs_to
from homelog_desktop.data.sqlite_objects import ARGON2_HASHES
from homelog_desktop.data.user_queries import MAX_USER_ID
from homelog_desktop.errors import NotFoundError

# Ids per IN (...) list: well under SQLite's limit on bound parameters.
LOOKUP_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ReadinessSource:
    """What the readiness report needs of one account; the hash stays inside the services layer."""

    user_id: int | None  # the user_passwords.user_id for an orphan
    email: str | None  # None: a password row without an account (orphan)
    hashed_password: str | None = field(repr=False)
    state: StateSnapshot
    # The account's timestamps as read: another program may have stored something that is not a time.
    times: tuple[tuple[str, StoredTime | None], ...] = ()


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[start:start + LOOKUP_CHUNK]) for start in range(0, len(ids), LOOKUP_CHUNK)]


class PasswordDao:
    """Reads password hashes; one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sessions = database.sessions

    @database_call
    async def get_hash(self, user_id: int) -> str | None:
        """The stored hash of a user's password, None when it has none; NotFoundError without the user."""
        async with self._sessions() as session:
            found = (await session.execute(
                select(User.id, UserPassword.hashed_password)
                .outerjoin(UserPassword, UserPassword.user_id == User.id)
                .where(User.id == user_id)
            )).first() if 0 < user_id <= MAX_USER_ID else None
        if found is None:
            raise NotFoundError.with_id(user_id)
        hashed: str | None = found[1]
        return hashed

    @database_call
    async def hashes(self, user_ids: Sequence[int]) -> dict[int, str]:
        """The stored hash of each of these accounts that has one (for an export that asked for them)."""
        found: dict[int, str] = {}
        async with self._sessions() as session:
            for chunk in _chunks(user_ids):
                rows = await session.execute(
                    select(UserPassword.user_id, UserPassword.hashed_password).where(UserPassword.user_id.in_(chunk))
                )
                found.update({user_id: hashed for user_id, hashed in rows})
        return found

    @database_call
    async def holds_argon2_hashes(self) -> bool:
        """Whether any stored password hash is an Argon2 one (as home-log's backend writes)."""
        async with self._sessions() as session:
            # The same terms as the partial index's, written out, so the planner reads that index only.
            found = await session.scalar(select(exists().select_from(UserPassword).where(text(ARGON2_HASHES))))
            return bool(found)

    @database_call
    async def hash_prefixes(self, user_ids: Sequence[int]) -> dict[int, str]:
        """The first 10 characters of each of these accounts' hashes (enough to name the scheme,
        too few to be of use to anyone), for the accounts that have one."""
        found: dict[int, str] = {}
        async with self._sessions() as session:
            for chunk in _chunks(user_ids):
                rows = await session.execute(
                    select(UserPassword.user_id, func.substr(UserPassword.hashed_password, 1, 10))
                    .where(UserPassword.user_id.in_(chunk))
                )
                found.update({row[0]: row[1] for row in rows})
        return found

    @database_call
    async def readiness_page(self, *, after_id: int = 0, limit: int = 500) -> list[ReadinessSource]:
        """A page of accounts in id order with their hash and state (one statement)."""
        statement = (
            select(User.id, User.email, UserPassword.hashed_password, AccountState, User.created_at,
                   User.updated_at, UserPassword.updated_at)
            .outerjoin(UserPassword, UserPassword.user_id == User.id)
            .outerjoin(AccountState, state_belongs_to())
            .where(User.id > after_id)
            .order_by(User.id)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(statement)).all()
        return [
            ReadinessSource(row[0], row[1], row[2], StateSnapshot.of(row[3]),
                            (("created_at", row[4]), ("updated_at", row[5]), ("password updated_at", row[6])))
            for row in rows
        ]

    @database_call
    async def orphan_page(self, *, after_id: int = -(2**63), limit: int = 500) -> list[ReadinessSource]:
        """Password rows whose account does not exist (user_passwords LEFT JOIN users), in id order."""
        statement = (
            select(UserPassword.user_id, UserPassword.hashed_password)
            .outerjoin(User, User.id == UserPassword.user_id)
            .where(User.id.is_(None), UserPassword.user_id > after_id)
            .order_by(UserPassword.user_id)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(statement)).all()
        return [ReadinessSource(row[0], None, row[1], StateSnapshot()) for row in rows]
