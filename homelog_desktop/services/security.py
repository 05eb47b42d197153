"""Accounts that are safe to trust: roles, disabling, lockout, sign-in, hash upgrades, audit trail,
readiness report. No Qt here; the clock is injectable (`now`), so the lockout timeline tests need no sleeps.

Attach one to an AccountService (`SecurityService(accounts)` does it), and that service records every
successful write in the audit trail and refuses to delete the last administrator.
"""

from __future__ import annotations

import enum
import re
import secrets
from collections.abc import AsyncIterator, Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import argon2

from homelog_desktop.data.security_dao import (
    AUDIT_HEAD_KEY,
    GENESIS_HASH,
    HASH_SCHEME_KEY,
    AuditDraft,
    AuditRecord,
    ReadinessSource,
    SecurityDao,
    StateSnapshot,
    audit_entry_hash,
    read_setting,
)
from homelog_desktop.data.security_models import ROLE_ADMINISTRATOR, ROLE_MEMBER, ROLES
from homelog_desktop.data.transfer_dao import ImportChange
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.errors import HomeLogError, InvalidInputError
from homelog_desktop.services.accounts import Account, AccountService, detected_hash_scheme, stored_hash_scheme
from homelog_desktop.services.password_hashing import DEFAULT_BCRYPT_COST, PasswordHasher, scheme_of
from homelog_desktop.services.password_policy import HASH_SCHEMES, HashScheme

__all__ = [
    "BCRYPT_ON_ARGON2_WARNING",
    "LOCKOUT_THRESHOLD",
    "ROLE_ADMINISTRATOR",
    "ROLE_MEMBER",
    "WRONG_CREDENTIALS",
    "AccountSecurity",
    "AuditRecord",
    "HashSchemeSetting",
    "ReadinessRow",
    "SecurityService",
    "SignInReason",
    "SignInResult",
    "describe_hash_scheme_choice",
    "hash_scheme_warning",
    "lock_duration",
]

WRONG_CREDENTIALS = "Wrong email or password."
LOCKOUT_THRESHOLD = 5  # failures in a row before the first lock
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(minutes=15)
PAGE_SIZE = 500
_BCRYPT_HASH = re.compile(r"^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$")


def lock_duration(failures: int) -> timedelta | None:
    """How long an account stays locked after `failures` failed sign-ins in a row: none before the 5th,
    then 1 minute, doubling with each further failure, at most 15 minutes."""
    if failures < LOCKOUT_THRESHOLD:
        return None
    doublings = min(failures - LOCKOUT_THRESHOLD, 10)  # 2**10 minutes is well past the cap
    return min(FIRST_LOCK * 2**doublings, LONGEST_LOCK)


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
    """The outcome of a sign-in; `message` is the sentence to show (empty on success)."""

    ok: bool
    reason: SignInReason
    message: str = ""
    account: Account | None = None
    role: str | None = None
    must_change_password: bool = False
    locked_until: datetime | None = None
    rehashed: bool = False

    @property
    def is_administrator(self) -> bool:
        return self.ok and self.role == ROLE_ADMINISTRATOR


@dataclass(frozen=True, slots=True)
class AccountSecurity:
    """An account's security columns as the window shows them (never a hash)."""

    role: str
    disabled: bool
    must_change_password: bool
    failed_attempts: int
    locked_until: datetime | None
    last_sign_in_at: datetime | None

    @classmethod
    def of(cls, state: StateSnapshot) -> AccountSecurity:
        return cls(
            state.role, state.disabled, state.must_change_password, state.failed_attempts,
            state.locked_until, state.last_sign_in_at,
        )

    def locked_at(self, now: datetime) -> bool:
        """Whether the account is locked at this moment."""
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True, slots=True)
class ReadinessRow:
    """Whether one account can sign in, and if not why; also a password row without an account."""

    user_id: int | None
    email: str | None
    can_sign_in: bool
    problems: tuple[str, ...]  # why it cannot sign in
    notes: tuple[str, ...]  # what should still be done (a hash that needs an upgrade)
    hash_scheme: str | None
    role: str = ROLE_MEMBER
    orphan: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.user_id, "email": self.email, "can_sign_in": self.can_sign_in,
            "problems": list(self.problems), "notes": list(self.notes), "hash_scheme": self.hash_scheme,
            "role": self.role, "orphan": self.orphan,
        }


