"""Runs one homelog-admin command: the bcrypt cost, the password from stdin, the database opened (created
only by init and create), the acting administrator, the command, and the database closed again.

Imported only once the command line is parsed: this is where the services (and SQLAlchemy) load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from homelog_desktop.cli import commands, file_commands, security_commands
from homelog_desktop.cli.arguments import read_password, resolve_bcrypt_cost
from homelog_desktop.cli.bulk_commands import many
from homelog_desktop.cli.context import CommandContext
from homelog_desktop.cli.kept_heads import FileHeadStore
from homelog_desktop.cli.output import clean, warning_line
from homelog_desktop.errors import ActorRefusedError
from homelog_desktop.paths import DATABASE_ENV_VAR, resolve_database_path
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.workspace import BackendKind, DatabaseLocation, Workspace

Command = Callable[[CommandContext, argparse.Namespace], Awaitable[int]]

COMMANDS: dict[str, Command] = {
    "init": commands.init,
    "create": commands.create,
    "list": commands.list_accounts,
    "show": commands.show,
    "update": commands.update,
    "set-password": commands.set_password,
    "clear-password": commands.clear_password,
    "delete": many(commands.delete),
    "verify": security_commands.verify,
    "set-role": security_commands.set_role,
    "disable": many(security_commands.disable),
    "enable": many(security_commands.enable),
    "unlock": many(security_commands.unlock),
    "require-password-change": many(),
    "make-member": many(),
    "report": security_commands.report,
    "audit": security_commands.audit,
    "hash-scheme": security_commands.hash_scheme,
    "backup": file_commands.backup,
    "export": file_commands.export,
    "import": file_commands.import_accounts,
    "migrate": commands.migrate,
    "restore": file_commands.restore_into_server,  # a server database; a file is replaced (see _run)
}
# Only these make a new database: a mistyped --db must not leave an empty file behind.
CREATING = frozenset({"init", "create"})


async def _act_as(workspace: Workspace, given: str) -> None:
    """--actor: an enabled, unlocked administrator (else ActorRefusedError: exit 2), recorded in every
    audit entry as named on the command line (homelog-admin needs no sign-in: it acts with the authority
    of whoever may write the file, and the actor is only what they said). Each write checks it again."""
    actor = await workspace.accounts.find(given)
    workspace.act_as(actor, via=f"homelog-admin --actor {clean(given)[:200]}")
    problem = await workspace.roles.actor_problem()
    if problem is not None:
        raise ActorRefusedError(actor.email, problem, given=clean(given))


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; its exit code. Known failures raise HomeLogError or CliError."""
    cost = resolve_bcrypt_cost(args.bcrypt_cost, DEFAULT_BCRYPT_COST)
    # Read before opening, so a missing password leaves even a new database file uncreated.
    password = read_password() if getattr(args, "password_stdin", False) else None
    given = args.db or os.environ.get(DATABASE_ENV_VAR)
    if given and (server := DatabaseLocation.parse(given)).kind is not BackendKind.SQLITE:
        return asyncio.run(_run(args, server, default_path=False, cost=cost, password=password))
    path, is_default = resolve_database_path(args.db)
    return asyncio.run(_run(args, path, default_path=is_default, cost=cost, password=password))


async def _run(
    args: argparse.Namespace, path: Path | DatabaseLocation, *, default_path: bool, cost: int, password: str | None
) -> int:
    if args.command == "restore" and isinstance(path, Path):
        code = await file_commands.restore_file(path, args)  # replaces the file: no engine may have it open
        FileHeadStore().keep(path.expanduser().absolute(), None)  # its trail is the backup's, knowingly
        return code
    creates = args.command in CREATING
    workspace = await Workspace.open(
        path, bcrypt_cost=cost, create_folder=default_path and creates, create=creates
    )
    heads = FileHeadStore()
    try:
        for warning in workspace.warnings:
            warning_line(warning)
        for repair in workspace.repairs:  # another program had removed objects of ours: say what was done
            kept = f" (the file as it was: {workspace.repair_backup})" if workspace.repair_backup else ""
            warning_line(repair + kept)
        # The trail as this program last saw it, kept outside the file: a trail cut short, rewritten or
        # replaced since is said on stderr (once), whatever the command.
        tampered = await workspace.tamper_evidence.check_on_open(heads, new_file=workspace.created)
        if tampered is not None:
            warning_line(tampered)
        if args.actor:
            await _act_as(workspace, args.actor)
        code = await COMMANDS[args.command](CommandContext(workspace, password), args)
        await workspace.tamper_evidence.keep_on_close(heads)
        return code
    finally:
        await workspace.close()
