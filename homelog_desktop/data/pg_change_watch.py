"""Noticing writes made by other programs on a PostgreSQL server (home-log, another window,
homelog-admin), PostgreSQL only: the counterpart of sqlite_change_watch.py, with the same interface.

The polled fallback: the server's counts of rows inserted, updated and deleted in this database's tables
(pg_stat_user_tables), read on a connection of its own; works behind a pooler, needs no object of ours.
The server publishes other sessions' counts within about a second of their commit.
"""

from __future__ import annotations

import threading

import psycopg

from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.server_passwords import password_for

APPLICATION_NAME = "HomeLog Desktop (changes)"
_SIGNATURE = (
    "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables "
    "WHERE relname = 'users' OR relname = 'user_passwords' OR relname LIKE 'homelog\\_desktop\\_%'"
)


class PostgresChangeWatch:
    """Answers "did anyone commit since I last asked?" from a private autocommit connection."""

    def __init__(self, location: DatabaseLocation) -> None:
        self._location = location
        self._lock = threading.Lock()
        self._connection: psycopg.Connection[tuple[int]] | None = None
        self._signature = self._read()

    def _connect(self) -> psycopg.Connection[tuple[int]]:
        password = password_for(self._location)
        extra = {"password": password} if password is not None else {}
        return psycopg.connect(
            self._location.conninfo or "", autocommit=True, application_name=APPLICATION_NAME,
            connect_timeout=5, **extra,  # type: ignore[arg-type]
        )

    def _read(self) -> int | None:
        with self._lock:
            try:
                if self._connection is None or self._connection.closed:
                    self._connection = self._connect()
                row = self._connection.execute(_SIGNATURE).fetchone()
            except psycopg.Error:
                self._drop()
                return None
            return int(row[0]) if row is not None else None

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def changed(self) -> bool:
        """Whether another session committed since the last call (blocking: run it in a thread). A server
        that cannot be asked right now counts as unchanged; the next call tries again."""
        signature = self._read()
        if signature is None:
            return False
        changed = self._signature is not None and signature != self._signature
        self._signature = signature
        return changed

    def close(self) -> None:
        """Release the connection."""
        with self._lock:
            self._drop()
