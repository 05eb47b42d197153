"""Runs one homelog-admin command: the bcrypt cost, the password from stdin, the database opened (created
only by init and create), the acting administrator, the command, and the database closed again.

Imported only once the command line is parsed: this is where the services (and SQLAlchemy) load.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from homelog_desktop.cli import commands, file_commands, security_commands
from homelog_desktop.cli.arguments import read_password, resolve_bcrypt_cost
from homelog_desktop.cli.context import CommandContext
from homelog_desktop.cli.output import warning_line
from homelog_desktop.paths import resolve_database_path
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.workspace import Workspace

Command = Callable[[CommandContext, argparse.Namespace], Awaitable[int]]

COMMANDS: dict[str, Command] = {
    "init": commands.init,
    "create": commands.create,
    "list": commands.list_accounts,
    "show": commands.show,
    "update": commands.update,
    "set-password": commands.set_password,
    "clear-password": commands.clear_password,
    "delete": commands.delete,
    "verify": security_commands.verify,
    "set-role": security_commands.set_role,
    "disable": security_commands.disable,
    "enable": security_commands.enable,
    "unlock": security_commands.unlock,
    "report": security_commands.report,
    "audit": security_commands.audit,
    "hash-scheme": security_commands.hash_scheme,
    "backup": file_commands.backup,
    "export": file_commands.export,
    "import": file_commands.import_accounts,
}
# Only these make a new database: a mistyped --db must not leave an empty file behind.
CREATING = frozenset({"init", "create"})


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; its exit code. Known failures raise HomeLogError or CliError."""
    cost = resolve_bcrypt_cost(args.bcrypt_cost, DEFAULT_BCRYPT_COST)
    # Read before opening, so a missing password leaves even a new database file uncreated.
    password = read_password() if getattr(args, "password_stdin", False) else None
    path, is_default = resolve_database_path(args.db)
    return asyncio.run(_run(args, path, default_path=is_default, cost=cost, password=password))


async def _run(args: argparse.Namespace, path: Path, *, default_path: bool, cost: int, password: str | None) -> int:
    if args.command == "restore":
        return await file_commands.restore_file(path, args)  # replaces the file: no engine may have it open
    creates = args.command in CREATING
    workspace = await Workspace.open(
        path, bcrypt_cost=cost, create_folder=default_path and creates, create=creates
    )
    try:
        for warning in workspace.warnings:
            warning_line(warning)
        for repair in workspace.repairs:  # another program had removed objects of ours: say what was done
            kept = f" (the file as it was: {workspace.repair_backup})" if workspace.repair_backup else ""
            warning_line(repair + kept)
        if args.actor:  # every write is audited as done by this account
            workspace.act_as(await workspace.accounts.find(args.actor))
        return await COMMANDS[args.command](CommandContext(workspace, password), args)
    finally:
        await workspace.close()
