"""File > Restore… on a server database: a backup file chosen, its plan shown (ui/dialogs/restore_plan.py),
then written in one transaction (services/server_restore.py). A server's database is never replaced or
emptied, so unlike a file's restore the database stays open throughout, and the table shows the result."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from homelog_desktop.services.server_restore import RestorePlan, plan_server_restore, restore_to_server
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.awaiting import ask
from homelog_desktop.ui.dialogs.files import DATABASE_FILTER, choose_file, file_dialog
from homelog_desktop.ui.dialogs.restore_plan import RestorePlanDialog
from homelog_desktop.ui.main_window.context import WindowContext
from homelog_desktop.ui.main_window.locations import shown_name
from homelog_desktop.ui.translation import number, translate


def _written(plan: RestorePlan) -> list[int]:
    return [*plan.create, *plan.update]


async def restore_into_server(context: WindowContext, workspace: Workspace, folder: str) -> bool:
    """Choose a backup file (proposed in `folder`), show what restoring it would do, and write it only when
    the user presses Restore; whether it was restored. Errors are shown as one sentence (OperationFailed)."""
    dialog = file_dialog(context.parent, translate("Messages", "Restore from a backup"), "restoreFileDialog",
                         DATABASE_FILTER, save=False)
    dialog.setDirectory(folder)
    source = await choose_file(dialog)
    if source is None:
        return False
    operations, location = context.operations, shown_name(workspace.location)
    plan = await operations.run(translate("Messages", "Checking {name}…").format(name=source.name),
                                plan_server_restore(workspace, source))
    review = RestorePlanDialog(parent=context.parent, plan=plan, location=location)
    if not await ask(review, lambda _d, code: code == QDialog.DialogCode.Accepted):
        context.tell(translate("Messages", "Restore cancelled; nothing was written."))
        return False
    if context.workspace is not workspace:
        operations.show_error(translate("Messages", "The database changed meanwhile; nothing was restored."))
        return False
    done = await operations.run(
        translate("Messages", "Restoring {name} into {location}…").format(name=source.name, location=location),
        restore_to_server(workspace, source), changed=_written,
    )
    context.tell(translate("Messages",
        "Restored {name} into {location}: {added} added, {updated} updated, {unchanged} left alone.").format(
        name=source.name, location=location, added=number(len(done.create)), updated=number(len(done.update)),
        unchanged=number(len(done.unchanged))), 15_000)
    return True
