"""The installed app in a real window (Xvfb + openbox, the xcb platform: Qt's real key bindings, focus
and activation, which the offscreen platform has not), driven by real key events only: a first run with
the keyboard alone, Ctrl+N typing at once, Enter after a refused sign-in, Ctrl+Q, quitting after a
cancelled first run; and nothing Qt complains about ("Ambiguous shortcut overload"...) in the output."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from homelog_desktop.services.account import ROLE_ADMINISTRATOR
from tests.conftest import GOOD_PASSWORD, TEST_BCRYPT_COST
from tests.helpers.workspaces import open_workspace
from tests.helpers.x11 import QT_NOISE, RealApp, database_holds, wait_until

# Under pytest-xdist (`--dist loadgroup`), one group; conftest.py's lock on the display keeps them one at a time.
pytestmark = pytest.mark.xdist_group("x11")

ADMIN = "admin@example.org"
MAIN_TITLE = r"^{name} — HomeLog Desktop$"
ADMINISTRATOR_ROW = (
    "SELECT 1 FROM users JOIN homelog_desktop_account_state ON user_id = users.id "
    "WHERE email = ? AND role = 'administrator'"
)


@pytest.fixture
def start(display: str, tmp_path: Path) -> Iterator[object]:
    """Start the installed app on a database (a home folder of its own each time); stopped afterwards."""
    started: list[RealApp] = []

    def starting(database: Path) -> RealApp:
        home = tmp_path / f"home{len(started)}"
        home.mkdir()
        app = RealApp(display=display, home=home, arguments=["--db", str(database)])
        started.append(app)
        return app

    yield starting
    for app in started:
        app.stop()


def quiet(app: RealApp) -> None:
    """The run printed nothing: no Qt warning, no ambiguous shortcut, no traceback."""
    output = app.output()
    assert not QT_NOISE.search(output), output
    assert output.strip() == "", output


def test_first_run_by_keyboard_then_ctrl_n_types_at_once_and_ctrl_q_quits(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "first.db"
    app: RealApp = start(database)
    setup = app.wait_for_window("^Set up an administrator")
    # The cursor is in the email field; Tab goes from field to field; Enter is "Create administrator".
    app.type(ADMIN)
    app.key("Tab")
    app.type("Ann Admin")
    app.key("Tab")
    app.type(GOOD_PASSWORD)
    app.key("Tab")
    app.type(GOOD_PASSWORD)
    app.key("Return")
    wait_until(lambda: database_holds(database, ADMINISTRATOR_ROW, ADMIN), "the first administrator")
    app.wait_gone(setup)
    app.wait_for_window(MAIN_TITLE.format(name="first.db"))

    app.key("ctrl+n")
    form = app.wait_for_window("^New account")
    app.type("bob@example.org")  # at once: the cursor is in the email field
    app.key("Return")
    wait_until(lambda: database_holds(database, "SELECT 1 FROM users WHERE email = ?", "bob@example.org"),
               "the new account")
    app.wait_gone(form)

    app.key("ctrl+q")
    app.wait_exit()
    assert app.process.returncode == 0
    quiet(app)


def test_enter_signs_in_after_a_refused_attempt(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "signed.db"
    asyncio.run(with_administrator(database))
    app: RealApp = start(database)
    dialog = app.wait_for_window("^Sign in")
    app.type(ADMIN)
    app.key("Tab")
    app.type("Wrong7password")
    app.key("Return")
    # Refused: the password field is emptied and has the cursor again, Enter still means "Sign in".
    wait_until(lambda: database_holds(
        database, "SELECT 1 FROM homelog_desktop_audit WHERE action = 'sign_in_failed'"), "the refusal")
    # The refusal is written a moment before the dialog is enabled again, and keys typed into a disabled
    # dialog are dropped (as for a person typing ahead). Nothing on X tells that moment, so a second
    # try, seconds later, is allowed; each try is the password typed and Enter, and only Enter submits.
    signed_in = "SELECT 1 FROM homelog_desktop_audit WHERE action = 'sign_in'"
    for last_try in (False, True):
        app.key("ctrl+a")  # whatever an early try left in the field is typed over
        app.type(GOOD_PASSWORD)
        app.key("Return")
        try:
            wait_until(lambda: database_holds(database, signed_in), "the sign-in", timeout=10 if not last_try else 30)
            break
        except AssertionError:
            if last_try:
                raise
    app.wait_gone(dialog)
    app.wait_for_window(MAIN_TITLE.format(name="signed.db"))
    app.key("ctrl+q")
    app.wait_exit()
    assert app.process.returncode == 0
    quiet(app)


def test_quit_after_a_cancelled_first_run_ends_the_process(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app: RealApp = start(tmp_path / "cancelled.db")
    setup = app.wait_for_window("^Set up an administrator")
    app.key("Escape")
    app.wait_gone(setup)
    app.wait_for_window("^HomeLog Desktop$")  # the window, showing no database
    app.key("ctrl+q")
    seconds = app.wait_exit()  # it once stayed, hidden, for ever
    print(f"the app ended {seconds:.2f} s after Ctrl+Q")  # shown with pytest -s; a figure, not a limit
    assert app.process.returncode == 0
    quiet(app)


async def with_administrator(path: Path) -> None:
    """A database whose administrator must sign in."""
    async with open_workspace(path, bcrypt_cost=TEST_BCRYPT_COST) as workspace:
        account = await workspace.accounts.create(ADMIN, "Ann", GOOD_PASSWORD)
        await workspace.roles.set_role(account.id, ROLE_ADMINISTRATOR)