BCRYPT_ON_ARGON2_WARNING = (
    "home-log's backend checks Argon2id only: accounts given a bcrypt password here cannot sign in to home-log."
)


def hash_scheme_warning(scheme: str, holds_argon2: bool) -> str | None:
    """The warning to show before choosing `scheme` for a database (None: nothing to warn about).
    bcrypt where home-log's Argon2 hashes are: the accounts given a password here lose home-log."""
    return BCRYPT_ON_ARGON2_WARNING if scheme == "bcrypt" and holds_argon2 else None


def describe_hash_scheme_choice(scheme: str, holds_argon2: bool, bcrypt_cost: int = DEFAULT_BCRYPT_COST) -> str:
    """What choosing `scheme` does to new and existing hashes, in sentences for the settings dialog.

    The upgrade rule (SecurityService._succeeded): after a successful sign-in a hash in another scheme
    or with weaker parameters is replaced by a current one, except that an Argon2 hash is never turned
    into bcrypt, because home-log's backend checks Argon2id only."""
    if scheme == "argon2id":
        return (
            "New passwords are hashed with Argon2id, as home-log's backend does. A bcrypt hash is replaced "
            "by an Argon2id one when its account next signs in."
        )
    text = (
        f"New passwords are hashed with bcrypt (cost {bcrypt_cost}). A bcrypt hash of a lower cost is "
        "upgraded when its account next signs in."
    )
    if holds_argon2:
        text += (
            " Argon2 hashes are never turned into bcrypt: they stay as they are, so those accounts can "
            "still sign in to home-log until they are given a new password."
        )
    return text


@dataclass(frozen=True, slots=True)
class HashSchemeSetting:
    """The database's hash scheme: the one new passwords get, whether the database's setting chose it
    (else it was detected from the hashes there), and whether the database holds Argon2 hashes."""

    scheme: HashScheme
    explicitly_set: bool
    holds_argon2: bool

    @property
    def detected(self) -> HashScheme:
        """The scheme the database would have without a setting."""
        return detected_hash_scheme(self.holds_argon2)

    @property
    def warning(self) -> str | None:
        """The sentence to show while this scheme is in use (bcrypt among Argon2 hashes), else None."""
        return hash_scheme_warning(self.scheme, self.holds_argon2)

    def describe(self) -> str:
        """One line: the scheme and where it comes from."""
        if self.explicitly_set:
            return f"{self.scheme} (set for this database)"
        why = "the database holds Argon2 hashes" if self.holds_argon2 else "no Argon2 hashes in the database"
        return f"{self.scheme} (detected: {why})"


def local_time(moment: datetime) -> str:
    """A moment as local wall-clock time, for messages."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def hash_readable(hashed: str) -> bool:
    """Whether a stored hash's header can be read (bcrypt's layout, or Argon2's parameters)."""
    scheme = scheme_of(hashed)
    if scheme == "bcrypt":
        return bool(_BCRYPT_HASH.match(hashed))
    if scheme.startswith("argon2"):
        try:
            argon2.extract_parameters(hashed)
        except (argon2.exceptions.InvalidHashError, ValueError):
            return False
        return True
    return False


