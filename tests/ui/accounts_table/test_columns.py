"""The accounts table's columns: password ages and statuses as a person would say them, one Show
choice per filter, and the tooltips that explain a cell."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from homelog_desktop.services.accounts import Account, AccountFilter
from homelog_desktop.ui.accounts_table.columns import (
    FILTER_CHOICES,
    PASSWORD_AGE_COLUMN,
    PASSWORD_COLUMN,
    STATUS_COLUMN,
    cell_tooltip,
    local_time,
    password_age,
    status_text,
)

MOMENT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)



def snapshot(**fields: object) -> Account:
    values: dict[str, object] = {
        "id": 1, "email": "a@example.org", "username": None, "has_password": True, "created_at": MOMENT,
        "updated_at": MOMENT, **fields,
    }
    return Account(**values)  # type: ignore[arg-type]


def test_password_age_reads_like_a_person_would_say_it() -> None:
    def age(days: float, **fields: object) -> str:
        return password_age(snapshot(password_updated_at=MOMENT - timedelta(days=days), **fields), MOMENT)

    assert [age(d) for d in (0, 0.9, 1, 3, 30, 31, 45, 150, 364, 365, 800)] == [
        "today", "today", "1 day", "3 days", "30 days", "1 month", "1 month", "5 months", "12 months", "1 year",
        "2 years",
    ]
    assert age(3, has_password=False) == ""


def test_status_combines_what_keeps_an_account_from_signing_in() -> None:
    soon, tomorrow = MOMENT + timedelta(minutes=5), MOMENT + timedelta(days=1)
    assert status_text(snapshot(), MOMENT) == ""
    assert status_text(snapshot(disabled=True), MOMENT) == "Disabled"
    assert status_text(snapshot(locked_until=soon), MOMENT) == f"Locked until {soon.astimezone():%H:%M}"
    assert status_text(snapshot(locked_until=MOMENT), MOMENT) == ""  # the lock has ended
    assert status_text(snapshot(locked_until=tomorrow), MOMENT) == f"Locked until {local_time(tomorrow)}"
    assert status_text(snapshot(must_change_password=True), MOMENT) == "Must change password"
    assert status_text(snapshot(disabled=True, must_change_password=True, locked_until=soon), MOMENT) == (
        f"Disabled, locked until {soon.astimezone():%H:%M}, must change password"
    )


def test_every_filter_has_one_choice() -> None:
    assert [choice.filter for choice in FILTER_CHOICES] == list(AccountFilter)
    assert len({choice.label for choice in FILTER_CHOICES}) == len(FILTER_CHOICES)


def test_tooltips_say_what_a_cell_means() -> None:
    soon = MOMENT + timedelta(minutes=5)
    assert cell_tooltip(snapshot(has_password=False), PASSWORD_COLUMN, MOMENT) == "No password: cannot sign in."
    status = cell_tooltip(snapshot(disabled=True, locked_until=soon), STATUS_COLUMN, MOMENT)
    assert status is not None and status.startswith("Disabled") and f"until {local_time(soon)}" in status
    assert cell_tooltip(snapshot(), STATUS_COLUMN, MOMENT) is None  # nothing to explain
    age = cell_tooltip(snapshot(password_updated_at=MOMENT), PASSWORD_AGE_COLUMN, MOMENT)
    assert age == f"Password set {local_time(MOMENT)}"
