"""Signing in and counted password checks: where the lockout is decided.

Count first, settle after: an attempt is reserved before its password is checked, in a writing
transaction that refuses it when the account (or the address) is locked, and else counts it as a failure
in advance, locking at the 5th failure in a row; only then is the hash checked (in a worker thread), and
the attempt settled: a match resets the count. So however many attempts run at once, at most 5 passwords
are checked before the lock. Locks last 1 minute, twice as long after each further failure, at most 15.

The door tells nothing: an unknown email, a wrong password, an account without a password, a locked one
(whatever password: it is not checked during the lock) get the same sentence and the same work (one
reservation, one hash check, one settlement; unknown addresses are counted and locked alike, keyed by a
hash of the folded address). Only the right password of a disabled account hears that it is disabled.
Administrators see the details (disabled, locked until when) in the window and homelog-admin.

An administrator's Check password of an account is recorded as "password checked" by them (match or
not), never as that account's sign-in, and leaves its Last sign-in alone; it counts towards the lockout
as a sign-in does (a wrong one counts, a match resets the count), so a window left open cannot be used
to guess passwords past the lock. A hash that cannot be checked counts no failure. After a successful
sign-in, an outdated hash is replaced by a current one (never Argon2 into bcrypt: home-log's backend
checks Argon2id only).
"""

from __future__ import annotations

import enum
import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from homelog_desktop.data.account_state_dao import (
    REFUSED_DISABLED,
    REFUSED_LOCKED,
    AccountStateDao,
    Attempt,
    LockSchedule,
)
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.data.user_queries import AccountRow
from homelog_desktop.errors import InvalidInputError, NotFoundError, UnreadableHashError
from homelog_desktop.messages import translatable
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from homelog_desktop.services.audit import AuditDraft, AuditTrail, Clock
from homelog_desktop.services.passwords.hashing import PasswordHasher, scheme_of

__all__ = [
    "LOCKOUT_THRESHOLD", "WRONG_CREDENTIALS", "SignInReason", "SignInResult", "SignInService", "address_key",
    "keeps_argon2", "local_time", "lock_duration",
]

# The sentences are messages.Text: English here and in homelog-admin, translated where the window shows them.
WRONG_CREDENTIALS = translatable(
    "SignIn", "Wrong email or password. After 5 wrong passwords in a row, signing in with that email is refused for a "
              "while, even with the right password."
)
DISABLED = translatable("SignIn", "This account is disabled; an administrator can enable it.")
NO_MATCH = translatable("SignIn", "The password does not match.")
LOCKOUT_THRESHOLD = 5  # failures in a row before the first lock
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(minutes=15)
# Failed sign-ins of an address that belongs to no account are forgotten after this long without another.
THROTTLE_MEMORY = timedelta(days=1)


def lock_duration(failures: int) -> timedelta | None:
    """How long an account stays locked after `failures` failed sign-ins in a row: none before the 5th,
    then 1 minute, doubling with each further failure, at most 15 minutes."""
    if failures < LOCKOUT_THRESHOLD:
        return None
    doublings = min(failures - LOCKOUT_THRESHOLD, 10)  # 2**10 minutes is well past the cap
    wait: timedelta = min(FIRST_LOCK * 2**doublings, LONGEST_LOCK)
    return wait


# lock_duration for 0, 1, 2... failures, up to where it stays at its longest: what the data layer applies
# inside the transaction that counts a failure.
LOCK_SCHEDULE: LockSchedule = tuple(lock_duration(failures) for failures in range(LOCKOUT_THRESHOLD + 11))


