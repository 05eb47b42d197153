"""Start the window: command line, QApplication, the qasync loop, and an orderly shutdown."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import stat
import sys
from pathlib import Path
from types import TracebackType

import qasync
from PySide6.QtCore import QCoreApplication, QSettings, qVersion
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog

from homelog_desktop import __version__
from homelog_desktop.errors import unexpected_error
from homelog_desktop.logs import configure_logging
from homelog_desktop.paths import APPLICATION_NAME, ORGANIZATION_NAME, resolve_database_path
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.ui.awaiting import emitted
from homelog_desktop.ui.main_window.window import MainWindow
from homelog_desktop.ui.resources import icon, resource_folder, stylesheet

log = logging.getLogger("homelog_desktop")
PROGRAM = "homelog-desktop"
# The .desktop file's name without ".desktop": the Wayland app id and the X11 hint desktops match on.
DESKTOP_FILE_NAME = "homelog-desktop"


def set_application_identity() -> None:
    """Name the app so that QSettings() finds its own settings (~/.config/home-log/ on Linux)."""
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)


def create_application(argv: list[str] | None = None) -> tuple[QApplication, qasync.QEventLoop]:
    """The QApplication as the app makes it, and a qasync loop on it that is the current event loop.

    Identity, display name, desktop file name, icon and stylesheet; quitting on the last window closed is
    off, because the app quits itself once its tasks are cancelled and the database is closed. Used by
    the app, docs/make_screenshots.py and the benchmarks, so that all three run the same app.
    """
    set_application_identity()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName(APPLICATION_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(icon("homelog"))
    app.setStyleSheet(stylesheet())
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    return app, loop


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The window's command line."""
    parser = argparse.ArgumentParser(prog="homelog-desktop", description="Manage home-log accounts.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $HOMELOG_DB, else the last one used)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="save a picture of the window once loaded, then exit")
    parser.add_argument("--bcrypt-cost", type=int, default=DEFAULT_BCRYPT_COST, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def install_excepthook(window: MainWindow, log_file: Path | None) -> None:
    """Bugs are logged with their traceback (the log file, and the terminal if there is one) and reported
    in one message that says it is a bug and where its details are: never a traceback in the window, never
    worded as the user's mistake, never a silent crash."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, error, tb))
        window.show_error(unexpected_error(kind.__name__, log_file))

    sys.excepthook = hook


def keep_settings_private(settings: QSettings) -> None:
    """Make the settings file (the databases used, what the app keeps of each) readable by its owner only.

    Created owner-only before Qt first writes it (Qt keeps a file's permissions when it rewrites it), and
    narrowed if an older version left it readable by others. Where the settings are no file of ours
    (Windows' registry, macOS's preferences daemon), there is nothing to do.
    """
    if sys.platform in ("win32", "darwin") and settings.format() == QSettings.Format.NativeFormat:
        return
    path = Path(settings.fileName())
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except OSError as error:
        log.warning("Cannot make the settings file %s private: %s", path, error.strerror)


def database_to_open(args: argparse.Namespace) -> tuple[Path, bool]:
    """--db, else $HOMELOG_DB, else the last database used if it still exists, else the default."""
    path, is_default = resolve_database_path(args.db)
    if is_default:
        last = QSettings().value("database/last", "")
        if last and Path(str(last)).is_file():
            return Path(str(last)), False
    return path, is_default


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


async def open_for_screenshot(window: MainWindow, path: Path, is_default: bool, target: str) -> int | None:
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


async def run_window(window: MainWindow, args: argparse.Namespace) -> int:
    """Show the window, open the database, and wait for the window to close (or take the screenshot)."""
    closed: asyncio.Future[None] = asyncio.get_event_loop().create_future()

    def close_seen() -> None:  # the window was closed: run_window ends
        if not closed.done():
            closed.set_result(None)

    window.closed.connect(close_seen)
    window.show()
    path, is_default = database_to_open(args)
    try:
        if args.screenshot:
            code = await open_for_screenshot(window, path, is_default, args.screenshot)
            if code is not None:
                return code
        else:
            opened = await window.session.open(path, create_folder=is_default)
            log.info("Database %s %s", path, "opened" if opened else "was not opened")
        # Everything made so far (Qt wrappers, SQLAlchemy, modules) lives as long as the app: keep it out
        # of the garbage collector's full passes, which otherwise stall the window for tens of ms now and
        # then. Once the first rows are on screen, so that this one pass does not delay them.
        await rows_shown(window)
        gc.collect()
        gc.freeze()
        if args.screenshot:
            await asyncio.sleep(0.05)  # let the first rows paint
            window.table.viewport().repaint()
            await rows_shown(window)  # a page the repaint asked for
            if not window.grab().save(args.screenshot):
                print(f"homelog-desktop: cannot write {args.screenshot}", file=sys.stderr)
                return 2
            return 0
        await closed
        return 0
    finally:
        window.close()
        await window.shutdown()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `homelog-desktop`."""
    args = parse_arguments(argv)
    # The terminal gets warnings and errors; the log file also gets the app's INFO messages.
    log_file = configure_logging(PROGRAM)
    log.info("HomeLog Desktop %s starting (Python %s, Qt %s)", __version__, sys.version.split()[0], qVersion())
    if (resource_folder() / "style.qss").is_file():
        log.info("Resources: %s", resource_folder())
    else:
        log.warning("Icons and stylesheet not found (looked in %s)", resource_folder())
    _app, loop = create_application()
    keep_settings_private(QSettings())
    window = MainWindow(bcrypt_cost=args.bcrypt_cost)
    install_excepthook(window, log_file)
    try:
        with loop:
            return int(loop.run_until_complete(run_window(window, args)))
    finally:
        sys.excepthook = sys.__excepthook__
        window.deleteLater()


if __name__ == "__main__":
    raise SystemExit(main())
