"""`homelog-admin`: manage HomeLog accounts from a terminal or a script."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from homelog_desktop import __version__
from homelog_desktop.errors import HomeLogError
from homelog_desktop.paths import resolve_database_path
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER, Account
from homelog_desktop.services.backup import restore
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.passwords.policy import HASH_SCHEMES
from homelog_desktop.services.sign_in import SignInReason
from homelog_desktop.services.transfer import (
    ExportOptions,
    ImportRowReport,
    OnExisting,
    TransferFormat,
)
from homelog_desktop.services.workspace import Workspace

PROG = "homelog-admin"
BCRYPT_COST_ENV_VAR = "HOMELOG_BCRYPT_COST"
LIST_PAGE_SIZE = 500
EXIT_OK = 0
EXIT_NO_MATCH = 1
EXIT_ERROR = 2
EXIT_REFUSED = 3  # verify: the account is locked or disabled
EXIT_BROKEN_PIPE = 141  # what a shell reports for a tool killed by SIGPIPE
TABLE_HEADER = ("ID", "EMAIL", "NAME", "PASSWORD", "CREATED (UTC)")

Command = Callable[[Workspace, argparse.Namespace, str | None], Awaitable[int]]
# A command on the database file itself, run while nothing has it open (restore).
FileCommand = Callable[[Path, argparse.Namespace], Awaitable[int]]


class CliError(Exception):
    """The command line itself is wrong (usage, missing stdin); shown as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the whole usage block; the contract is one line on stderr.
        raise CliError(f"{message} (see '{self.prog} --help')")


# Commands: each gets an open workspace, the parsed arguments and the password read from stdin (if any).


