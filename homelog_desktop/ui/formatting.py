"""How accounts and settings are named in titles, questions and the status bar."""

from __future__ import annotations

from homelog_desktop.services.account import Account
from homelog_desktop.services.passwords.hashing import PasswordHasher
from homelog_desktop.ui.translation import translate


def account_label(account: Account) -> str:
    """How an account is named in titles and questions: "ann@example.org (Ann)"."""
    return f"{account.email} ({account.username})" if account.username else account.email


def hash_scheme_name(hasher: PasswordHasher) -> str:
    """The scheme new hashes are written in, as the status bar says it: "bcrypt (cost 12)", "Argon2id"."""
    return translate("Messages",
        "bcrypt (cost {cost})").format(cost=hasher.cost) if hasher.scheme == "bcrypt" else translate(
            "Messages", "Argon2id")
