"""Baseline: home-log's users and user_passwords (created only where missing) and our indexes.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration must not change when the models do.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_email_lower ON users (lower(email), id)",
    "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_username_lower ON users (coalesce(lower(username), ''), id)",
    "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_created_at ON users (created_at, id)",
    "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_updated_at ON users (coalesce(updated_at, ''), id)",
]


def upgrade() -> None:
    existing = sa.inspect(op.get_bind())
    if not existing.has_table("users"):
        op.create_table(
            "users",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("email", sa.String(160), nullable=False, unique=True),
            sa.Column("username", sa.String(60)),
            sa.Column("created_at", sa.TIMESTAMP(timezone=True), nullable=False, server_default=sa.func.now()),
            sa.Column("updated_at", sa.TIMESTAMP(timezone=True), server_default=sa.func.now()),
        )
    else:
        columns = {column["name"] for column in existing.get_columns("users")}
        if not {"id", "email", "username"} <= columns:
            raise RuntimeError("users table without home-log's columns")
    if not existing.has_table("user_passwords"):
        op.create_table(
            "user_passwords",
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("hashed_password", sa.String, nullable=False),
            sa.Column("updated_at", sa.TIMESTAMP(timezone=True), server_default=sa.func.now()),
        )
    if op.get_bind().dialect.name == "postgresql":
        # Built CONCURRENTLY once this transaction has committed (data/postgres_indexes.py): a plain
        # CREATE INDEX would hold back home-log's writes to a large users table while it builds.
        return
    for statement in INDEXES:
        op.execute(statement)


def downgrade() -> None:
    for name in ("email_lower", "username_lower", "created_at", "updated_at"):
        op.execute(f"DROP INDEX IF EXISTS ix_homelog_desktop_users_{name}")
