"""Alembic environment: runs on the connection the app hands over (see data/schema.py)."""

from alembic import context

from homelog_desktop.data.schema import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
