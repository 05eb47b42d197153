"""The audit trail's vocabulary in words for people: a label for each action and changed field, and the
groups the History view filters by. An action not listed here (a newer or a tampered one) shows as stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Every action the services record, in the order a filter lists them, with its label.
ACTION_LABELS: dict[str, str] = {
    # accounts (services/accounts.py, services/transfer/importing.py)
    "create": "Account created",
    "update": "Account changed",
    "delete": "Account deleted",
    "restore": "Account restored",
    "import": "Account imported",
    # passwords
    "password_set": "Password set",
    "password_cleared": "Password removed",
    "password_rehashed": "Password hash upgraded",
    "must_change_password": "Must-change flag changed",  # set or cleared: the value is not kept
    "hash_scheme": "Hash scheme changed",
    # roles, disabling and locks (services/roles.py, services/sign_in.py)
    "make_administrator": "Made administrator",
    "make_member": "Made member",
    "role": "Role changed",  # written by earlier versions, which did not say to what
    "disable": "Account disabled",
    "enable": "Account enabled",
    "lock": "Locked after failed sign-ins",
    "unlock": "Unlocked",
    "state_removed": "State of a deleted account removed",  # when opening found it (data/repair_audit.py)
    # sign-ins
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "sign_in_refused": "Sign-in refused",
    # an administrator's Check password of an account: never that account's sign-in
    "password_checked": "Password checked",
}

FIELD_LABELS: dict[str, str] = {
    "username": "name",
    "failed_attempts": "failed sign-ins",
    "locked_until": "lock",
    "must_change_password": "must change password",
    # What a password check found (its entry changes no field but the failure count)
    "match": "the password matched",
    "no_match": "the password did not match",
    "locked": "refused: the account is locked",
    "hash_unreadable": "the stored hash cannot be checked",
}


@dataclass(frozen=True, slots=True)
class ActionGroup:
    """A set of actions the History view can filter by, under one name."""

    label: str
    actions: tuple[str, ...]


ACTION_GROUPS: tuple[ActionGroup, ...] = (
    ActionGroup("Sign-ins and password checks", ("sign_in", "sign_in_failed", "sign_in_refused", "password_checked")),
    ActionGroup(
        "Password changes",
        ("password_set", "password_cleared", "password_rehashed", "must_change_password", "hash_scheme"),
    ),
    ActionGroup("Account changes", ("create", "update", "delete", "restore", "import")),
    ActionGroup(
        "Roles, disabling and locks",
        ("make_administrator", "make_member", "role", "disable", "enable", "lock", "unlock", "state_removed"),
    ),
)


def action_label(action: str) -> str:
    """The readable label of an action; the stored name itself when it is not a known one."""
    return ACTION_LABELS.get(action, action)


def fields_text(fields: Iterable[str]) -> str:
    """The names of changed fields for people, comma-separated."""
    return ", ".join(FIELD_LABELS.get(name, name.replace("_", " ")) for name in fields)
