"""Make the README's pictures from a demo database: the main window (signed in) in the light and the dark
scheme, the password dialog in both, the sign-in dialog, the History view and the sign-in readiness view;
with --language de, the main window and the password dialog in German (main-window-de.png, password-dialog-de.png).

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--out docs] [--language de]

The demo database is made in a temporary folder with the app's own services (real bcrypt at a low
cost, so it takes a second); the administrator signs in through SignInService.sign_in, as the
dialog would.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from homelog_desktop.logs import configure_logging
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.workspace import Workspace
from homelog_desktop.ui.app import create_application, open_dialog, picture_with_dialog, rows_shown
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.operations import Operations
from homelog_desktop.ui.sign_in import Admission
from homelog_desktop.ui.theme import theme
from homelog_desktop.ui.views.base import ReadView

COST = 4
ADMIN_EMAIL = "maria.lopez@example.org"
ADMIN_PASSWORD = "Demo-admin-2026"
PEOPLE = (
    ("maria.lopez@example.org", "Maria", "administrator"),
    ("john.lopez@example.org", "John", "administrator"),
    ("sam@example.org", "Sam", None),
    ("grandma.rose@example.org", "Rose", None),
    ("tenant.flat2@example.org", "Flat 2", None),
    ("old.meter@example.org", None, None),
    ("kim.lee@example.org", "Kim", None),
    ("guest@example.org", "Guest", None),
)


async def make_demo(path: Path) -> None:
    """Accounts in every state the window shows: administrators, disabled, locked, temporary password,
    no password, never signed in; and a history of what happened to them."""
    clock = [datetime.now(UTC) - timedelta(days=40)]
    workspace = await Workspace.open(path, bcrypt_cost=COST, now=lambda: clock[0])
    service = workspace.accounts
    try:
        ids = {}
        for email, name, role in PEOPLE:
            password = None if email == "old.meter@example.org" else (
                ADMIN_PASSWORD if email == ADMIN_EMAIL else "Household-7pass")
            account = await service.create(email, name, password)
            ids[email] = account.id
            if role:
                await workspace.roles.set_role(account.id, ROLE_ADMINISTRATOR)
        for email in ("maria.lopez@example.org", "john.lopez@example.org", "sam@example.org", "kim.lee@example.org"):
            clock[0] += timedelta(days=3, hours=5)
            await workspace.sign_in.sign_in(email, ADMIN_PASSWORD if email == ADMIN_EMAIL else "Household-7pass")
        maria = await service.get(ids[ADMIN_EMAIL])
        workspace.act_as(maria)  # what an administrator did in the window
        await workspace.roles.disable(ids["tenant.flat2@example.org"])
        await workspace.accounts.set_password(ids["grandma.rose@example.org"], "Temporary-4rose", temporary=True)
        workspace.act_as(None)  # someone at the sign-in dialog
        clock[0] = datetime.now(UTC)
        for attempt in range(5):
            await workspace.sign_in.sign_in("guest@example.org", f"guess-{attempt}")
        workspace.act_as(maria)
        await service.update(ids["kim.lee@example.org"], email="kim.lee@example.org", username="Kim Lee")
    finally:
        await workspace.close()


async def signed_in_admin(_parent: QWidget, _operations: Operations, workspace: Workspace) -> Admission:
    """A real sign-in, without typing: the same check the dialog runs."""
    result = await workspace.sign_in.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    assert result.ok and result.account is not None
    return Admission(result.account)


async def settle(window: MainWindow) -> None:
    await rows_shown(window)
    await asyncio.sleep(0.2)
    window.table.viewport().repaint()
    await rows_shown(window)


async def view_read(view: ReadView) -> None:
    """Wait until a view has read what it shows (this tool polls; the app never needs to)."""
    while view.busy:
        await asyncio.sleep(0.02)


async def shoot_schemes(window: MainWindow, out: Path) -> None:
    """The password dialog in the light scheme, then the window and the dialog in the dark one (forced,
    as a desktop switched to dark would show them); the light scheme again afterwards."""
    current = theme()
    assert current is not None  # create_application installs it
    for scheme in ("light", "dark"):
        current.force(scheme)  # type: ignore[arg-type]
        await settle(window)
        if scheme == "dark":
            window.grab().save(str(out / "main-window-dark.png"))
        dialog = PasswordDialog(
            parent=window, account_label="kim.lee@example.org", offer_temporary=True,
            user_inputs=("kim.lee@example.org", "Kim Lee"),
        )
        dialog.show()
        dialog.password_field.setText("kim-garden-2026")  # no capital letter yet: a rule not met
        dialog.confirm_field.setText("kim-garden-2026")
        dialog._update_strength()
        await asyncio.sleep(0.3)  # let it lay out and paint
        dialog.grab().save(str(out / f"password-dialog-{scheme}.png"))
        dialog.reject()
    current.force(None)


async def shoot_translated(window: MainWindow, out: Path, language: str) -> None:
    """The window and the password dialog in another language, as its users see them."""
    window.grab().save(str(out / f"main-window-{language}.png"))
    dialog = PasswordDialog(
        parent=window, account_label="kim.lee@example.org", offer_temporary=True,
        user_inputs=("kim.lee@example.org", "Kim Lee"),
    )
    dialog.show()
    dialog.password_field.setText("kim-garden-2026")
    dialog.confirm_field.setText("kim-garden-2026")
    dialog._update_strength()
    await asyncio.sleep(0.3)
    dialog.grab().save(str(out / f"password-dialog-{language}.png"))
    dialog.reject()
    await window.shutdown()
    window.close()


async def shoot(out: Path, folder: Path, language: str = "en") -> None:
    demo = folder / "demo.db"
    await make_demo(demo)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)

    window = MainWindow(bcrypt_cost=COST, settings=settings, gate=signed_in_admin)
    window.resize(1240, 560)
    window.show()
    assert await window.session.open(demo)
    await settle(window)
    if language != "en":
        await shoot_translated(window, out, language)
        return
    window.grab().save(str(out / "main-window.png"))
    await shoot_schemes(window, out)

    history = window.view_actions.show_history()
    assert history is not None
    await view_read(history)
    await history.verify_trail()
    await asyncio.sleep(0.2)
    history.grab().save(str(out / "history.png"))
    history.reject()
    readiness = window.view_actions.show_readiness()
    assert readiness is not None
    await view_read(readiness)
    await asyncio.sleep(0.2)
    readiness.grab().save(str(out / "readiness.png"))
    readiness.reject()
    await window.shutdown()
    window.close()

    # The same database as someone opening it sees it first.
    asking = MainWindow(bcrypt_cost=COST, settings=settings)
    asking.resize(1240, 560)
    asking.show()
    opening = asyncio.ensure_future(asking.session.open(demo))
    while open_dialog(asking) is None:
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    dialog = open_dialog(asking)
    assert dialog is not None
    picture_with_dialog(asking, dialog).save(str(out / "sign-in.png"))
    dialog.reject()
    await opening
    await asking.shutdown()
    asking.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--language", default="en", help="en (default: every picture) or de (the translated ones)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    configure_logging("make-screenshots", log_file=False)
    _app, loop = create_application(language=args.language)
    with tempfile.TemporaryDirectory(prefix="homelog-shots-") as folder, loop:
        loop.run_until_complete(shoot(args.out, Path(folder), args.language))
    shots: tuple[str, ...] = ("main-window", "main-window-dark", "password-dialog-light", "password-dialog-dark",
                              "sign-in", "history", "readiness")
    if args.language != "en":
        shots = (f"main-window-{args.language}", f"password-dialog-{args.language}")
    for name in shots:
        print(args.out / f"{name}.png")


if __name__ == "__main__":
    main()
