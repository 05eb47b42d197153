"""The one clock of the tests: a `now` for Workspace.open(now=...) that a test moves by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

CLOCK_START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A settable clock: `clock()` is `clock.moment`, which only `advance` (or the test) moves."""

    moment: datetime = CLOCK_START

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a timedelta's arguments (minutes=1, seconds=20...)."""
        self.moment += timedelta(**delta)
