"""Signing in and counted password checks: where the lockout is decided.

5 wrong passwords in a row lock an account for 1 minute, twice as long after each further failure, at
most 15 minutes; a match resets the count. An unknown email costs the time of a real check and gets
the same answer. After a success, an outdated hash is replaced by a current one (never Argon2 into
bcrypt: home-log's backend checks Argon2id only).
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from homelog_desktop.data.account_state_dao import AccountStateDao, LockSchedule
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import InvalidInputError, UnreadableHashError
from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from homelog_desktop.services.audit import AuditTrail, Clock
from homelog_desktop.services.passwords.hashing import PasswordHasher, scheme_of

__all__ = [
    "LOCKOUT_THRESHOLD", "WRONG_CREDENTIALS", "SignInReason", "SignInResult", "SignInService", "keeps_argon2",
    "local_time", "lock_duration",
]

WRONG_CREDENTIALS = "Wrong email or password."
DISABLED = "This account is disabled; an administrator can enable it."
LOCKOUT_THRESHOLD = 5  # failures in a row before the first lock
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(minutes=15)


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


class SignInReason(enum.Enum):
    """Why a sign-in (or a counted password check) ended as it did."""

    OK = "ok"
    WRONG = "wrong"  # wrong password, or no such email: the same message for both
    NO_PASSWORD = "no_password"
    LOCKED = "locked"
    DISABLED = "disabled"
    HASH_UNREADABLE = "hash_unreadable"


@dataclass(frozen=True, slots=True)
class SignInResult:
    """The outcome of a sign-in; `message` is the sentence to show (empty on success). `account` is the
    account as it is after the attempt (None for an unknown email); `locked_until` the lock the attempt
    met or caused."""

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
        self._dummy: tuple[str, str] | None = None  # (scheme, hash) unknown emails are checked against

    async def sign_in(self, email: str, password: str) -> SignInResult:
        """Check an email and password, counting failures and locking as lock_duration says."""
        row = await self._users.get_by_email(email)
        if row is None:
            await self._verify_dummy(password)
            await self._audit.record(self._audit.draft("sign_in_failed", ["email"]))
            return SignInResult(False, SignInReason.WRONG, WRONG_CREDENTIALS)
        account = Account.from_row(row)
        hashed = await self._passwords.get_hash(account.id) if account.has_password else None
        return await self._check(account, hashed, password, no_password_message=WRONG_CREDENTIALS)

    async def check_password(self, account_id: int, password: str) -> SignInResult:
        """A password check counted like a sign-in: failures counted, locks applied, disabled and locked
        accounts refused. InvalidInputError when the account has none."""
        account = Account.from_row(await self._users.get(account_id))
        hashed = await self._passwords.get_hash(account_id)
        if hashed is None:
            raise InvalidInputError.no_password_to_check()
        return await self._check(account, hashed, password)

    async def prepare(self) -> None:
        """Compute the hash unknown emails are checked against now, rather than at the first one."""
        await self._verify_dummy("")

    async def _check(
        self, account: Account, hashed: str | None, password: str, *, no_password_message: str = ""
    ) -> SignInResult:
        now = self.now()
        if account.disabled:
            await self._verify_dummy(password)  # the same time as any other answer
            await self._refused(account, ["disabled"])
            return SignInResult(False, SignInReason.DISABLED, DISABLED, account)
        if account.locked_until is not None and account.locked_until > now:
            await self._refused(account, ["locked_until"])
            return SignInResult(
                False, SignInReason.LOCKED,
                f"This account is locked after too many failed sign-ins, until {local_time(account.locked_until)} "
                "(local time). Try again then, or ask an administrator to unlock it.",
                account, locked_until=account.locked_until,
            )
        if hashed is None:
            await self._verify_dummy(password)
            await self._refused(account, ["password"], action="sign_in_failed")
            return SignInResult(
                False, SignInReason.NO_PASSWORD, no_password_message or "This account has no password.", account
            )
        try:
            matches = await self.hasher.verify(password, hashed)
        except UnreadableHashError as error:
            await self._refused(account, ["password"], action="sign_in_failed")
            return SignInResult(False, SignInReason.HASH_UNREADABLE, str(error), account)
        if not matches:
            return await self._failed(account, now)
        return await self._succeeded(account, hashed, password, now)

    async def _failed(self, account: Account, now: datetime) -> SignInResult:
        if self.read_only:
            return SignInResult(False, SignInReason.WRONG, WRONG_CREDENTIALS, account)
        outcome = await self._states.register_failure(
            account.id, LOCK_SCHEDULE, now,
            self._audit.draft("sign_in_failed", ["password"]),
            self._audit.draft("lock", ["failed_attempts", "locked_until"]),
        )
        after = Account.from_row(outcome.account)
        locked = after.locked_until if after.locked_at(now) else None
        message = WRONG_CREDENTIALS
        if locked is not None:
            message += (
                f" After {after.failed_attempts} failed sign-ins the account is locked until "
                f"{local_time(locked)} (local time)."
            )
        return SignInResult(False, SignInReason.WRONG, message, after, locked_until=locked)

    async def _succeeded(self, account: Account, hashed: str, password: str, now: datetime) -> SignInResult:
        if self.read_only:
            return SignInResult(True, SignInReason.OK, "", account)
        rehash = None
        if not keeps_argon2(hashed, self.hasher) and self.hasher.needs_rehash(hashed) and self.hasher.accepts(password):
            rehash = (hashed, await self.hasher.hash(password))
        # Nobody acting (a sign-in at the door): the account that signed in did it itself.
        actor = self._audit.actor or account
        outcome = await self._states.register_success(
            account.id, now, self._audit.draft("sign_in", actor=actor),
            self._audit.draft("password_rehashed", ["password"], actor=actor), rehash,
        )
        return SignInResult(True, SignInReason.OK, "", Account.from_row(outcome.account), rehashed=outcome.rehashed)

    async def _refused(self, account: Account, fields: list[str], *, action: str = "sign_in_refused") -> None:
        await self._audit.record(self._audit.draft(action, fields, target=account))

    async def _verify_dummy(self, password: str) -> None:
        """Spend the time a real check would: verify against a hash of the current scheme and cost."""
        if self._dummy is None or self._dummy[0] != self.hasher.scheme:
            self._dummy = (self.hasher.scheme, await self.hasher.hash(secrets.token_urlsafe(24)))
        try:
            await self.hasher.verify(password, self._dummy[1])
        except UnreadableHashError:
            pass
