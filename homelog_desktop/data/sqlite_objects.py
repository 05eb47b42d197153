"""Every object of ours in a SQLite file as the current revision defines it, and the check made at each
open (and before a write, when the schema changed meanwhile) that they are all there, as defined. SQLite only.

home-log's tests and reset scripts drop and re-create its tables, which removes every index and trigger of
ours on them and leaves our rows about accounts that no longer exist: the check finds what is missing or
different, and `repair_sqlite_objects` re-creates it, rebuilds the search index and the email keys, and
removes the state of accounts that are gone, in the caller's one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from homelog_desktop.data.email_keys import refill_email_keys
from homelog_desktop.data.sqlite_search import (
    SEARCH_TABLE,
    SEARCH_TABLE_DDL,
    SEARCH_TRIGGERS,
    rebuild_sqlite_user_search,
    sqlite_has_trigram_search,
)
from homelog_desktop.messages import Number, listed, translatable

STATE_TABLE = "homelog_desktop_account_state"
SETTINGS_TABLE = "homelog_desktop_settings"
AUDIT_TABLE = "homelog_desktop_audit"
EMAIL_KEY_TABLE = "homelog_desktop_email_key"

# Our tables as the current revision has them, to make one again that someone dropped (empty: what it
# held is gone, which the audit chain's check then reports). Identity copies have no declared type, so
# they keep the storage class of what they copy.
TABLES = {
    STATE_TABLE: f"""CREATE TABLE {STATE_TABLE} (
        user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL DEFAULT 'member'
            CONSTRAINT ck_homelog_desktop_account_state_role CHECK (role IN ('administrator', 'member')),
        disabled BOOLEAN NOT NULL DEFAULT 0,
        must_change_password BOOLEAN NOT NULL DEFAULT 0,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TIMESTAMP,
        last_sign_in_at TIMESTAMP,
        account_created_at)""",
    SETTINGS_TABLE: f"CREATE TABLE {SETTINGS_TABLE} (key TEXT NOT NULL PRIMARY KEY, value TEXT)",
    AUDIT_TABLE: f"""CREATE TABLE {AUDIT_TABLE} (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        at TIMESTAMP NOT NULL,
        actor_id INTEGER,
        actor_email TEXT,
        target_id INTEGER,
        target_email TEXT,
        action TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '[]',
        previous_hash TEXT NOT NULL,
        entry_hash TEXT NOT NULL,
        target_created_at)""",
    EMAIL_KEY_TABLE:
        f"CREATE TABLE {EMAIL_KEY_TABLE} (user_id INTEGER NOT NULL PRIMARY KEY, email TEXT, email_key TEXT)",
}

# The stored hashes that are Argon2 ones: an equality (exact under any deterministic collation, unlike a
# range; LIKE ignores case and no index serves it), the same text in the partial index and the query.
ARGON2_HASHES = "substr(hashed_password, 1, 7) = '$argon2'"
ARGON2_HASH_INDEX = "ix_homelog_desktop_user_passwords_argon2"
ARGON2_HASH_INDEX_DDL = (
    f"CREATE INDEX IF NOT EXISTS {ARGON2_HASH_INDEX} ON user_passwords (user_id) WHERE {ARGON2_HASHES}"
)

# Indexes of ours: on home-log's users (lookups and the window's sort orders) and on our tables.
INDEXES = {
    "ix_homelog_desktop_users_email_lower":
        "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_email_lower ON users (lower(email), id)",
    "ix_homelog_desktop_users_username_lower":
        "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_username_lower "
        "ON users (coalesce(lower(username), ''), id)",
    "ix_homelog_desktop_users_created_at":
        "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_created_at ON users (created_at, id)",
    "ix_homelog_desktop_users_updated_at":
        "CREATE INDEX IF NOT EXISTS ix_homelog_desktop_users_updated_at ON users (coalesce(updated_at, ''), id)",
    # Only Argon2 hashes (what home-log writes): whether a database holds any is asked at every open,
    # and without it that question read every stored hash when the answer is no.
    ARGON2_HASH_INDEX: ARGON2_HASH_INDEX_DDL,
    "ix_homelog_desktop_account_state_role":
        f"CREATE INDEX IF NOT EXISTS ix_homelog_desktop_account_state_role ON {STATE_TABLE} (role, disabled)",
    "ix_homelog_desktop_audit_target":
        f"CREATE INDEX IF NOT EXISTS ix_homelog_desktop_audit_target ON {AUDIT_TABLE} (target_id, id)",
    "ix_homelog_desktop_email_key":
        f"CREATE INDEX IF NOT EXISTS ix_homelog_desktop_email_key ON {EMAIL_KEY_TABLE} (email_key)",
}

# Triggers on home-log's users: plain SQL, no function of ours, so that home-log's own connections (which
# have none of our functions, and never turn foreign keys on) can still insert, update and delete users.
USERS_DELETED = "homelog_desktop_users_deleted"
USERS_CREATED_AT_CHANGED = "homelog_desktop_users_created_at_changed"
USERS_INSERTED = "homelog_desktop_users_inserted"
USERS_EMAIL_CHANGED = "homelog_desktop_users_email_changed"
STATE_TRIGGERS = {
    # Our rows follow the user, whoever deletes it, with or without foreign keys.
    USERS_DELETED: f"""CREATE TRIGGER IF NOT EXISTS {USERS_DELETED} AFTER DELETE ON users BEGIN
        DELETE FROM {STATE_TABLE} WHERE user_id = old.id;
        DELETE FROM {EMAIL_KEY_TABLE} WHERE user_id = old.id;
    END""",
    # Our copies of created_at follow a change of it, so the account keeps its state and its history.
    USERS_CREATED_AT_CHANGED: f"""CREATE TRIGGER IF NOT EXISTS {USERS_CREATED_AT_CHANGED}
    AFTER UPDATE OF created_at ON users BEGIN
        UPDATE {STATE_TABLE} SET account_created_at = new.created_at
        WHERE user_id = new.id AND account_created_at IS old.created_at;
        UPDATE {AUDIT_TABLE} SET target_created_at = new.created_at
        WHERE target_id = new.id AND target_created_at IS old.created_at;
    END""",
}
EMAIL_TRIGGERS = {
    USERS_INSERTED: f"""CREATE TRIGGER IF NOT EXISTS {USERS_INSERTED} AFTER INSERT ON users BEGIN
        DELETE FROM {EMAIL_KEY_TABLE} WHERE user_id = new.id;
        INSERT INTO {EMAIL_KEY_TABLE} (user_id, email, email_key) VALUES (new.id, new.email, NULL);
    END""",
    USERS_EMAIL_CHANGED: f"""CREATE TRIGGER IF NOT EXISTS {USERS_EMAIL_CHANGED}
    AFTER UPDATE OF id, email ON users BEGIN
        DELETE FROM {EMAIL_KEY_TABLE} WHERE user_id IN (old.id, new.id);
        INSERT INTO {EMAIL_KEY_TABLE} (user_id, email, email_key) VALUES (new.id, new.email, NULL);
    END""",
}
# Triggers on our own tables: the identity copied in SQL, exactly as stored, when a row is written.
STATE_IDENTITY = "homelog_desktop_account_state_identity"
AUDIT_IDENTITY = "homelog_desktop_audit_identity"
IDENTITY_TRIGGERS = {
    STATE_IDENTITY: f"""CREATE TRIGGER IF NOT EXISTS {STATE_IDENTITY} AFTER INSERT ON {STATE_TABLE}
    WHEN new.account_created_at IS NULL BEGIN
        UPDATE {STATE_TABLE} SET account_created_at = (SELECT created_at FROM users WHERE id = new.user_id)
        WHERE user_id = new.user_id;
    END""",
    AUDIT_IDENTITY: f"""CREATE TRIGGER IF NOT EXISTS {AUDIT_IDENTITY} AFTER INSERT ON {AUDIT_TABLE}
    WHEN new.target_id IS NOT NULL AND new.target_created_at IS NULL BEGIN
        UPDATE {AUDIT_TABLE} SET target_created_at = (SELECT created_at FROM users WHERE id = new.target_id)
        WHERE id = new.id;
    END""",
}
TRIGGERS = {**STATE_TRIGGERS, **EMAIL_TRIGGERS, **IDENTITY_TRIGGERS}


def _normalised(sql: str | None) -> str:
    """A CREATE statement compared as SQLite stores it: IF NOT EXISTS dropped, whitespace collapsed."""
    return " ".join((sql or "").replace("IF NOT EXISTS ", "").split())


@dataclass(frozen=True)
class SchemaCheck:
    """What a look at sqlite_master found missing or different among our objects."""

    tables: tuple[str, ...] = ()  # tables of ours to create again (empty)
    objects: tuple[str, ...] = ()  # indexes and triggers to create again
    search_table: bool = False  # the search index itself is missing or different
    rebuild_search: bool = False  # rows may have been written without the search triggers
    refill_email_keys: bool = False  # rows may have been written without the email-key triggers
    remove_stale_states: bool = False  # users may have been deleted without the delete trigger
    search_present: bool = False  # the search index is there (as found, before any repair)

    @property
    def needed(self) -> bool:
        """Whether anything must be repaired."""
        return bool(self.tables or self.objects or self.search_table or self.rebuild_search or self.refill_email_keys
                    or self.remove_stale_states)


def _expected(connection: Any) -> dict[str, str]:
    """Name -> CREATE statement of every index and trigger of ours (search only where SQLite has it)."""
    expected = {**INDEXES, **TRIGGERS}
    if sqlite_has_trigram_search(connection):
        expected.update(SEARCH_TRIGGERS)
    return expected


def check_sqlite_objects(connection: Any) -> SchemaCheck:
    """Compare our objects in the file with their definitions (a read of sqlite_master, cheap)."""
    stored = {name: sql for name, sql in connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'table')")
    )}
    expected = _expected(connection)
    wrong = tuple(name for name, sql in expected.items() if _normalised(stored.get(name)) != _normalised(sql))
    search = sqlite_has_trigram_search(connection)
    search_table = search and _normalised(stored.get(SEARCH_TABLE)) != _normalised(SEARCH_TABLE_DDL)
    tables = tuple(name for name in TABLES if name not in stored)
    return SchemaCheck(
        tables=tables,
        objects=wrong,
        search_table=search_table,
        rebuild_search=search and (search_table or any(name in SEARCH_TRIGGERS for name in wrong)),
        refill_email_keys=EMAIL_KEY_TABLE in tables or any(name in EMAIL_TRIGGERS for name in wrong),
        remove_stale_states=any(name in STATE_TRIGGERS for name in wrong),
        search_present=SEARCH_TABLE in stored,
    )


@dataclass(frozen=True)
class RemovedState:
    """Our state row of an account that no longer exists (or whose id another account now has)."""

    user_id: int
    email: str | None  # as the audit trail last named it, when it did
    role: str
    disabled: bool
    must_change_password: bool
    locked: bool
    signed_in: bool
    identity: object = None  # the account's created_at as the row had copied it (None: unknown)

    def describe(self) -> str:
        """What was removed, e.g. "administrator, disabled"."""
        parts = [self.role]
        parts += [name for name, held in (("disabled", self.disabled), ("must change password",
                  self.must_change_password), ("locked", self.locked), ("signed in before", self.signed_in)) if held]
        return ", ".join(parts)


def _stale(state: str, same: str) -> str:
    return (f"NOT EXISTS (SELECT 1 FROM users u WHERE u.id = {state}.user_id "
            f"AND u.created_at {same} {state}.account_created_at)")


def remove_stale_states(connection: Any) -> list[RemovedState]:
    """Delete (and return) every state row whose account is gone or is another account now (on either
    backend: a server's repair uses it too)."""
    same = "IS NOT DISTINCT FROM" if connection.dialect.name == "postgresql" else "IS"  # equal, NULLs too
    rows = connection.execute(text(
        f"""SELECT s.user_id, (SELECT a.target_email FROM {AUDIT_TABLE} a WHERE a.target_id = s.user_id
            AND a.target_created_at {same} s.account_created_at ORDER BY a.id DESC LIMIT 1),
            s.role, s.disabled, s.must_change_password, s.locked_until IS NOT NULL,
            s.last_sign_in_at IS NOT NULL, s.account_created_at
            FROM {STATE_TABLE} s WHERE {_stale("s", same)} ORDER BY s.user_id"""
    )).all()
    if rows:
        connection.execute(text(f"DELETE FROM {STATE_TABLE} WHERE {_stale(STATE_TABLE, same)}"))
    return [RemovedState(row[0], row[1], str(row[2]), bool(row[3]), bool(row[4]), bool(row[5]), bool(row[6]),
                         row[7]) for row in rows]


@dataclass(frozen=True)
class SchemaRepair:
    """What a repair did: sentences to show, and the state rows it removed."""

    done: tuple[str, ...]
    removed_states: tuple[RemovedState, ...] = ()

    def describe(self) -> str:
        """One sentence for the status line or stderr."""
        return translatable("Schema", "Repaired what another program removed from the database: {done}.").filled(
            done=listed(self.done))


def repair_sqlite_objects(connection: Any, check: SchemaCheck) -> SchemaRepair:
    """Re-create what `check` found missing, and rebuild what rows written without it need, on a
    synchronous connection inside the caller's (writing) transaction."""
    done: list[str] = []
    expected = _expected(connection)
    for name in check.tables:
        connection.execute(text(TABLES[name]))
    if check.tables:
        names = ", ".join(check.tables)
        done.append(translatable("Schema", "1 table of ours re-created ({names})").filled(names=names)
            if len(check.tables) == 1 else translatable("Schema", "{count} tables of ours re-created ({names})").filled(
                count=Number(len(check.tables)), names=names))
    if check.search_table:
        connection.execute(text(f"DROP TABLE IF EXISTS {SEARCH_TABLE}"))
        connection.execute(text(SEARCH_TABLE_DDL))
    for name in check.objects:
        kind = "TRIGGER" if name in TRIGGERS or name in SEARCH_TRIGGERS else "INDEX"
        connection.execute(text(f"DROP {kind} IF EXISTS {name}"))
        connection.execute(text(expected[name]))
    if check.objects:
        done.append(translatable("Schema", "1 index or trigger re-created") if len(check.objects) == 1
            else translatable("Schema", "{count} indexes and triggers re-created").filled(
                count=Number(len(check.objects))))
    if check.rebuild_search:
        rebuild_sqlite_user_search(connection)
        done.append(translatable("Schema", "the search index rebuilt"))
    if check.refill_email_keys:
        keys = refill_email_keys(connection)
        done.append(translatable("Schema", "the email keys of 1 account computed") if keys == 1
            else translatable("Schema", "the email keys of {count} accounts computed").filled(count=Number(keys)))
    removed: list[RemovedState] = []
    if check.remove_stale_states:
        removed = remove_stale_states(connection)
        if removed:
            done.append(translatable("Schema", "the state of 1 deleted account removed") if len(removed) == 1
                else translatable("Schema", "the state of {count} deleted accounts removed").filled(
                    count=Number(len(removed))))
    return SchemaRepair(tuple(done), tuple(removed))
