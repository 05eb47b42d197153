"""The email and name rules, and clean_account_fields: stripping, None for no name, every problem at once.
Addresses are checked as home-log checks them (email-validator, its reason shown); mixed scripts warned."""

from __future__ import annotations

import email_validator
import pytest

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.services.account_validation import (
    EMAIL_MAX_LENGTH,
    USERNAME_MAX_LENGTH,
    clean_account_fields,
    email_problems,
    email_syntax_problem,
    mixed_script_warning,
    username_problems,
)

# The addresses the app used to accept that make home-log fail when it returns that user.
HOME_LOG_REFUSES = ["ann@example.test", "ann@exa_mple.org", "ann@-example.org", "ann,bob@example.org",
                    "ann@123.45.67.89"]

DOMAIN = "@example.com"


def email_of_length(length: int) -> str:
    return "a" * (length - len(DOMAIN)) + DOMAIN


# Email addresses


@pytest.mark.parametrize(
    "email",
    ["anna@example.com", "Anna.Berg+home@mail.example.org", "x@y.zz", "émile@exämple.de", "o'neil@ex.ie"],
)
def test_valid_emails_have_no_problems(email: str) -> None:
    assert email_problems(email) == []


@pytest.mark.parametrize(
    "email",
    [
        "anna",
        "anna@",
        "@example.com",
        "anna@example",
        "anna@@example.com",
        "anna@bob@example.com",
        "an na@example.com",
        "anna@exa mple.com",
        ".anna@example.com",
        "an..na@example.com",
        "anna@example..com",
        "anna@.example.com",
        "anna@example.com.",
    ],
)
def test_invalid_emails_are_refused_as_not_valid(email: str) -> None:
    assert email_problems(email) == [f"“{email}” is not a valid email address: {validator_reason(email)}"]


def validator_reason(email: str) -> str:
    """email-validator's own reason for refusing an address (what home-log's EmailStr says)."""
    with pytest.raises(email_validator.EmailNotValidError) as refused:
        email_validator.validate_email(email, check_deliverability=False)
    return str(refused.value)


@pytest.mark.parametrize("email", HOME_LOG_REFUSES)
def test_addresses_home_log_cannot_serve_are_refused_with_email_validators_reason(email: str) -> None:
    reason = validator_reason(email)
    assert email_problems(email) == [f"“{email}” is not a valid email address: {reason}"]
    with pytest.raises(InvalidInputError, match="not a valid email address") as refused:
        clean_account_fields(email, "Ann")
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    "email",
    ["ann@example.org", "Ann.Berg+home@Mail.Example.ORG", "o'neil@ex.ie", "a{b}|c~d@example.org", "x@y.zz",
     "ann@exa_mple.org", "ann@example.test", "ann@-example.org", "ann@localhost", "a.b.@example.org",
     "a@" + "b" * 64 + ".org", "a" * 65 + "@example.org", "a@" + ("b" * 60 + ".") * 5 + "org", "ann@[1.2.3.4]",
     '"ann bob"@example.org', "émile@example.org", "ann@bücher.de", "ann@xn--bcher-kva.de", "ann@EXAMPLE.org"],
)
def test_the_fast_check_of_plain_addresses_says_what_email_validator_says(email: str) -> None:
    try:
        email_validator.validate_email(email, check_deliverability=False)
        expected = None
    except email_validator.EmailNotValidError as error:
        expected = str(error)
    assert email_syntax_problem(email) == expected


@pytest.mark.parametrize("email", ["аdmin@x.com", "admin@exаmple.org", "pαypal@example.org"])
def test_an_address_mixing_latin_with_cyrillic_or_greek_is_warned(email: str) -> None:
    warning = mixed_script_warning(email)
    assert warning is not None and "mixes Latin letters with" in warning and email in warning
    assert email_problems(email) == []  # warned, not refused


@pytest.mark.parametrize("email", ["admin@x.com", "иван@mail.ru", "émile@exämple.de", "αβγ@example.gr"])
def test_an_address_in_one_script_per_word_is_not_warned(email: str) -> None:
    assert mixed_script_warning(email) is None


