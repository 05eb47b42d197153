"""Substring search over a million accounts, SQLite only: an FTS5 trigram index of email and name.

The index is a table of our own (`homelog_desktop_user_search`, external content on `users`), kept in
step by triggers, so rows written by home-log itself are indexed too. Other databases fall back to LIKE.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, TextClause, column, func, select, table, text

from homelog_desktop.data.models import AnySelect, User

SEARCH_TABLE = "homelog_desktop_user_search"
# The trigram tokenizer matches substrings of at least three characters; shorter searches use LIKE.
MIN_TRIGRAM_SEARCH = 3
_TRIGRAM_SINCE = (3, 34)  # the SQLite release that added the trigram tokenizer

_search_table = table(SEARCH_TABLE, column("rowid"))

SEARCH_TABLE_DDL = f"""CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE}
        USING fts5(email, username, content='users', content_rowid='id', tokenize='trigram')"""
# FTS5 is built into SQLite (Python's sqlite3 has it): home-log's own connections can run these triggers.
SEARCH_TRIGGERS = {
    f"{SEARCH_TABLE}_insert": f"""CREATE TRIGGER IF NOT EXISTS {SEARCH_TABLE}_insert AFTER INSERT ON users BEGIN
        INSERT INTO {SEARCH_TABLE}(rowid, email, username) VALUES (new.id, new.email, new.username);
    END""",
    f"{SEARCH_TABLE}_delete": f"""CREATE TRIGGER IF NOT EXISTS {SEARCH_TABLE}_delete AFTER DELETE ON users BEGIN
        INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, email, username)
        VALUES ('delete', old.id, old.email, old.username);
    END""",
    f"{SEARCH_TABLE}_update": f"""CREATE TRIGGER IF NOT EXISTS {SEARCH_TABLE}_update
    AFTER UPDATE OF id, email, username ON users BEGIN
        INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, email, username)
        VALUES ('delete', old.id, old.email, old.username);
        INSERT INTO {SEARCH_TABLE}(rowid, email, username) VALUES (new.id, new.email, new.username);
    END""",
}
_DDL = [SEARCH_TABLE_DDL, *SEARCH_TRIGGERS.values()]


def rebuild_sqlite_user_search(connection: Any) -> None:
    """Index every user again (after rows were written while the triggers were missing)."""
    connection.execute(text(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('rebuild')"))


# The answer of the SQLite library this process loaded (every connection shares it): asked once.
_TRIGRAM_ANSWER: dict[str, bool] = {}


def sqlite_has_trigram_search(connection: Any) -> bool:
    """Whether this SQLite has FTS5 and its trigram tokenizer (SQLite 3.34 or later), asked of SQLite
    itself rather than read off the message of a failed CREATE; once per process."""
    if "answer" not in _TRIGRAM_ANSWER:
        row = connection.execute(
            text("SELECT sqlite_compileoption_used('ENABLE_FTS5'), sqlite_version()")
        ).first()
        version = tuple(int(part) for part in str(row[1]).split(".")[:2]) if row is not None else ()
        _TRIGRAM_ANSWER["answer"] = row is not None and bool(row[0]) and version >= _TRIGRAM_SINCE
    return _TRIGRAM_ANSWER["answer"]


def create_sqlite_user_search(connection: Any) -> bool:
    """Create the trigram index and its triggers if missing (indexing existing rows); False when this
    SQLite lacks FTS5 or the trigram tokenizer, in which case searches use LIKE."""
    exists = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": SEARCH_TABLE}
    ).first()
    if exists:
        return True
    if not sqlite_has_trigram_search(connection):
        return False
    for statement in _DDL:
        connection.execute(text(statement))
    rebuild_sqlite_user_search(connection)
    return True


def _match(search: str) -> TextClause:
    phrase = '"' + search.replace('"', '""') + '"'
    return text(f"{SEARCH_TABLE} MATCH :phrase").bindparams(phrase=phrase)


def sqlite_trigram_condition(search: str) -> ColumnElement[bool]:
    """Users whose email or name contains `search` (three characters or more), any case."""
    return User.id.in_(select(_search_table.c.rowid).where(_match(search)))


def sqlite_trigram_count(search: str) -> AnySelect:
    """How many users match `search`, counted in the index alone (the triggers keep it equal to users)."""
    return select(func.count()).select_from(_search_table).where(_match(search))
