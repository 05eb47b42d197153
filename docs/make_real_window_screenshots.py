"""Pictures of the installed app in a real window (an X server with a window manager, Qt's xcb platform):
the sign-in at scale 2 on a 1280x800 screen, and the main window made narrow. Run it under an X server
with that screen:

    XSERVER_SIZE=1280x800x24 .ci/xserver run -- python docs/make_real_window_screenshots.py [--out docs]

It builds make_screenshots.py's demo database, starts `homelog-desktop` as a user would, signs in by
typing (xdotool), and takes the pictures with scrot, window frames and all.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_screenshots import ADMIN_EMAIL, ADMIN_PASSWORD, make_demo

from tests.helpers.x11 import RealApp, wait_until


def screen_shot(path: Path, app: RealApp, *, window_only: bool = False) -> None:
    """The whole screen, or the focused window with its frame."""
    time.sleep(0.5)  # pictures, not tests: let what was just typed or resized paint
    chosen = ["--focused", "--border"] if window_only else []
    subprocess.run(["scrot", "--overwrite", *chosen, str(path)], env=app.env, check=True)


def sign_in(app: RealApp) -> None:
    """Type the administrator's email and password, and press Enter."""
    dialog = app.wait_for_window("^Sign in")
    app.type(ADMIN_EMAIL)
    app.key("Tab")
    app.type(ADMIN_PASSWORD)
    app.key("Return")
    app.wait_gone(dialog)


def shoot(out: Path, folder: Path) -> None:
    demo = folder / "demo.db"
    asyncio.run(make_demo(demo))
    display = os.environ["DISPLAY"]

    home = folder / "hidpi"
    home.mkdir()
    os.environ["QT_SCALE_FACTOR"] = "2"
    app = RealApp(display=display, home=home, arguments=["--db", str(demo)])
    dialog = app.wait_for_window("^Sign in")
    app.type(ADMIN_EMAIL)
    app.key("Tab")
    screen_shot(out / "sign-in-hidpi.png", app)
    app.key("Escape")
    app.wait_gone(dialog)
    app.key("ctrl+q")
    app.wait_exit()
    del os.environ["QT_SCALE_FACTOR"]

    home = folder / "narrow"
    home.mkdir()
    app = RealApp(display=display, home=home, arguments=["--db", str(demo)])
    sign_in(app)
    main = app.wait_for_window("^demo.db")
    app.xdotool("windowsize", "--sync", main, "560", "520")
    app.xdotool("windowmove", "--sync", main, "40", "60")
    wait_until(lambda: app.xdotool("getwindowgeometry", main).endswith("560x520"), "the narrow size")
    screen_shot(out / "main-window-narrow.png", app, window_only=True)
    app.key("ctrl+q")
    app.wait_exit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="homelog-x11-shots-") as folder:
        shoot(args.out.resolve(), Path(folder))
    for name in ("sign-in-hidpi", "main-window-narrow"):
        print(args.out / f"{name}.png")


if __name__ == "__main__":
    main()
