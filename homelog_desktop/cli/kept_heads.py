"""The audit heads homelog-admin last saw, one per database, kept outside the databases: a small
owner-only file in the per-user state folder (`audit-heads.json`, beside the log folder).

Someone who can write a database but not this file cannot make its trail look untouched (see
services/tamper_evidence.py). The file is only ever a help: one that cannot be read or written checks
nothing, and never stops a command.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from homelog_desktop.paths import state_folder

HEADS_FILE_NAME = "audit-heads.json"
_log = logging.getLogger(__name__)


class FileHeadStore:
    """Kept heads by the database's absolute path, in one JSON object."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file or state_folder() / HEADS_FILE_NAME

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            _log.warning("the kept audit heads in %s cannot be read (%s)", self.file, type(error).__name__)
            return {}
        if not isinstance(data, dict):
            return {}
        return {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, str)}

    def kept(self, path: Path) -> str | None:
        """The head kept for the database at `path`, None when none is."""
        return self._read().get(str(path))

    def keep(self, path: Path, head: str | None) -> None:
        """Keep (or with None forget) the head of the database at `path`: written to a new owner-only file,
        then renamed over the old one, so a reader never sees half of it."""
        heads = self._read()
        if head is None:
            if heads.pop(str(path), None) is None:
                return
        else:
            heads[str(path)] = head
        temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump(heads, stream, indent=1, sort_keys=True)
            os.replace(temporary, self.file)
        except OSError as error:
            _log.warning("the audit head of %s could not be kept (%s)", path, type(error).__name__)
            with contextlib.suppress(OSError):
                temporary.unlink()
