"""All of the app's logging: the owner-only rotating log file, the terminal, and what never reaches either.

Nothing here runs at import: each program (`homelog-desktop`, `homelog-admin`, the tests, the
benchmarks) calls `configure_logging` once at start. Three libraries log values at DEBUG that must
never be written anywhere, whoever turns their loggers up: aiosqlite (the arguments of every call it
runs, SQL parameters and so password hashes among them), SQLAlchemy's engine (every row a query
returns, stored hashes among them; its parameters are hidden by the engines' hide_parameters) and
qasync (the arguments and results of the calls its worker threads run: a password and its hash). Their
records are redacted as they are made, before any handler (pytest's included) sees them.
"""

from __future__ import annotations

import functools
import io
import logging
import os
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from homelog_desktop.paths import state_folder

LOG_FORMAT = "%(asctime)s %(name)s %(levelname)s: %(message)s"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUP_COUNT = 3
APP_LOGGER = "homelog_desktop"
_OURS = "_homelog_desktop_handler"  # marks the handlers configure_logging installed (and may replace)
_REDACTING = "_homelog_desktop_redacting"  # marks the record factory that redacts


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log file that only its owner can read (0600), the files started by rotation included.

    A handler made with `quiet=True` never prints a failure to write (the command line's stderr carries
    one line per run); `failed` tells whether writing ever failed.
    """

    def __init__(self, path: Path, *, quiet: bool = False) -> None:
        # delay: the file is made with the first record, so a run that logs nothing leaves no file.
        super().__init__(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8", delay=True)
        self.quiet = quiet
        self.failed = False

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a file left by an older version may be wider
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True
        if not self.quiet:
            super().handleError(record)


def log_file_path(program: str = "homelog-desktop") -> Path:
    """log/<program>.log in the per-user state folder (~/.local/state/home-log/HomeLog Desktop/ on Linux)."""
    return state_folder() / "log" / f"{program}.log"


def hide_call_arguments(record: logging.LogRecord) -> None:
    """aiosqlite's records: keep the name of each call it ran, never its arguments."""
    if isinstance(record.args, tuple):
        record.args = tuple(
            f"{getattr(arg.func, '__qualname__', 'call')}(...)" if isinstance(arg, functools.partial) else arg
            for arg in record.args
        )


def hide_result_rows(record: logging.LogRecord) -> None:
    """SQLAlchemy engine's records: keep that a row came, never its values."""
    if isinstance(record.msg, str) and record.msg.startswith("Row "):
        record.args = ("(values hidden)",)


def hide_worker_arguments(record: logging.LogRecord) -> None:
    """qasync's records: keep the message, never the values of the calls and results it names."""
    if isinstance(record.args, tuple) and record.args:
        record.args = tuple(arg if isinstance(arg, int | float) else "(hidden)" for arg in record.args)
    elif isinstance(record.args, dict) and record.args:
        record.args = {key: "(hidden)" for key in record.args}


# Logger name (and its children) -> what is hidden from its records. qasync gives each class a logger of
# its own ("qasync._QThreadWorker"...), made when qasync is imported: matching names reaches them all.
REDACTIONS: tuple[tuple[str, Callable[[logging.LogRecord], None]], ...] = (
    ("aiosqlite", hide_call_arguments),
    ("sqlalchemy.engine.Engine", hide_result_rows),
    ("qasync", hide_worker_arguments),
)


def redact(record: logging.LogRecord) -> logging.LogRecord:
    """Hide what a record of aiosqlite, SQLAlchemy's engine or qasync must not show; other records as they are."""
    for name, hide in REDACTIONS:
        if record.name == name or record.name.startswith(name + "."):
            hide(record)
    return record


def install_redaction() -> None:
    """Redact every record as it is made (a record factory wrapping the current one); once per process."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, _REDACTING, False):
        return

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact(previous(*args, **kwargs))

    setattr(make_record, _REDACTING, True)
    logging.setLogRecordFactory(make_record)


def _install(handler: logging.Handler, level: int) -> None:
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    setattr(handler, _OURS, True)
    logging.getLogger().addHandler(handler)


def _remove_installed_handlers() -> None:
    root = logging.getLogger()
    for handler in [handler for handler in root.handlers if getattr(handler, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()


def configure_logging(program: str, *, terminal: bool = True, log_file: bool = True) -> Path | None:
    """Set up logging for one program run; the log file's path, or None when there is none.

    Records are redacted (see the module's docstring); with `log_file`, the app's own INFO messages and
    everyone's warnings go to the owner-only log file of `program`; with `terminal`, warnings and errors
    go to stderr. Calling it again replaces what an earlier call installed.
    """
    install_redaction()
    _remove_installed_handlers()
    logging.getLogger(APP_LOGGER).setLevel(logging.INFO)
    if terminal:
        _install(logging.StreamHandler(), logging.WARNING)
    path = log_file_path(program) if log_file else None
    failure: OSError | None = None
    if path is not None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            failure, path = error, None
    if path is not None:
        _install(PrivateRotatingFileHandler(path, quiet=not terminal), logging.INFO)
    elif not terminal:
        _install(logging.NullHandler(), logging.WARNING)  # else Python's last resort prints to stderr
    if failure is not None:
        logging.getLogger(APP_LOGGER).warning(
            "Cannot write the log file %s: %s", log_file_path(program), failure.strerror
        )
    return path


def log_bug(logger: logging.Logger, message: str, error: BaseException) -> Path | None:
    """Log an unexpected error with its traceback; the log file it was written to, or None if none was."""
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None] = (
        type(error), error, error.__traceback__,
    )
    logger.error(message, exc_info=exc_info)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrivateRotatingFileHandler) and getattr(handler, _OURS, False):
            handler.flush()
            if handler.stream is not None and not handler.failed:
                return Path(handler.baseFilename)
    return None