def local_time(moment: datetime) -> str:
    """A moment as local wall-clock time, for messages."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def keeps_argon2(hashed: str, hasher: PasswordHasher) -> bool:
    """Whether a hash stays as it is although the scheme differs: never Argon2 into bcrypt."""
    return scheme_of(hashed).startswith("argon2") and hasher.scheme == "bcrypt"


def address_key(email: str) -> str:
    """What failed sign-ins of an address of no account are counted under: a hash of the address in NFC,
    case-folded (the address itself is never kept: it may be a password typed in the wrong field)."""
    folded = unicodedata.normalize("NFC", email.strip()).casefold()
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()


def locked_message(locked_until: datetime) -> str:
    """What an administrator (never the door) is told about a lock."""
    return translatable(
        "SignIn", "This account is locked after too many failed sign-ins, until {time} (local time). Try again then, "
                  "or ask an administrator to unlock it."
    ).filled(time=local_time(locked_until))


class SignInReason(enum.Enum):
    """Why a sign-in (or a counted password check) ended as it did. At the door, every reason but OK and
    DISABLED (after the right password) shows the same sentence."""

    OK = "ok"
    WRONG = "wrong"  # wrong password, or no such email
    NO_PASSWORD = "no_password"
    LOCKED = "locked"
    DISABLED = "disabled"
    HASH_UNREADABLE = "hash_unreadable"


@dataclass(frozen=True, slots=True)
class SignInResult:
    """The outcome of a sign-in; `message` is the sentence to show (empty on success). `account` is the
    account as it is after the attempt (None for an unknown email); `locked_until` the lock the attempt
    met or caused (for administrators; the door never shows it)."""

    ok: bool
    reason: SignInReason
    message: str = ""
    account: Account | None = None
    locked_until: datetime | None = None
    rehashed: bool = False

    @property
    def role(self) -> str | None:
        """The account's role (None for an unknown email)."""
        return self.account.role if self.account else None

    @property
    def must_change_password(self) -> bool:
        """Whether the account must choose a new password before going on."""
        return self.account is not None and self.account.must_change_password

    @property
    def is_administrator(self) -> bool:
        """Whether this was a successful sign-in of an administrator."""
        return self.ok and self.role == ROLE_ADMINISTRATOR


@dataclass(frozen=True, slots=True)
class _Verdict:
    """How a reserved attempt ended: its reason, the audit entry that records it, whether the password
    matched (resetting the count), whether the failure counted in advance is taken back."""

    reason: SignInReason
    entry: AuditDraft
    matched: bool = False
    refund: bool = False
    problem: str = ""  # the sentence of an unreadable hash


