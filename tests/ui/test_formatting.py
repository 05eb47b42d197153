"""How accounts and hash schemes are named in titles, questions and the status bar."""

from __future__ import annotations

from datetime import UTC, datetime

from homelog_desktop.services.accounts import Account
from homelog_desktop.services.passwords.hashing import PasswordHasher
from homelog_desktop.ui.formatting import account_label, hash_scheme_name

MOMENT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def test_an_account_is_named_by_its_email_and_name_if_it_has_one() -> None:
    ann = Account(id=1, email="ann@example.org", username="Ann", has_password=True, created_at=MOMENT,
                  updated_at=MOMENT)
    assert account_label(ann) == "ann@example.org (Ann)"
    nameless = Account(id=2, email="bob@example.org", username=None, has_password=False, created_at=MOMENT,
                       updated_at=MOMENT)
    assert account_label(nameless) == "bob@example.org"


def test_the_hash_scheme_is_named_with_its_cost() -> None:
    assert hash_scheme_name(PasswordHasher(10)) == "bcrypt (cost 10)"
    assert hash_scheme_name(PasswordHasher(10, scheme="argon2id")) == "Argon2id"
