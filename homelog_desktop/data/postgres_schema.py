"""Our objects on a PostgreSQL server, as the migrations create them there: the sort indexes on
home-log's users (native timestamptz, -infinity for a missing date), pg_trgm search indexes, and the
triggers that do what data/sqlite_objects.py's do on SQLite. PostgreSQL only; home-log's tables are
given indexes and triggers, never altered.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from homelog_desktop.data.sqlite_objects import ARGON2_HASH_INDEX, ARGON2_HASHES

STATE_TABLE = "homelog_desktop_account_state"
AUDIT_TABLE = "homelog_desktop_audit"
EMAIL_KEY_TABLE = "homelog_desktop_email_key"

# Our indexes on home-log's users and user_passwords, by name (what follows CREATE INDEX ... name). Built
# CONCURRENTLY after the migrations' transaction has committed (data/postgres_indexes.py), so that
# home-log's inserts and updates go on while a large table is indexed. The sort orders' indexes use native
# timestamptz (-infinity for a missing date); INCLUDE (email) lets an OFFSET jump by email be an index-only
# scan; the Argon2 one answers "any Argon2 hashes?" at every open without reading every hash.
USER_TABLE_INDEXES = {
    "ix_homelog_desktop_users_email_lower": "ON users (lower(email), id) INCLUDE (email)",
    "ix_homelog_desktop_users_username_lower": "ON users (coalesce(lower(username), ''), id)",
    "ix_homelog_desktop_users_created_at": "ON users (created_at, id)",
    "ix_homelog_desktop_users_updated_at": "ON users (coalesce(updated_at, '-infinity'::timestamptz), id)",
    ARGON2_HASH_INDEX: f"ON user_passwords (user_id) WHERE {ARGON2_HASHES}",
}
# Only where pg_trgm exists (created by migration 0002 where this role may).
TRIGRAM_INDEXES = {
    "ix_homelog_desktop_users_email_trgm": "ON users USING gin (email gin_trgm_ops)",
    "ix_homelog_desktop_users_username_trgm": "ON users USING gin (username gin_trgm_ops)",
}

# The users trigger writes the email key with ON CONFLICT (user_id), not DELETE then INSERT: the arbiter is
# always the primary key, whereas plpgsql's cached plan for a DELETE on the (then tiny) key table was a
# sequential scan kept for a whole bulk INSERT into users, which made it quadratic (5,000 rows 5.5 s).
# One function per trigger, in plpgsql (available in every database): home-log's own writes run them too,
# as whatever role home-log connects as, so they run with their owner's rights (SECURITY DEFINER, with the
# search_path fixed at creation so no caller's schema can stand in for ours).
FUNCTIONS_AND_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION homelog_desktop_users_changed() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {STATE_TABLE} WHERE user_id = OLD.id;
            DELETE FROM {EMAIL_KEY_TABLE} WHERE user_id = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF NEW.created_at IS DISTINCT FROM OLD.created_at THEN
                UPDATE {STATE_TABLE} SET account_created_at = NEW.created_at
                WHERE user_id = NEW.id AND account_created_at IS NOT DISTINCT FROM OLD.created_at;
                UPDATE {AUDIT_TABLE} SET target_created_at = NEW.created_at
                WHERE target_id = NEW.id AND target_created_at IS NOT DISTINCT FROM OLD.created_at;
            END IF;
            IF NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.email IS NOT DISTINCT FROM OLD.email THEN
                RETURN NEW;
            END IF;
            IF NEW.id IS DISTINCT FROM OLD.id THEN
                DELETE FROM {EMAIL_KEY_TABLE} WHERE user_id = OLD.id;
            END IF;
        END IF;
        INSERT INTO {EMAIL_KEY_TABLE} (user_id, email, email_key) VALUES (NEW.id, NEW.email, NULL)
        ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, email_key = NULL;
        RETURN NEW;
    END $$""",
    "DROP TRIGGER IF EXISTS homelog_desktop_users_changed ON users",
    "CREATE TRIGGER homelog_desktop_users_changed AFTER INSERT OR UPDATE OR DELETE ON users "
    "FOR EACH ROW EXECUTE FUNCTION homelog_desktop_users_changed()",
    """CREATE OR REPLACE FUNCTION homelog_desktop_state_identity() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF NEW.account_created_at IS NULL THEN
            NEW.account_created_at := (SELECT created_at FROM users WHERE id = NEW.user_id);
        END IF;
        RETURN NEW;
    END $$""",
    f"DROP TRIGGER IF EXISTS homelog_desktop_account_state_identity ON {STATE_TABLE}",
    f"CREATE TRIGGER homelog_desktop_account_state_identity BEFORE INSERT ON {STATE_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION homelog_desktop_state_identity()",
    """CREATE OR REPLACE FUNCTION homelog_desktop_audit_identity() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF NEW.target_id IS NOT NULL AND NEW.target_created_at IS NULL THEN
            NEW.target_created_at := (SELECT created_at FROM users WHERE id = NEW.target_id);
        END IF;
        RETURN NEW;
    END $$""",
    f"DROP TRIGGER IF EXISTS homelog_desktop_audit_identity ON {AUDIT_TABLE}",
    f"CREATE TRIGGER homelog_desktop_audit_identity BEFORE INSERT ON {AUDIT_TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION homelog_desktop_audit_identity()",
]


def create_trigram_extension(connection: Any) -> bool:
    """pg_trgm, where it exists or this role may create it (it is trusted: a database owner may); its GIN
    indexes are built with the others (data/postgres_indexes.py). False when not: search then scans
    (slower, correct)."""
    has_extension = connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
    if has_extension is not None:
        return True
    available = connection.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
    if available is None:
        return False
    savepoint = connection.begin_nested()
    try:
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except Exception:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def has_trigram_search(connection: Any) -> bool:
    """Whether both trigram indexes exist and are valid (search uses ILIKE either way; they make it fast)."""
    found = connection.execute(text(
        "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE i.indisvalid AND c.relnamespace = current_schema()::regnamespace AND c.relname IN "
        "('ix_homelog_desktop_users_email_trgm', 'ix_homelog_desktop_users_username_trgm')"
    )).scalar()
    return bool(found == 2)
