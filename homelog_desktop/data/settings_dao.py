"""HomeLog Desktop's settings stored in the database (`homelog_desktop_settings`), e.g. the hash scheme."""

from __future__ import annotations

from sqlalchemy import inspect, select

from homelog_desktop.data.audit_dao import AuditDraft, append_audit
from homelog_desktop.data.backends import upsert
from homelog_desktop.data.database import Database, database_call
from homelog_desktop.data.security_models import Setting

HASH_SCHEME_KEY = "password.scheme"  # "bcrypt" or "argon2id": the scheme of new hashes; absent: detected


class SettingsDao:
    """Reads and writes settings; one session per call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sessions = database.sessions

    @database_call
    async def get(self, key: str) -> str | None:
        """A setting's value; None when it is not set, or when the database has no settings table (a
        home-log database opened read-only, before this app's tables were added)."""
        async with self._sessions() as session:
            if self.database.read_only:  # a writable database has every table of ours: it was brought up to date
                connection = await session.connection()
                has_table = await connection.run_sync(lambda sync: inspect(sync).has_table(Setting.__tablename__))
                if not has_table:
                    return None
            return await session.scalar(select(Setting.value).where(Setting.key == key))

    @database_call
    async def set(self, key: str, value: str | None, audit: AuditDraft | None = None) -> None:
        """Store a setting (replacing its value), and append its audit entry in the same transaction."""
        async with self.database.writing() as session:
            await session.execute(
                upsert(session, Setting, {"key": key, "value": value}, keys=[Setting.key], set_={"value": value})
            )
            if audit is not None:
                await append_audit(session, audit)