async def _init(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    print(workspace.path)
    return EXIT_OK


async def _create(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.create(args.email, args.username, password)
    print(account.id)
    return EXIT_OK


async def _list(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    if args.json:
        separator = "\n  "
        print("[", end="")
        async for page in _pages(workspace, args.search):
            schemes = await workspace.hash_scheme.schemes_of(account.id for account in page)
            for account in page:
                data = account.to_json() | {
                    "role": account.role,
                    "disabled": account.disabled,
                    "locked_until": _iso(account.locked_until),
                    "last_sign_in": _iso(account.last_sign_in_at),
                    "password_changed_at": _iso(account.password_updated_at),
                    "hash_scheme": schemes[account.id],
                }
                print(separator + json.dumps(data), end="")
                separator = ",\n  "
        print("]" if separator == "\n  " else "\n]")
        return EXIT_OK
    widths: list[int] = []
    async for page in _pages(workspace, args.search):
        rows = [_table_row(account) for account in page]
        if not widths:
            # Sized on the first page only: later pages are printed as they arrive, not held back.
            columns = zip(TABLE_HEADER, *rows, strict=True)
            widths = [max(len(cell) for cell in column) for column in columns]
            print(_format_row(TABLE_HEADER, widths))
        for row in rows:
            print(_format_row(row, widths))
    return EXIT_OK


async def _show(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    if args.json:
        print(json.dumps(account.to_json(), indent=2))
        return EXIT_OK
    changed = f" (changed {_when(account.password_updated_at)})" if account.password_updated_at else ""
    print(f"id:       {account.id}")
    print(f"email:    {_clean(account.email)}")
    print(f"name:     {_clean(account.username or '-')}")
    print(f"password: {'yes' + changed if account.has_password else 'no'}")
    print(f"created:  {_when(account.created_at)}")
    print(f"updated:  {_when(account.updated_at)}")
    return EXIT_OK


async def _update(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    email = account.email if args.email is None else args.email
    username = account.username if args.username is None else args.username
    account = await workspace.accounts.update(account.id, email=email, username=username)
    print(f"Updated account {account.id}.")
    return EXIT_OK


async def _set_password(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    assert password is not None  # --password-stdin is required for this command
    account = await workspace.accounts.find(args.user)
    await workspace.accounts.set_password(account.id, password)
    print(f"Password set for account {account.id}.")
    return EXIT_OK


async def _clear_password(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    await workspace.accounts.clear_password(account.id)
    print(f"Password cleared for account {account.id}.")
    return EXIT_OK


async def _verify(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    assert password is not None  # --password-stdin is required for this command
    account = await workspace.accounts.find(args.user)
    result = await workspace.sign_in.check_password(account.id, password)  # counted like a sign-in
    if result.ok:
        print("match")
        return EXIT_OK
    if result.reason in (SignInReason.LOCKED, SignInReason.DISABLED):
        print(f"{PROG}: {result.message}", file=sys.stderr)
        return EXIT_REFUSED
    if result.reason is not SignInReason.WRONG:
        raise HomeLogError(result.message)
    print("no match")
    if result.locked_until is not None:
        print(f"{PROG}: {result.message}", file=sys.stderr)
    return EXIT_NO_MATCH


async def _set_role(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    await workspace.roles.set_role(account.id, args.role)
    print(f"Account {account.id} is now {'an' if args.role == ROLE_ADMINISTRATOR else 'a'} {args.role}.")
    return EXIT_OK


async def _disable(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    await workspace.roles.disable(account.id)
    print(f"Account {account.id} is disabled.")
    return EXIT_OK


async def _enable(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    await workspace.roles.enable(account.id)
    print(f"Account {account.id} is enabled.")
    return EXIT_OK


async def _unlock(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    await workspace.roles.unlock(account.id)
    print(f"Account {account.id} is unlocked.")
    return EXIT_OK


async def _report(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    separator = "\n  "
    if args.json:
        print("[", end="")
    async for page in workspace.readiness.pages():
        for row in page:
            if args.json:
                print(separator + json.dumps(row.to_json()), end="")
                separator = ",\n  "
                continue
            who = f"{row.user_id} {_clean(row.email)}" if row.email is not None else f"{row.user_id} (no account)"
            verdict = "ready" if row.can_sign_in else "cannot sign in: " + ", ".join(row.problems)
            notes = f" ({'; '.join(row.notes)})" if row.notes else ""
            print(f"{who}  {verdict}{notes}")
    if args.json:
        print("]" if separator == "\n  " else "\n]")
    return EXIT_OK


async def _audit(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    if args.action == "verify":
        intact, first_bad = await workspace.audit.verify_chain()
        if intact:
            print("The audit trail is intact.")
            return EXIT_OK
        print(f"The audit trail was changed: entry {first_bad} was modified or removed.")
        return EXIT_NO_MATCH
    target = (await workspace.accounts.find(args.user)).id if args.user else None
    separator = "\n  "
    if args.json:
        print("[", end="")
    async for entry in workspace.audit.iter_history(target):
        if args.json:
            print(separator + json.dumps(entry.to_json()), end="")
            separator = ",\n  "
            continue
        actor = _clean(entry.actor_email) if entry.actor_email else "-"
        target_text = f"{entry.target_id} {_clean(entry.target_email or '')}".strip() if entry.target_id else "-"
        fields = ",".join(entry.fields) or "-"
        print(f"{entry.id}  {_when(entry.at)}  {entry.action}  by {actor}  on {target_text}  fields {fields}")
    if args.json:
        print("]" if separator == "\n  " else "\n]")
    return EXIT_OK


async def _hash_scheme(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    if args.scheme is None:
        setting = await workspace.hash_scheme.setting()
        print(setting.describe())
    else:
        setting = await workspace.hash_scheme.set_scheme(args.scheme)
        print(f"New passwords are hashed with {setting.scheme} from now on.")
    if setting.warning:
        print(f"{PROG}: warning: {setting.warning}", file=sys.stderr)
    return EXIT_OK


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


async def _delete(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    account = await workspace.accounts.find(args.user)
    await workspace.accounts.delete(account.id)
    print(f"Deleted account {account.id} ({_clean(account.email)}).")
    return EXIT_OK


async def _backup(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    print(await workspace.backups.back_up(args.file))
    return EXIT_OK


async def _restore(database: Path, args: argparse.Namespace) -> int:
    """Replace the database file with a backup; runs with the database closed (no workspace)."""
    result = await restore(database, args.file)
    if result.kept_backup is not None:
        print(result.kept_backup)
    return EXIT_OK


async def _export(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    if args.format is not None:
        kind = TransferFormat(args.format)
    elif args.output and Path(args.output).suffix.lower() == ".json":
        kind = TransferFormat.JSON
    else:
        kind = TransferFormat.CSV
    options = ExportOptions(format=kind, search=args.search, include_hashes=args.include_hashes)
    if args.output is None:
        await workspace.transfer.write_export(options, sys.stdout)
        return EXIT_OK
    count = await workspace.transfer.export_to_file(options, args.output)
    print(f"Exported {count:,} account{'' if count == 1 else 's'} to {Path(args.output).expanduser().absolute()}.")
    return EXIT_OK


async def _import(workspace: Workspace, args: argparse.Namespace, password: str | None) -> int:
    report = await workspace.transfer.import_file(args.file, OnExisting(args.on_existing), dry_run=args.dry_run)
    for row in report.plan.rows:
        print(_report_line(row))
    if report.plan.has_errors:
        raise HomeLogError(report.summary())
    print(report.summary())
    if report.backup is not None:
        print(f"The database before the import was kept as {report.backup}.")
    return EXIT_OK


def _report_line(row: ImportRowReport) -> str:
    reason = f"  {row.reason}" if row.reason else ""
    return f"row {row.number}  {_clean(row.email) or '-'}  {row.status.value}{reason}"


async def _pages(workspace: Workspace, search: str | None) -> AsyncIterator[list[Account]]:
    """Every matching account, a page at a time (always at least one page, maybe empty)."""
    after = None
    while True:
        page = await workspace.accounts.list_page(search=search, limit=LIST_PAGE_SIZE, after=after)
        yield page
        if len(page) < LIST_PAGE_SIZE:
            return
        after = page[-1].page_key


def _table_row(account: Account) -> tuple[str, ...]:
    return (
        str(account.id),
        _clean(account.email),
        _clean(account.username or "-"),
        "yes" if account.has_password else "no",
        _when(account.created_at),
    )


def _format_row(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


def _clean(text: str) -> str:
    # Rows home-log wrote were never checked by us: escape control characters so they cannot garble
    # the terminal or split a table line.
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _read_password() -> str:
    """The first line of stdin without its line ending; CliError when there is none."""
    if sys.stdin is None:
        raise CliError("--password-stdin was given but there is no standard input.")
    try:
        line = sys.stdin.readline()
    except UnicodeDecodeError as error:
        raise CliError("The password on standard input is not valid text.") from error
    if line.endswith("\r\n"):
        line = line[:-2]
    elif line.endswith("\n"):
        line = line[:-1]
    if not line:
        raise CliError("No password was given on standard input.")
    return line


def _bcrypt_cost(text: str) -> int:
    try:
        cost = int(text)
    except ValueError:
        cost = 0
    if not 4 <= cost <= 31:
        raise argparse.ArgumentTypeError(f"the bcrypt cost must be a whole number from 4 to 31, not {text!r}")
    return cost


def _resolve_bcrypt_cost(option: int | None) -> int:
    if option is not None:
        return option
    env_value = os.environ.get(BCRYPT_COST_ENV_VAR)
    if not env_value:
        return DEFAULT_BCRYPT_COST
    try:
        return _bcrypt_cost(env_value)
    except argparse.ArgumentTypeError as error:
        raise CliError(f"{BCRYPT_COST_ENV_VAR}: {error}") from error


def _check_arguments(args: argparse.Namespace) -> None:
    """Refusals that need no database, made before it is opened (or created)."""
    if args.command == "delete" and not args.yes:
        raise CliError(f"Not deleting {args.user!r} without --yes; nothing was changed.")
    if args.command == "update" and args.email is None and args.username is None:
        raise CliError("update needs --email or --username (or both); nothing was changed.")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of homelog-admin, with one subcommand per use case."""
    parser = _Parser(prog=PROG, description="Manage the accounts of a HomeLog database.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $HOMELOG_DB, else the app's)")
    # Hidden: only tests and scripted bulk loads should ever lower the cost.
    parser.add_argument("--bcrypt-cost", type=_bcrypt_cost, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--actor", metavar="USER", help="the administrator acting, recorded in the audit trail (default: none)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(
        name: str, handler: Command | FileCommand, help_text: str, *, user: bool = True
    ) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        if user:
            command.add_argument("user", metavar="USER", help="account id, or email address (any case)")
        return command

    def password_option(command: argparse.ArgumentParser, *, required: bool) -> None:
        command.add_argument(
            "--password-stdin", action="store_true", required=required,
            help="read the password from the first line of standard input",
        )

    add("init", _init, "create or open the database and print its path", user=False)
    create = add("create", _create, "add an account and print its id", user=False)
    create.add_argument("email", metavar="EMAIL")
    create.add_argument("--username", metavar="NAME")
    password_option(create, required=False)
    listing = add("list", _list, "list accounts", user=False)
    listing.add_argument("--search", metavar="TEXT", help="only accounts whose email or name contains TEXT")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    show = add("show", _show, "show one account")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    update = add("update", _update, "change an account's email or name")
    update.add_argument("--email", metavar="E")
    update.add_argument("--username", metavar="N", help='new name; "" removes it')
    password_option(add("set-password", _set_password, "give an account a new password"), required=True)
    add("clear-password", _clear_password, "remove an account's password")
    password_option(add("verify", _verify, "check a password: exit 0 on match, 1 if not"), required=True)
    set_role = add("set-role", _set_role, "make an account an administrator or a member")
    set_role.add_argument("role", choices=[ROLE_ADMINISTRATOR, ROLE_MEMBER])
    add("disable", _disable, "keep an account from signing in")
    add("enable", _enable, "let a disabled account sign in again")
    add("unlock", _unlock, "end a lock after failed sign-ins")
    report = add("report", _report, "can each account sign in, and if not why", user=False)
    report.add_argument("--json", action="store_true", help="print a JSON array")
    audit = add("audit", _audit, "print the audit trail; 'audit verify' checks it (exit 1 if changed)", user=False)
    audit.add_argument("action", nargs="?", choices=["verify"], help="check the hash chain instead")
    audit.add_argument("--json", action="store_true", help="print a JSON array")
    audit.add_argument("--user", metavar="USER", help="only entries about this account")
    hash_scheme = add(
        "hash-scheme", _hash_scheme,
        "print the scheme new passwords are hashed with (set or detected), or set it for this database",
        user=False,
    )
    hash_scheme.add_argument(
        "scheme", nargs="?", choices=list(HASH_SCHEMES),
        help="bcrypt, or argon2id as home-log's backend; existing hashes are upgraded at their next sign-in",
    )
    delete = add("delete", _delete, "remove an account and its password")
    delete.add_argument("--yes", action="store_true", help="really delete")
    backup = add("backup", _backup, "copy the database into a new FILE (never overwrites)", user=False)
    backup.add_argument("file", metavar="FILE")
    restore_command = add(
        "restore", _restore, "replace the database with a backup FILE; prints where the old one was kept",
        user=False,
    )
    restore_command.add_argument("file", metavar="FILE")
    export = add("export", _export, "write accounts as CSV or JSON (never a password; hashes if asked)", user=False)
    export.add_argument(
        "--format", choices=[kind.value for kind in TransferFormat],
        help="default: json for an -o name ending in .json, else csv",
    )
    export.add_argument("--search", metavar="TEXT", help="only accounts whose email or name contains TEXT")
    export.add_argument(
        "--include-hashes", action="store_true", help="add a hashed_password column (keep that file private)"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (owner-only) instead of stdout")
    importing = add("import", _import, "add accounts from a .csv or .json FILE, all or none", user=False)
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help="check and report every row, write nothing")
    importing.add_argument(
        "--on-existing", choices=[choice.value for choice in OnExisting], default=OnExisting.SKIP.value,
        help="what to do with an address that already has an account (default: skip)",
    )
    return parser


async def _run(
    args: argparse.Namespace, path: Path, *, default_path: bool, cost: int, password: str | None
) -> int:
    if args.handler is _restore:
        return await _restore(path, args)  # replaces the file: no engine may have it open
    # Only init and create make a new database: a mistyped --db must not leave an empty file behind.
    creates = args.handler in (_init, _create)
    workspace = await Workspace.open(
        path, bcrypt_cost=cost, create_folder=default_path and creates, create=creates
    )
    try:
        if args.actor:
            workspace.act_as(await workspace.accounts.find(args.actor))
        return await args.handler(workspace, args, password)
    finally:
        await workspace.close()


def main(argv: list[str] | None = None) -> int:
    """Run homelog-admin; returns the exit code (0 done, 1 verify found no match or audit verify found
    a change, 2 error, 3 verify refused: the account is locked or disabled)."""
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # --help and --version; usage errors raise CliError instead
            return done.code if isinstance(done.code, int) else EXIT_OK
        _check_arguments(args)
        cost = _resolve_bcrypt_cost(args.bcrypt_cost)
        # Read before opening, so a missing password leaves even a new database file uncreated.
        password = _read_password() if getattr(args, "password_stdin", False) else None
        path, is_default = resolve_database_path(args.db)
        return asyncio.run(_run(args, path, default_path=is_default, cost=cost, password=password))
    except (CliError, HomeLogError) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, and keep the exit-time flush from failing again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    raise SystemExit(main())
