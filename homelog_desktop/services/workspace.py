"""One open database with every service wired to it once: what the window and the command line hold.

`Workspace.open(path)` opens (or creates) the database, reads its hash scheme and builds each service
with what it needs, passed explicitly: one hasher, one audit trail (which records the acting
administrator in every write's own transaction), one DAO of each kind.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from homelog_desktop.data.account_state_dao import AccountStateDao
from homelog_desktop.data.audit_dao import AuditDao
from homelog_desktop.data.bulk_dao import BulkDao
from homelog_desktop.data.database import Database
from homelog_desktop.data.location import BackendKind as BackendKind  # re-exported for ui/ and cli/
from homelog_desktop.data.location import DatabaseLocation as DatabaseLocation
from homelog_desktop.data.password_dao import PasswordDao
from homelog_desktop.data.repair_audit import audit_schema_repair
from homelog_desktop.data.settings_dao import SettingsDao
from homelog_desktop.data.transfer_dao import TransferDao
from homelog_desktop.data.user_dao import UserDao
from homelog_desktop.services.account import Account
from homelog_desktop.services.accounts import AccountService
from homelog_desktop.services.audit import AuditTrail, Clock
from homelog_desktop.services.backup import BackupService
from homelog_desktop.services.bulk import BulkService
from homelog_desktop.services.hash_scheme import HashSchemeService
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST, PasswordHasher
from homelog_desktop.services.readiness import ReadinessService
from homelog_desktop.services.roles import RoleService
from homelog_desktop.services.sign_in import SignInService
from homelog_desktop.services.tamper_evidence import TamperEvidence
from homelog_desktop.services.transfer.export import Exporter
from homelog_desktop.services.transfer.importing import Importer
from homelog_desktop.services.transfer.service import TransferService

__all__ = ["Workspace"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Workspace:
    """An open database and its services: `accounts`, `sign_in`, `roles`, `audit`, `readiness`,
    `hash_scheme`, `transfer`, `backups`, `tamper_evidence`, `bulk` (many accounts at once). Close it
    before the event loop stops."""

    def __init__(
        self,
        *,
        database: Database,
        hasher: PasswordHasher,
        audit: AuditTrail,
        accounts: AccountService,
        sign_in: SignInService,
        roles: RoleService,
        readiness: ReadinessService,
        hash_scheme: HashSchemeService,
        transfer: TransferService,
        backups: BackupService,
        tamper_evidence: TamperEvidence,
        bulk: BulkService,
    ) -> None:
        self.database = database
        self.hasher = hasher
        self.audit = audit
        self.accounts = accounts
        self.sign_in = sign_in
        self.roles = roles
        self.readiness = readiness
        self.hash_scheme = hash_scheme
        self.transfer = transfer
        self.backups = backups
        self.tamper_evidence = tamper_evidence
        self.bulk = bulk

    @classmethod
    async def open(
        cls,
        path: Path | str | DatabaseLocation,
        *,
        bcrypt_cost: int = DEFAULT_BCRYPT_COST,
        create_folder: bool = False,
        create: bool = True,
        read_only: bool = False,
        now: Clock | None = None,
    ) -> Workspace:
        """Open the database at `path` (a file, or any DatabaseLocation) and wire every service to it; a
        missing file is created when `create`, else refused. A file that cannot be written (or
        `read_only`) opens read-only.

        New hashes use the database's scheme: its setting (`hash_scheme.set_scheme`) when it has one,
        else argon2id where it already holds Argon2 hashes, else bcrypt. `now` is the clock of audit
        entries and locks (tests pass their own)."""
        location = path if isinstance(path, DatabaseLocation) else DatabaseLocation.file(path)
        database = await Database.open(
            location, create_folder=create_folder, create=create, read_only=read_only,
            record_repair=audit_schema_repair,
        )
        try:
            workspace = cls.wire(database, PasswordHasher(bcrypt_cost), now=now)
            # The window's first reads (a page and a count, side by side) find their connections made.
            scheme, _ = await asyncio.gather(workspace.hash_scheme.current(), database.connect_ahead())
            workspace.hasher.use_scheme(scheme)
        except BaseException:
            await database.close()
            raise
        return workspace

    @classmethod
    def wire(cls, database: Database, hasher: PasswordHasher, *, now: Clock | None = None) -> Workspace:
        """Build every service once on an open database, sharing `hasher` and one audit trail."""
        clock: Clock = now or _utc_now
        read_only = database.read_only
        users, passwords, states = UserDao(database), PasswordDao(database), AccountStateDao(database)
        audit_dao = AuditDao(database)
        audit = AuditTrail(dao=audit_dao, now=clock, read_only=read_only)
        evidence = TamperEvidence(audit=audit_dao, states=states, now=clock, path=database.path)
        accounts = AccountService(
            users=users, passwords=passwords, hasher=hasher, audit=audit, path=database.path, read_only=read_only
        )
        backups = BackupService(database=database)
        transfer = TransferService(
            exporter=Exporter(accounts=accounts, passwords=passwords),
            importer=Importer(
                transfers=TransferDao(database), backups=backups, audit=audit, path=database.path,
                read_only=read_only,
            ),
        )
        return cls(
            database=database,
            hasher=hasher,
            audit=audit,
            accounts=accounts,
            sign_in=SignInService(
                users=users, passwords=passwords, states=states, audit=audit, hasher=hasher, now=clock,
                read_only=read_only,
            ),
            roles=RoleService(states=states, audit=audit, users=users),
            readiness=ReadinessService(
                passwords=passwords, hasher=hasher, now=clock, database=database,
                outside_changes=evidence.outside_changes,
            ),
            hash_scheme=HashSchemeService(
                settings=SettingsDao(database), passwords=passwords, hasher=hasher, audit=audit
            ),
            transfer=transfer,
            backups=backups,
            tamper_evidence=evidence,
            bulk=BulkService(
                users=users, states=states, bulk=BulkDao(database), audit=audit, read_only=read_only
            ),
        )

    @property
    def path(self) -> Path:
        """The database file."""
        return self.database.path

    @property
    def location(self) -> DatabaseLocation:
        """Where the database is (a file, or a server database), shown without a password."""
        return self.database.location

    @property
    def read_only(self) -> bool:
        """Whether the database was opened read-only (browsing works, every change is refused)."""
        return self.database.read_only

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the user should be told about the file though it opened (other users can read it...)."""
        return self.database.warnings

    @property
    def created(self) -> bool:
        """Whether opening it created the file (a new, empty database)."""
        return self.database.created

    @property
    def migration_backup(self) -> Path | None:
        """The copy written before this open upgraded the schema, if it did."""
        return self.database.migration_backup

    @property
    def repairs(self) -> list[str]:
        """What the checks of this database's schema repaired (another program had removed objects of
        ours): a sentence each, oldest first."""
        return [repair.describe() for repair in self.database.repairs]

    @property
    def repair_backup(self) -> Path | None:
        """The copy written before the last repair, if one was needed."""
        return self.database.repair_backup

    @property
    def actor(self) -> Account | None:
        """The administrator recorded as acting in the audit trail (None: nobody)."""
        return self.audit.actor

    def act_as(self, actor: Account | None, *, via: str | None = None) -> None:
        """Record `actor` (the signed-in administrator) in every later audit entry; None for nobody. Each
        write in their name checks inside its transaction that they still are an enabled, unlocked
        administrator. `via`: how they were named when not by signing in."""
        self.audit.act_as(actor, via=via)

    async def changed_elsewhere(self) -> bool:
        """Whether another program wrote the file since the last call (the first call starts watching
        and answers False); this app's own writes are never reported."""
        return await self.database.changed_elsewhere()

    async def close(self) -> None:
        """Release the database; call before the event loop stops."""
        await self.database.close()

