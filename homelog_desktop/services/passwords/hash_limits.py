"""Which stored password hashes are sane to check: their format and the work their parameters ask for.

A hash decides how long a check runs and how much memory it takes. One from a file or a database we did
not write could ask for minutes (bcrypt cost 31) or gigabytes (Argon2 m=4294967295), so a hash is only
accepted within these limits:

- bcrypt (`$2a$`, `$2b$`, `$2y$`): cost 4 to 16 (cost 16 takes about 5 s; each step doubles it), a
  22-character salt whose last character is one of the four bcrypt itself writes, a 31-character hash.
- Argon2 (`$argon2id$`, also `$argon2i$` and `$argon2d$`): version 19 (`v=19`) and parameters within
  those of argon2-cffi's profiles (`argon2.profiles`: CHEAPEST, RFC_9106_LOW_MEMORY, RFC_9106_HIGH_MEMORY,
  PRE_21_2): memory from 8 KiB per lane (Argon2's own minimum) to 2,097,152 KiB = 2 GiB (HIGH_MEMORY),
  time cost 1 to 3 (LOW_MEMORY), parallelism 1 to 8 (PRE_21_2), and memory x time at most 2 GiB, so
  that no check does more work than the heaviest profile; a salt of 8 to 64 bytes and a hash of 4 to
  64 bytes, in unpadded base64.
"""

from __future__ import annotations

import re

ARGON2_VERSION = 19
ARGON2_MEMORY_KIB_PER_LANE = 8  # Argon2's minimum: 8 KiB per lane (argon2.profiles.CHEAPEST)
ARGON2_MAX_MEMORY_KIB = 2_097_152  # argon2.profiles.RFC_9106_HIGH_MEMORY
ARGON2_MAX_TIME_COST = 3  # argon2.profiles.RFC_9106_LOW_MEMORY
ARGON2_MAX_PARALLELISM = 8  # argon2.profiles.PRE_21_2
ARGON2_MAX_WORK_KIB = ARGON2_MAX_MEMORY_KIB  # memory x time of the heaviest profile (HIGH_MEMORY: t=1)
ARGON2_SALT_BYTES = (8, 64)
ARGON2_HASH_BYTES = (4, 64)
BCRYPT_COSTS = (4, 16)

# Only the shape here; the cost is checked against BCRYPT_COSTS. The salt's last character holds 2
# bits, so only 4 are valid (bcrypt refuses any other).
_BCRYPT = re.compile(r"\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{21}[.Oeu][./A-Za-z0-9]{31}")
_ARGON2 = re.compile(
    r"\$argon2(id|i|d)\$v=(\d{1,10})\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)"
)
_ARGON2_NAMES = {"id": "Argon2id", "i": "Argon2i", "d": "Argon2d"}


def hash_problem(hashed: str) -> str | None:
    """Why a stored password hash must not be checked (one sentence, never quoting the hash): an unknown
    format, a damaged hash, or parameters beyond the limits above. None for a sane bcrypt or Argon2 hash."""
    if hashed.startswith(("$2a$", "$2b$", "$2y$")):
        return _bcrypt_problem(hashed)
    if hashed.startswith(("$argon2id$", "$argon2i$", "$argon2d$")):
        return _argon2_problem(hashed)
    return "The password hash is not in a recognised format (bcrypt $2a$/$2b$/$2y$ or $argon2id$)."


def _bcrypt_problem(hashed: str) -> str | None:
    match = _BCRYPT.fullmatch(hashed)
    if match is None:
        return "The password hash looks like bcrypt but is malformed."
    cost = int(match[1])
    low, high = BCRYPT_COSTS
    if not low <= cost <= high:
        return f"The bcrypt hash has cost {cost}; only costs {low} to {high} are accepted."
    return None


def _argon2_problem(hashed: str) -> str | None:
    match = _ARGON2.fullmatch(hashed)
    name = _ARGON2_NAMES[hashed[7:hashed.index("$", 7)]]
    if match is None or not all(_base64_length(part) for part in (match[6], match[7])):
        return f"The password hash looks like {name} but is malformed."
    version, memory, time_cost, lanes = (int(match[n]) for n in range(2, 6))
    salt, digest = _base64_length(match[6]), _base64_length(match[7])
    problems = (
        (version != ARGON2_VERSION, f"version {version}; only version {ARGON2_VERSION} (v=19) is accepted"),
        (not 1 <= lanes <= ARGON2_MAX_PARALLELISM,
         f"parallelism {lanes}; 1 to {ARGON2_MAX_PARALLELISM} is accepted"),
        (not ARGON2_MEMORY_KIB_PER_LANE * max(lanes, 1) <= memory <= ARGON2_MAX_MEMORY_KIB,
         f"memory {memory:,} KiB; {ARGON2_MEMORY_KIB_PER_LANE} KiB per lane to {ARGON2_MAX_MEMORY_KIB:,} KiB "
         "(2 GiB) is accepted"),
        (not 1 <= time_cost <= ARGON2_MAX_TIME_COST,
         f"time cost {time_cost}; 1 to {ARGON2_MAX_TIME_COST} is accepted"),
        (memory * time_cost > ARGON2_MAX_WORK_KIB,
         f"memory x time of {memory * time_cost:,} KiB; at most {ARGON2_MAX_WORK_KIB:,} KiB is accepted"),
        (not ARGON2_SALT_BYTES[0] <= salt <= ARGON2_SALT_BYTES[1],
         f"a salt of {salt} bytes; {ARGON2_SALT_BYTES[0]} to {ARGON2_SALT_BYTES[1]} is accepted"),
        (not ARGON2_HASH_BYTES[0] <= digest <= ARGON2_HASH_BYTES[1],
         f"a hash of {digest} bytes; {ARGON2_HASH_BYTES[0]} to {ARGON2_HASH_BYTES[1]} is accepted"),
    )
    for failed, what in problems:
        if failed:
            return f"The {name} hash has {what}."
    return None


def _base64_length(text: str) -> int:
    """How many bytes unpadded base64 text holds; 0 when no base64 text is that long."""
    return 0 if len(text) % 4 == 1 else len(text) * 3 // 4
