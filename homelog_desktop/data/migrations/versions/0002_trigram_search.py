"""The trigram index for substring search: FTS5 with the triggers that keep it in step on SQLite; on
PostgreSQL the pg_trgm extension (where it exists or may be created), whose GIN indexes are built
CONCURRENTLY after the migrations (data/postgres_indexes.py).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from homelog_desktop.data.sqlite_search import SEARCH_TABLE, create_sqlite_user_search

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        create_sqlite_user_search(op.get_bind())
    elif op.get_bind().dialect.name == "postgresql":
        from homelog_desktop.data.postgres_schema import create_trigram_extension

        create_trigram_extension(op.get_bind())


def downgrade() -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {SEARCH_TABLE}_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
