"""What every homelog-admin command is given: the open workspace, and the password read from stdin."""

from __future__ import annotations

from dataclasses import dataclass, field

from homelog_desktop.services.workspace import Workspace


@dataclass(frozen=True)
class CommandContext:
    """The open database's workspace (its services audit every write as done by --actor and guard the
    last administrator), and the password given on stdin, if any."""

    workspace: Workspace
    password: str | None = field(default=None, repr=False)  # never in a repr, hence never in a log

    def needs_password(self) -> str:
        """The password from stdin (the parser makes --password-stdin required where it is needed)."""
        assert self.password is not None
        return self.password
