"""The database the window shows, and who signed in to it: opened (shown only once the gate admits
someone), closed (to replace its file, or on quit), opened again (sign out). The signed-in administrator
is checked again whenever the accounts change (here or elsewhere), and signed out, saying why, once they
are no longer an enabled administrator. The audit head last seen of each database is kept in the user's
settings, and the trail is compared with it on opening (services/tamper_evidence.py)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from homelog_desktop.errors import HomeLogError
from homelog_desktop.services.account import Account
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.workspace import DatabaseLocation, Workspace
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.main_window.locations import (
    as_location,
    open_location,
    remember_recent,
    remembered,
    shown_name,
)
from homelog_desktop.ui.main_window.outside_changes import OutsideChangeWatch
from homelog_desktop.ui.operations import OperationFailed, Operations
from homelog_desktop.ui.sign_in import Admission, Gate, sign_in_gate
from homelog_desktop.ui.translation import translate, translated

LAST_DATABASE_KEY = "database/last"
AUDIT_HEADS_GROUP = "auditHeads"


class SettingsHeadStore:
    """The audit head last seen of each database, in the user's settings (keyed by a hash of its path)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    @staticmethod
    def _key(path: Path) -> str:
        return f"{AUDIT_HEADS_GROUP}/{hashlib.sha256(str(path).encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"

    def kept(self, path: Path) -> str | None:
        """The head kept for the database at `path`, None when none is."""
        value = self.settings.value(self._key(path))
        return value if isinstance(value, str) else None

    def keep(self, path: Path, head: str | None) -> None:
        """Keep (or with None forget) the head of the database at `path`."""
        if head is None:
            self.settings.remove(self._key(path))
        else:
            self.settings.setValue(self._key(path), head)


