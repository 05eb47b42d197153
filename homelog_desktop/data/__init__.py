"""Data layer: ORM models, the database engine and the DAOs. Nothing here imports Qt."""
