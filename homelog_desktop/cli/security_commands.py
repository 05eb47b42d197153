"""homelog-admin's security commands: verify, set-role, disable, enable, unlock, report, audit, hash-scheme."""

from __future__ import annotations

import argparse
import json

from homelog_desktop.cli.arguments import EXIT_NO_MATCH, EXIT_OK, EXIT_REFUSED
from homelog_desktop.cli.context import CommandContext
from homelog_desktop.cli.output import JsonArray, clean, error_line, warning_line, when
from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.sign_in import SignInReason


async def verify(context: CommandContext, args: argparse.Namespace) -> int:
    """Check the password from stdin, counted like a sign-in: 0 match, 1 not, 3 locked or disabled."""
    account = await context.workspace.accounts.find(args.user)
    result = await context.workspace.sign_in.check_password(account.id, context.needs_password())
    if result.ok:
        print("match")
        return EXIT_OK
    if result.reason in (SignInReason.LOCKED, SignInReason.DISABLED):
        error_line(result.message)
        return EXIT_REFUSED
    if result.reason is not SignInReason.WRONG:
        raise HomeLogError(result.message)
    print("no match")
    if result.locked_until is not None:
        error_line(result.message)
    return EXIT_NO_MATCH


async def set_role(context: CommandContext, args: argparse.Namespace) -> int:
    """Make an account an administrator or a member (never the last enabled administrator a member)."""
    account = await context.workspace.accounts.find(args.user)
    await context.workspace.roles.set_role(account.id, args.role, confirm_mixed_script=args.confirm_mixed_script)
    print(f"Account {account.id} is now {'an' if args.role == ROLE_ADMINISTRATOR else 'a'} {args.role}.")
    return EXIT_OK


async def disable(context: CommandContext, args: argparse.Namespace) -> int:
    """Keep an account from signing in."""
    account = await context.workspace.accounts.find(args.user)
    await context.workspace.roles.disable(account.id)
    print(f"Account {account.id} is disabled.")
    return EXIT_OK


async def enable(context: CommandContext, args: argparse.Namespace) -> int:
    """Let a disabled account sign in again."""
    account = await context.workspace.accounts.find(args.user)
    await context.workspace.roles.enable(account.id)
    print(f"Account {account.id} is enabled.")
    return EXIT_OK


async def unlock(context: CommandContext, args: argparse.Namespace) -> int:
    """End a lock after failed sign-ins."""
    account = await context.workspace.accounts.find(args.user)
    await context.workspace.roles.unlock(account.id)
    print(f"Account {account.id} is unlocked.")
    return EXIT_OK


async def report(context: CommandContext, args: argparse.Namespace) -> int:
    """For every account: can it sign in, and if not why (lines, or a JSON array)."""
    array = JsonArray() if args.json else None
    async for page in context.workspace.readiness.pages():
        for row in page:
            if array is not None:
                array.add(row.to_json())
                continue
            who = f"{row.user_id} {clean(row.email)}" if row.email is not None else f"{row.user_id} (no account)"
            verdict = "ready" if row.can_sign_in else "cannot sign in: " + ", ".join(row.problems)
            notes = f" ({'; '.join(row.notes)})" if row.notes else ""
            print(f"{who}  {verdict}{notes}")
    if array is not None:
        array.close()
    return EXIT_OK


async def audit(context: CommandContext, args: argparse.Namespace) -> int:
    """The audit trail, oldest first (lines, or a JSON array); `audit verify` checks its hash chain."""
    trail = context.workspace.audit
    if args.action == "head":
        return await _head(context, args)
    if args.action == "verify":
        intact, first_bad = await trail.verify_chain()
        if not intact:
            print(f"The audit trail was changed: entry {first_bad} was modified or removed.")
            return EXIT_NO_MATCH
        if args.head and not await context.workspace.tamper_evidence.contains(args.head):
            print("The audit trail was changed: it no longer holds the entry of the head given, as it was.")
            return EXIT_NO_MATCH
        print("The audit trail is intact." if not args.head else "The audit trail is intact and holds that head.")
        return EXIT_OK
    target = (await context.workspace.accounts.find(args.user)).id if args.user else None
    array = JsonArray() if args.json else None
    async for entry in trail.iter_history(target):
        if array is not None:
            array.add(entry.to_json())
            continue
        actor = clean(entry.actor_email) if entry.actor_email else "-"
        if entry.actor_via:
            actor += f" ({clean(entry.actor_via)})"
        target_text = f"{entry.target_id} {clean(entry.target_email or '')}".strip() if entry.target_id else "-"
        fields = ",".join(entry.fields) or "-"
        print(f"{entry.id}  {when(entry.at)}  {entry.action}  by {actor}  on {target_text}  fields {fields}")
    if array is not None:
        array.close()
    return EXIT_OK


async def _head(context: CommandContext, args: argparse.Namespace) -> int:
    """Print the hash of the trail's newest entry (nothing for an empty trail), to keep elsewhere and give
    to `audit verify --head` later."""
    head = await context.workspace.tamper_evidence.head()
    if args.json:
        print(json.dumps(None if head is None else {"id": head.entry_id, "hash": head.entry_hash}))
    elif head is not None:
        print(head.entry_hash)
    return EXIT_OK


async def hash_scheme(context: CommandContext, args: argparse.Namespace) -> int:
    """Print the scheme new passwords are hashed with (set or detected), or set it."""
    if args.scheme is None:
        setting = await context.workspace.hash_scheme.setting()
        print(setting.describe())
    else:
        setting = await context.workspace.hash_scheme.set_scheme(args.scheme)
        print(f"New passwords are hashed with {setting.scheme} from now on.")
    if setting.warning:
        warning_line(setting.warning)
    return EXIT_OK
