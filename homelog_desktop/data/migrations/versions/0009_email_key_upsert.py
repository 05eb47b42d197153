"""PostgreSQL only: our row trigger on users writes the email key with INSERT ... ON CONFLICT (user_id).

Its DELETE-then-INSERT form ran with a plan plpgsql cached while our key table was small (a sequential
scan), kept for a whole statement: a bulk INSERT into users (home-log's copy from SQLite, a reset script
loading its users) became quadratic, 5,000 rows 5.5 s and 200,000 rows over ten minutes. The arbiter of
ON CONFLICT is always the primary key's index.

A function of HomeLog Desktop's replaced; home-log's tables untouched.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from homelog_desktop.data.postgres_schema import FUNCTIONS_AND_TRIGGERS

    op.execute(FUNCTIONS_AND_TRIGGERS[0])  # CREATE OR REPLACE FUNCTION homelog_desktop_users_changed()


def downgrade() -> None:
    """Nothing to undo: the earlier form did the same, more slowly."""
