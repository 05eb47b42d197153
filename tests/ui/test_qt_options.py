"""Qt's standard command-line options are told apart from the app's, as Qt reads them."""

from __future__ import annotations

import pytest

from homelog_desktop.ui.app import parse_arguments
from homelog_desktop.ui.qt_options import split_qt_arguments


@pytest.mark.parametrize(
    ("arguments", "ours", "qt"),
    [
        (["-style", "fusion", "--db", "x.db"], ["--db", "x.db"], ["-style", "fusion"]),
        (["--db=x.db", "-style=fusion", "-reverse"], ["--db=x.db"], ["-style=fusion", "-reverse"]),
        (["--platform", "xcb", "--screenshot", "s.png"], ["--screenshot", "s.png"], ["--platform", "xcb"]),
        (["-platform", "offscreen:fontengine=freetype", "-qwindowgeometry", "640x480+0+0"], [],
         ["-platform", "offscreen:fontengine=freetype", "-qwindowgeometry", "640x480+0+0"]),
        (["--db", "-style"], ["--db"], ["-style"]),  # argparse then says --db lacks its value
        (["--", "-reverse"], ["--", "-reverse"], []),
        (["--frobnicate", "-x"], ["--frobnicate", "-x"], []),  # neither Qt's nor ours: argparse refuses them
    ],
)
def test_qt_options_go_to_qt_and_the_rest_to_the_app(arguments: list[str], ours: list[str], qt: list[str]) -> None:
    assert split_qt_arguments(arguments) == (ours, qt)


def test_the_app_parses_its_own_options_beside_qts() -> None:
    args = parse_arguments(["-style", "fusion", "--db", "home.db", "-reverse"])
    assert args.db == "home.db" and args.qt_arguments == ["-style", "fusion", "-reverse"]


def test_an_option_nobody_knows_is_still_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_arguments(["--dbb", "home.db"])
    assert stopped.value.code == 2 and "unrecognized arguments" in capsys.readouterr().err
