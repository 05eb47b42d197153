"""File > New database, Open database, Database settings, Sign out."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from homelog_desktop.ui.dialogs.database_settings import DatabaseSettingsDialog
from homelog_desktop.ui.dialogs.files import DATABASE_FILTER, choose_file, file_dialog
from homelog_desktop.ui.formatting import hash_scheme_name
from homelog_desktop.ui.main_window.action_table import Handler
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.translation import translate


class DatabaseActions:
    """Switching databases, signing out, and the open database's settings."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context

    def handlers(self) -> Mapping[str, Handler]:
        """The implementations of this topic's actions, by key."""
        return {
            "new_database": self.choose_new_database, "open_database": self.choose_database,
            "sign_in": self.sign_in, "sign_out": self.sign_out, "database_settings": self.edit_database_settings,
        }

    async def _choose_file(self, *, save: bool) -> Path | None:
        dialog = file_dialog(
            self.context.parent, translate("Messages", "New database") if save else translate(
                "Messages", "Open database"), "databaseFileDialog",
            DATABASE_FILTER, save=save,
        )
        workspace = self.context.workspace
        if workspace is not None and workspace.location.is_file:
            dialog.setDirectory(str(workspace.path.parent))
        if save:
            dialog.setDefaultSuffix("db")
        return await choose_file(dialog)

    async def choose_new_database(self) -> bool:
        """File > New database: create an empty database file and switch to it."""
        path = await self._choose_file(save=True)
        if path is None:
            return False
        if path.exists():
            self.context.operations.show_error(translate(
                "Messages", "{path} already exists. Use Open database to open it.").format(path=path))
            return False
        return await self.context.session.open(path)

    async def choose_database(self) -> bool:
        """File > Open database: switch to another database file (never making one of a file that is not)."""
        path = await self._choose_file(save=False)
        return path is not None and await self.context.session.open(path, create=False)

    async def sign_in(self) -> bool:
        """File > Sign in: ask again for the sign-in (or first administrator) that was cancelled."""
        path = self.context.session.waiting
        return path is not None and await self.context.session.open(path)

    async def sign_out(self) -> bool:
        """Hide the accounts and ask for a sign-in again (as another administrator, perhaps)."""
        return await self.context.session.sign_out()

    async def edit_database_settings(self) -> bool:
        """File > Database settings: the scheme new password hashes are written in."""
        workspace = self.context.workspace
        if workspace is None:
            return False
        operations, hash_scheme = self.context.operations, workspace.hash_scheme
        setting = await operations.run(translate("Messages", "Reading the settings…"), hash_scheme.setting())
        dialog = DatabaseSettingsDialog(
            parent=self.context.parent, scheme=setting.scheme, explicitly_set=setting.explicitly_set,
            holds_argon2=setting.holds_argon2, bcrypt_cost=workspace.hasher.cost,
        )
        saved = await operations.submit(
            dialog, lambda: hash_scheme.set_scheme(dialog.chosen_scheme()), label=lambda: translate(
                "Messages", "Saving the settings…"),
            changed=[],
        )
        if saved is None:
            return False
        self.context.tell(translate("Messages", "New passwords are now hashed with {hash_scheme_name}.")
                .format(hash_scheme_name=hash_scheme_name(workspace.hasher)), 8000)
        return True
