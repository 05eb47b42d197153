"""generate_password: every draw meets the policy of its scheme, at every length, from `secrets`."""

from __future__ import annotations

import secrets
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homelog_desktop.services.passwords import generator as password_generator
from homelog_desktop.services.passwords.generator import (
    DEFAULT_GENERATED_LENGTH,
    MIN_GENERATED_LENGTH,
    generate_password,
)
from homelog_desktop.services.passwords.policy import HASH_SCHEMES, HashScheme, password_problems

SYMBOLS = set(string.punctuation)


@settings(max_examples=500, deadline=None)
@given(length=st.integers(MIN_GENERATED_LENGTH, 64), scheme=st.sampled_from(HASH_SCHEMES))
def test_every_generated_password_meets_the_policy(length: int, scheme: HashScheme) -> None:
    password = generate_password(length, scheme)
    assert len(password) == length
    assert password_problems(password, scheme) == []
    assert password_problems(password) == []  # short ASCII: fine for bcrypt too
    assert any(c.isupper() for c in password) and any(c.islower() for c in password)
    assert any(c.isdigit() for c in password) and any(c in SYMBOLS for c in password)


@pytest.mark.parametrize("length", [MIN_GENERATED_LENGTH, 9, 16])
def test_many_draws_of_short_passwords_all_meet_the_policy(length: int) -> None:
    drawn = {generate_password(length) for _ in range(2000)}
    assert all(password_problems(p) == [] for p in drawn)
    assert len(drawn) == 2000  # no repeats: the draws really are random


def test_the_default_length_is_16_and_the_alphabet_is_plain_ascii() -> None:
    password = generate_password()
    assert len(password) == DEFAULT_GENERATED_LENGTH == 16
    assert password.isascii() and password.isprintable() and " " not in password
    assert not set(password) & set("Il1O0o")  # no look-alikes


def test_the_longest_lengths_each_scheme_can_store() -> None:
    assert password_problems(generate_password(72, "bcrypt"), "bcrypt") == []
    assert password_problems(generate_password(255, "argon2id"), "argon2id") == []
    with pytest.raises(ValueError, match="at most 72"):
        generate_password(73, "bcrypt")
    with pytest.raises(ValueError, match="at most 255"):
        generate_password(256, "argon2id")


@pytest.mark.parametrize("length", [-1, 0, 1, 7])
def test_lengths_below_8_are_refused(length: int) -> None:
    with pytest.raises(ValueError, match="at least 8"):
        generate_password(length)


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="scheme"):
        generate_password(16, "md5")  # type: ignore[arg-type]


def test_draws_come_from_secrets_and_a_draw_that_breaks_a_rule_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first draw repeats a character three times in a row: it is thrown away, never returned."""
    bad = iter("Aa2!aaa" + "b")  # the class picks A a 2 !, then the fill: a a a b (8 characters)
    calls: list[str] = []
    real_choice = secrets.choice

    def choice(group: str) -> str:
        calls.append(group)
        return next(bad, None) or real_choice(group)

    monkeypatch.setattr(password_generator.secrets, "choice", choice)
    monkeypatch.setattr(password_generator.secrets.SystemRandom, "shuffle", lambda self, items: items.sort())
    password = generate_password(8)
    assert password_problems(password) == []
    assert len(calls) > 8  # a second draw was made
