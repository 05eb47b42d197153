"""Make docs/bulk-confirm.png: the demo database of make_screenshots.py, six accounts selected with
Shift+Down, and the confirmation that Account > Disable asks for all of them at once.

    QT_QPA_PLATFORM=offscreen python docs/make_bulk_screenshot.py [--out docs]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from docs.make_screenshots import COST, make_demo, settle, signed_in_admin
from homelog_desktop.logs import configure_logging
from homelog_desktop.ui.app import create_application, picture_with_dialog
from homelog_desktop.ui.main_window.window import MainWindow


async def shoot(out: Path, folder: Path) -> None:
    demo = folder / "demo.db"
    await make_demo(demo)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(bcrypt_cost=COST, settings=settings, gate=signed_in_admin)
    window.resize(1240, 560)
    window.show()
    assert await window.session.open(demo)
    await settle(window)
    window.table.setFocus()
    window.table.select_only(2)  # the members: every administrator stays
    for _ in range(5):
        QTest.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    window.action("disable").trigger()
    box = None
    while box is None or not box.isVisible():
        await asyncio.sleep(0.02)
        box = window.findChild(QMessageBox, "confirmBulk")
    await asyncio.sleep(0.3)
    picture_with_dialog(window, box).save(str(out / "bulk-confirm.png"))
    box.reject()
    await asyncio.sleep(0.1)
    await window.shutdown()
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    out = parser.parse_args().out
    configure_logging("make-screenshots", log_file=False)
    _app, loop = create_application()
    with tempfile.TemporaryDirectory(prefix="homelog-shots-") as folder, loop:
        loop.run_until_complete(shoot(out, Path(folder)))
    print(out / "bulk-confirm.png")


if __name__ == "__main__":
    main()
