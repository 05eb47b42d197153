"""All logging in one module (logs.py): configured by the programs, never at import; the owner-only log
file; what never reaches a log (aiosqlite's call arguments, SQLAlchemy's rows, qasync's values)."""

from __future__ import annotations

import functools
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from homelog_desktop import logs

SECRET = "Secret-Value-8841"


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A state folder of the test's own; afterwards the tests' own logging set-up again."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    yield tmp_path / "state"
    monkeypatch.undo()
    logs.configure_logging("homelog-tests", terminal=False)


def installed_handlers() -> list[logging.Handler]:
    return [handler for handler in logging.getLogger().handlers if getattr(handler, logs._OURS, False)]


def test_the_log_file_is_private_and_holds_the_apps_info_and_everyones_warnings(
    state_home: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    path = logs.configure_logging("homelog-test-program")
    assert path == state_home / "home-log" / "HomeLog Desktop" / "log" / "homelog-test-program.log"
    assert not path.exists()  # made with the first record, not before
    logging.getLogger("homelog_desktop.somewhere").info("the app's own news")
    logging.getLogger("some.library").info("a library's chatter")
    logging.getLogger("some.library").warning("a library's warning")
    text = path.read_text(encoding="utf-8")
    assert "the app's own news" in text and "a library's warning" in text
    assert "a library's chatter" not in text
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    err = capsys.readouterr().err  # the terminal gets warnings only
    assert "a library's warning" in err and "the app's own news" not in err


def test_configuring_again_replaces_what_was_installed(state_home: Path) -> None:
    logs.configure_logging("first")
    logs.configure_logging("second", terminal=False)
    handlers = installed_handlers()
    assert len(handlers) == 1 and isinstance(handlers[0], logs.PrivateRotatingFileHandler)
    assert Path(handlers[0].baseFilename).name == "second.log"
    logs.configure_logging("third", log_file=False)
    assert [type(handler) for handler in installed_handlers()] == [logging.StreamHandler]


def test_a_wider_log_file_left_behind_becomes_private_and_rotation_keeps_it_so(state_home: Path) -> None:
    path = logs.log_file_path("rotating")
    path.parent.mkdir(parents=True)
    path.write_text("from an older version\n")
    path.chmod(0o644)
    logs.configure_logging("rotating", terminal=False)
    handler = installed_handlers()[0]
    assert isinstance(handler, logs.PrivateRotatingFileHandler)
    handler.maxBytes = 200
    for number in range(20):
        logging.getLogger("homelog_desktop").info("line %d of a log that rotates", number)
    files = sorted(path.parent.iterdir())
    assert len(files) == 1 + logs.LOG_BACKUP_COUNT
    assert all(file.stat().st_mode & 0o777 == 0o600 for file in files)


def test_without_a_writable_state_folder_nothing_is_said_on_a_quiet_terminal(
    state_home: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    state_home.parent.mkdir(exist_ok=True)
    state_home.write_text("a file where the state folder would be\n")
    assert logs.configure_logging("homelog-admin", terminal=False) is None
    logging.getLogger("some.library").warning("nobody hears this")
    assert logs.log_bug(logging.getLogger("homelog_desktop"), "a bug", ValueError("x")) is None
    assert capsys.readouterr().err == ""
    caplog.clear()  # the ERROR record was the point of this test


def test_log_bug_says_where_the_traceback_went(state_home: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = logs.configure_logging("bugs", terminal=False)
    try:
        raise KeyError("a key nobody expected")
    except KeyError as error:
        written = logs.log_bug(logging.getLogger("homelog_desktop.cli"), "unexpected", error)
    assert written == path
    text = path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "Traceback (most recent call last)" in text and "a key nobody expected" in text
    caplog.clear()  # the ERROR record was the point of this test


def test_records_are_redacted_as_they_are_made(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("aiosqlite", "sqlalchemy.engine.Engine", "qasync", "qasync._QThreadWorker"):
        caplog.set_level(logging.DEBUG, logger=name)

    def execute(sql: str, parameters: tuple[str, ...]) -> None: ...

    logging.getLogger("aiosqlite").debug("executing %s", functools.partial(execute, "UPDATE", (SECRET,)))
    logging.getLogger("sqlalchemy.engine.Engine").debug("Row %r", (1, SECRET))
    logging.getLogger("qasync._QThreadWorker").debug("Calling %s with %s -> %s", "hash", (SECRET,), SECRET)
    logging.getLogger("qasync").debug("result %(value)s", {"value": SECRET})
    logging.getLogger("somebody.else").debug("kept %s", "as it is")
    messages = [record.getMessage() for record in caplog.records]
    assert not any(SECRET in message for message in messages), messages
    assert messages[0].startswith("executing ") and "execute(...)" in messages[0]
    assert messages[1] == "Row '(values hidden)'"
    assert messages[-1] == "kept as it is"


def test_importing_the_app_configures_no_logging() -> None:
    probe = """
import logging, pkgutil, importlib, sys
import homelog_desktop
factory = logging.getLogRecordFactory()
for module in pkgutil.walk_packages(homelog_desktop.__path__, "homelog_desktop."):
    if ".migrations" not in module.name:
        importlib.import_module(module.name)
loggers = [logging.getLogger(name) for name in ("aiosqlite", "sqlalchemy.engine.Engine", "qasync", "homelog_desktop")]
print(len(logging.getLogger().handlers), sum(len(logger.filters) for logger in loggers),
      logging.getLogRecordFactory() is factory, logging.getLogger("homelog_desktop").level, len(sys.modules) > 100)
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "0 0 True 0 True\n"), done.stderr
