"""Two installed apps, each in a process of its own, on one PostgreSQL database, with home-log writing beside
them, driven on a real X server by key events only: each administrator signs in and edits through the
account form; a form loaded before the other app saved the same account is refused, not written over; in
the end every saved change is there (none lost, home-log's included) and the audit chain verifies."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from homelog_desktop.data.server_passwords import forget_password
from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from homelog_desktop.services.workspace import DatabaseLocation, Workspace
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.homelog_writer import RawConnection, homelog_insert_user, homelog_rename
from tests.helpers.postgres import admin_connect, fresh_database
from tests.helpers.x11 import QT_NOISE, RealApp, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("x11")]
SHARED = "a-shared@example.org"  # id 1, first in the table: Home then F2 edits it
ADMINS = ("adm1@example.org", "adm2@example.org")


async def _prepare(location: DatabaseLocation) -> int:
    """The shared account, one administrator for each app, and home-log's own account (its id)."""
    workspace = await Workspace.open(location, bcrypt_cost=TEST_BCRYPT_COST)
    try:
        await workspace.accounts.create(SHARED, "Shared", None)
        for email in ADMINS:
            admin = await workspace.accounts.create(email, email.split("@")[0], GOOD_PASSWORD)
            await workspace.roles.set_role(admin.id, ROLE_ADMINISTRATOR)
        return (await workspace.accounts.create("b-homelog@example.org", "HL", None)).id
    finally:
        await workspace.close()


async def _chain_verifies(location: DatabaseLocation) -> bool:
    workspace = await Workspace.open(location, bcrypt_cost=TEST_BCRYPT_COST)
    try:
        return (await workspace.audit.verify_chain())[0]
    finally:
        await workspace.close()


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabaseLocation]:
    with fresh_database(tmp_path, monkeypatch) as location:  # PGPASSFILE: the apps find the password there
        yield location
        forget_password(location)


def stored_name(location: DatabaseLocation, email: str) -> str | None:
    with admin_connect(location) as admin:
        row = admin.execute("SELECT username FROM users WHERE email = %s", (email,)).fetchone()
    return row[0] if row else None


def activate(app: RealApp, title: str) -> None:
    """Give the app's window of this title the keyboard focus (the other app may hold it)."""
    wait_until(lambda: bool(app.windows(title)), f"a window “{title}”")
    window = app.windows(title)[0]

    def active() -> bool:  # asked again until the window manager has done it (a loaded machine may drop one)
        if app.xdotool("getactivewindow") == window:
            return True
        app.xdotool("windowactivate", window)
        return False

    wait_until(active, f"“{title}” to have the focus")


def sign_in(app: RealApp, email: str, main_title: str) -> None:
    dialog = app.wait_for_window("^Sign in")
    app.type(email)
    app.key("Tab")
    app.type(GOOD_PASSWORD)
    app.key("Return")
    app.wait_gone(dialog)
    app.wait_for_window(main_title)


def open_shared_form(app: RealApp, main_title: str) -> None:
    """Ctrl+F, Down to the table, Home to its first row (the shared account), F2: its form, loaded now."""
    activate(app, main_title)
    app.key("ctrl+f", "Down", "Home")
    # F2 does nothing while Edit is still held by the form closed just now (its task ends a moment later);
    # nothing on X tells that moment, so F2 is pressed again until the form shows.
    form = f"^Edit {re.escape(SHARED)}"
    wait_until(lambda: bool(app.windows(form)) or app.key("F2") or False, "the account's form")
    app.wait_for_window(form)


def type_name_and_save(app: RealApp, name: str) -> None:
    """In the form that has the focus: Tab to the name, replace it, Enter (Save)."""
    activate(app, f"^Edit {re.escape(SHARED)}")
    app.key("Tab", "ctrl+a")
    app.type(name)
    app.key("Return")


def test_two_app_processes_and_homelog_on_one_server_database(
    display: str, tmp_path: Path, server: DatabaseLocation
) -> None:
    homelog_id = asyncio.run(_prepare(server))
    main_title = f"^{re.escape(server.display())} — HomeLog Desktop$"
    apps: list[RealApp] = []
    homelog = RawConnection(server)
    try:
        for number, email in enumerate(ADMINS):
            home = tmp_path / f"home{number}"
            home.mkdir()
            apps.append(RealApp(display=display, home=home, arguments=["--db", server.conninfo or ""]))
            sign_in(apps[-1], email, main_title)
        first, second = apps
        for round_number in (1, 2):
            open_shared_form(second, main_title)  # loaded before the first app saves
            homelog_insert_user(homelog, f"hl-r{round_number}@example.org", f"HL {round_number}")
            open_shared_form(first, main_title)
            type_name_and_save(first, f"First r{round_number}")
            wait_until(lambda n=round_number: stored_name(server, SHARED) == f"First r{n}",  # type: ignore[misc]
                       "the first app's save")
            homelog_rename(homelog, homelog_id, f"HL renamed r{round_number}")
            type_name_and_save(second, f"Second r{round_number}")  # stale: refused, the form stays open
            # Escape closes the form (also while its save runs: the save goes on, and a refusal arriving
            # then is said in the window); a save that went through would have written the name.
            form = second.windows(f"^Edit {re.escape(SHARED)}")
            for last_try in (False, True):
                second.key("Escape")
                try:
                    wait_until(lambda: not second.windows(f"^Edit {re.escape(SHARED)}"), "the form to close",
                               timeout=10 if not last_try else 30)
                    break
                except AssertionError:
                    if last_try:
                        raise
            assert form and stored_name(server, SHARED) == f"First r{round_number}"  # not written over
            open_shared_form(second, main_title)  # loaded again: now the second app's save goes through
            type_name_and_save(second, f"Second r{round_number}")
            wait_until(lambda n=round_number: stored_name(server, SHARED) == f"Second r{n}",  # type: ignore[misc]
                       "the second app's save")
        for app in apps:
            activate(app, main_title)
            app.key("ctrl+q")
            app.wait_exit()
            assert app.process.returncode == 0
            output = app.output()
            assert not QT_NOISE.search(output) and output.strip() == "", output
    finally:
        homelog.close()
        for app in apps:
            app.stop()
    assert stored_name(server, "hl-r1@example.org") == "HL 1" and stored_name(server, "hl-r2@example.org") == "HL 2"
    assert stored_name(server, "b-homelog@example.org") == "HL renamed r2"
    assert stored_name(server, SHARED) == "Second r2"
    assert asyncio.run(_chain_verifies(server))
