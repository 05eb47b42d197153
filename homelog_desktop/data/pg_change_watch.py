"""Noticing writes made by other programs on a PostgreSQL server (home-log, another window,
homelog-admin), PostgreSQL only: the counterpart of sqlite_change_watch.py, with the same interface.

Statement-level triggers of ours on home-log's users and user_passwords and on our tables NOTIFY
`homelog_desktop_changes` with the writing session's backend pid, so this app's own writes (whose pids it
notes) are skipped; the watch LISTENs on a connection of its own. Where the triggers are missing and
this role may not add them, or notifications never arrive (a pooler), the fallback polls the server's
counts of rows written in those tables (pg_stat_user_tables, published within about a second).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg

from homelog_desktop.connection_errors import ServerGoneError
from homelog_desktop.data.location import DatabaseLocation
from homelog_desktop.data.server_passwords import password_for

APPLICATION_NAME = "HomeLog Desktop (changes)"
CHANNEL = "homelog_desktop_changes"
WATCHED_TABLES = (
    "users", "user_passwords", "homelog_desktop_account_state", "homelog_desktop_audit",
    "homelog_desktop_email_key", "homelog_desktop_settings", "homelog_desktop_sign_in_throttle",
)
NOTIFY_FUNCTION = (
    "CREATE OR REPLACE FUNCTION homelog_desktop_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_notify('{CHANNEL}', pg_backend_pid()::text); RETURN NULL; END $$"
)
NOTIFY_TRIGGER = (
    "CREATE OR REPLACE TRIGGER homelog_desktop_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    "ON {table} FOR EACH STATEMENT EXECUTE FUNCTION homelog_desktop_notify_change()"
)
_HAS_TRIGGERS = (
    "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE t.tgname = 'homelog_desktop_notify_change' AND c.relname IN ('users', 'user_passwords')"
)
# Waits between attempts to reach a server that went away (the last one repeats).
RECONNECT_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)


_SIGNATURE = (
    "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint FROM pg_stat_user_tables "
    "WHERE relname = 'users' OR relname = 'user_passwords' OR relname LIKE 'homelog\\_desktop\\_%'"
)


class PostgresChangeWatch:
    """Answers "did anyone else commit since I last asked?" from a private autocommit connection."""

    def __init__(self, location: DatabaseLocation, *, may_add_triggers: bool = False) -> None:
        self._location = location
        self._may_add_triggers = may_add_triggers
        self._lock = threading.Lock()
        self._connection: psycopg.Connection[Any] | None = None
        self.listening = False  # notifications (True) or the polled fallback
        self._own_pids: set[int] = set()
        self._heard: list[int] = []
        self._signature: int | None = None
        self._failures = 0
        self._retry_at = 0.0
        with self._lock:
            try:
                self._signature = self._read()
            except ServerGoneError:
                self._signature = None

    def _connect(self) -> psycopg.Connection[Any]:
        password = password_for(self._location)
        extra = {"password": password} if password is not None else {}
        connection = psycopg.connect(
            self._location.conninfo or "", autocommit=True, application_name=APPLICATION_NAME,
            connect_timeout=5, **extra,  # type: ignore[arg-type]
        )
        connection.add_notify_handler(lambda notify: self._heard.append(_pid(notify.payload)))
        if self._may_add_triggers:
            _add_triggers(connection)
        row = connection.execute(_HAS_TRIGGERS).fetchone()
        self.listening = row is not None and int(row[0]) == 2
        if self.listening:
            connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _read(self) -> int | None:
        """Under the lock: the fallback's signature (0 while listening); ServerGoneError when the server
        cannot be asked (not asked again before the backoff's next attempt)."""
        if self._connection is None and time.monotonic() < self._retry_at:
            raise ServerGoneError()
        try:
            if self._connection is None or self._connection.closed:
                self._connection = self._connect()
            row = self._connection.execute("SELECT 0" if self.listening else _SIGNATURE).fetchone()
        except psycopg.Error as error:
            self._drop()
            delay = RECONNECT_DELAYS[min(self._failures, len(RECONNECT_DELAYS) - 1)]
            self._failures += 1
            self._retry_at = time.monotonic() + delay
            raise ServerGoneError() from error
        self._failures = 0
        return int(row[0]) if row is not None else None

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def note_own_writer(self, pid: int) -> None:
        """A session of this app (backend `pid`) writes: its notifications are not outside changes."""
        with self._lock:
            self._own_pids.add(pid)

    def changed(self) -> bool:
        """Whether another session committed since the last call (blocking: run it in a thread).
        ServerGoneError when the server cannot be asked now; a later call connects again (and, having
        missed what happened meanwhile, answers True)."""
        with self._lock:
            was_listening = self.listening
            reconnecting = self._connection is None
            signature = self._read()  # a round trip: the notifications that arrived are handled in it
            if signature is None:
                return False
            if reconnecting and self._signature is not None:
                self._heard = []
                self._signature = signature
                return True
            heard, self._heard = self._heard, []
            if was_listening and self.listening:
                return any(pid not in self._own_pids for pid in heard)
            changed = self._signature is not None and signature != self._signature
            self._signature = signature
            return changed

    def close(self) -> None:
        """Release the connection."""
        with self._lock:
            self._drop()


def _pid(payload: str) -> int:
    try:
        return int(payload)
    except ValueError:
        return 0  # not ours to read: counts as an outside change


def _add_triggers(connection: psycopg.Connection[Any]) -> None:
    """Add the notifying triggers where they are missing, in one transaction; nothing when this role may
    not (not the tables' owner, a read-only server): the fallback polls then."""
    try:
        with connection.transaction():
            connection.execute("SET LOCAL lock_timeout = '2s'")  # never wait long for home-log's writers
            present = {row[0] for row in connection.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'homelog_desktop_notify_change'"
            ).fetchall()}
            tables = {row[0] for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).fetchall()}
            missing = [table for table in WATCHED_TABLES if table in tables and table not in present]
            if not missing:
                return
            connection.execute(NOTIFY_FUNCTION)
            for table in missing:
                connection.execute(NOTIFY_TRIGGER.format(table=table))
    except psycopg.Error:
        return
