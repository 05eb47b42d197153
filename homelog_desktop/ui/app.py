"""Start the window: command line, QApplication, the qasync loop, and an orderly shutdown."""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import qasync
from PySide6.QtCore import QSettings, QStandardPaths, qVersion
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog

from homelog_desktop import __version__
from homelog_desktop.paths import APPLICATION_NAME, resolve_database_path, set_application_identity
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.resources import icon, resource_folder, stylesheet

log = logging.getLogger("homelog_desktop")
LOG_FORMAT = "%(asctime)s %(name)s %(levelname)s: %(message)s"
LOG_FILE_NAME = "homelog-desktop.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUP_COUNT = 3
# The .desktop file's name without ".desktop": the Wayland app id and the X11 hint desktops match on.
DESKTOP_FILE_NAME = "homelog-desktop"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log file that only its owner can read (0600), the files started by rotation included."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a file left by an older version may be wider
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def log_file_path() -> Path | None:
    """log/homelog-desktop.log in the per-user state folder (~/.local/state/home-log/HomeLog Desktop/ on Linux)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation)
    return Path(folder) / "log" / LOG_FILE_NAME if folder else None


def install_log_file() -> Path | None:
    """Send the app's INFO messages and everyone's warnings to the private log file; its path, or None."""
    path = log_file_path()
    if path is None:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as error:
        log.warning("Cannot write the log file %s: %s", path, error)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger().addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """The window's command line."""
    parser = argparse.ArgumentParser(prog="homelog-desktop", description="Manage home-log accounts.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: $HOMELOG_DB, else the last one used)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="save a picture of the window once loaded, then exit")
    parser.add_argument("--bcrypt-cost", type=int, default=DEFAULT_BCRYPT_COST, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def install_excepthook(window: MainWindow) -> None:
    """Bugs are logged with their traceback and reported in a message, never a silent crash."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, error, tb))
        traceback.print_exception(kind, error, tb)
        window.show_error(f"Something unexpected went wrong ({kind.__name__}). Details are in the log.")

    sys.excepthook = hook


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
    opening = asyncio.ensure_future(window.open_database(path, create_folder=is_default))
    while not opening.done() and open_dialog(window) is None:
        await asyncio.sleep(0.02)
    if opening.done():
        opened = opening.result()
        log.info("Database %s %s", path, "opened" if opened else "was not opened")
        if opened:
            return None
        print(f"homelog-desktop: {window.last_error or 'the database was not opened'}", file=sys.stderr)
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


async def run_window(window: MainWindow, args: argparse.Namespace) -> int:
    """Show the window, open the database, and wait for the window to close (or take the screenshot)."""
    closed: asyncio.Future[None] = asyncio.get_event_loop().create_future()
    window.closed.connect(lambda: closed.done() or closed.set_result(None))
    window.show()
    path, is_default = database_to_open(args)
    try:
        if args.screenshot:
            code = await open_for_screenshot(window, path, is_default, args.screenshot)
            if code is not None:
                return code
        else:
            opened = await window.open_database(path, create_folder=is_default)
            log.info("Database %s %s", path, "opened" if opened else "was not opened")
        # Everything made so far (Qt wrappers, SQLAlchemy, modules) lives as long as the app: keep it out
        # of the garbage collector's full passes, which otherwise stall the window for tens of ms now and
        # then. Once the first rows are on screen, so that this one pass does not delay them.
        await window.wait_until_idle()
        gc.collect()
        gc.freeze()
        if args.screenshot:
            await window.wait_until_idle()
            await asyncio.sleep(0.05)  # let the first rows paint
            window.table.viewport().repaint()
            await window.wait_until_idle()
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
    # The terminal gets warnings and errors; the log file (below) also gets the app's INFO messages.
    terminal = logging.StreamHandler()
    terminal.setLevel(logging.WARNING)
    logging.basicConfig(level=logging.WARNING, format=LOG_FORMAT, handlers=[terminal])
    set_application_identity()
    install_log_file()
    log.info("HomeLog Desktop %s starting (Python %s, Qt %s)", __version__, sys.version.split()[0], qVersion())
    if (resource_folder() / "style.qss").is_file():
        log.info("Resources: %s", resource_folder())
    else:
        log.warning("Icons and stylesheet not found (looked in %s)", resource_folder())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName(APPLICATION_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(icon("homelog"))
    app.setStyleSheet(stylesheet())
    # We quit ourselves, after the tasks are cancelled and the database is closed.
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow(bcrypt_cost=args.bcrypt_cost)
    install_excepthook(window)
    try:
        with loop:
            return loop.run_until_complete(run_window(window, args))
    finally:
        sys.excepthook = sys.__excepthook__
        window.deleteLater()


if __name__ == "__main__":
    raise SystemExit(main())
