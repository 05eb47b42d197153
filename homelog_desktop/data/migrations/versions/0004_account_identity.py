"""Rows of ours know their account beyond its id, follow it whoever deletes it; email keys of our own.

SQLite hands a freed id to the next new user, and home-log deletes users with foreign keys off: our
state rows and audit entries now carry a copy of their account's created_at (made in SQL by triggers),
a trigger on users removes our state with its user, and a table of ours holds each address's key (NFC,
full case folding) behind an index. Rows of ours left by earlier deletions get no identity here, so the
check that follows every upgrade removes them (and says so).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from homelog_desktop.data.email_keys import refill_email_keys
from homelog_desktop.data.sqlite_objects import (
    AUDIT_TABLE,
    EMAIL_KEY_TABLE,
    INDEXES,
    STATE_TABLE,
    TRIGGERS,
)

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# A stored created_at that reads as a time (text comparison then orders it like our audit times).
_LOOKS_LIKE_TIME = "u.created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"


def _identify_legacy_rows() -> None:
    """Give existing rows the identity of the account they were written for, as far as the audit trail
    tells: a state row is the current account's when something was recorded about that id since the
    account was created; an audit entry is when it was written after the account was created."""
    op.execute(f"""UPDATE {STATE_TABLE} SET account_created_at = (
        SELECT u.created_at FROM users u WHERE u.id = {STATE_TABLE}.user_id AND (NOT ({_LOOKS_LIKE_TIME})
            OR EXISTS (SELECT 1 FROM {AUDIT_TABLE} a WHERE a.target_id = u.id AND a.at >= u.created_at)))""")
    op.execute(f"""UPDATE {AUDIT_TABLE} SET target_created_at = (
        SELECT u.created_at FROM users u WHERE u.id = {AUDIT_TABLE}.target_id
            AND (NOT ({_LOOKS_LIKE_TIME}) OR {AUDIT_TABLE}.at >= u.created_at))
        WHERE target_id IS NOT NULL""")


def _upgrade_postgresql() -> None:
    """PostgreSQL: typed copies (timestamptz), plpgsql triggers; no legacy rows (0003 never ran there
    without 0004 following it in the same upgrade)."""
    from homelog_desktop.data.postgres_schema import FUNCTIONS_AND_TRIGGERS

    op.execute(f"ALTER TABLE {STATE_TABLE} ADD COLUMN account_created_at timestamptz")
    op.execute(f"ALTER TABLE {AUDIT_TABLE} ADD COLUMN target_created_at timestamptz")
    op.create_table(
        EMAIL_KEY_TABLE,
        sa.Column("user_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("email", sa.Text, nullable=True),
        sa.Column("email_key", sa.Text, nullable=True),
    )
    refill_email_keys(op.get_bind())
    from homelog_desktop.data.postgres_schema import USER_TABLE_INDEXES

    for name, statement in INDEXES.items():
        if name not in USER_TABLE_INDEXES:  # those on home-log's tables are built CONCURRENTLY afterwards
            op.execute(statement)
    for statement in FUNCTIONS_AND_TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
        return
    # No declared type: the copy keeps the storage class of what it copies (text, integer...).
    op.execute(f"ALTER TABLE {STATE_TABLE} ADD COLUMN account_created_at")
    op.execute(f"ALTER TABLE {AUDIT_TABLE} ADD COLUMN target_created_at")
    op.create_table(
        EMAIL_KEY_TABLE,
        sa.Column("user_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("email", sa.Text, nullable=True),
        sa.Column("email_key", sa.Text, nullable=True),
    )
    _identify_legacy_rows()
    refill_email_keys(op.get_bind())
    for statement in INDEXES.values():
        op.execute(statement)
    if op.get_bind().dialect.name == "sqlite":
        for statement in TRIGGERS.values():
            op.execute(statement)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table(EMAIL_KEY_TABLE)
    op.drop_column(AUDIT_TABLE, "target_created_at")
    op.drop_column(STATE_TABLE, "account_created_at")
