"""HomeLog Desktop: a desktop account manager for home-log's users and passwords."""

# The one place the version is written: pyproject.toml reads it from here (dynamic version), so the
# installed metadata always agrees, and `--version` needs no importlib.metadata (~50 ms at start-up).
__version__ = "0.1.0"
