"""Known failures and their wording, in one place: every sentence a user may read about a refusal.

Each class carries its own sentence (str(error) is what a front end shows). Anything that is not a
HomeLogError is a bug: front ends report it as one (excepthook, log), never as the user's mistake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from homelog_desktop.messages import translatable


class HomeLogError(Exception):
    """A known, expected failure; str(error) is the message shown to the user."""


# Input


class InvalidInputError(HomeLogError):
    """Input was refused before anything was written; `problems` lists every reason."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        # One problem keeps its translatable sentence (messages.Text) for the window; several are joined in English.
        super().__init__(self.problems[0] if len(self.problems) == 1 else " ".join(self.problems))

    @classmethod
    def no_password_to_check(cls) -> InvalidInputError:
        """A password check of an account that has no password."""
        return cls(translatable("Errors", "This account has no password to check against."))

    @classmethod
    def not_text(cls, what: str) -> InvalidInputError:
        """Input that is not UTF-8 text (an argument, standard input); `what` names it."""
        return cls(translatable(
            "Errors", "{what} is not valid text: it holds bytes that are not UTF-8. Nothing was changed."
        ).filled(what=what))

    @classmethod
    def no_account_named(cls) -> InvalidInputError:
        """An empty (or blank) account reference, where an id or an email address was expected."""
        return cls(translatable("Errors", "No account was named: give an account id or an email address."))

    @classmethod
    def password_line_too_long(cls, limit: int) -> InvalidInputError:
        """A first line of standard input too long to be a password (it is not read further)."""
        return cls(translatable(
            "Errors", "The first line of standard input is longer than {limit} bytes: it is not a password."
        ).filled(limit=f"{limit:,}"))


class UnreadableHashError(HomeLogError):
    """A stored password hash that cannot be checked (an unknown format, or damaged)."""

    def __init__(self, scheme: str | None = None) -> None:
        if scheme is None:
            text = translatable("Errors", "The stored password hash is damaged and cannot be checked.")
        else:
            text = (
                translatable("Errors",
                    "The stored password uses a hash format this app cannot check ({scheme}): only bcrypt and "
                        "Argon2 hashes can be checked.").filled(scheme=scheme)
            )
        super().__init__(text)


# Accounts


class NotFoundError(HomeLogError):
    """The account asked for does not exist (any more)."""

    def __init__(self, what: str) -> None:
        super().__init__(translatable(
            "Errors", "No account {what} was found. It may have been deleted."
        ).filled(what=what))

    @classmethod
    def with_id(cls, account_id: int) -> NotFoundError:
        """No account has this id."""
        return cls(translatable("Errors", "with id {account_id}").filled(account_id=account_id))

    @classmethod
    def with_email(cls, email: str) -> NotFoundError:
        """No account has this email address."""
        return cls(translatable("Errors", "with the email {email}").filled(email=email))


class DuplicateEmailError(HomeLogError):
    """Another account already uses this email address (compared without case)."""

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__(translatable(
            "Errors", "An account with the email {email} already exists."
        ).filled(email=email))


class ConflictError(HomeLogError):
    """The account changed (elsewhere) since it was loaded; the change based on it was refused.

    `changes` lists (field, value when loaded, value now); `deleted` when it no longer exists.
    """

    def __init__(self, label: str, changes: list[tuple[str, object, object]], *, deleted: bool = False) -> None:
        self.changes = changes
        self.deleted = deleted
        if deleted:
            text = translatable(
                "Errors", "The account {label} was deleted elsewhere since you opened it."
            ).filled(label=label)
        else:
            shown = "; ".join(f"{field}: “{_shown(before)}” → “{_shown(now)}”" for field, before, now in changes)
            text = (
                translatable("Errors",
                    "The account {label} was changed elsewhere since you opened it ({shown}). Your change was not "
                        "saved: check the new values, then save again.").filled(label=label, shown=shown)
            )
        super().__init__(text)


LastAdministratorChange = Literal["deleted", "disabled", "demoted"]
_LAST_ADMINISTRATOR_VERBS: dict[LastAdministratorChange, str] = {
    "deleted": translatable("Errors", "be deleted"),
    "disabled": translatable("Errors", "be disabled"),
    "demoted": translatable("Errors", "become a member"),
}


class LastAdministratorError(HomeLogError):
    """The change would leave no enabled administrator."""

    def __init__(self, change: LastAdministratorChange) -> None:
        self.change = change
        super().__init__(
            translatable("Errors",
                "This is the last administrator: it cannot {change}, or nobody could manage the accounts any more. "
                    "Make another account an administrator first.").filled(change=_LAST_ADMINISTRATOR_VERBS[change])
        )


class MixedScriptAdministratorError(HomeLogError):
    """An address that mixes scripts (a possible look-alike) made an administrator without confirming it."""

    def __init__(self, warning: str) -> None:
        super().__init__(
            translatable(
                "Errors", "{warning} Confirm to make it an administrator (homelog-admin: --confirm-mixed-script)."
            ).filled(warning=warning)
        )


class AdministratorExistsError(HomeLogError):
    """A first administrator was asked for where an enabled administrator exists (made meanwhile)."""

    def __init__(self) -> None:
        super().__init__(
            translatable("Errors",
                "This database has an administrator now (set up elsewhere meanwhile): sign in as one, or ask one "
                    "to make you an administrator.")
        )


