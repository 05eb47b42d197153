"""ORM models of HomeLog Desktop's own tables: account state, settings, audit (migration 0003), and each
account's email key (0004).

home-log never reads these; a user without an AccountState row is a plain enabled member. A row about an
account knows which account it is about beyond its id (SQLite hands a freed id to the next new user): a
copy of the user's created_at as stored, made in SQL by a trigger; a row whose copy differs from its
user's is about an earlier account with that id, and is never applied.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, Index, Integer, Text, and_, false
from sqlalchemy.orm import Mapped, mapped_column

from homelog_desktop.data.models import Base, StoredValue, User, UTCDateTime

ROLE_ADMINISTRATOR = "administrator"
ROLE_MEMBER = "member"
ROLES = (ROLE_ADMINISTRATOR, ROLE_MEMBER)


class AccountState(Base):
    """Role, disabled flag and sign-in bookkeeping of one account (absent: an enabled member)."""

    __tablename__ = "homelog_desktop_account_state"
    __table_args__ = (
        CheckConstraint("role IN ('administrator', 'member')", name="ck_homelog_desktop_account_state_role"),
        Index("ix_homelog_desktop_account_state_role", "role", "disabled"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(Text, nullable=False, default=ROLE_MEMBER, server_default=ROLE_MEMBER)
    disabled: Mapped[bool] = mapped_column(nullable=False, default=False, server_default=false())
    must_change_password: Mapped[bool] = mapped_column(nullable=False, default=False, server_default=false())
    failed_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # users.created_at of the account as stored, copied by a trigger when the row is inserted (never set here).
    account_created_at: Mapped[object | None] = mapped_column(StoredValue, nullable=True)

    def __repr__(self) -> str:
        return f"<AccountState user_id={self.user_id} role={self.role!r} disabled={self.disabled}>"


def state_belongs_to(state: Any = None, user: Any = None) -> ColumnElement[bool]:
    """The condition under which a state row (or an alias of the table) is about an account (or an alias
    of users): the same id AND the same identity, so a row of an earlier holder of the id is never applied."""
    state = AccountState if state is None else state
    user = User if user is None else user
    return and_(state.user_id == user.id, state.account_created_at.is_not_distinct_from(user.created_at))


class Setting(Base):
    """One key/value setting of this app stored in the database (e.g. the audit chain's head)."""

    __tablename__ = "homelog_desktop_settings"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class SignInThrottle(Base):
    """Failed sign-ins with an address that belongs to no account, counted and locked as an account's are
    (so a sequence of attempts cannot tell the two apart), keyed by a hash of the folded address (never
    the address itself: a password typed into the email field must not be kept). Rows expire."""

    __tablename__ = "homelog_desktop_sign_in_throttle"
    __table_args__ = (Index("ix_homelog_desktop_sign_in_throttle_last", "last_failed_at"),)

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class AuditEntry(Base):
    """One entry of the hash-chained audit trail; never holds a password or a hash of one."""

    __tablename__ = "homelog_desktop_audit"
    __table_args__ = (
        Index("ix_homelog_desktop_audit_target", "target_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor_id: Mapped[int | None] = mapped_column(Integer)  # no FK: entries outlive accounts
    actor_email: Mapped[str | None] = mapped_column(Text)
    # How the actor was named when not by signing in (e.g. "homelog-admin --actor ann@example.org"); None:
    # signed in, or nobody. Migration 0004; in the chain's hash only when set, so older entries verify.
    actor_via: Mapped[str | None] = mapped_column(Text, nullable=True)
    target_id: Mapped[int | None] = mapped_column(Integer)
    target_email: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text, nullable=False)
    fields: Mapped[str] = mapped_column(Text, nullable=False, default="[]", server_default="[]")
    previous_hash: Mapped[str] = mapped_column(Text, nullable=False)
    entry_hash: Mapped[str] = mapped_column(Text, nullable=False)
    # The target's users.created_at as stored when the entry was written (a trigger copies it): History of
    # an account lists the entries about its id AND this identity, never those of an earlier holder of the id.
    target_created_at: Mapped[object | None] = mapped_column(StoredValue, nullable=True)

    def __repr__(self) -> str:
        return f"<AuditEntry id={self.id} action={self.action!r} target_id={self.target_id}>"


class EmailKey(Base):
    """The key an account's email address is compared by (see data/email_keys.py); NULL until computed."""

    __tablename__ = "homelog_desktop_email_key"
    __table_args__ = (Index("ix_homelog_desktop_email_key", "email_key"),)

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # no FK: a trigger
    email: Mapped[str | None] = mapped_column(Text)  # users.email the key was computed from
    email_key: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<EmailKey user_id={self.user_id}>"
