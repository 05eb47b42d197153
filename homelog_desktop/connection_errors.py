"""Failures of a connection to a database server that the user must be told apart from the others."""

from __future__ import annotations

from homelog_desktop.errors import DatabaseError
from homelog_desktop.messages import translatable


class CommitOutcomeUnknownError(DatabaseError):
    """The connection broke while a change was being committed: the server may have kept it or not.
    Never retried (that could make it twice); the user looks, once the server is back."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "The connection to {where} was lost while the change was being saved: it may or may not "
            "have been saved. It was not tried again; once the server is back, look at the accounts before doing "
            "it again.").filled(where=where))


class ServerGoneError(Exception):
    """The server cannot be asked now (restarting, the network): the watch of outside changes tries again
    later. Never shown: the status says the connection is lost."""
