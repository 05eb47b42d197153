"""ORM models for home-log's `users` and `user_passwords` tables (same names and columns as home-log)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeAlias

from sqlalchemy import (
    TIMESTAMP,
    BigInteger,
    ColumnClause,
    ColumnElement,
    ForeignKey,
    Index,
    Select,
    String,
    func,
    literal_column,
    type_coerce,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator, TypeEngine

# A SELECT of any columns, for annotations only (SQLAlchemy 2.1 types a Select by the types of its
# columns; a string, so that nothing is subscripted at run time on SQLAlchemy 2.0).
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"

EMAIL_MAX_LENGTH = 160
USERNAME_MAX_LENGTH = 60


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class UnreadableTime:
    """A stored timestamp that is not a time (another program wrote 'yesterday', or an integer): kept as
    it was stored, shown as its raw text, written back unchanged."""

    stored: str | int | float | bytes

    @property
    def text(self) -> str:
        """The stored value as text."""
        if isinstance(self.stored, bytes):
            return self.stored.decode("utf-8", errors="replace")
        return str(self.stored)

    def __str__(self) -> str:
        return self.text


# A timestamp as read from home-log's tables: a time, or what another program stored instead.
StoredTime: TypeAlias = datetime | UnreadableTime


def parse_stored_time(value: object) -> datetime | None:
    """A stored timestamp as an aware UTC time; None when it is not one (any text SQLite may hold)."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def sqlite_time_text(value: datetime) -> str:
    """A time as home-log (SQLAlchemy) stores it in SQLite: naive UTC, `2026-12-02 01:18:03.123456`."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


class UTCDateTime(TypeDecorator[Any]):
    """A TIMESTAMP WITH TIME ZONE that always hands back aware UTC datetimes.

    SQLite has no time zones nor types: home-log writes naive UTC text there, which we write alike
    (`2026-12-02 01:18:03.123456`) and read ourselves, so that a value another program stored that is
    not a time never breaks a read: in our own tables it reads as None (no lock, never signed in).
    """

    impl = TIMESTAMP(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        # On SQLite the text is read and written here, not by the dialect's strict datetime parser.
        return dialect.type_descriptor(String() if dialect.name == "sqlite" else TIMESTAMP(timezone=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, UnreadableTime):
            return value.stored
        if value is None or not isinstance(value, datetime):
            return value
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return sqlite_time_text(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return parse_stored_time(value)


class HomeLogTime(UTCDateTime):
    """A timestamp of home-log's tables: a value that is not a time reads as an UnreadableTime, shown as
    the raw text it is, never an error."""

    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        parsed = parse_stored_time(value)
        return parsed if parsed is not None else UnreadableTime(value)


class HomeLogText(TypeDecorator[str]):
    """A text column of home-log's tables: a number or bytes another program stored there reads as text."""

    impl = String
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bytes):
            return value.decode("utf-8", errors="replace")
        return str(value)


class StoredValue(TypeDecorator[Any]):
    """A copy of another column's value as SQLite stored it (any type), compared in SQL only; on
    PostgreSQL a copy of a timestamptz, so a timestamptz."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(String() if dialect.name == "sqlite" else TIMESTAMP(timezone=True))


class SortTime(TypeDecorator[Any]):
    """A date sort key: compared as the stored text on SQLite (a key read back matches itself exactly
    whoever wrote it), as the native timestamptz on PostgreSQL."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(String() if dialect.name == "sqlite" else TIMESTAMP(timezone=True))


class NoTimeSortsFirst(ColumnElement[Any]):
    """What a missing date sorts as: '' on SQLite (before any text), -infinity on PostgreSQL."""

    inherit_cache = True
    type = SortTime()


@compiles(NoTimeSortsFirst)
def _no_time_sqlite(element: NoTimeSortsFirst, compiler: Any, **kw: Any) -> str:
    return "''"


@compiles(NoTimeSortsFirst, "postgresql")
def _no_time_postgresql(element: NoTimeSortsFirst, compiler: Any, **kw: Any) -> str:
    return "'-infinity'::timestamptz"


class Base(DeclarativeBase):
    """Declarative base of HomeLog Desktop's models."""


class User(Base):
    """An account of home-log: an email address, an optional name, maybe a local password."""

    __tablename__ = "users"

    # BIGINT in statements only (the column is home-log's INTEGER): on PostgreSQL a bound beyond 32 bits
    # (this app's 64-bit sentinels) compares instead of failing its cast; int4 = int8 still uses the index.
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(HomeLogText(EMAIL_MAX_LENGTH), unique=True, nullable=False)
    # NOT NULL in home-log's own schema: no name is stored as '' (as home-log itself would), shown as none.
    username: Mapped[str | None] = mapped_column(HomeLogText(USERNAME_MAX_LENGTH))
    created_at: Mapped[StoredTime] = mapped_column(
        HomeLogTime, nullable=False, default=utc_now, server_default=func.now()
    )
    updated_at: Mapped[StoredTime | None] = mapped_column(
        HomeLogTime, default=utc_now, server_default=func.now()
    )

    # lazy="raise": a DAO that forgets to load the password fails loudly in tests instead of
    # raising MissingGreenlet inside a Qt slot later.
    user_password: Mapped[UserPassword | None] = relationship(
        back_populates="user",
        uselist=False,
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )

    def __repr__(self) -> str:  # never shows the hash
        return f"<User id={self.id} email={self.email!r}>"


class UserPassword(Base):
    """The password hash of one user; a user without a row here has no local password."""

    __tablename__ = "user_passwords"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    hashed_password: Mapped[str] = mapped_column(HomeLogText, nullable=False)
    updated_at: Mapped[StoredTime | None] = mapped_column(
        HomeLogTime, default=utc_now, onupdate=utc_now, server_default=func.now()
    )

    user: Mapped[User] = relationship(back_populates="user_password", lazy="raise")

    def __repr__(self) -> str:  # never shows the hash
        return f"<UserPassword user_id={self.user_id}>"


# Indexes of our own (home-log's tables gain only indexes, never columns): case-insensitive email
# lookups and one per order the window sorts by. The DAO sorts by exactly these expressions; a literal
# rather than a bound '' so that SQLite can match the expression to the index.
NULL_TEXT_SORTS_FIRST: ColumnClause[Any] = literal_column("''")
Index("ix_homelog_desktop_users_email_lower", func.lower(User.email), User.id)
Index(
    "ix_homelog_desktop_users_username_lower",
    func.coalesce(func.lower(User.username), NULL_TEXT_SORTS_FIRST),
    User.id,
)
Index("ix_homelog_desktop_users_created_at", User.created_at, User.id)
Index(
    "ix_homelog_desktop_users_updated_at",
    func.coalesce(type_coerce(User.updated_at, String()), NULL_TEXT_SORTS_FIRST),
    User.id,
)
