"""ORM models for home-log's `users` and `user_passwords` tables (same names and columns as home-log)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeAlias

from sqlalchemy import TIMESTAMP, ColumnClause, ForeignKey, Index, Select, String, func, literal_column, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# A SELECT of any columns, for annotations only (SQLAlchemy 2.1 types a Select by the types of its
# columns; a string, so that nothing is subscripted at run time on SQLAlchemy 2.0).
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"

EMAIL_MAX_LENGTH = 160
USERNAME_MAX_LENGTH = 60


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A TIMESTAMP WITH TIME ZONE that always hands back aware UTC datetimes.

    SQLite has no time zones: home-log's `server_default=now()` writes naive UTC text there, so a naive
    value read back is UTC, and an aware value is stored as naive UTC to match what home-log writes.
    """

    impl = TIMESTAMP(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of HomeLog Desktop's models."""


class User(Base):
    """An account of home-log: an email address, an optional name, maybe a local password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), unique=True, nullable=False)
    username: Mapped[str | None] = mapped_column(String(USERNAME_MAX_LENGTH))
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utc_now, server_default=func.now()
    )
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, default=utc_now, server_default=func.now()
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
    hashed_password: Mapped[str] = mapped_column(String, nullable=False)
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, default=utc_now, onupdate=utc_now, server_default=func.now()
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
