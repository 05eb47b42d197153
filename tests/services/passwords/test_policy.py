"""The password rules: each one alone, all at once, bcrypt's 72-byte limit, and properties over any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from homelog_desktop.services.passwords.policy import (
    BCRYPT_MAX_BYTES,
    MIN_LENGTH,
    RULES,
    Rule,
    check_rules,
    password_problems,
)
from tests.conftest import GOOD_PASSWORD


def rule(word: str) -> Rule:
    """The one rule whose checklist label contains `word`."""
    (found,) = [r for r in RULES if word in r.label]
    return found


LENGTH, UPPER, LOWER, DIGIT = rule("characters"), rule("uppercase"), rule("lowercase"), rule("digit")
SPACE, REPEAT, BYTES, NUL = rule("space"), rule("three times"), rule("bytes"), rule("NUL")


def utf8_length(text: str) -> int:
    return len(text.encode("utf-8"))


def test_a_good_password_has_no_problems() -> None:
    assert password_problems(GOOD_PASSWORD) == []


def test_there_are_eight_rules_in_checklist_order() -> None:
    assert list(RULES) == [LENGTH, UPPER, LOWER, DIGIT, SPACE, REPEAT, BYTES, NUL]


@pytest.mark.parametrize(
    ("password", "broken"),
    [
        ("Abcde1", LENGTH),
        ("correct7horse", UPPER),
        ("CORRECT7HORSE", LOWER),
        ("Correctshorse", DIGIT),
        (" Correct7horse", SPACE),
        ("Correct7horse ", SPACE),
        ("Correct7horse\t", SPACE),
        ("Correct7hooorse", REPEAT),
        ("Correct777horse", REPEAT),
        ("Aa1" + "bc" * 35, BYTES),
        ("Correct7\x00horse", NUL),
    ],
    ids=[
        "six characters", "no uppercase", "no lowercase", "no digit", "leading space", "trailing space",
        "trailing tab", "three letters", "three digits", "73 bytes", "NUL",
    ],
)
def test_each_rule_alone(password: str, broken: Rule) -> None:
    assert password_problems(password) == [broken.problem]
    assert [r for r, met in check_rules(password) if not met] == [broken]


def test_exactly_the_minimum_length_is_enough() -> None:
    password = "Abcde1f"
    assert len(password) == MIN_LENGTH
    assert password_problems(password) == []


def test_a_space_inside_is_allowed() -> None:
    assert password_problems("Correct 7 horse") == []


def test_a_character_twice_in_a_row_is_allowed() -> None:
    assert password_problems("Corrrect7horse") == [REPEAT.problem]
    assert password_problems("Correct7hoorse") == []


def test_every_violation_is_reported_at_once() -> None:
    assert password_problems(" aaa\x00") == [
        LENGTH.problem, UPPER.problem, DIGIT.problem, SPACE.problem, REPEAT.problem, NUL.problem,
    ]


def test_the_empty_password_breaks_the_four_character_rules() -> None:
    assert password_problems("") == [LENGTH.problem, UPPER.problem, LOWER.problem, DIGIT.problem]


def test_check_rules_lists_every_rule_with_whether_it_is_met() -> None:
    results = check_rules("correct7horse")
    assert [r for r, _ in results] == list(RULES)
    assert [met for _, met in results] == [True, False, True, True, True, True, True, True]


@pytest.mark.parametrize(
    ("password", "characters"),
    [("Aa1" + "éb" * 23, 49), ("Aa1" + "😀b" * 13 + "cdef", 33), ("Aa1" + "€" * 2 + "bcd" * 21, 68)],
    ids=["two-byte é", "four-byte emoji", "three-byte euro"],
)
def test_72_bytes_of_multibyte_characters_are_accepted(password: str, characters: int) -> None:
    assert (utf8_length(password), len(password)) == (BCRYPT_MAX_BYTES, characters)
    assert password_problems(password) == []


@pytest.mark.parametrize(
    "password",
    ["Aa1" + "éb" * 23 + "c", "Aa1" + "😀b" * 13 + "cdefg", "Aa1" + "é" + "bc" * 34],
    ids=["two-byte é", "four-byte emoji", "one é among ascii"],
)
def test_73_bytes_of_multibyte_characters_are_refused(password: str) -> None:
    assert utf8_length(password) == BCRYPT_MAX_BYTES + 1
    assert len(password) <= BCRYPT_MAX_BYTES  # at most 72 characters: the limit counts bytes
    assert password_problems(password) == [BYTES.problem]


def test_a_nul_character_is_refused_anywhere() -> None:
    for password in ("\x00Correct7horse", "Correct7\x00horse", "Correct7horse\x00"):
        assert NUL.problem in password_problems(password)


# Properties over any text

# Mostly random text, sometimes with the three character classes mixed in so that some pass every rule.
candidates = st.one_of(
    st.text(),
    st.builds(
        lambda a, b, c: a + "Xy7" + b + "Qz3" + c, st.text(max_size=20), st.text(), st.text(max_size=5)
    ),
)


@given(candidates)
def test_any_password_without_problems_meets_every_rule(password: str) -> None:
    if password_problems(password):
        return
    assert len(password) >= MIN_LENGTH
    assert any(c.isupper() for c in password)
    assert any(c.islower() for c in password)
    assert any(c.isdigit() for c in password)
    assert password == password.strip()
    assert not re.search(r"(.)\1\1", password, re.DOTALL)
    assert utf8_length(password) <= BCRYPT_MAX_BYTES
    assert "\x00" not in password


@given(candidates)
def test_problems_are_exactly_the_rules_not_met(password: str) -> None:
    assert password_problems(password) == [r.problem for r, met in check_rules(password) if not met]


too_long = st.one_of(
    st.text(min_size=BCRYPT_MAX_BYTES + 1),
    st.text(alphabet=st.characters(min_codepoint=0x800, exclude_categories=["Cs"]), min_size=25),
    st.builds(lambda good, extra: good + extra, st.just(GOOD_PASSWORD), st.text(min_size=60)),
).filter(lambda text: utf8_length(text) > BCRYPT_MAX_BYTES)


@given(too_long)
def test_any_text_over_72_utf8_bytes_is_refused(password: str) -> None:
    assert BYTES.problem in password_problems(password)
