"""Random passwords that always meet the policy, drawn with the `secrets` module."""

from __future__ import annotations

import secrets
import string

from homelog_desktop.services.passwords.policy import (
    BCRYPT_MAX_BYTES,
    HOMELOG_MAX_CHARS,
    HashScheme,
    password_problems,
    rules_for,
)

MIN_GENERATED_LENGTH = 8
DEFAULT_GENERATED_LENGTH = 16

# ASCII only (one byte each in UTF-8), no space, and none of the look-alikes I l 1 O 0 o, so that
# a password read off the screen is typed right. Symbols: none that shells or CSV quote specially.
_UPPER = "".join(c for c in string.ascii_uppercase if c not in "IO")
_LOWER = "".join(c for c in string.ascii_lowercase if c not in "lo")
_DIGITS = "23456789"
_SYMBOLS = "!#%+-=?@^_~*"
_CLASSES = (_UPPER, _LOWER, _DIGITS, _SYMBOLS)
_ALPHABET = "".join(_CLASSES)
_MAX_LENGTH = {"bcrypt": BCRYPT_MAX_BYTES, "argon2id": HOMELOG_MAX_CHARS}


def generate_password(length: int = DEFAULT_GENERATED_LENGTH, scheme: HashScheme = "bcrypt") -> str:
    """A random password of `length` characters with an uppercase letter, a lowercase letter, a digit
    and a symbol, that meets every rule of the policy for `scheme` (checked before it is returned).

    ValueError for a length below 8 or above what the scheme can store (72 for bcrypt, 255 for Argon2id).
    """
    rules_for(scheme)  # ValueError for an unknown scheme
    if length < MIN_GENERATED_LENGTH:
        raise ValueError(f"a generated password needs at least {MIN_GENERATED_LENGTH} characters")
    if length > _MAX_LENGTH[scheme]:
        raise ValueError(f"a generated password for {scheme} has at most {_MAX_LENGTH[scheme]} characters")
    shuffler = secrets.SystemRandom()
    while True:
        # One of each class, the rest from the whole alphabet, in a random order.
        characters = [secrets.choice(group) for group in _CLASSES]
        characters += [secrets.choice(_ALPHABET) for _ in range(length - len(characters))]
        shuffler.shuffle(characters)
        password = "".join(characters)
        # A draw that breaks a rule (three equal characters in a row) is rare; draw again.
        if not password_problems(password, scheme):
            return password
