"""PostgreSQL only: our account state no longer refers to home-log's users by a foreign key.

home-log's tests and reset scripts drop and re-create its tables (SQLAlchemy's drop_all, no CASCADE); on
PostgreSQL a foreign key of ours on users made that DROP TABLE fail ("other objects depend on it"), so
home-log could not reset its own database. Our row trigger on users (migration 0004) already removes a
user's state row whoever deletes the user, as it does on SQLite for home-log's connections without
foreign keys; a state row whose account is gone or is another account now is told apart by its copy of
created_at, and removed by the repair that follows a re-creation (data/postgres_objects.py).

Removes a constraint of HomeLog Desktop's; home-log's tables untouched.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_REFERENCES_TO_USERS = (
    "SELECT c.conname FROM pg_constraint c WHERE c.contype = 'f' "
    "AND c.conrelid = 'homelog_desktop_account_state'::regclass AND c.confrelid = 'users'::regclass"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for (name,) in op.get_bind().exec_driver_sql(_REFERENCES_TO_USERS).all():
        op.execute(f'ALTER TABLE homelog_desktop_account_state DROP CONSTRAINT "{name}"')


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE homelog_desktop_account_state ADD CONSTRAINT homelog_desktop_account_state_user_id_fkey "
        "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"
    )
