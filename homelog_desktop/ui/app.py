"""Start the window: command line, QApplication, the qasync loop, and an orderly shutdown."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from collections.abc import Awaitable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import qasync
from PySide6.QtCore import QCoreApplication, QSettings, qVersion
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog

from homelog_desktop import __version__
from homelog_desktop.errors import InvalidInputError, unexpected_error
from homelog_desktop.logs import configure_logging
from homelog_desktop.paths import APPLICATION_NAME, ORGANIZATION_NAME
from homelog_desktop.services.account_validation import load_email_rules
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.awaiting import emitted
from homelog_desktop.ui.main_window.locations import location_to_open
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.qt_options import split_qt_arguments
from homelog_desktop.ui.resources import icon, refresh_icons, resource_folder, stylesheet
from homelog_desktop.ui.settings import private_settings
from homelog_desktop.ui.theme import SCHEME_VARIABLE, install_theme
from homelog_desktop.ui.translation import chosen_language, install_language, language_to_use

log = logging.getLogger("homelog_desktop")
PROGRAM = "homelog-desktop"
T = TypeVar("T")
# The .desktop file's name without ".desktop": the Wayland app id and the X11 hint desktops match on.
DESKTOP_FILE_NAME = "homelog-desktop"


def set_application_identity() -> None:
    """Name the app so that QSettings() finds its own settings (~/.config/home-log/ on Linux)."""
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)


def create_application(
    argv: list[str] | None = None, *, language: str | None = None
) -> tuple[QApplication, qasync.QEventLoop]:
    """The QApplication as the app makes it, and a qasync loop on it that is the current event loop.

    Identity, display name, desktop file name, icon and stylesheet; quitting on the last window closed is
    off, because the app quits itself once its tasks are cancelled and the database is closed. Used by
    the app, docs/make_screenshots.py and the benchmarks, so that all three run the same app. The language
    is `language` if given, else the one chosen in View > Language, else the system's.
    """
    set_application_identity()
    load_email_rules()  # at start-up, not as a stall at the first address typed
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    install_language(language or language_to_use(chosen_language(QSettings())))
    # Before the stylesheet, which wraps the style in one without a name.
    log.info("Qt platform %s, style %s, %s", app.platformName(), app.style().name(), app.layoutDirection().name)
    app.setApplicationDisplayName(APPLICATION_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(icon("homelog"))
    # The stylesheet in the scheme's colours, followed live; light or dark forced by the environment.
    install_theme(app, stylesheet(), refresh_icons, forced=os.environ.get(SCHEME_VARIABLE, ""))
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    return app, loop


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The window's command line (without the program's name; None: the process's own). Qt's standard
    options are set apart, in `qt_arguments`, for QApplication."""
    ours, qt = split_qt_arguments(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="homelog-desktop", description="Manage home-log accounts.",
        epilog="Qt's standard options are accepted too, e.g. -style fusion, -reverse, -platform xcb.",
    )
    parser.add_argument("--db", metavar="LOCATION", help="database file, postgresql://user@host:port/db or "
                        "service=NAME, no password in it (default: $HOMELOG_DB, else the last one used)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="save a picture of the window once loaded, then exit")
    parser.add_argument("--bcrypt-cost", type=int, default=DEFAULT_BCRYPT_COST, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(ours)
    args.qt_arguments = qt
    return args


def install_excepthook(window: MainWindow, log_file: Path | None) -> None:
    """Bugs are logged with their traceback (the log file, and the terminal if there is one) and reported
    in one message that says it is a bug and where its details are: never a traceback in the window, never
    worded as the user's mistake, never a silent crash."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, error, tb))
        window.show_error(unexpected_error(kind.__name__, log_file))

    sys.excepthook = hook


def database_to_open(args: argparse.Namespace, settings: QSettings) -> tuple[DatabaseLocation, bool]:
    """--db, else $HOMELOG_DB, else the last database used if it still exists, else the default."""
    return location_to_open(args.db, settings.value("database/last", ""))


def open_dialog(window: MainWindow) -> QDialog | None:
    """The dialog the window is waiting on (sign-in, first run), if one is shown."""
    return next((dialog for dialog in window.findChildren(QDialog) if dialog.isVisible()), None)


def picture_with_dialog(window: MainWindow, dialog: QDialog) -> QPixmap:
    """The window with the dialog drawn over it, where a user would see it."""
    picture = window.grab()
    shown = dialog.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))  # the window behind is inactive
    x = max(0, (picture.width() - shown.width()) // 2)
    y = max(0, (picture.height() - shown.height()) // 3)
    painter.drawPixmap(x, y, shown)
    painter.end()
    return picture


async def open_for_screenshot(window: MainWindow, path: DatabaseLocation, is_default: bool, target: str) -> int | None:
    """Open the database; when it asks for a sign-in (or a first administrator) first, save a picture
    of that and return 0 (2 when it cannot be written). None when the database opened straight away."""
    errors: list[str] = []
    window.operations.failed.connect(errors.append)
    opening = asyncio.ensure_future(window.session.open(path, create_folder=is_default))
    while not opening.done() and open_dialog(window) is None:
        await asyncio.sleep(0.02)
    if opening.done():
        opened = opening.result()
        log.info("Database %s %s", path, "opened" if opened else "was not opened")
        if opened:
            return None
        print(f"homelog-desktop: {errors[-1] if errors else 'the database was not opened'}", file=sys.stderr)
        return 2
    dialog = open_dialog(window)
    assert dialog is not None
    log.info("Database %s opened; it asks for a sign-in first (%s)", path, dialog.objectName())
    await asyncio.sleep(0.1)  # let it lay out and paint
    saved = picture_with_dialog(window, dialog).save(target)
    dialog.reject()
    await opening
    if not saved:
        print(f"homelog-desktop: cannot write {target}", file=sys.stderr)
        return 2
    return 0


async def rows_shown(window: MainWindow) -> None:
    """Wait until the table's first rows are read and shown (its reload and page reads have ended)."""
    model = window.model
    while model.loading or model.pending_pages:
        await emitted(model.settled)


async def freeze_after_first_rows(window: MainWindow) -> None:
    """Once a database's first rows are on screen, keep everything made so far out of the garbage collector.

    Everything made until then (Qt wrappers, SQLAlchemy, modules) lives as long as the app; the collector's
    full passes over it otherwise stall the window for tens of ms now and then. After the first rows, so
    that this one pass does not delay them; whenever a database is first shown (perhaps after a sign-in
    that was cancelled at start).
    """
    while window.session.workspace is None:
        await emitted(window.session.changed)
    await rows_shown(window)
    gc.collect()
    gc.freeze()


async def until_closed(work: Awaitable[T], closed: asyncio.Future[None]) -> T | None:
    """Await `work` unless the window closes first (Quit must end the app whatever it waits for); then the
    work is cancelled and None is returned."""
    task = asyncio.ensure_future(work)
    waited: set[asyncio.Future[Any]] = {task, closed}
    await asyncio.wait(waited, return_when=asyncio.FIRST_COMPLETED)
    if not task.done():
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return None
    return task.result()


async def take_screenshot(window: MainWindow, path: DatabaseLocation, is_default: bool, target: str) -> int:
    """--screenshot: the window once its first rows are shown (or the dialog it asks first); the exit code."""
    code = await open_for_screenshot(window, path, is_default, target)
    if code is not None:
        return code
    await rows_shown(window)
    await asyncio.sleep(0.05)  # let the first rows paint
    window.table.viewport().repaint()
    await rows_shown(window)  # a page the repaint asked for
    if not window.grab().save(target):
        print(f"homelog-desktop: cannot write {target}", file=sys.stderr)
        return 2
    return 0


async def run_window(window: MainWindow, args: argparse.Namespace) -> int:
    """Show the window, open the database, and wait for the window to close (or take the screenshot)."""
    closed: asyncio.Future[None] = asyncio.get_event_loop().create_future()

    def close_seen() -> None:  # the window was closed: run_window ends
        if not closed.done():
            closed.set_result(None)

    window.closed.connect(close_seen)
    window.show()
    path, is_default = database_to_open(args, window.settings)
    try:
        if args.screenshot:
            return await take_screenshot(window, path, is_default, args.screenshot)
        freezing = asyncio.ensure_future(freeze_after_first_rows(window))
        try:
            opened = await until_closed(window.session.open(path, create_folder=is_default), closed)
            log.info("Database %s %s", path, "opened" if opened else "was not opened")
            await closed
        finally:
            freezing.cancel()
            await asyncio.gather(freezing, return_exceptions=True)
        return 0
    finally:
        window.close()
        await window.shutdown()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `homelog-desktop`."""
    args = parse_arguments(argv)
    try:
        location_to_open(args.db, "")  # a server URL holding a password is refused before anything starts
    except InvalidInputError as error:
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return 2
    # The terminal gets warnings and errors; the log file also gets the app's INFO messages.
    log_file = configure_logging(PROGRAM)
    log.info("HomeLog Desktop %s starting (Python %s, Qt %s)", __version__, sys.version.split()[0], qVersion())
    if (resource_folder() / "style.qss").is_file():
        log.info("Resources: %s", resource_folder())
    else:
        log.warning("Icons and stylesheet not found (looked in %s)", resource_folder())
    _app, loop = create_application([sys.argv[0], *args.qt_arguments])
    window = MainWindow(bcrypt_cost=args.bcrypt_cost, settings=private_settings())
    install_excepthook(window, log_file)
    try:
        with loop:
            return int(loop.run_until_complete(run_window(window, args)))
    finally:
        sys.excepthook = sys.__excepthook__
        window.deleteLater()


if __name__ == "__main__":
    raise SystemExit(main())
