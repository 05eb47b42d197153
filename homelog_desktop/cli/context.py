"""What every homelog-admin command is given: the open services, and the password read from stdin."""

from __future__ import annotations

from dataclasses import dataclass, field

from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.security import SecurityService


@dataclass(frozen=True)
class CommandContext:
    """The account and security services of the open database (the security service audits every
    write and guards the last administrator), and the password given on stdin, if any."""

    accounts: AccountService
    security: SecurityService
    password: str | None = field(default=None, repr=False)  # never in a repr, hence never in a log

    def needs_password(self) -> str:
        """The password from stdin (the parser makes --password-stdin required where it is needed)."""
        assert self.password is not None
        return self.password
