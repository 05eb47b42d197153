"""Whether a database holds Argon2 hashes, answered from an index: a partial index of ours on home-log's
user_passwords holding only the Argon2 hashes' rows (what home-log writes), so the question asked at
every open no longer reads every stored hash when the answer is no.

Additive only: an index of HomeLog Desktop's, home-log's tables untouched.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

from homelog_desktop.data.sqlite_objects import ARGON2_HASH_INDEX, ARGON2_HASH_INDEX_DDL

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return  # built CONCURRENTLY after the migrations there (data/postgres_indexes.py)
    op.execute(ARGON2_HASH_INDEX_DDL)


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {ARGON2_HASH_INDEX}")