class SignInService:
    """Sign-ins and counted password checks on one database. On a read-only database nothing is
    counted or recorded."""

    def __init__(
        self, *, users: UserDao, passwords: PasswordDao, states: AccountStateDao, audit: AuditTrail,
        hasher: PasswordHasher, now: Clock, read_only: bool,
    ) -> None:
        self._users = users
        self._passwords = passwords
        self._states = states
        self._audit = audit
        self.hasher = hasher
        self.now = now
        self.read_only = read_only
        self._dummy: tuple[str, str] | None = None  # (scheme, hash) checked where no real hash is

    async def prepare(self) -> None:
        """Compute the hash unknown emails are checked against now, rather than at the first one."""
        await self._verify_dummy("")

    async def sign_in(self, email: str, password: str) -> SignInResult:
        """Check an email and password at the door: counted first, checked, then settled (see above)."""
        now = self.now()
        attempt = await self._reserve(now, email=email)
        matched, problem = await self._check(attempt, password, dummy_when_refused=True)
        verdict = self._door_verdict(attempt, matched, problem)
        signed_in = verdict.reason is SignInReason.OK
        rehash = await self._rehash(attempt, password) if signed_in else None
        settled, rehashed = await self._settle(attempt, verdict, now, signed_in=signed_in, rehash=rehash, door=True)
        after = Account.from_row(settled) if settled is not None else None
        if signed_in:
            return SignInResult(True, SignInReason.OK, "", after, rehashed=rehashed)
        if verdict.reason is SignInReason.DISABLED:  # the right password: telling why reveals nothing new
            return SignInResult(False, SignInReason.DISABLED, DISABLED, after)
        locked = after.locked_until if after is not None and after.locked_at(now) else None
        return SignInResult(False, verdict.reason, WRONG_CREDENTIALS, after, locked_until=locked)

    async def check_password(self, account_id: int, password: str) -> SignInResult:
        """An administrator's check of an account's password, recorded as "password checked" by them (never
        as the account's sign-in) and counted like a sign-in; locked and disabled accounts are refused
        (saying so). InvalidInputError when the account has no password."""
        if await self._passwords.get_hash(account_id) is None:
            raise InvalidInputError.no_password_to_check()
        now = self.now()
        attempt = await self._reserve(now, account_id=account_id)
        if attempt.refused is None and attempt.hashed_password is None:  # removed meanwhile
            await self._settle(attempt, _Verdict(SignInReason.NO_PASSWORD, self._checked(), refund=True), now)
            raise InvalidInputError.no_password_to_check()
        matched, problem = await self._check(attempt, password, dummy_when_refused=False)
        verdict = self._check_verdict(attempt, matched, problem)
        settled, _ = await self._settle(attempt, verdict, now)
        assert settled is not None
        after = Account.from_row(settled)
        if verdict.reason is SignInReason.OK:
            return SignInResult(True, SignInReason.OK, "", after)
        if verdict.reason is SignInReason.LOCKED:
            assert after.locked_until is not None
            return SignInResult(False, SignInReason.LOCKED, locked_message(after.locked_until), after,
                                locked_until=after.locked_until)
        if verdict.reason is SignInReason.DISABLED:
            return SignInResult(False, SignInReason.DISABLED, DISABLED, after)
        if verdict.reason is SignInReason.HASH_UNREADABLE:
            return SignInResult(False, SignInReason.HASH_UNREADABLE, verdict.problem, after)
        locked = after.locked_until if after.locked_at(now) else None
        message = NO_MATCH if locked is None else translatable(
            "SignIn", "The password does not match. After {count} failures in a row the account is locked until {time} "
                      "(local time)."
        ).filled(count=after.failed_attempts, time=local_time(locked))
        return SignInResult(False, SignInReason.WRONG, message, after, locked_until=locked)

    # Reserving, checking, settling

    async def _reserve(self, now: datetime, *, email: str | None = None, account_id: int | None = None) -> Attempt:
        """Reserve the attempt (counted in advance); on a read-only database only read what it would."""
        if self.read_only:
            return await self._unrecorded(now, email=email, account_id=account_id)
        lock = self._audit.draft("lock", ["failed_attempts", "locked_until"])
        return await self._states.reserve_attempt(
            schedule=LOCK_SCHEDULE, now=now, locked=lock, email=email,
            throttle_key=address_key(email) if email is not None else None, user_id=account_id,
            refuse_disabled=account_id is not None, forget_before=now - THROTTLE_MEMORY,
        )

    async def _unrecorded(self, now: datetime, *, email: str | None, account_id: int | None) -> Attempt:
        row = await self._users.get_by_email(email) if email is not None else await self._users.get(account_id or 0)
        if row is None:
            return Attempt(None, None)
        hashed = await self._passwords.get_hash(row.id) if row.has_password else None
        if row.locked_until is not None and row.locked_until > now:
            return Attempt(row, hashed, refused=REFUSED_LOCKED)
        if account_id is not None and row.disabled:
            return Attempt(row, hashed, refused=REFUSED_DISABLED)
        return Attempt(row, hashed)

    async def _check(self, attempt: Attempt, password: str, *, dummy_when_refused: bool) -> tuple[bool, str]:
        """Whether the password matches the reserved account's hash, and the sentence of a hash that cannot
        be checked. Exactly one hash check where nothing real is checked (with `dummy_when_refused`), so
        every answer at the door costs the same."""
        hashed = attempt.hashed_password
        if attempt.account is None or attempt.refused is not None or hashed is None:
            if attempt.refused is None or dummy_when_refused:
                await self._verify_dummy(password)
            return False, ""
        try:
            return await self.hasher.verify(password, hashed), ""
        except UnreadableHashError as error:
            await self._verify_dummy(password)
            return False, str(error)

    def _door_verdict(self, attempt: Attempt, matched: bool, problem: str) -> _Verdict:
        account = attempt.account
        if attempt.refused is not None:
            return _Verdict(SignInReason.LOCKED if account else SignInReason.WRONG,
                            self._audit.draft("sign_in_refused", ["locked_until"]))
        failed = self._audit.draft("sign_in_failed", ["failed_attempts"])
        if account is None:
            return _Verdict(SignInReason.WRONG, failed)
        if attempt.hashed_password is None:
            return _Verdict(SignInReason.NO_PASSWORD, failed)
        if problem:
            return _Verdict(SignInReason.HASH_UNREADABLE, self._audit.draft("sign_in_failed", []), refund=True,
                            problem=problem)
        if not matched:
            return _Verdict(SignInReason.WRONG, failed)
        if account.disabled:
            return _Verdict(SignInReason.DISABLED, self._audit.draft("sign_in_refused", ["disabled"]), matched=True)
        # Nobody acting (a sign-in at the door): the account that signed in did it itself.
        return _Verdict(SignInReason.OK, self._audit.draft("sign_in", actor=Account.from_row(account)),
                        matched=True)

    def _check_verdict(self, attempt: Attempt, matched: bool, problem: str) -> _Verdict:
        if attempt.refused == REFUSED_LOCKED:
            return _Verdict(SignInReason.LOCKED, self._checked("locked"))
        if attempt.refused == REFUSED_DISABLED:
            return _Verdict(SignInReason.DISABLED, self._checked("disabled"))
        if problem:
            return _Verdict(SignInReason.HASH_UNREADABLE, self._checked("hash_unreadable"), refund=True,
                            problem=problem)
        if matched:
            return _Verdict(SignInReason.OK, self._checked("match"), matched=True)
        return _Verdict(SignInReason.WRONG, self._checked("no_match"))

    def _checked(self, outcome: str = "") -> AuditDraft:
        """The entry of a password check by the acting administrator (or nobody), naming its outcome."""
        return self._audit.draft("password_checked", [outcome] if outcome else [])

    async def _rehash(self, attempt: Attempt, password: str) -> tuple[str, str] | None:
        hashed = attempt.hashed_password
        if self.read_only or hashed is None or keeps_argon2(hashed, self.hasher):
            return None
        if not self.hasher.needs_rehash(hashed) or not self.hasher.accepts(password):
            return None
        return hashed, await self.hasher.hash(password)

    async def _settle(
        self, attempt: Attempt, verdict: _Verdict, now: datetime, *, signed_in: bool = False,
        rehash: tuple[str, str] | None = None, door: bool = False,
    ) -> tuple[AccountRow | None, bool]:
        """Settle the attempt (nothing on a read-only database): the account as it is after it, and
        whether its hash was replaced. At the door, an account deleted meanwhile just ends the attempt."""
        if self.read_only:
            return attempt.account, False
        rehashed = None
        if rehash is not None and attempt.account is not None:
            rehashed = self._audit.draft("password_rehashed", ["password"], actor=Account.from_row(attempt.account))
        try:
            outcome = await self._states.settle_attempt(
                attempt, now=now, matched=verdict.matched, entries=[verdict.entry], signed_in=signed_in,
                refund=verdict.refund, rehash=rehash, rehashed=rehashed,
            )
        except NotFoundError:
            if not door or signed_in:
                raise
            return None, False
        return outcome.account, outcome.rehashed

    async def _verify_dummy(self, password: str) -> None:
        """Spend the time a real check would: verify against a hash of the current scheme and cost."""
        if self._dummy is None or self._dummy[0] != self.hasher.scheme:
            self._dummy = (self.hasher.scheme, await self.hasher.hash(secrets.token_urlsafe(24)))
        try:
            await self.hasher.verify(password, self._dummy[1])
        except UnreadableHashError:
            pass
