"""homelog-admin's account commands: init, create, list, show, update, set-password, clear-password, delete.

Each gets the command's context and its parsed arguments, prints what it did, and returns the exit code;
a known failure is raised as a HomeLogError (one line, exit 2), anything else is a bug.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import AsyncIterator

from homelog_desktop.cli.arguments import EXIT_OK, CliError
from homelog_desktop.cli.context import CommandContext
from homelog_desktop.cli.output import ACCOUNT_HEADER, JsonArray, Table, clean, iso, warning_line, when
from homelog_desktop.services.account import Account
from homelog_desktop.services.account_validation import mixed_script_warning
from homelog_desktop.services.accounts import AccountService

LIST_PAGE_SIZE = 500


def warn_mixed_script(email: str) -> None:
    """Say on stderr when an address mixes scripts (a possible look-alike of another)."""
    warning = mixed_script_warning(email)
    if warning is not None:
        warning_line(clean(warning))


async def init(context: CommandContext, args: argparse.Namespace) -> int:
    """Print the path of the database (opening it created it if needed)."""
    print(context.workspace.path)
    return EXIT_OK


async def migrate(context: CommandContext, args: argparse.Namespace) -> int:
    """Bring the database's schema up to date (opening it does, as its owner) and say where; refused when
    it opened read-only (the sentence names the privilege that is missing)."""
    workspace = context.workspace
    if workspace.read_only:
        raise CliError(workspace.warnings[0] if workspace.warnings else f"{workspace.location} is read-only.")
    print(f"{workspace.location}: HomeLog Desktop's tables, indexes and triggers are up to date.")
    return EXIT_OK


async def create(context: CommandContext, args: argparse.Namespace) -> int:
    """Add an account; print its id."""
    account = await context.workspace.accounts.create(args.email, args.username, context.password)
    warn_mixed_script(account.email)
    print(account.id)
    return EXIT_OK


async def list_accounts(context: CommandContext, args: argparse.Namespace) -> int:
    """Every account (or those matching --search), as a table or a JSON array, a page at a time."""
    if args.json:
        array = JsonArray()
        async for page in pages(context.workspace.accounts, args.search):
            # A list page carries each account's state; only the hashes' schemes are read apart.
            schemes = await context.workspace.hash_scheme.schemes_of(account.id for account in page)
            for account in page:
                array.add(account.to_json() | {
                    "role": account.role,
                    "disabled": account.disabled,
                    "locked_until": iso(account.locked_until),
                    "last_sign_in": iso(account.last_sign_in_at),
                    "password_changed_at": iso(account.password_updated_at),
                    "hash_scheme": schemes[account.id],
                })
        array.close()
        return EXIT_OK
    table = Table(ACCOUNT_HEADER)
    async for page in pages(context.workspace.accounts, args.search):
        table.print_page(account_row(account) for account in page)
    return EXIT_OK


async def show(context: CommandContext, args: argparse.Namespace) -> int:
    """One account, as lines or a JSON object."""
    account = await context.workspace.accounts.find(args.user)
    if args.json:
        print(json.dumps(account.to_json(), indent=2))
        return EXIT_OK
    changed = f" (changed {when(account.password_updated_at)})" if account.password_updated_at else ""
    print(f"id:       {account.id}")
    print(f"email:    {clean(account.email)}")
    print(f"name:     {clean(account.username or '-')}")
    print(f"password: {'yes' + changed if account.has_password else 'no'}")
    print(f"created:  {when(account.created_at)}")
    print(f"updated:  {when(account.updated_at)}")
    return EXIT_OK


async def update(context: CommandContext, args: argparse.Namespace) -> int:
    """Change an account's email or name (what is not given stays)."""
    account = await context.workspace.accounts.find(args.user)
    email = account.email if args.email is None else args.email
    username = account.username if args.username is None else args.username
    account = await context.workspace.accounts.update(account.id, email=email, username=username)
    warn_mixed_script(account.email)
    print(f"Updated account {account.id}.")
    return EXIT_OK


async def set_password(context: CommandContext, args: argparse.Namespace) -> int:
    """Give an account the password read from stdin."""
    account = await context.workspace.accounts.find(args.user)
    await context.workspace.accounts.set_password(account.id, context.needs_password())
    print(f"Password set for account {account.id}.")
    return EXIT_OK


async def clear_password(context: CommandContext, args: argparse.Namespace) -> int:
    """Remove an account's password."""
    account = await context.workspace.accounts.find(args.user)
    await context.workspace.accounts.clear_password(account.id)
    print(f"Password cleared for account {account.id}.")
    return EXIT_OK


async def delete(context: CommandContext, args: argparse.Namespace) -> int:
    """Remove an account and its password (--yes was checked before the database was opened)."""
    account = await context.workspace.accounts.find(args.user)
    await context.workspace.accounts.delete(account.id)
    print(f"Deleted account {account.id} ({clean(account.email)}).")
    return EXIT_OK


async def pages(service: AccountService, search: str | None) -> AsyncIterator[list[Account]]:
    """Every matching account, a page at a time (always at least one page, maybe empty)."""
    after = None
    while True:
        page = await service.list_page(search=search, limit=LIST_PAGE_SIZE, after=after)
        yield page
        if len(page) < LIST_PAGE_SIZE:
            return
        after = page[-1].page_key


def account_row(account: Account) -> tuple[str, ...]:
    """An account as a line of the list table."""
    return (
        str(account.id),
        clean(account.email),
        clean(account.username or "-"),
        "yes" if account.has_password else "no",
        when(account.created_at),
    )
