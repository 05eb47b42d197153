"""The audit trail: who acts, the entry each write appends in its own transaction, reading the history
and checking its hash chain.

Every service that writes is given the one AuditTrail of its workspace and hands the DAO a draft of the
entry (`draft`); the DAO completes it with the row it wrote and appends it before committing, so a
change and its record are saved together or not at all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Collection, Iterable
from datetime import datetime

from homelog_desktop.data.audit_dao import GENESIS_HASH, AuditDao, AuditDraft, AuditRecord, audit_entry_hash
from homelog_desktop.services.account import Account

__all__ = ["PAGE_SIZE", "AuditDraft", "AuditRecord", "AuditTrail", "Clock"]

PAGE_SIZE = 500
Clock = Callable[[], datetime]


class AuditTrail:
    """The audit trail of one database and the administrator acting on it (None: nobody, as on the
    command line without --actor). On a read-only database nothing is recorded."""

    def __init__(self, *, dao: AuditDao, now: Clock, read_only: bool) -> None:
        self._dao = dao
        self.now = now
        self.read_only = read_only
        self.actor: Account | None = None
        self.actor_via: str | None = None

    def act_as(self, actor: Account | None, *, via: str | None = None) -> None:
        """Record `actor` (the signed-in administrator) in every later entry; None for nobody. `via`: how
        the actor was named when not by signing in (e.g. "homelog-admin --actor ann@example.org").
        Every write in the actor's name checks, inside its transaction, that they still are an enabled,
        unlocked administrator (else ActorRefusedError, nothing written)."""
        self.actor = actor
        self.actor_via = via if actor is not None else None

    def draft(
        self, action: str, fields: Iterable[str] = (), *, target: Account | None = None,
        actor: Account | None = None,
    ) -> AuditDraft:
        """The entry of an action by the acting administrator (checked inside the write), or by `actor`
        (an account acting for itself: signing in; not checked), about `target` when it is known already
        (else the DAO names the account it writes), with the names of the changed fields."""
        checked = actor is None and self.actor is not None
        actor = actor or self.actor
        return AuditDraft(
            at=self.now(), action=action,
            actor_id=actor.id if actor else None, actor_email=actor.email if actor else None,
            target_id=target.id if target else None, target_email=target.email if target else None,
            fields=tuple(fields), checks_actor=checked, actor_via=self.actor_via if checked else None,
        )

    async def record(self, draft: AuditDraft) -> AuditRecord | None:
        """Append an entry that goes with no other write (a refused or failed sign-in), in a transaction
        of its own; nothing on a read-only database."""
        if self.read_only:
            return None
        return await self._dao.append(draft)

    async def history(
        self, account_id: int | None = None, *, after_id: int = 0, limit: int = PAGE_SIZE
    ) -> list[AuditRecord]:
        """A page of audit entries, oldest first (all of them, or those about one account)."""
        return await self._dao.page(target_id=account_id, after_id=after_id, limit=limit)

    async def recent_history(
        self, account_id: int | None = None, *, before_id: int | None = None, limit: int = PAGE_SIZE,
        actions: Collection[str] | None = None, email: str | None = None,
    ) -> list[AuditRecord]:
        """A page of audit entries, newest first (for a history panel that scrolls back in time).

        `actions`: only entries with one of these actions (None: any; empty: none). `email`: only entries
        whose target or acting account's email contains it, in any case (its % and _ are plain text)."""
        return await self._dao.page(
            target_id=account_id, newest_first=True, before_id=before_id, limit=limit, actions=actions,
            email=email,
        )

    async def count_history(
        self, account_id: int | None = None, *, actions: Collection[str] | None = None, email: str | None = None
    ) -> int:
        """How many audit entries recent_history would list with these filters (all pages)."""
        return await self._dao.count(target_id=account_id, actions=actions, email=email)

    async def iter_history(self, account_id: int | None = None) -> AsyncIterator[AuditRecord]:
        """Every audit entry, oldest first, read a page at a time."""
        after = 0
        while True:
            page = await self.history(account_id, after_id=after)
            for entry in page:
                yield entry
            if len(page) < PAGE_SIZE:
                return
            after = page[-1].id

    async def verify_chain(self) -> tuple[bool, int | None]:
        """(True, None) when the audit trail is intact; else (False, id of the first entry that was
        changed or removed). Reads the trail a page at a time."""
        previous, expected_id, last_id = GENESIS_HASH, 1, 0
        async for entry in self.iter_history():
            if entry.id != expected_id:
                return False, expected_id  # an entry is missing here
            if entry.previous_hash != previous or audit_entry_hash(previous, entry) != entry.entry_hash:
                return False, entry.id
            previous, expected_id, last_id = entry.entry_hash, entry.id + 1, entry.id
        head = await self._dao.head()
        if head is None:
            return (True, None) if last_id == 0 else (False, 1)
        head_id, head_hash = head
        if head_id > last_id:
            return False, last_id + 1  # the newest entries were removed
        if head_id != last_id or head_hash != previous:
            return False, head_id or last_id
        return True, None
