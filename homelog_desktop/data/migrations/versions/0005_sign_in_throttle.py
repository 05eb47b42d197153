"""Sign-ins that tell nothing, and actors named on the command line: failed sign-ins with an address of no
account are counted in a table of our own (keyed by a hash of the folded address, rows expire), and an
audit entry may say how its actor was named (homelog-admin --actor).

Additive only: a table and a nullable column of HomeLog Desktop's, home-log's tables untouched.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "homelog_desktop_sign_in_throttle",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until", sa.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("last_failed_at", sa.TIMESTAMP(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_homelog_desktop_sign_in_throttle_last", "homelog_desktop_sign_in_throttle", ["last_failed_at"]
    )
    op.add_column("homelog_desktop_audit", sa.Column("actor_via", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("homelog_desktop_audit") as batch:
        batch.drop_column("actor_via")
    op.drop_index("ix_homelog_desktop_sign_in_throttle_last", "homelog_desktop_sign_in_throttle")
    op.drop_table("homelog_desktop_sign_in_throttle")
