"""Account security of our own: per-account state (role, disabled, lockout), settings, audit trail.

Additive only: three tables of HomeLog Desktop's, home-log's tables untouched. A user without a row in
homelog_desktop_account_state is a plain enabled member.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "homelog_desktop_account_state",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("role", sa.Text, nullable=False, server_default="member"),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("last_sign_in_at", sa.TIMESTAMP(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('administrator', 'member')", name="ck_homelog_desktop_account_state_role"),
    )
    op.create_index(
        "ix_homelog_desktop_account_state_role", "homelog_desktop_account_state", ["role", "disabled"]
    )
    op.create_table(
        "homelog_desktop_settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=True),
    )
    op.create_table(
        "homelog_desktop_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer, nullable=True),  # no FK: entries outlive accounts
        sa.Column("actor_email", sa.Text, nullable=True),
        sa.Column("target_id", sa.Integer, nullable=True),
        sa.Column("target_email", sa.Text, nullable=True),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("fields", sa.Text, nullable=False, server_default="[]"),
        sa.Column("previous_hash", sa.Text, nullable=False),
        sa.Column("entry_hash", sa.Text, nullable=False),
        sqlite_autoincrement=True,  # ids of deleted entries are never handed out again
    )
    op.create_index("ix_homelog_desktop_audit_target", "homelog_desktop_audit", ["target_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_homelog_desktop_audit_target", "homelog_desktop_audit")
    op.drop_table("homelog_desktop_audit")
    op.drop_table("homelog_desktop_settings")
    op.drop_index("ix_homelog_desktop_account_state_role", "homelog_desktop_account_state")
    op.drop_table("homelog_desktop_account_state")
