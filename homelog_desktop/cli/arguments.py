"""What homelog-admin knows before it opens anything: exit codes, the choices of its options, the refusals
that need no database, the bcrypt cost, and the password read from stdin.

Only the standard library: parsing, --help and --version must not load the services (nor SQLAlchemy, nor
Qt). The choices repeat the services' names (tests/cli/test_arguments.py checks that they agree).
"""

from __future__ import annotations

import argparse
import os
import sys

from homelog_desktop.errors import InvalidInputError

PROG = "homelog-admin"
EXIT_OK = 0
EXIT_NO_MATCH = 1  # verify: not the password; audit verify: the trail was changed
EXIT_ERROR = 2  # a known error: one sentence on stderr, nothing changed
EXIT_REFUSED = 3  # verify: the account is locked or disabled
EXIT_BUG = 70  # an unexpected error (BSD's EX_SOFTWARE): one line on stderr, the details in the log file
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports SIGINT
EXIT_BROKEN_PIPE = 141  # what a shell reports for a tool killed by SIGPIPE

ROLES = ("administrator", "member")  # services.account's ROLE_ADMINISTRATOR, ROLE_MEMBER
HASH_SCHEMES = ("bcrypt", "argon2id")  # services.passwords.policy.HASH_SCHEMES
TRANSFER_FORMATS = ("csv", "json")  # services.transfer.TransferFormat
ON_EXISTING = ("skip", "update", "abort")  # services.transfer.OnExisting
BCRYPT_COST_ENV_VAR = "HOMELOG_BCRYPT_COST"
# services.accounts.AccountFilter's values; and the commands that take many accounts (services.bulk.BulkAction).
FILTERS = ("all", "administrators", "disabled", "locked", "must_change_password", "no_password", "never_signed_in")
BULK_COMMANDS = ("disable", "enable", "unlock", "require-password-change", "make-member", "delete")


class CliError(Exception):
    """The command line itself is wrong (usage, missing stdin); shown as one line, exit 2."""


def bcrypt_cost(text: str) -> int:
    """A bcrypt cost from the command line or the environment: a whole number from 4 to 31."""
    try:
        cost = int(text)
    except ValueError:
        cost = 0
    if not 4 <= cost <= 31:
        raise argparse.ArgumentTypeError(f"the bcrypt cost must be a whole number from 4 to 31, not {text!r}")
    return cost


def resolve_bcrypt_cost(option: int | None, default: int) -> int:
    """--bcrypt-cost, else $HOMELOG_BCRYPT_COST, else `default`; CliError for a bad environment value."""
    if option is not None:
        return option
    env_value = os.environ.get(BCRYPT_COST_ENV_VAR)
    if not env_value:
        return default
    try:
        return bcrypt_cost(env_value)
    except argparse.ArgumentTypeError as error:
        raise CliError(f"{BCRYPT_COST_ENV_VAR}: {error}") from error


# The arguments that are text (paths are not: a file name may be any bytes), and how a refusal names them.
TEXT_ARGUMENTS = (
    ("email", "The email address"),
    ("user", "USER"),
    ("username", "--username"),
    ("search", "--search"),
    ("actor", "--actor"),
)
# Arguments that name an account: blank is refused, never taken as "no account" or "every account".
ACCOUNT_ARGUMENTS = ("user", "actor")
BOM = "\ufeff"
MAX_PASSWORD_LINE = 64 * 1024


def is_text(value: str) -> bool:
    """Whether an argument is text: the command line holds the bytes that are not UTF-8 as lone surrogates."""
    return not any("\ud800" <= character <= "\udfff" for character in value)


def check_arguments(args: argparse.Namespace) -> None:
    """Refusals that need no database, made before it is opened (or created)."""
    for name, what in TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if any(isinstance(item, str) and not is_text(item) for item in _listed(value)):
            raise InvalidInputError.not_text(what)
    for name in ACCOUNT_ARGUMENTS:
        value = getattr(args, name, None)
        if any(isinstance(item, str) and not item.strip() for item in _listed(value)):
            raise InvalidInputError.no_account_named()
    if args.command in BULK_COMMANDS:
        _check_bulk(args)
    if args.command == "update" and args.email is None and args.username is None:
        raise CliError("update needs --email or --username (or both); nothing was changed.")
    if args.command == "audit" and args.head is not None:
        if args.action != "verify":
            raise CliError("--head goes with 'audit verify' only.")
        head = args.head.strip().lower()
        if len(head) != 64 or any(c not in "0123456789abcdef" for c in head):
            raise CliError("--head takes the 64 hexadecimal digits 'audit head' printed.")


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value]


def is_bulk(args: argparse.Namespace) -> bool:
    """Whether a command of BULK_COMMANDS names its accounts otherwise than by one USER."""
    return len(args.user) != 1 or bool(args.from_file) or args.search is not None or args.filter is not None


def _check_bulk(args: argparse.Namespace) -> None:
    if not (args.user or args.from_file or args.search is not None or args.filter is not None):
        raise CliError(f"{args.command} needs USER..., --from-file, --search or --filter; nothing was changed.")
    if args.search is not None and not args.search.strip():
        raise CliError("--search needs some text (every account: --filter all); nothing was changed.")
    if args.dry_run or args.yes:
        return
    if args.command == "delete" and not is_bulk(args):
        raise CliError(f"Not deleting {args.user[0]!r} without --yes; nothing was changed.")
    if is_bulk(args):
        raise CliError("Not changing several accounts without --yes (or see them first with --dry-run); "
                       "nothing was changed.")


def read_password() -> str:
    """The first line of stdin, read as UTF-8 bytes whatever the locale, without its line ending (LF, CRLF
    or a lone CR) and without a leading byte order mark (Notepad's): what the password rules then see."""
    if sys.stdin is None:
        raise CliError("--password-stdin was given but there is no standard input.")
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        raw: bytes = stream.readline(MAX_PASSWORD_LINE + 3)  # the longest line, its CRLF, and one more byte
        if len(raw.removesuffix(b"\n").removesuffix(b"\r")) > MAX_PASSWORD_LINE:
            raise InvalidInputError.password_line_too_long(MAX_PASSWORD_LINE)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidInputError.not_text("The password on standard input") from error
    else:  # a text stream without bytes beneath (a test's StringIO)
        line = sys.stdin.readline(MAX_PASSWORD_LINE + 1)
        if not is_text(line):
            raise InvalidInputError.not_text("The password on standard input")
    line = line.removeprefix(BOM).removesuffix("\n").removesuffix("\r")
    if not line:
        raise CliError("No password was given on standard input.")
    return line
