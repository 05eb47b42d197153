"""homelog-admin's commands on many accounts: disable, enable, unlock, require-password-change, make-member
and delete, for USER..., the lines of --from-file (- for stdin) and every account of --search/--filter.
One USER alone runs the command of one account as before. The set's accounts are checked (each named one
exists, the last-administrator rule over the whole set) before anything is written; --dry-run lists them
and writes nothing; the change is one transaction with one audit entry per account."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from homelog_desktop.cli.arguments import EXIT_OK, is_bulk
from homelog_desktop.cli.context import CommandContext
from homelog_desktop.cli.output import clean
from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.services.bulk import ID_PAGE, BulkAction, Selection

Command = Callable[[CommandContext, argparse.Namespace], Awaitable[int]]
DONE = {
    BulkAction.DISABLE: "Disabled", BulkAction.ENABLE: "Enabled", BulkAction.UNLOCK: "Unlocked",
    BulkAction.REQUIRE_PASSWORD_CHANGE: "Asked for a new password at the next sign-in:",
    BulkAction.MAKE_MEMBER: "Made members:", BulkAction.DELETE: "Deleted",
}


def many(single: Command | None = None) -> Command:
    """The command of `args.command` for many accounts; with one USER alone, `single` (if given)."""

    async def command(context: CommandContext, args: argparse.Namespace) -> int:
        if single is not None and not is_bulk(args):
            args.user = args.user[0]
            return await single(context, args)
        return await run_bulk(context, args)

    return command


async def _named_ids(context: CommandContext, args: argparse.Namespace) -> list[int]:
    names = list(args.user)
    if args.from_file:
        try:
            text = sys.stdin.read() if args.from_file == "-" else Path(args.from_file).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else "not UTF-8 text"
            raise InvalidInputError(f"Cannot read {clean(args.from_file)}: {reason}; nothing was changed.") from error
        names.extend(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return [(await context.workspace.accounts.find(name)).id for name in names]


async def run_bulk(context: CommandContext, args: argparse.Namespace) -> int:
    """Resolve the accounts, check the set, then list them (--dry-run) or change them all at once."""
    action, bulk = BulkAction(args.command), context.workspace.bulk
    ids = set(await _named_ids(context, args))
    if args.search is not None or args.filter is not None:
        account_filter = AccountFilter(args.filter or "all")
        ids.update(await bulk.resolve(Selection.matching(args.search or "", account_filter)))
    chosen = sorted(ids)
    if not chosen:
        raise InvalidInputError("No account matches; nothing was changed.")
    await bulk.check(action, chosen)
    if args.dry_run:
        for start in range(0, len(chosen), ID_PAGE):
            for account in await bulk.accounts_of(chosen[start:start + ID_PAGE]):
                print(f"{account.id}\t{clean(account.email)}")
        print(f"Would {args.command} {_accounts(len(chosen))}; nothing was changed (--dry-run).")
        return EXIT_OK
    if action is BulkAction.DELETE:
        deleted = await bulk.delete(chosen)
        print(f"{DONE[action]} {_accounts(len(deleted.accounts))}.")
        return EXIT_OK
    changed = await bulk.apply(action, chosen)
    same = len(chosen) - len(changed)
    print(f"{DONE[action]} {_accounts(len(changed))}" + (f" ({same:,} already were)." if same else "."))
    return EXIT_OK


def _accounts(count: int) -> str:
    return f"{count:,} account{'' if count == 1 else 's'}"
