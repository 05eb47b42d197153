"""estimate_strength: zxcvbn's score as a small frozen result, the account's own words, long input."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homelog_desktop.services.passwords.generator import generate_password
from homelog_desktop.services.passwords.strength import (
    LABELS,
    USER_INPUT_HINT,
    PasswordStrength,
    estimate_strength,
)

EMAIL = "zorblax.quimby@example.org"
NAME = "Zorblax Quimby"


def test_the_result_is_a_small_frozen_dataclass() -> None:
    strength = estimate_strength("Correct7horse")
    assert isinstance(strength, PasswordStrength)
    assert [f.name for f in dataclasses.fields(strength)] == ["score", "label", "hint", "crack_time"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        strength.score = 4  # type: ignore[misc]


def test_labels_follow_the_score() -> None:
    assert LABELS == ("Weak", "Fair", "Good", "Strong", "Very strong")


@pytest.mark.parametrize(
    ("password", "score"),
    [("password1", 0), ("Leeann1987", 1), ("correct horse battery staple", 4), ("Xk9#mQ2vL!pR7sT4", 4)],
)
def test_scores_of_well_known_shapes(password: str, score: int) -> None:
    strength = estimate_strength(password)
    assert (strength.score, strength.label) == (score, LABELS[score])


def test_a_weak_password_gets_a_hint_and_a_short_crack_time() -> None:
    strength = estimate_strength("password1")
    assert strength.hint == "This is a very common password."
    assert strength.crack_time == "less than a second"


def test_a_very_strong_password_needs_no_hint() -> None:
    strength = estimate_strength("correct horse battery staple")
    assert strength.hint == ""
    assert strength.crack_time == "centuries"


def test_the_empty_password_is_weak_and_says_what_to_do() -> None:
    strength = estimate_strength("")
    assert (strength.score, strength.label) == (0, "Weak")
    assert strength.hint


@pytest.mark.parametrize("inputs", [(EMAIL, NAME), (EMAIL,), (None, NAME)])
def test_the_accounts_email_and_name_count_as_known_words(inputs: tuple[str | None, ...]) -> None:
    alone = estimate_strength("Quimbyzorblax")
    known = estimate_strength("Quimbyzorblax", inputs)
    assert alone.score == 4
    assert known.score <= 1 and known.hint == USER_INPUT_HINT


def test_the_email_itself_as_password_is_weak() -> None:
    assert estimate_strength(EMAIL).score == 4  # a stranger's address is long and random-looking
    assert estimate_strength(EMAIL, [EMAIL, NAME]).score == 0


def test_user_words_do_not_stick_to_later_estimates() -> None:
    estimate_strength("Quimbyzorblax", [EMAIL])
    assert estimate_strength("Quimbyzorblax").score == 4


def test_passwords_longer_than_zxcvbn_takes_are_estimated_on_their_start() -> None:
    long_password = generate_password(64, "argon2id") * 3  # 192 characters: zxcvbn alone refuses > 72
    strength = estimate_strength(long_password)
    assert strength.score == 4


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_any_text_gets_an_estimate_in_range(password: str) -> None:
    strength = estimate_strength(password, ["someone@example.org", "Some One"])
    assert 0 <= strength.score <= 4 and strength.label == LABELS[strength.score]
    assert isinstance(strength.hint, str) and isinstance(strength.crack_time, str)
