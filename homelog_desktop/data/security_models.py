"""ORM models of HomeLog Desktop's own security tables (migration 0003): account state, settings, audit.

home-log never reads these; a user without an AccountState row is a plain enabled member.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from homelog_desktop.data.models import Base, UTCDateTime

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

    def __repr__(self) -> str:
        return f"<AccountState user_id={self.user_id} role={self.role!r} disabled={self.disabled}>"


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

    def __repr__(self) -> str:
        return f"<AuditEntry id={self.id} action={self.action!r} target_id={self.target_id}>"
