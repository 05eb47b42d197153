"""What the window says about the table's rows: how many are shown, and why none are."""

from __future__ import annotations

from homelog_desktop.services.accounts import AccountFilter
from homelog_desktop.ui.accounts_table.model import AccountsTableModel
from homelog_desktop.ui.translation import number, translate


def _shown_filter(model: AccountsTableModel) -> str:
    choice = model.filter_choice
    return "" if choice.filter == AccountFilter.ALL else f" ({choice.shown_label})"


def count_text(model: AccountsTableModel, *, has_database: bool) -> str:
    """The status bar's count: "12 accounts", "2 of 12 accounts match “ann” (Disabled)"."""
    if not has_database:
        return translate("AccountsTable", "No database open")
    if model.counting:  # the first rows are shown; how many there are in all is still being read
        return translate("AccountsTable", "Counting accounts…")
    total, everything, search = model.total, model.total_unfiltered, model.query.search
    shown = _shown_filter(model)
    if search:
        return translate("AccountsTable", "{total} of %Ln account(s) match “{search}”", None, everything).format(
            total=number(total), search=search) + shown
    if shown:
        return translate("AccountsTable", "{total} of %Ln account(s)", None,
            everything).format(total=number(total)) + shown
    return translate("AccountsTable", "%Ln account(s)", None, total)


def empty_text(model: AccountsTableModel) -> str | None:
    """Why the table is empty ("No account is locked."), or None while it is not (or is still reading)."""
    if model.total or model.loading:
        return None
    if model.query.search:
        return translate("AccountsTable", "No account matches the search{filter}.").format(filter=_shown_filter(model))
    return model.filter_choice.shown_empty
