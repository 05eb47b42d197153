"""The audit trail's vocabulary in words for people: a label for each action and changed field, and the
groups the History view filters by. An action not listed here (a newer or a tampered one) shows as stored."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from homelog_desktop.messages import translatable

# Every action the services record, in the order a filter lists them, with its label.
ACTION_LABELS: dict[str, str] = {
    # accounts (services/accounts.py, services/transfer/importing.py)
    "create": translatable("History", "Account created"),
    "update": translatable("History", "Account changed"),
    "delete": translatable("History", "Account deleted"),
    "restore": translatable("History", "Account restored"),
    "import": translatable("History", "Account imported"),
    # passwords
    "password_set": translatable("History", "Password set"),
    "password_cleared": translatable("History", "Password removed"),
    "password_rehashed": translatable("History", "Password hash upgraded"),
    # set or cleared: the value is not kept
    "must_change_password": translatable("History", "Must-change flag changed"),
    "hash_scheme": translatable("History", "Hash scheme changed"),
    # roles, disabling and locks (services/roles.py, services/sign_in.py)
    "make_administrator": translatable("History", "Made administrator"),
    "make_member": translatable("History", "Made member"),
    "role": translatable("History", "Role changed"),  # written by earlier versions, which did not say to what
    "disable": translatable("History", "Account disabled"),
    "enable": translatable("History", "Account enabled"),
    "lock": translatable("History", "Locked after failed sign-ins"),
    "unlock": translatable("History", "Unlocked"),
    # when opening found it (data/repair_audit.py)
    "state_removed": translatable("History", "State of a deleted account removed"),
    # sign-ins
    "sign_in": translatable("History", "Signed in"),
    "sign_in_failed": translatable("History", "Sign-in failed"),
    "sign_in_refused": translatable("History", "Sign-in refused"),
    # an administrator's Check password of an account: never that account's sign-in
    "password_checked": translatable("History", "Password checked"),
}

FIELD_LABELS: dict[str, str] = {
    "username": translatable("History", "name"),
    "failed_attempts": translatable("History", "failed sign-ins"),
    "locked_until": translatable("History", "lock"),
    "must_change_password": translatable("History", "must change password"),
    # What a password check found (its entry changes no field but the failure count)
    "match": translatable("History", "the password matched"),
    "no_match": translatable("History", "the password did not match"),
    "locked": translatable("History", "refused: the account is locked"),
    "hash_unreadable": translatable("History", "the stored hash cannot be checked"),
}


@dataclass(frozen=True, slots=True)
class ActionGroup:
    """A set of actions the History view can filter by, under one name."""

    label: str
    actions: tuple[str, ...]


ACTION_GROUPS: tuple[ActionGroup, ...] = (
    ActionGroup(translatable("History", "Sign-ins and password checks"), ("sign_in", "sign_in_failed",
        "sign_in_refused", "password_checked")),
    ActionGroup(
        translatable("History", "Password changes"),
        ("password_set", "password_cleared", "password_rehashed", "must_change_password", "hash_scheme"),
    ),
    ActionGroup(translatable("History", "Account changes"), ("create", "update", "delete", "restore", "import")),
    ActionGroup(
        translatable("History", "Roles, disabling and locks"),
        ("make_administrator", "make_member", "role", "disable", "enable", "lock", "unlock", "state_removed"),
    ),
)


def action_label(action: str) -> str:
    """The readable label of an action; the stored name itself when it is not a known one."""
    return ACTION_LABELS.get(action, action)


def field_label(name: str) -> str:
    """The readable name of a changed field (a Text where it is a known one)."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


def fields_text(fields: Iterable[str]) -> str:
    """The names of changed fields for people, comma-separated."""
    return ", ".join(field_label(name) for name in fields)
