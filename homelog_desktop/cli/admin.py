"""`homelog-admin`: manage HomeLog accounts from a terminal or a script (its command line and exit codes).

Parsing, --help and --version load nothing but this module and cli/arguments.py (no services, no
SQLAlchemy, no Qt): a script calling homelog-admin in a loop, or a shell completion, starts fast. The
services load in cli/runner.py, once a command runs.

The error contract: a known failure (HomeLogError, a usage error) prints one sentence on stderr and exits
2, nothing changed; anything else is a bug: one line on stderr naming the log file that holds its
traceback, exit 70, never a traceback on the terminal.
"""

from __future__ import annotations

import argparse
import codecs
import io
import os
import sys
from typing import TYPE_CHECKING

from homelog_desktop.cli.arguments import (
    EXIT_BROKEN_PIPE,
    EXIT_BUG,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    FILTERS,
    HASH_SCHEMES,
    ON_EXISTING,
    PROG,
    ROLES,
    TRANSFER_FORMATS,
    CliError,
    bcrypt_cost,
    check_arguments,
)
from homelog_desktop.errors import HomeLogError

if TYPE_CHECKING:  # only for annotations: typing costs milliseconds at every start
    from collections.abc import Sequence
    from typing import Any, NoReturn


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the whole usage block; the contract is one line on stderr.
        raise CliError(f"{message} (see '{self.prog} --help')")


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from homelog_desktop import __version__

        print(f"{PROG} {__version__}")
        parser.exit()


def _add_account_commands(add: Any, password_option: Any) -> None:
    create = add("create", "add an account and print its id", user=False)
    create.add_argument("email", metavar="EMAIL")
    create.add_argument("--username", metavar="NAME")
    password_option(create, required=False)
    listing = add("list", "list accounts", user=False)
    listing.add_argument("--search", metavar="TEXT", help="only accounts whose email or name contains TEXT")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    show = add("show", "show one account")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    update = add("update", "change an account's email or name")
    update.add_argument("--email", metavar="E")
    update.add_argument("--username", metavar="N", help='new name; "" removes it')
    password_option(add("set-password", "give an account a new password"), required=True)
    add("clear-password", "remove an account's password")
    password_option(add("verify", "check a password: exit 0 on match, 1 if not"), required=True)


def _add_security_commands(add: Any) -> None:
    set_role = add("set-role", "make an account an administrator or a member")
    set_role.add_argument("role", choices=ROLES)
    set_role.add_argument(
        "--confirm-mixed-script", action="store_true",
        help="make an address that mixes Latin with Cyrillic or Greek letters (a possible look-alike) an administrator",
    )
    for name, text in (
        ("disable", "keep accounts from signing in"), ("enable", "let disabled accounts sign in again"),
        ("unlock", "end locks after failed sign-ins"),
        ("require-password-change", "ask accounts to choose a new password at their next sign-in"),
        ("make-member", "make administrators members (never the last enabled one)"),
    ):
        _bulk_options(add(name, text, user=False))
    report = add("report", "can each account sign in, and if not why", user=False)
    report.add_argument("--json", action="store_true", help="print a JSON array")
    audit = add(
        "audit", "print the audit trail; 'audit verify' checks it (exit 1 if changed), 'audit head' prints its head",
        user=False,
    )
    audit.add_argument(
        "action", nargs="?", choices=["verify", "head"],
        help="verify: check the hash chain instead; head: print the newest entry's hash, to keep elsewhere",
    )
    audit.add_argument("--json", action="store_true", help="print a JSON array (head: an object)")
    audit.add_argument("--user", metavar="USER", help="only entries about this account")
    audit.add_argument(
        "--head", metavar="HASH", help="verify: the trail must also hold, unchanged, the entry of this hash"
    )
    hash_scheme = add(
        "hash-scheme", "print the scheme new passwords are hashed with (set or detected), or set it for this database",
        user=False,
    )
    hash_scheme.add_argument(
        "scheme", nargs="?", choices=HASH_SCHEMES,
        help="bcrypt, or argon2id as home-log's backend; existing hashes are upgraded at their next sign-in",
    )
    # Last of these, where --help has always listed it.
    _bulk_options(add("delete", "remove accounts and their passwords (Ctrl+Z in the window cannot undo it)",
                      user=False))


