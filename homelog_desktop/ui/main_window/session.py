"""The database the window shows, and who signed in to it: opened (shown only once the gate admits
someone), closed (to replace its file, or on quit), opened again (sign out)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from homelog_desktop.services.account import Account
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.main_window.outside_changes import OutsideChangeWatch
from homelog_desktop.ui.operations import OperationFailed, Operations
from homelog_desktop.ui.sign_in import Admission, Gate, sign_in_gate

LAST_DATABASE_KEY = "database/last"


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
    ) -> None:
        super().__init__(parent)
        self._dialog_parent = parent
        self.operations = operations
        self.settings = settings
        self.watch = watch
        self.gate = gate
        self.bcrypt_cost = bcrypt_cost
        self.workspace: Workspace | None = None
        # The database whose sign-in (or first run) was cancelled: File > Sign in opens it again.
        self.waiting: Path | None = None

    @property
    def actor(self) -> Account | None:
        """The administrator who signed in (None when nobody did, or no database is open)."""
        return self.workspace.actor if self.workspace is not None else None

    async def open(
        self, path: Path | str, *, create_folder: bool = False, create: bool = True, read_only: bool = False
    ) -> bool:
        """Open a database file (a missing or empty one is made a database only with `create`) and, once
        an administrator signed in (see ui/sign_in.py), show its accounts; the current one stays open if
        this fails or the sign-in is cancelled."""
        try:
            workspace = await self.operations.run(
                f"Opening {Path(path).name}…",
                Workspace.open(
                    path, bcrypt_cost=self.bcrypt_cost, create_folder=create_folder, create=create,
                    read_only=read_only,
                ),
            )
            admission = await self._admit(workspace)
        except OperationFailed:
            return False
        if admission is None:
            self.operations.tell(f"Not signed in: {workspace.path.name} was not opened.", 10_000)
            self._wait_for(workspace.path)
            return False
        self._wait_for(None)
        await self._show(workspace, admission)
        return True

    def _wait_for(self, path: Path | None) -> None:
        if path != self.waiting:
            self.waiting = path
            self.waiting_changed.emit()

    async def _admit(self, workspace: Workspace) -> Admission | None:
        """Ask the gate; nothing of this file is kept unless it admits someone."""
        admission = None
        try:
            admission = await self.operations.run(
                f"Waiting for a sign-in to {workspace.path.name}…",
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
        if old is not None:
            await old.close()
        self.settings.setValue(LAST_DATABASE_KEY, str(workspace.path))
        if workspace.repairs:
            kept = f" The file as it was is kept as {workspace.repair_backup.name}." if workspace.repair_backup else ""
            self.operations.tell(" ".join(workspace.repairs) + kept, 15_000)
        elif workspace.migration_backup is not None:
            self.operations.tell(
                f"The database was upgraded; the file as it was is kept as {workspace.migration_backup.name}.",
                15_000,
            )
        elif admission.note:
            self.operations.tell(admission.note, 15_000)
        elif workspace.read_only:
            self.operations.tell(f"{workspace.path.name} cannot be written: it is open read-only.", 15_000)

    async def close(self) -> Path | None:
        """Close the open database (so its file can be replaced, or on quit); its path, None if none was open."""
        if self.workspace is None:
            return None
        workspace, self.workspace = self.workspace, None
        self.changed.emit()
        await self.watch.unfollow()
        await workspace.close()
        return workspace.path
