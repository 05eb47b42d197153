"""The action table: every action declared once, with a unique key and object name, and the rules that
say when each is enabled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from homelog_desktop.services.account import ROLE_ADMINISTRATOR, ROLE_MEMBER
from homelog_desktop.services.accounts import Account
from homelog_desktop.ui.main_window.action_table import ACTIONS, MENUS, Need, WindowState

MOMENT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
SPECS = {spec.key: spec for spec in ACTIONS}


def account(**fields: object) -> Account:
    values: dict[str, object] = {
        "id": 1, "email": "a@example.org", "username": None, "has_password": True, "created_at": MOMENT,
        "updated_at": MOMENT, "role": ROLE_MEMBER, **fields,
    }
    return Account(**values)  # type: ignore[arg-type]


def enabled(state: WindowState) -> set[str]:
    return {spec.key for spec in ACTIONS if not spec.managed and spec.enabled_in(state)}


def test_every_action_is_declared_once_with_the_object_name_tests_and_styles_know() -> None:
    assert len(SPECS) == len(ACTIONS)
    assert [spec.object_name for spec in ACTIONS] == [
        "actionNewDatabase", "actionOpenDatabase", "actionConnectServer", "actionOpenRecent", "actionSignIn",
            "actionDatabaseSettings", "actionSignOut",
        "actionBackUp",
        "actionRestore", "actionExport", "actionExportSelected", "actionImport", "actionQuit", "actionUndo",
        "actionRedo",
        "actionNewUser", "actionEditUser", "actionDeleteUser", "actionSetPassword", "actionRemovePassword",
        "actionCheckPassword", "actionMakeAdministrator", "actionMakeMember", "actionDisable", "actionEnable",
        "actionUnlock", "actionRequirePasswordChange", "actionFind", "actionRefresh", "actionHistory",
        "actionAccountHistory", "actionReadiness",
        "actionAbout",
    ]
    assert {spec.menu for spec in ACTIONS} == {key for key, _title in MENUS}
    assert all(spec.tip or spec.managed for spec in ACTIONS)  # every action says what it does


def test_shortcuts_are_real_keys_and_no_two_actions_share_one(qapp: QApplication) -> None:
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for shortcut in spec.shortcuts:
            text = QKeySequence(shortcut).toString()
            if not isinstance(shortcut, str) and not text:
                continue  # a standard key this platform binds to nothing (Quit, offscreen)
            assert text, (spec.key, shortcut)
        for key in spec.key_sequences():  # every binding of its standard keys too
            text = key.toString()
            assert seen.setdefault(text, spec.key) == spec.key, f"{text} is on {seen[text]} and {spec.key}"


def test_no_action_binds_a_key_twice_even_where_a_standard_key_agrees_with_a_text_one(qapp: QApplication) -> None:
    for spec in ACTIONS:
        texts = [key.toString() for key in spec.key_sequences()]
        assert len(texts) == len(set(texts)), (spec.key, texts)
    assert SPECS["quit"].shortcuts == (QKeySequence.StandardKey.Quit,)  # never Quit and "Ctrl+Q" together
    refresh = [key.toString() for key in SPECS["refresh"].key_sequences()]
    assert refresh.count("Ctrl+R") == 1 and "F5" in refresh


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" (Alt+letter), lower case; None without one."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if at >= 0 and at + 1 < len(plain) else None


def test_every_menu_entry_has_a_mnemonic_of_its_own_and_so_has_every_menu() -> None:
    for menu, _title in MENUS:
        letters = [mnemonic(spec.text) for spec in ACTIONS if spec.menu == menu]
        assert None not in letters, menu
        assert len(letters) == len(set(letters)), (menu, letters)
    titles = [mnemonic(title) for _key, title in MENUS]
    assert None not in titles and len(titles) == len(set(titles))


def test_without_a_database_only_opening_one_and_leaving_work() -> None:
    assert enabled(WindowState()) == {"new_database", "open_database", "connect_server", "open_recent", "quit", "about"}


def test_a_writable_database_with_a_member_selected() -> None:
    state = WindowState(database=True, writable=True, account=account())
    assert enabled(state) == {
        "new_database", "open_database", "connect_server", "open_recent", "quit", "about",
        "database_settings", "back_up", "restore", "export",
        "import", "new_user", "edit_user", "delete_user", "set_password", "remove_password", "check_password",
        "make_administrator", "disable", "find", "refresh", "history", "account_history", "readiness",
        "export_selected", "require_password_change",
    }


def test_what_the_selected_account_is_decides_its_actions() -> None:
    def offered(**fields: object) -> set[str]:
        state = WindowState(database=True, writable=True, account=account(**fields))
        return enabled(state) & {
            "remove_password", "check_password", "make_administrator", "make_member", "disable", "enable", "unlock",
        }

    assert offered(has_password=False) == {"make_administrator", "disable"}
    assert offered(role=ROLE_ADMINISTRATOR) == {"remove_password", "check_password", "make_member", "disable"}
    assert offered(disabled=True) == {"remove_password", "check_password", "make_administrator", "enable"}
    locked = offered(locked_until=MOMENT + timedelta(minutes=1))
    assert "unlock" in locked and "disable" in locked


def test_a_read_only_database_can_be_browsed_and_says_why_it_cannot_be_changed() -> None:
    state = WindowState(database=True, writable=False, account=account())
    assert enabled(state) == {
        "new_database", "open_database", "connect_server", "open_recent", "quit", "about",
        "back_up", "export", "check_password", "find",
        "refresh", "history", "account_history", "readiness", "export_selected",
    }
    assert {spec.key for spec in ACTIONS if spec.says_read_only(state)} == {
        "database_settings", "restore", "import", "new_user", "edit_user", "delete_user", "set_password",
        "remove_password", "make_administrator", "make_member", "disable", "enable", "unlock",
        "require_password_change",
    }
    assert not any(spec.says_read_only(WindowState()) for spec in ACTIONS)  # no database: nothing to explain


def test_while_an_operation_runs_nothing_else_changes_accounts() -> None:
    state = WindowState(database=True, writable=True, idle=False, account=account())
    assert enabled(state) == {
        "new_database", "open_database", "connect_server", "open_recent", "quit", "about",
        "back_up", "restore", "export", "import", "find",
        "refresh", "history", "account_history", "readiness",
    }


@pytest.mark.parametrize(("signed_in", "expected"), [(False, False), (True, True)])
def test_sign_out_needs_someone_signed_in(signed_in: bool, expected: bool) -> None:
    assert SPECS["sign_out"].enabled_in(WindowState(database=True, writable=True, signed_in=signed_in)) is expected
    assert Need.SIGNED_IN in SPECS["sign_out"].needs


def test_sign_in_is_offered_while_no_database_is_shown_and_one_waits_for_a_sign_in() -> None:
    assert "sign_in" in enabled(WindowState(waiting=True))
    assert "sign_in" not in enabled(WindowState())  # nothing to sign in to
    assert "sign_in" not in enabled(WindowState(database=True, writable=True, waiting=True))  # one is shown


def test_several_selected_offer_the_actions_on_all_of_them_and_no_single_one() -> None:
    several = WindowState(database=True, writable=True, selected=3)
    assert enabled(several) & {spec.key for spec in ACTIONS if Need.SELECTION in spec.needs} == {
        "delete_user", "make_member", "disable", "enable", "unlock", "require_password_change", "export_selected",
    }
    read_only = WindowState(database=True, writable=False, selected=3)
    assert enabled(read_only) & {spec.key for spec in ACTIONS if Need.SELECTION in spec.needs} == {"export_selected"}
    busy = WindowState(database=True, writable=True, idle=False, selected=3)
    assert "disable" not in enabled(busy)