def _bulk_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("user", metavar="USER", nargs="*", help="account ids, or email addresses (any case)")
    command.add_argument("--from-file", metavar="FILE", help="also the accounts named in FILE, one a line (- stdin)")
    command.add_argument("--search", metavar="TEXT", help="every account whose email or name contains TEXT")
    command.add_argument("--filter", choices=FILTERS, help="every account in this state (with --search: both)")
    command.add_argument("--dry-run", action="store_true", help="list the accounts it would change, change nothing")
    command.add_argument("--yes", action="store_true", help="really change several accounts (or delete any)")


def _add_file_commands(add: Any) -> None:
    add("backup", "copy the database into a new FILE (never overwrites)", user=False).add_argument(
        "file", metavar="FILE"
    )
    restore = add(
        "restore", "replace the database with a backup FILE; prints where the old one was kept (a server "
        "database: writes the backup's accounts over those with the same id, after printing what it will do)",
        user=False,
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--dry-run", action="store_true", help="a server database: only print what it would do")
    export = add("export", "write accounts as CSV or JSON (never a password; hashes if asked)", user=False)
    export.add_argument(
        "--format", choices=TRANSFER_FORMATS, help="default: json for an -o name ending in .json, else csv"
    )
    export.add_argument("--search", metavar="TEXT", help="only accounts whose email or name contains TEXT")
    export.add_argument(
        "--include-hashes", action="store_true", help="add a hashed_password column (keep that file private)"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (owner-only) instead of stdout")
    importing = add("import", "add accounts from a .csv or .json FILE, all or none", user=False)
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help="check and report every row, write nothing")
    importing.add_argument(
        "--on-existing", choices=ON_EXISTING, default="skip",
        help="what to do with an address that already has an account (default: skip)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of homelog-admin, with one subcommand per use case."""
    parser = _Parser(prog=PROG, description="Manage the accounts of a HomeLog database.")
    parser.add_argument(
        "--db", metavar="PATH",
        help="database file, postgresql:// URL (no password: ~/.pgpass or PGPASSWORD) or service=NAME "
        "(default: $HOMELOG_DB, else the app's file)",
    )
    # Hidden: only tests and scripted bulk loads should ever lower the cost.
    parser.add_argument("--bcrypt-cost", type=bcrypt_cost, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--actor", metavar="USER", help="the administrator acting, recorded in the audit trail (default: none)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_text: str, *, user: bool = True) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        if user:
            command.add_argument("user", metavar="USER", help="account id, or email address (any case)")
        return command

    def password_option(command: argparse.ArgumentParser, *, required: bool) -> None:
        command.add_argument(
            "--password-stdin", action="store_true", required=required,
            help="read the password from the first line of standard input",
        )

    add("init", "create or open the database and print its path", user=False)
    add("migrate", "prepare a database (as the owner of home-log's tables) for less privileged administrators",
        user=False)
    _add_account_commands(add, password_option)
    _add_security_commands(add)
    _add_file_commands(add)
    return parser


def _report_bug(error: Exception) -> int:
    """One line on stderr; the traceback in the private log file (never on the terminal)."""
    import logging

    from homelog_desktop.cli.output import error_line
    from homelog_desktop.logs import log_bug

    written = log_bug(logging.getLogger(__name__), f"{PROG}: unexpected error", error)
    where = f"details were written to {written}" if written else "its details could not be written to a log file"
    error_line(f"unexpected error ({type(error).__name__}); {where}")
    return EXIT_BUG


def _print_anything(stream: object) -> None:
    """Let stdout print whatever it is given rather than fail half way: a path that is not UTF-8 with the
    bytes the shell gave (as `ls` would), a character the terminal's encoding lacks as an escape."""
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        stream.reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Run homelog-admin; returns the exit code (0 done, 1 verify found no match or audit verify found a
    change, 2 error, 3 verify refused: the account is locked or disabled, 70 a bug)."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help and --version; usage errors raise CliError instead
            return done.code if isinstance(done.code, int) else EXIT_OK
        check_arguments(args)
        _print_anything(sys.stdout)
        from homelog_desktop.logs import configure_logging

        configure_logging(PROG, terminal=False)  # the log file only: stderr carries one line per run
        from homelog_desktop.cli.runner import run  # the services load here, once a command runs

        return run(args)
    except (CliError, HomeLogError) as error:
        from homelog_desktop.cli.output import error_line

        error_line(error)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, and keep the exit-time flush from failing again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        return _report_bug(error)


if __name__ == "__main__":
    raise SystemExit(main())
