"""Errors every layer may raise and every front end may show: each carries a sentence a user can read.

Anything that is not a HomeLogError is a bug and goes to the excepthook, not to a message box.
"""


class HomeLogError(Exception):
    """A known, expected failure; str(error) is the message shown to the user."""


class InvalidInputError(HomeLogError):
    """Input was refused before anything was written; `problems` lists every reason."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))


class DuplicateEmailError(HomeLogError):
    """Another account already uses this email address (compared without case)."""

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(f"An account with the email {email} already exists.")


class NotFoundError(HomeLogError):
    """The account asked for does not exist (any more)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"No account {what} was found. It may have been deleted.")


class DatabaseError(HomeLogError):
    """The database file cannot be opened or written (not SQLite, locked, read-only, ...)."""


class DatabaseClosedError(DatabaseError):
    """Work asked of a database after it was closed (e.g. a view still reading when another file was
    opened): refused, as a connection opened then would never be closed."""


class ConflictError(HomeLogError):
    """The account changed (elsewhere) since it was loaded; the change based on it was refused.

    `changes` lists (field, value when loaded, value now); `deleted` when it no longer exists.
    """

    def __init__(self, label: str, changes: list[tuple[str, object, object]], *, deleted: bool = False) -> None:
        self.changes = changes
        self.deleted = deleted
        if deleted:
            text = f"The account {label} was deleted elsewhere since you opened it."
        else:
            shown = "; ".join(f"{field}: “{_shown(before)}” → “{_shown(now)}”" for field, before, now in changes)
            text = (
                f"The account {label} was changed elsewhere since you opened it ({shown}). "
                "Your change was not saved: check the new values, then save again."
            )
        super().__init__(text)


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
