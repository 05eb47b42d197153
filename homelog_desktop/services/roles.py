"""Roles and states of accounts: administrator or member, disabled or enabled, unlocking, and asking for
a new password at the next sign-in; the first administrator of a database; whether the acting
administrator still is one.

The last enabled administrator cannot be deleted, disabled or made a member: the data layer refuses it
inside the writing transaction (LastAdministratorError), so two administrators changed at once cannot
both go. `check_can_delete` says so earlier, before a confirmation is asked. A first administrator is
made only while there is none, checked the same way (AdministratorExistsError).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homelog_desktop.data.account_state_dao import AccountStateDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import InvalidInputError, LastAdministratorError, MixedScriptAdministratorError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLES, Account
from homelog_desktop.services.account_validation import mixed_script_warning
from homelog_desktop.services.audit import AuditTrail

__all__ = ["RoleService"]


class RoleService:
    """Changes the role and state of accounts on one database, each with its audit entry."""

    def __init__(self, *, states: AccountStateDao, audit: AuditTrail, users: UserDao | None = None) -> None:
        self._states = states
        self._audit = audit
        self._users = users

    async def count_administrators(self) -> int:
        """How many enabled administrators there are (0 in a new database: offer to make one)."""
        return await self._states.count_administrators()

    async def check_can_delete(self, account_id: int) -> None:
        """LastAdministratorError when deleting this account would leave no enabled administrator (to say
        so before asking to confirm; the delete itself checks again, under the write lock)."""
        if await self._states.is_last_administrator(account_id):
            raise LastAdministratorError("deleted")

    async def set_role(self, account_id: int, role: str, *, confirm_mixed_script: bool = False) -> Account:
        """Make an account an administrator or a member; the last enabled administrator stays one. An
        address that mixes scripts (see mixed_script_warning) becomes an administrator only when confirmed.
        The trail records which ("make_administrator", "make_member"), so it tells what the role should be."""
        if role not in ROLES:
            raise InvalidInputError(f"The role must be administrator or member, not {role!r}.")
        if role == ROLE_ADMINISTRATOR and not confirm_mixed_script and self._users is not None:
            warning = mixed_script_warning((await self._users.get(account_id)).email)
            if warning is not None:
                raise MixedScriptAdministratorError(warning)
        if role == ROLE_ADMINISTRATOR:
            return await self._change(account_id, "make_administrator", ["role"], {"role": role})
        return await self._change(account_id, "make_member", ["role"], {"role": role})

    async def make_first_administrator(self, account_id: int) -> Account:
        """Make an account (whose password was just checked: it signed in) the first administrator of a
        database that has none; AdministratorExistsError when one was made meanwhile."""
        made = self._audit.draft("make_administrator", ["role"])  # done by the account itself
        return Account.from_row(await self._states.make_first_administrator(account_id, made))

    async def actor_problem(self) -> str | None:
        """Why the acting administrator may not act any more (deleted, made a member, disabled, locked
        after failed sign-ins: changed elsewhere, or by themselves); None while they may, or nobody acts."""
        actor = self._audit.actor
        if actor is None:
            return None
        return await self._states.actor_problem(actor.id, self._audit.now())

    async def disable(self, account_id: int) -> Account:
        """Keep an account from signing in (it stays, with its password); not the last administrator."""
        return await self._change(account_id, "disable", ["disabled"], {"disabled": True})

    async def enable(self, account_id: int) -> Account:
        """Let a disabled account sign in again."""
        return await self._change(account_id, "enable", ["disabled"], {"disabled": False})

    async def unlock(self, account_id: int) -> Account:
        """End a lock and forget the failed sign-ins."""
        fields = ["failed_attempts", "locked_until"]
        return await self._change(account_id, "unlock", fields, {"failed_attempts": 0, "locked_until": None})

    async def set_must_change_password(self, account_id: int, required: bool = True) -> Account:
        """Ask the account to choose a new password at its next sign-in (or stop asking)."""
        fields = ["must_change_password"]
        return await self._change(account_id, "must_change_password", fields, {"must_change_password": required})

    async def _change(self, account_id: int, action: str, fields: list[str], changes: Mapping[str, Any]) -> Account:
        row = await self._states.update_state(account_id, changes, self._audit.draft(action, fields))
        return Account.from_row(row)
