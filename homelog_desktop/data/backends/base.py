"""What a Database asks of the backend it runs on: which failures are worth trying again, and which
driver errors are known failures with a sentence. Services and the UI never see a backend."""

from __future__ import annotations

from typing import Protocol

from homelog_desktop.data.location import BackendKind, DatabaseLocation
from homelog_desktop.errors import DatabaseError


class Backend(Protocol):
    """One kind of database (SQLite file, PostgreSQL server) behind a Database."""

    @property
    def kind(self) -> BackendKind: ...

    @property
    def location(self) -> DatabaseLocation: ...

    def is_retryable(self, error: BaseException) -> bool:
        """Whether another writer held a lock (or won a race) and the work is worth trying again."""
        ...

    def known_failure(self, error: BaseException) -> DatabaseError | None:
        """The known failure (with its sentence) a driver error is; None: a bug, reported as one."""
        ...
