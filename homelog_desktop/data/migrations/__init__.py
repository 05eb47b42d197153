"""Alembic migrations of HomeLog Desktop's schema, shipped in the package and run when a database opens.

Migrations only add: home-log's own tables and columns are never dropped, renamed or retyped.
"""
