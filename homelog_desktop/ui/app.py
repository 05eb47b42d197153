"""Start the window: command line, QApplication, the qasync loop, and an orderly shutdown."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from homelog_desktop import __version__
from homelog_desktop.paths import APPLICATION_NAME, resolve_database_path, set_application_identity
from homelog_desktop.services.password_hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.ui.main_window import MainWindow
from homelog_desktop.ui.resources import icon, stylesheet

log = logging.getLogger("homelog_desktop")


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


async def run_window(window: MainWindow, args: argparse.Namespace) -> int:
    """Show the window, open the database, and wait for the window to close (or take the screenshot)."""
    closed: asyncio.Future[None] = asyncio.get_event_loop().create_future()
    window.closed.connect(lambda: closed.done() or closed.set_result(None))
    window.show()
    path, is_default = database_to_open(args)
    opened = await window.open_database(path, create_folder=is_default)
    try:
        if args.screenshot:
            if not opened:
                print(f"homelog-desktop: {window.last_error}", file=sys.stderr)
                return 2
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
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    set_application_identity()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName(APPLICATION_NAME)
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