class SecurityService:
    """Roles, disabling, lockout, sign-in and audit trail on the database of one AccountService.

    `actor` is the account (id, email) that acts, recorded in every audit entry; None (the command line,
    unless told otherwise) records no actor. On a read-only database nothing is counted or recorded.
    """

    def __init__(
        self,
        accounts: AccountService,
        *,
        now: Callable[[], datetime] | None = None,
        actor: Account | None = None,
        attach: bool = True,
    ) -> None:
        self.accounts = accounts
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))
        self.actor = actor
        self._dao = SecurityDao(accounts.database)
        self._users = UserDao(accounts.database)
        self._dummy_hash: str | None = None
        if attach:
            accounts.audit = self

    @property
    def hasher(self) -> PasswordHasher:
        """The account service's hasher: new hashes in the database's scheme (see set_hash_scheme)."""
        return self.accounts.hasher

    # who acts

    def act_as(self, actor: Account | None) -> None:
        """Record `actor` (the signed-in administrator) in every later audit entry; None for nobody."""
        self.actor = actor

    def _draft(
        self, action: str, target: Account | None = None, fields: Iterable[str] = (), *,
        target_id: int | None = None, target_email: str | None = None, actor: Account | None = None,
    ) -> AuditDraft:
        actor = actor or self.actor
        return AuditDraft(
            at=self.now(), action=action,
            actor_id=actor.id if actor else None, actor_email=actor.email if actor else None,
            target_id=target.id if target else target_id, target_email=target.email if target else target_email,
            fields=tuple(fields),
        )

    @property
    def _writable(self) -> bool:
        return not self.accounts.read_only

    # the AccountService hook

    async def record(
        self, action: str, account_id: int | None, email: str | None, fields: Iterable[str] = ()
    ) -> AuditRecord | None:
        """Append an audit entry for an account operation (create, update, delete, restore,
        password_set, password_cleared...): names of changed fields only, never values of passwords."""
        if not self._writable:
            return None
        return await self._dao.append_audit(
            self._draft(action, fields=fields, target_id=account_id, target_email=email)
        )

    def draft(self, action: str, account_id: int, email: str, fields: Iterable[str]) -> AuditDraft | None:
        """The entry AccountService appends in the transaction of each of its writes (None: read-only)."""
        if not self._writable:
            return None
        return self._draft(action, fields=fields, target_id=account_id, target_email=email)

    async def account_changed(self, action: str, account_id: int, email: str, fields: Iterable[str]) -> None:
        """Called by AccountService after each successful write."""
        await self.record(action, account_id, email, fields)

    async def check_can_delete(self, account_id: int) -> None:
        """HomeLogError when deleting this account would leave no enabled administrator.
        AccountService.delete calls it when this service is attached; call it before asking to confirm."""
        state = await self._dao.get_state(account_id)
        if state.role == ROLE_ADMINISTRATOR and not state.disabled:
            if await self._dao.count_administrators() <= 1:
                raise HomeLogError(
                    "This is the last administrator: it cannot be deleted, or nobody could manage the "
                    "accounts any more. Make another account an administrator first."
                )

    # reading

    async def security_of(self, account_id: int) -> AccountSecurity:
        """An account's role, disabled flag, lockout and last sign-in."""
        return AccountSecurity.of(await self._dao.get_state(account_id))

    async def security_of_many(self, account_ids: Iterable[int]) -> dict[int, AccountSecurity]:
        """The same for many accounts at once (a page of the table): every id gets a value."""
        ids = list(account_ids)
        found = await self._dao.get_states(ids)
        return {user_id: AccountSecurity.of(found.get(user_id, StateSnapshot())) for user_id in ids}

    async def hash_schemes(self, account_ids: Iterable[int]) -> dict[int, str | None]:
        """The scheme of each account's hash (bcrypt, argon2id, ..., unknown; None: no password)."""
        ids = list(account_ids)
        prefixes = await self._dao.hash_prefixes(ids)
        return {user_id: scheme_of(prefixes[user_id]) if user_id in prefixes else None for user_id in ids}

    async def count_administrators(self) -> int:
        """How many enabled administrators there are (0 in a new database: offer to make one)."""
        return await self._dao.count_administrators()

    # changing state

    async def set_role(self, account_id: int, role: str) -> AccountSecurity:
        """Make an account an administrator or a member; the last enabled administrator stays one."""
        if role not in ROLES:
            raise InvalidInputError(f"The role must be administrator or member, not {role!r}.")
        account = await self._require_change(account_id)

        def check(state: StateSnapshot, admins: int) -> None:
            if role == ROLE_MEMBER and state.role == ROLE_ADMINISTRATOR and not state.disabled and admins <= 1:
                raise HomeLogError(
                    "This is the last administrator: it cannot become a member, or nobody could manage "
                    "the accounts any more. Make another account an administrator first."
                )

        state = await self._dao.update_state(
            account_id, {"role": role}, self._draft("role", account, ["role"]), check=check
        )
        return AccountSecurity.of(state)

    async def disable(self, account_id: int) -> AccountSecurity:
        """Keep an account from signing in (it stays, with its password); not the last administrator."""
        account = await self._require_change(account_id)

        def check(state: StateSnapshot, admins: int) -> None:
            if state.role == ROLE_ADMINISTRATOR and not state.disabled and admins <= 1:
                raise HomeLogError(
                    "This is the last administrator: it cannot be disabled, or nobody could manage the "
                    "accounts any more. Make another account an administrator first."
                )

        state = await self._dao.update_state(
            account_id, {"disabled": True}, self._draft("disable", account, ["disabled"]), check=check
        )
        return AccountSecurity.of(state)

    async def enable(self, account_id: int) -> AccountSecurity:
        """Let a disabled account sign in again."""
        account = await self._require_change(account_id)
        state = await self._dao.update_state(
            account_id, {"disabled": False}, self._draft("enable", account, ["disabled"])
        )
        return AccountSecurity.of(state)

    async def unlock(self, account_id: int) -> AccountSecurity:
        """End a lock and forget the failed sign-ins."""
        account = await self._require_change(account_id)
        state = await self._dao.update_state(
            account_id, {"failed_attempts": 0, "locked_until": None},
            self._draft("unlock", account, ["failed_attempts", "locked_until"]),
        )
        return AccountSecurity.of(state)

    async def set_must_change_password(self, account_id: int, required: bool = True) -> AccountSecurity:
        """Ask the account to choose a new password at its next sign-in (or stop asking)."""
        account = await self._require_change(account_id)
        state = await self._dao.update_state(
            account_id, {"must_change_password": required},
            self._draft("must_change_password", account, ["must_change_password"]),
        )
        return AccountSecurity.of(state)

    async def _require_change(self, account_id: int) -> Account:
        self.accounts._require_writable()
        return await self.accounts.get(account_id)

    # signing in

    async def sign_in(self, email: str, password: str) -> SignInResult:
        """Check an email and password, counting failures and locking as described in lock_duration.

        An unknown email takes as long as a wrong password (a hash of the current scheme is checked)
        and gets the same message. After a success, an outdated hash is replaced by a current one."""
        user = await self._users.get_by_email(email)
        if user is None:
            await self._verify_dummy(password)
            if self._writable:
                await self._dao.append_audit(self._draft("sign_in_failed", fields=["email"]))
            return SignInResult(False, SignInReason.WRONG, WRONG_CREDENTIALS)
        account = Account.from_user(user)
        hashed = user.user_password.hashed_password if user.user_password else None
        return await self._check(account, hashed, password, no_password_message=WRONG_CREDENTIALS)

    async def check_password(self, account_id: int, password: str) -> SignInResult:
        """AccountService.check_password with sign-in accounting: failures counted, locks applied,
        disabled and locked accounts refused. InvalidInputError when the account has no password."""
        user = await self._users.get(account_id)
        if user.user_password is None:
            raise InvalidInputError("This account has no password to check against.")
        return await self._check(Account.from_user(user), user.user_password.hashed_password, password)

    async def _check(
        self, account: Account, hashed: str | None, password: str, *, no_password_message: str = ""
    ) -> SignInResult:
        now = self.now()
        state = await self._dao.get_state(account.id)
        if state.disabled:
            await self._verify_dummy(password)  # the same time as any other answer
            await self._log_refusal(account, ["disabled"])
            return SignInResult(
                False, SignInReason.DISABLED, "This account is disabled; an administrator can enable it.",
                account, state.role,
            )
        if state.locked_until is not None and state.locked_until > now:
            await self._log_refusal(account, ["locked_until"])
            return SignInResult(
                False, SignInReason.LOCKED,
                f"This account is locked after too many failed sign-ins, until {local_time(state.locked_until)} "
                "(local time). Try again then, or ask an administrator to unlock it.",
                account, state.role, locked_until=state.locked_until,
            )
        if hashed is None:
            await self._verify_dummy(password)
            await self._log_refusal(account, ["password"], action="sign_in_failed")
            return SignInResult(
                False, SignInReason.NO_PASSWORD, no_password_message or "This account has no password.",
                account, state.role,
            )
        try:
            matches = await self.hasher.verify(password, hashed)
        except HomeLogError as error:
            await self._log_refusal(account, ["password"], action="sign_in_failed")
            return SignInResult(False, SignInReason.HASH_UNREADABLE, str(error), account, state.role)
        if not matches:
            return await self._failed(account, state, now)
        return await self._succeeded(account, state, hashed, password, now)

    async def _failed(self, account: Account, state: StateSnapshot, now: datetime) -> SignInResult:
        if not self._writable:
            return SignInResult(False, SignInReason.WRONG, WRONG_CREDENTIALS, account, state.role)
        after = await self._dao.register_failure(
            account.id, lock_duration, now,
            [self._draft("sign_in_failed", account, ["password"]),
             self._draft("lock", account, ["failed_attempts", "locked_until"])],
        )
        locked = after.locked_until if after.locked_until is not None and after.locked_until > now else None
        message = WRONG_CREDENTIALS
        if locked is not None:
            message += (
                f" After {after.failed_attempts} failed sign-ins the account is locked until "
                f"{local_time(locked)} (local time)."
            )
        return SignInResult(False, SignInReason.WRONG, message, account, after.role, locked_until=locked)

    async def _succeeded(
        self, account: Account, state: StateSnapshot, hashed: str, password: str, now: datetime
    ) -> SignInResult:
        if not self._writable:
            return SignInResult(True, SignInReason.OK, "", account, state.role, state.must_change_password)
        rehash = None
        # Never an Argon2 hash into bcrypt: home-log's backend checks Argon2id only.
        if not self._keeps_argon2(hashed) and self.hasher.needs_rehash(hashed) and self.hasher.accepts(password):
            rehash = (hashed, await self.hasher.hash(password))
        rehashed = await self._dao.register_success(
            account.id, now,
            # Nobody acting (a sign-in at the door): the account that signed in did it itself.
            [self._draft("sign_in", account, actor=self.actor or account),
             self._draft("password_rehashed", account, ["password"], actor=self.actor or account)],
            rehash,
        )
        return SignInResult(
            True, SignInReason.OK, "", account, state.role, state.must_change_password, rehashed=rehashed
        )

    def _keeps_argon2(self, hashed: str) -> bool:
        """Never an Argon2 hash into bcrypt: home-log's backend checks Argon2id only."""
        return scheme_of(hashed).startswith("argon2") and self.hasher.scheme == "bcrypt"

    async def _log_refusal(self, account: Account, fields: list[str], *, action: str = "sign_in_refused") -> None:
        if self._writable:
            await self._dao.append_audit(self._draft(action, account, fields))

    async def _verify_dummy(self, password: str) -> None:
        """Spend the time a real check would: verify against a hash of the current scheme and cost."""
        if self._dummy_hash is None:
            self._dummy_hash = await self.hasher.hash(secrets.token_urlsafe(24))
        try:
            await self.hasher.verify(password, self._dummy_hash)
        except HomeLogError:
            pass

    async def prepare(self) -> None:
        """Compute the hash unknown emails are checked against now, rather than at the first one."""
        await self._verify_dummy("")

    # audit trail

    async def history(
        self, account_id: int | None = None, *, after_id: int = 0, limit: int = PAGE_SIZE
    ) -> list[AuditRecord]:
        """A page of audit entries, oldest first (all of them, or those about one account)."""
        return await self._dao.audit_page(target_id=account_id, after_id=after_id, limit=limit)

    async def recent_history(
        self, account_id: int | None = None, *, before_id: int | None = None, limit: int = PAGE_SIZE,
        actions: Collection[str] | None = None, email: str | None = None,
    ) -> list[AuditRecord]:
        """A page of audit entries, newest first (for a history panel that scrolls back in time).

        `actions`: only entries with one of these actions (None: any; empty: none). `email`: only entries
        whose target or acting account's email contains it, in any case (its % and _ are plain text)."""
        return await self._dao.audit_page(
            target_id=account_id, newest_first=True, before_id=before_id, limit=limit, actions=actions,
            email=email,
        )

    async def count_history(
        self, account_id: int | None = None, *, actions: Collection[str] | None = None, email: str | None = None
    ) -> int:
        """How many audit entries recent_history would list with these filters (all pages)."""
        return await self._dao.count_audit(target_id=account_id, actions=actions, email=email)

    async def iter_history(self, account_id: int | None = None) -> AsyncIterator[AuditRecord]:
        """Every audit entry, oldest first, read a page at a time."""
        after = 0
        while True:
            page = await self.history(account_id, after_id=after)
            for entry in page:
                yield entry
            if len(page) < PAGE_SIZE:
                return
            after = page[-1].id

    async def verify_audit_chain(self) -> tuple[bool, int | None]:
        """(True, None) when the audit trail is intact; else (False, id of the first entry that was
        changed or removed). Reads the trail a page at a time."""
        previous, expected_id, last_id = GENESIS_HASH, 1, 0
        async for entry in self.iter_history():
            if entry.id != expected_id:
                return False, expected_id  # an entry is missing here
            if entry.previous_hash != previous or audit_entry_hash(previous, entry) != entry.entry_hash:
                return False, entry.id
            previous, expected_id, last_id = entry.entry_hash, entry.id + 1, entry.id
        head = await self._dao.get_setting(AUDIT_HEAD_KEY)
        if head is None:
            return (True, None) if last_id == 0 else (False, 1)
        head_id_text, _, head_hash = head.partition(" ")
        head_id = int(head_id_text) if head_id_text.isdigit() else 0
        if head_id > last_id:
            return False, last_id + 1  # the newest entries were removed
        if head_id != last_id or head_hash != previous:
            return False, head_id or last_id
        return True, None

    # readiness

    async def readiness_pages(self) -> AsyncIterator[list[ReadinessRow]]:
        """Every account's readiness in id order, then the orphaned password rows; a page at a time."""
        now = self.now()
        after = 0
        while True:
            page = await self._dao.readiness_page(after_id=after, limit=PAGE_SIZE)
            if page:
                yield [self._readiness(source, now) for source in page]
            if len(page) < PAGE_SIZE:
                break
            after = page[-1].user_id or 0
        after = -(2**63)
        while True:
            page = await self._dao.orphan_password_page(after_id=after, limit=PAGE_SIZE)
            if page:
                yield [self._readiness(source, now) for source in page]
            if len(page) < PAGE_SIZE:
                break
            after = page[-1].user_id or 0

    async def readiness_report(self) -> list[ReadinessRow]:
        """Every account: can it sign in, and if not why; plus password rows without an account."""
        rows: list[ReadinessRow] = []
        async for page in self.readiness_pages():
            rows.extend(page)
        return rows

    def _readiness(self, source: ReadinessSource, now: datetime) -> ReadinessRow:
        problems: list[str] = []
        notes: list[str] = []
        hashed = source.hashed_password
        scheme = scheme_of(hashed) if hashed is not None else None
        if source.email is None:
            problems.append("password without an account (orphan)")
        if hashed is None:
            problems.append("no password")
        elif scheme == "unknown":
            problems.append("hash format unknown")
        elif not hash_readable(hashed):
            problems.append("hash unreadable")
        elif self.hasher.needs_rehash(hashed) and not self._keeps_argon2(hashed):
            notes.append("hash needs an upgrade (done at its next sign-in)")
        state = source.state
        if state.disabled:
            problems.append("disabled")
        if state.locked_until is not None and state.locked_until > now:
            problems.append(f"locked until {local_time(state.locked_until)}")
        if state.must_change_password:
            notes.append("must change password")
        return ReadinessRow(
            source.user_id, source.email, not problems, tuple(problems), tuple(notes), scheme,
            state.role, orphan=source.email is None,
        )

    # hash scheme

    async def hash_scheme_setting(self) -> HashSchemeSetting:
        """The database's hash scheme as stored now: its setting if it has one, else the detected one
        (argon2id where Argon2 hashes are, else bcrypt). AccountService.open chose its hasher this way."""
        stored = stored_hash_scheme(await read_setting(self.accounts.database, HASH_SCHEME_KEY))
        holds_argon2 = await self._users.holds_argon2_hashes()
        return HashSchemeSetting(stored or detected_hash_scheme(holds_argon2), stored is not None, holds_argon2)

    async def set_hash_scheme(self, scheme: str) -> HashSchemeSetting:
        """Store the scheme new passwords of this database are hashed with (audited as "hash_scheme"), and
        use it from now on: the next password set is hashed with it, and existing hashes are upgraded to it
        at their next sign-in, except Argon2 ones, which never become bcrypt (home-log checks Argon2id
        only). bcrypt is allowed where Argon2 hashes are: show `HashSchemeSetting.warning` (or
        hash_scheme_warning) first. DatabaseError on a read-only database."""
        chosen = stored_hash_scheme(scheme)
        if chosen is None:
            raise InvalidInputError(f"The hash scheme must be {' or '.join(HASH_SCHEMES)}, not {scheme!r}.")
        self.accounts._require_writable()
        await self._dao.set_setting(HASH_SCHEME_KEY, chosen, self._draft("hash_scheme", fields=["scheme"]))
        current = self.accounts.hasher
        if current.scheme != chosen:
            self.accounts.hasher = PasswordHasher(
                current.cost, scheme=chosen, argon2_parameters=current.argon2_parameters
            )
            self._dummy_hash = None  # unknown emails cost what a hash of the new scheme costs
        return await self.hash_scheme_setting()

    # passwords

    async def set_password(self, account_id: int, password: str, *, temporary: bool = False) -> Account:
        """Give an account a new password (AccountService.set_password: policy, hashing, audit) and say
        whether it must be changed at the next sign-in: `temporary` for one an administrator hands out,
        False for one the account's user chose (which ends an earlier request to change it). A change of
        the flag is audited as "must_change_password". The flag is written after the password, so a
        refused password leaves it as it was."""
        account = await self.accounts.set_password(account_id, password)
        state = await self._dao.get_state(account_id)
        if state.must_change_password != temporary:
            await self._dao.update_state(
                account_id, {"must_change_password": temporary},
                self._draft("must_change_password", account, ["must_change_password"]),
            )
        return account

    # imports

    def import_audit_draft(self, change: ImportChange) -> AuditDraft:
        """The audit entry of an account an import created or updated (transfer.ImportAuditHook): action
        "import" and the names of the fields it changed, written in the import's own transaction."""
        return self._draft("import", fields=change.fields, target_id=change.user_id, target_email=change.email)
