"""PostgreSQL only: statement-level triggers of ours on home-log's users and user_passwords and on our
tables that NOTIFY the channel the window listens on (data/pg_change_watch.py) with the writer's backend
pid, so other instances' and home-log's own changes show within a second. Made here for the owner
(`homelog-admin migrate`); the change watch still adds any that are missing when it may.

Additive only: a function and triggers of HomeLog Desktop's, home-log's tables' columns untouched.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from homelog_desktop.data.pg_change_watch import NOTIFY_FUNCTION, NOTIFY_TRIGGER, WATCHED_TABLES

    present = {row[0] for row in op.get_bind().exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    )}
    op.execute(NOTIFY_FUNCTION)
    for table in WATCHED_TABLES:
        if table in present:
            op.execute(NOTIFY_TRIGGER.format(table=table))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from homelog_desktop.data.pg_change_watch import WATCHED_TABLES

    for table in WATCHED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS homelog_desktop_notify_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS homelog_desktop_notify_change()")
