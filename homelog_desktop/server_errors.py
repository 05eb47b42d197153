"""Known failures of a database on a PostgreSQL server, and their wording (see errors.py, which holds
the others and their base, DatabaseError): each names the location, never with a password."""

from __future__ import annotations

from homelog_desktop.errors import DatabaseError
from homelog_desktop.messages import translatable


class ServerUnreachableError(DatabaseError):
    """The PostgreSQL server does not answer (not running, wrong host or port, a firewall)."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "The database server of {where} cannot be reached: check that it is running and that the "
            "host and port are right.").filled(where=where))


class ServerWithoutSslError(DatabaseError):
    """The server offers no SSL, and the location's SSL mode (sslmode, PGSSLMODE) requires it."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "The database server of {where} does not offer SSL, and the SSL mode asks for it: turn SSL "
            "on at the server, or choose an SSL mode that allows a connection without it.").filled(where=where))


class ServerServiceMissingError(DatabaseError):
    """libpq's service file (pg_service.conf, PGSERVICEFILE) defines no service of that name."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "No {where} is defined: check its name in pg_service.conf (or the file PGSERVICEFILE "
            "names).").filled(where=where))


class ServerSignInError(DatabaseError):
    """The PostgreSQL server refused the user name or password (SQLSTATE 28P01, 28000)."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "The server refused the sign-in to {where}: the user name or password is wrong, or this "
            "user may not connect from here.").filled(where=where))


class ServerDatabaseMissingError(DatabaseError):
    """The server has no database of that name (SQLSTATE 3D000)."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable("Errors", "The server has no database {where}: check its name.").filled(
            where=where))


class ServerBusyError(DatabaseError):
    """Another session held what a change needs for longer than we wait, or the server broke a deadlock
    or a serialization conflict (SQLSTATE 55P03, 40P01, 40001), after our retries."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "{where} is busy: another administrator or program holds what this change needs. Nothing "
            "was changed; try again in a moment.").filled(where=where))


class ServerReadOnlyError(DatabaseError):
    """The server or the session accepts no writes (SQLSTATE 25006: a standby, or a read-only role)."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "{where} accepts no changes (a read-only server or session): nothing was changed.").filled(
            where=where))


class ServerPrivilegeError(DatabaseError):
    """The role we connect as lacks a privilege the work needs (SQLSTATE 42501)."""

    def __init__(self, where: str, privilege: str | None = None) -> None:
        missing = f" ({privilege})" if privilege else ""
        super().__init__(translatable(
            "Errors", "The user HomeLog Desktop connects to {where} as lacks a privilege this needs{missing}: "
            "nothing was changed. The database owner can grant it (see the README on privileges).").filled(
            where=where, missing=missing))


class ServerConnectionLostError(DatabaseError):
    """The connection to the server broke (a restart, the network; SQLSTATE class 08, 57P01)."""

    def __init__(self, where: str) -> None:
        super().__init__(translatable(
            "Errors", "The connection to {where} was lost; nothing half done was kept. Try again once the server "
            "is back.").filled(where=where))


class ServerObjectsMissingError(DatabaseError):
    """Objects of ours on home-log's tables went with them (home-log re-created its tables) and the role we
    connect as may not make them again: the database is read-only from now on."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
