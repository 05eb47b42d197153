"""Where a database is: a SQLite file, or a database on a PostgreSQL server (a URL or a libpq service
name, never with a password in it). Parsed once from what the user typed (--db, HOMELOG_DB, a dialog).
"""

from __future__ import annotations

import dataclasses
import enum
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from homelog_desktop.errors import InvalidInputError

_URL_SCHEMES = ("postgresql://", "postgres://")
_SERVICE_PREFIX = "service="
_PASSWORD_PARAMETERS = ("password",)


class BackendKind(enum.Enum):
    """The kinds of database the app can open."""

    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


@dataclasses.dataclass(frozen=True)
class DatabaseLocation:
    """A database: a file (`path`), or a server database named by a libpq URL or key/value string
    (`conninfo`, no password in it: libpq finds it in PGPASSWORD, ~/.pgpass or a service file)."""

    kind: BackendKind
    path: Path | None = None
    conninfo: str | None = None

    @classmethod
    def file(cls, path: Path | str) -> DatabaseLocation:
        """A SQLite file, as an absolute path."""
        return cls(BackendKind.SQLITE, path=Path(path).expanduser().absolute())

    @classmethod
    def parse(cls, text: str | Path) -> DatabaseLocation:
        """What the user typed: a `postgresql://` URL, `service=NAME`, or a file path. A URL holding a
        password is refused (InvalidInputError): it would end up in settings, logs and the title."""
        if isinstance(text, Path):
            return cls.file(text)
        stripped = text.strip()
        if stripped.lower().startswith(_URL_SCHEMES):
            parts = urlsplit(stripped)
            query = parse_qs(parts.query)
            if parts.password is not None or any(name in query for name in _PASSWORD_PARAMETERS):
                raise InvalidInputError(
                    "A server address must not hold a password: leave it out, and keep it in ~/.pgpass, "
                    "PGPASSWORD or the system keyring instead."
                )
            return cls(BackendKind.POSTGRESQL, conninfo=stripped)
        if stripped.lower().startswith(_SERVICE_PREFIX):
            name = stripped[len(_SERVICE_PREFIX):].strip()
            if not name or any(character.isspace() for character in name):
                raise InvalidInputError("A service is named as service=NAME, NAME from pg_service.conf.")
            return cls(BackendKind.POSTGRESQL, conninfo=f"service={name}")
        return cls.file(stripped)

    @property
    def is_file(self) -> bool:
        """Whether this is a SQLite file."""
        return self.kind is BackendKind.SQLITE

    def file_path(self) -> Path:
        """The SQLite file (ValueError for a server database: a bug in the caller)."""
        if self.path is None:
            raise ValueError(f"{self} is not a file")
        return self.path

    def display(self) -> str:
        """How the location is shown (title, status, messages, logs): a file's path, or
        user@host:port/database (what of it the text names, else what libpq's environment says)."""
        if self.path is not None:
            return str(self.path)
        conninfo = self.conninfo or ""
        if conninfo.startswith(_SERVICE_PREFIX):
            return f"service {conninfo[len(_SERVICE_PREFIX):]}"
        parts = urlsplit(conninfo)
        query = parse_qs(parts.query)
        service = _first(query, "service") or os.environ.get("PGSERVICE", "")
        if service and not (parts.hostname or _first(query, "host")):
            return f"service {service}"  # the service file names the server (libpq reads it before PG*)
        user = unquote(parts.username or "") or _first(query, "user") or os.environ.get("PGUSER", "")
        host = parts.hostname or _first(query, "host") or os.environ.get("PGHOST", "localhost")
        port = _port(parts) or _first(query, "port") or os.environ.get("PGPORT", "5432")
        database = unquote(parts.path.lstrip("/")) or _first(query, "dbname") or os.environ.get("PGDATABASE", "")
        where = f"{host}:{port}" if not host.startswith("/") else f"{host} (port {port})"
        return f"{user + '@' if user else ''}{where}/{database}"

    def label_path(self) -> Path:
        """A stand-in Path for the services that still name a database by a path in sentences and as a
        key (the tamper-evidence store): the file itself, or the displayed server location."""
        return self.path if self.path is not None else Path(self.display())

    def __str__(self) -> str:
        return self.display()

    def __repr__(self) -> str:
        return f"DatabaseLocation({self.display()!r})"


def _first(query: dict[str, list[str]], name: str) -> str:
    values = query.get(name)
    return values[0] if values else ""


def _port(parts: object) -> str:
    try:
        port = parts.port  # type: ignore[attr-defined]
    except ValueError:
        return ""
    return str(port) if port is not None else ""