class DatabaseSession(QObject):
    """The open database's workspace (None without one) and the administrator who signed in."""

    changed = Signal()  # another database (or none) is shown now
    waiting_changed = Signal()  # a database now waits for a sign-in that was cancelled (or no longer does)

    def __init__(
        self,
        *,
        parent: QWidget,
        operations: Operations,
        settings: QSettings,
        watch: OutsideChangeWatch,
        gate: Gate = sign_in_gate,
        bcrypt_cost: int = DEFAULT_BCRYPT_COST,
        rows_shown: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__(parent)
        # Awaited after a database is shown and before what can wait (the audit trail's check): the first
        # rows are read first, not behind the trail's reads.
        self._rows_shown = rows_shown
        self._dialog_parent = parent
        self.operations = operations
        self.settings = settings
        self.watch = watch
        self.gate = gate
        self.bcrypt_cost = bcrypt_cost
        self.workspace: Workspace | None = None
        # The database whose sign-in (or first run) was cancelled: File > Sign in opens it again.
        self.waiting: DatabaseLocation | None = None
        self.heads = SettingsHeadStore(settings)
        self._signing_out = False
        operations.actor_refused.connect(lambda text: self._start_sign_out(translate(
            "Messages", "Signed out: {text}").format(text=text)))
        operations.events.accounts_changed.connect(self._accounts_changed)
        watch.changed.connect(self._start_recheck)

    @property
    def actor(self) -> Account | None:
        """The administrator who signed in (None when nobody did, or no database is open)."""
        return self.workspace.actor if self.workspace is not None else None

    async def open(
        self, path: Path | str | DatabaseLocation, *, create_folder: bool = False, create: bool = True,
        read_only: bool = False,
    ) -> bool:
        """Open a database file (a missing or empty one is made a database only with `create`) and, once
        an administrator signed in (see ui/sign_in.py), show its accounts; the current one stays open if
        this fails or the sign-in is cancelled."""
        def opener(location: DatabaseLocation) -> Awaitable[Workspace]:
            return Workspace.open(
                location, bcrypt_cost=self.bcrypt_cost, create_folder=create_folder, create=create,
                read_only=read_only,
            )

        try:
            workspace = await open_location(self._dialog_parent, self.operations, as_location(path), opener)
            if workspace is None:
                return False  # the server's password was not given
            admission = await self._admit(workspace)
        except OperationFailed:
            return False
        if admission is None:
            self.operations.tell(translate(
                "Messages", "Not signed in: {file} was not opened.").format(file=shown_name(workspace.location)),
                10_000)
            self._wait_for(workspace.location)
            return False
        self._wait_for(None)
        await self._show(workspace, admission)
        return True

    def _wait_for(self, path: DatabaseLocation | None) -> None:
        if path != self.waiting:
            self.waiting = path
            self.waiting_changed.emit()

    async def _admit(self, workspace: Workspace) -> Admission | None:
        """Ask the gate; nothing of this file is kept unless it admits someone."""
        admission = None
        try:
            admission = await self.operations.run(
                translate("Messages", "Waiting for a sign-in to {file}…").format(file=shown_name(workspace.location)),
                self.gate(self._dialog_parent, self.operations, workspace),
            )
        finally:
            if admission is None:  # cancelled, refused or failed (e.g. the file turned out damaged)
                await workspace.close()
        return admission

    async def _show(self, workspace: Workspace, admission: Admission) -> None:
        # Every write made here is audited as done by this administrator.
        workspace.act_as(admission.actor)
        old, self.workspace = self.workspace, workspace
        self.changed.emit()
        # Watch for other programs' writes from now on, beside the first page's read rather than before it.
        self.watch.follow(workspace)
        self.settings.setValue(LAST_DATABASE_KEY, remembered(workspace.location))  # remembered once shown
        remember_recent(self.settings, workspace.location)
        if old is not None:
            await old.close()
        if workspace.repairs:
            kept = ""
            if workspace.repair_backup:
                kept = translate("Messages", " The file as it was is kept as {name}.").format(
                    name=workspace.repair_backup.name)
            self.operations.tell(" ".join(translated(repair) for repair in workspace.repairs) + kept, 15_000)
        elif workspace.migration_backup is not None:
            self.operations.tell(
                translate("Messages", "The database was upgraded; the file as it was is kept as {name}.")
                        .format(name=workspace.migration_backup.name),
                15_000,
            )
        elif admission.note:
            self.operations.tell(admission.note, 15_000)
        elif workspace.read_only:
            self.operations.tell(translate("Messages", "{file} cannot be written: it is open read-only.").format(
                file=shown_name(workspace.location)), 15_000)
        if self._rows_shown is not None:
            await self._rows_shown()
        await self._check_trail(workspace)

    async def _check_trail(self, workspace: Workspace) -> None:
        """Warn when the audit trail was cut short, rewritten or replaced since this app last saw it."""
        try:
            warning = await workspace.tamper_evidence.check_on_open(self.heads, new_file=workspace.created)
        except HomeLogError:
            return  # a trail that cannot be read now is checked at the next opening
        if warning is not None and workspace is self.workspace:
            self.operations.show_error(warning)

    async def close(self) -> DatabaseLocation | None:
        """Close the open database (so its file can be replaced, or on quit); where it is, None if none was open."""
        if self.workspace is None:
            return None
        workspace, self.workspace = self.workspace, None
        self.changed.emit()
        await self.watch.unfollow()
        with contextlib.suppress(HomeLogError):
            await workspace.tamper_evidence.keep_on_close(self.heads)
        await workspace.close()
        return workspace.location

    def forget_audit_head(self, path: Path) -> None:
        """Forget the head kept of this database (its file was replaced knowingly: restored)."""
        self.heads.keep(path, None)

    async def sign_out(self, reason: str | None = None) -> bool:
        """Hide the accounts and ask for a sign-in again; `reason` says why, when the user did not ask."""
        if self._signing_out:
            return False
        self._signing_out = True
        try:
            for form in self._dialog_parent.findChildren(FormDialog):
                if form.isVisible():
                    form.reject()  # a form on the accounts being hidden: what it would save is refused now
            path = await self.close()
            if path is None:
                return False
            if reason is None:
                self.operations.tell(translate("Messages", "Signed out."))
            else:
                self.operations.show_error(reason)
            return await self.open(path)
        finally:
            self._signing_out = False

    async def recheck_actor(self) -> bool:
        """Sign out when the signed-in administrator no longer is one (deleted, made a member, disabled or
        locked: elsewhere, or by themselves); whether they were signed out."""
        workspace = self.workspace
        actor = self.actor
        if workspace is None or actor is None or self._signing_out:
            return False
        try:
            problem = await workspace.roles.actor_problem()
        except HomeLogError:
            return False  # asked again at the next change
        if problem is None or workspace is not self.workspace:
            return False
        return await self.sign_out(translate("Messages",
            "Signed out: {email} is no longer an enabled administrator here ({problem}).").format(email=actor.email,
                problem=problem))

    def _start_recheck(self) -> None:
        if self.actor is not None:
            self.operations.start(self.recheck_actor(), name="recheck the administrator")

    def _accounts_changed(self, ids: Iterable[int]) -> None:
        actor = self.actor
        if actor is not None and actor.id in set(ids):
            self._start_recheck()

    def _start_sign_out(self, reason: str) -> None:
        self.operations.start(self.sign_out(reason), name="sign out")