def test_an_empty_email_is_required() -> None:
    assert email_problems("") == ["The email address is required."]


def test_an_email_of_160_characters_is_accepted() -> None:
    email = email_of_length(EMAIL_MAX_LENGTH)
    assert (len(email), email_problems(email)) == (160, [])


def test_an_email_of_161_characters_is_refused_for_its_length_only() -> None:
    email = email_of_length(EMAIL_MAX_LENGTH + 1)
    assert email_problems(email) == ["The email address is longer than 160 characters."]


def test_a_long_invalid_email_reports_both_problems() -> None:
    problems = email_problems("a" * 200)
    assert len(problems) == 2
    assert "longer than 160" in problems[0] and "not a valid email" in problems[1]


def test_the_message_quotes_at_most_60_characters_of_the_email() -> None:
    (_, invalid) = email_problems("b" * 170)
    assert "b" * 60 + "”" in invalid and "b" * 61 not in invalid


@pytest.mark.parametrize(
    "character",
    ["\x00", "\x07", "\t", "\n", "\x7f", "\u200b", "\u202e", "\u2028", "\u2029", "\ufeff"],
    ids=["NUL", "bell", "tab", "newline", "DEL", "zero width space", "right-to-left override",
         "line separator", "paragraph separator", "byte order mark"],
)
def test_control_characters_in_an_email_are_refused(character: str) -> None:
    assert email_problems(f"an{character}na@ex.com") == ["The email address contains control characters."]


# Names


def test_a_name_of_60_characters_is_accepted() -> None:
    assert username_problems("n" * USERNAME_MAX_LENGTH) == []


def test_a_name_of_61_characters_is_refused() -> None:
    assert username_problems("n" * (USERNAME_MAX_LENGTH + 1)) == ["The name is longer than 60 characters."]


def test_a_name_counts_characters_not_bytes() -> None:
    assert username_problems("é" * USERNAME_MAX_LENGTH) == []


def test_an_empty_name_is_allowed() -> None:
    assert username_problems("") == []


@pytest.mark.parametrize("character", ["\x00", "\t", "\n", "\u200b", "\u2028"])
def test_control_characters_in_a_name_are_refused(character: str) -> None:
    assert username_problems(f"An{character}na") == ["The name contains control characters."]


def test_spaces_inside_a_name_are_allowed() -> None:
    assert username_problems("Anna Maria von Berg") == []


# clean_account_fields


def test_clean_strips_the_email_and_the_name() -> None:
    assert clean_account_fields("  anna@ex.com \n", "\t Anna Berg  ") == ("anna@ex.com", "Anna Berg")


def test_clean_keeps_the_case_of_the_email() -> None:
    assert clean_account_fields("Anna@Example.COM", None)[0] == "Anna@Example.COM"


@pytest.mark.parametrize("name", [None, "", "   ", "\t\n"])
def test_clean_turns_an_empty_name_into_none(name: str | None) -> None:
    assert clean_account_fields("anna@example.com", name) == ("anna@example.com", None)


def test_clean_measures_lengths_after_stripping() -> None:
    email = email_of_length(EMAIL_MAX_LENGTH)
    name = "n" * USERNAME_MAX_LENGTH
    assert clean_account_fields(f"  {email}  ", f"  {name}  ") == (email, name)


def test_clean_refuses_an_email_of_only_spaces_as_missing() -> None:
    with pytest.raises(InvalidInputError) as raised:
        clean_account_fields("   ", "Anna")
    assert raised.value.problems == ["The email address is required."]


def test_clean_reports_email_and_name_problems_together() -> None:
    with pytest.raises(InvalidInputError) as raised:
        clean_account_fields("anna", "n" * 61 + "\x07")
    assert raised.value.problems == [
        "“anna” is not a valid email address: An email address must have an @-sign.",
        "The name is longer than 60 characters.",
        "The name contains control characters.",
    ]
    assert str(raised.value) == " ".join(raised.value.problems)