class ActorRefusedError(HomeLogError):
    """The administrator acting is not (any more) an enabled, unlocked administrator: the write was refused.

    `why` says what they are now: "deleted", "made a member", "disabled", "locked after failed sign-ins".
    """

    def __init__(self, actor: str, why: str, *, given: str | None = None) -> None:
        self.actor = actor
        self.why = why
        if given is not None:
            text = translatable(
                "Errors", "--actor {given}: {actor} is not an enabled administrator ({why})."
            ).filled(given=given, actor=actor, why=why)
        else:
            text = translatable(
                "Errors", "{actor} is no longer an enabled administrator here ({why}); nothing was changed."
            ).filled(actor=actor, why=why)
        super().__init__(text)


class ImportCancelledError(HomeLogError):
    """The import was stopped before it committed; nothing was written."""

    def __init__(self) -> None:
        super().__init__(translatable("Errors", "The import was cancelled; nothing was written."))


class ImportOvertakenError(HomeLogError):
    """Another program added one of the imported addresses between the plan and the write."""

    def __init__(self) -> None:
        super().__init__(translatable(
            "Errors", "Another program added one of these accounts meanwhile; nothing was imported."
        ))


# Database files


class DatabaseError(HomeLogError):
    """The database file cannot be opened, read or written (not SQLite, locked, read-only, ...)."""


class DatabaseReadOnlyError(DatabaseError):
    """The database cannot be written: opened read-only, or the file or its folder may not be written."""

    def __init__(self, path: Path) -> None:
        super().__init__(translatable(
            "Errors", "{file} is open read-only: changes cannot be saved."
        ).filled(file=path.name))


class DatabaseLockedError(DatabaseError):
    """Another program holds the database's lock for longer than we wait."""

    def __init__(self, path: Path) -> None:
        super().__init__(translatable(
            "Errors", "{path} is locked by another program. Try again in a moment."
        ).filled(path=path))


class DiskFullError(DatabaseError):
    """The disk (or the database's size limit, or the user's disk quota) is full, or too full for a copy
    and the work after it."""

    def __init__(self, path: Path | None = None, *, needed: int | None = None, free: int | None = None) -> None:
        if needed is not None and free is not None:
            super().__init__(
                translatable("Errors",
                    "The disk is full: the backup copy and the work after it need {needed}, and {free} are free. "
                        "Nothing was written.").filled(needed=_megabytes(needed), free=_megabytes(free))
            )
        elif path is None:
            super().__init__(translatable("Errors", "The disk is full; the change was not saved."))
        else:
            super().__init__(translatable(
                "Errors", "The disk is full: {path} could not be written, and nothing was changed."
            ).filled(path=path))


class DiskIOError(DatabaseError):
    """The operating system failed a read or write of the file."""

    def __init__(self, path: Path) -> None:
        super().__init__(translatable(
            "Errors", "{path} could not be read or written (a disk or file system error)."
        ).filled(path=path))


class DamagedDatabaseError(DatabaseError):
    """The file is a database, but a damaged one (or SQLite cannot tell it from one)."""

    def __init__(self, path: Path, why: str | None = None) -> None:
        if why is None:
            super().__init__(translatable(
                "Errors", "{path} is damaged or is not a HomeLog database."
            ).filled(path=path))
        else:
            super().__init__(translatable("Errors", "{path} is damaged ({why}).").filled(path=path, why=why))


class UndecodableTextError(DatabaseError):
    """The database holds text that is not UTF-8 (written by another program): it cannot be read as text."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            translatable("Errors",
                "{path} holds text that is not valid UTF-8 (written by another program), so it cannot be read "
                    "here; repair it with the sqlite3 tool.").filled(path=path)
        )


class NotADatabaseError(DatabaseError):
    """The file is not a HomeLog database at all."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(translatable("Errors", "{path} is not a HomeLog database ({why}).").filled(path=path, why=why))


class NewerSchemaError(DatabaseError):
    """The database was written by a newer version of this app."""

    def __init__(self, path: Path, revision: str, *, restoring: bool = False) -> None:
        if restoring:
            text = (
                translatable("Errors",
                    "{path} was written by a newer version of HomeLog Desktop (schema {revision}); update the app "
                        "to restore it.").filled(path=path, revision=revision)
            )
        else:
            text = (
                translatable("Errors",
                    "{path} was written by a newer version of HomeLog Desktop (schema {revision}). Update the app "
                        "to open it.").filled(path=path, revision=revision)
            )
        super().__init__(text)


class FileError(DatabaseError):
    """A file (the database, a backup, an import or export file) or its folder cannot be used as asked."""


class DatabaseClosedError(DatabaseError):
    """Work asked of a database after it was closed (e.g. a view still reading when another file was
    opened): refused, as a connection opened then would never be closed."""

    def __init__(self, path: Path) -> None:
        super().__init__(translatable("Errors", "{file} was closed.").filled(file=path.name))


# Warnings: the operation goes on, the user should still know.


def readable_by_others_warning(path: Path, command: str) -> str:
    """A database file that other users of the computer can read; `command` is the one that fixes it."""
    return (
        translatable("Errors",
            "{path} can be read by other users of this computer, password hashes included; run {command} to make "
                "it yours only.").filled(path=path, command=command)
    )


# Bugs


def unexpected_error(kind: str, log_file: Path | None) -> str:
    """What the window says about a bug: never a traceback, never the user's mistake."""
    where = translatable(
        "Errors", "its details were written to {log_file}"
    ).filled(log_file=log_file) if log_file is not None else translatable("Errors", "its details are in the log")
    return translatable(
        "Errors", "An unexpected error happened ({kind}): this is a bug in HomeLog Desktop, not something you did; "
                  "{where}."
    ).filled(kind=kind, where=where)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _reason(reason: str | None) -> str:
    return reason.rstrip(".") if reason else translatable("Errors", "an operating system error")


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
