"""Every action of the window, declared once: its text, shortcuts, icon, tool tip, where it shows (menu,
toolbar, context menu) and when it is enabled. Menus, toolbar, context menu and the enabling are derived
from this table (menus.py); what an action does lives in the topic modules, found by the action's key."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from homelog_desktop.services.account import ROLE_ADMINISTRATOR, Account
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP

READ_ONLY_NOTE = QT_TRANSLATE_NOOP("Actions", "The database is open read-only.")
# What an action does: return a coroutine (run as an owned operation, the action disabled until it
# ends), or do it at once (and return anything else).
Handler = Callable[[], object]
Key = QKeySequence.StandardKey
# A key as text ("Ctrl+P"), or a standard key (every binding the platform gives it). A standard key is used
# alone where one exists: adding its usual key as text again would bind that key twice on the platforms
# where the two agree (Qt then reports "Ambiguous shortcut overload" and the key does nothing).
Shortcut = str | QKeySequence.StandardKey
# Texts and tips are English sources, translated (context "Actions") when the QActions are made (menus.py).
_T = QT_TRANSLATE_NOOP


class Need(enum.Flag):
    """What an action needs to be enabled."""

    NOTHING = 0
    DATABASE = enum.auto()  # a database is open
    WRITABLE = enum.auto()  # a database is open, and can be written (the tool tip says so when not)
    IDLE = enum.auto()  # no operation runs
    SELECTION = enum.auto()  # an account is selected (and its row is loaded), or several for `many`
    SIGNED_IN = enum.auto()  # an administrator signed in
    WAITING = enum.auto()  # no database is shown, and one waits for a sign-in that was cancelled


@dataclass(frozen=True, slots=True)
class WindowState:
    """What decides which actions are enabled: the database, the work running, the selected account."""

    database: bool = False
    writable: bool = False
    idle: bool = True
    signed_in: bool = False
    account: Account | None = None  # the selected account when one alone is selected
    waiting: bool = False  # a database was opened, but its sign-in (or first run) was cancelled
    selected: int = 0  # how many accounts are selected (Ctrl+A: also those on pages not loaded)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action. `key` names it: its implementation is found by it, its objectName is "action" + the
    key in CamelCase. `menu`/`group` place it in a menu (groups are set apart by separators), `toolbar`
    and `context` in the toolbar and the table's context menu (by group too)."""

    key: str
    text: str
    menu: str
    group: int
    tip: str | None = None
    shortcuts: tuple[Shortcut, ...] = ()
    icon: str | None = None
    needs: Need = Need.NOTHING
    account: Callable[[Account], bool] | None = None  # what the selected account must be
    toolbar: int | None = None
    context: int | None = None
    context_if_enabled: bool = False  # shown in the context menu only when it applies
    managed: bool = False  # enabled and named by its implementation (Undo, Redo), not by `needs`
    many: bool = False  # also applies to several selected accounts at once (one confirmation for all)

    @property
    def object_name(self) -> str:
        """"actionNewUser" for "new_user"."""
        return "action" + "".join(part.title() for part in self.key.split("_"))

    def key_sequences(self) -> list[QKeySequence]:
        """The keys of the action on this platform, each once: every binding of a standard key, then the
        keys given as text that no standard key bound already."""
        sequences: list[QKeySequence] = []
        for shortcut in self.shortcuts:
            found = [QKeySequence(shortcut)] if isinstance(shortcut, str) else QKeySequence.keyBindings(shortcut)
            sequences.extend(key for key in found if not key.isEmpty() and key not in sequences)
        return sequences

    def enabled_in(self, state: WindowState) -> bool:
        """Whether the action can run in this state."""
        needs = self.needs
        return not (
            (Need.DATABASE in needs and not state.database)
            or (Need.WRITABLE in needs and not state.writable)
            or (Need.IDLE in needs and not state.idle)
            or (Need.SIGNED_IN in needs and not state.signed_in)
            or (Need.WAITING in needs and (state.database or not state.waiting))
            or (Need.SELECTION in needs and not self._applies_to_selection(state))
        )

    def _applies_to_selection(self, state: WindowState) -> bool:
        if self.many and state.selected > 1:
            return True
        return state.account is not None and (self.account is None or self.account(state.account))

    def says_read_only(self, state: WindowState) -> bool:
        """Whether the tool tip should say the action is unavailable because the database is read-only."""
        return Need.WRITABLE in self.needs and state.database and not state.writable


MENUS = (
    ("file", _T("Menus", "&File")), ("edit", _T("Menus", "&Edit")), ("account", _T("Menus", "&Account")),
    ("view", _T("Menus", "&View")), ("help", _T("Menus", "&Help")),
)

_ACCOUNT = Need.DATABASE | Need.IDLE | Need.SELECTION  # a change to the selected account...
_WRITE = _ACCOUNT | Need.WRITABLE  # ...that writes


def _is_administrator(account: Account) -> bool:
    return account.role == ROLE_ADMINISTRATOR


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("new_database", _T("Actions", "&New database…"), "file", 0,
               _T("Actions", "Create an empty database file"),
               shortcuts=("Ctrl+Shift+N",)),
    ActionSpec("open_database", _T("Actions", "&Open database…"), "file", 0,
               _T("Actions", "Open another database file"), shortcuts=(Key.Open,)),
    ActionSpec("connect_server", _T("Actions", "&Connect to server…"), "file", 0,
               _T("Actions", "Open a database on a PostgreSQL server")),
    ActionSpec("open_recent", _T("Actions", "Open recen&t"), "file", 0, _T("Actions", "Open a database used before")),
    ActionSpec("sign_in", _T("Actions", "&Sign in…"), "file", 1,
               _T("Actions", "Sign in to the database whose sign-in was cancelled"),
               needs=Need.WAITING),
    ActionSpec("database_settings", _T("Actions", "&Database settings…"), "file", 1,
               _T("Actions", "How new passwords of this database are hashed"),
               needs=Need.WRITABLE | Need.IDLE),
    ActionSpec("sign_out", _T("Actions", "Sign o&ut"), "file", 1,
               _T("Actions", "Hide the accounts until an administrator signs in again"),
               shortcuts=("Ctrl+L",), needs=Need.DATABASE | Need.SIGNED_IN),
    ActionSpec("back_up", _T("Actions", "&Back up…"), "file", 2,
               _T("Actions", "Save a copy of the whole database in a new file"),
               needs=Need.DATABASE),
    ActionSpec("restore", _T("Actions", "&Restore…"), "file", 2,
               _T("Actions", "Bring back the accounts of a backup (a file is replaced by it, the current one "
                  "kept; on a server nothing is deleted)"),
               needs=Need.WRITABLE),
    ActionSpec("export", _T("Actions", "&Export…"), "file", 2,
               _T("Actions", "Write the accounts shown to a CSV or JSON file"), needs=Need.DATABASE),
    ActionSpec("export_selected", _T("Actions", "E&xport selected…"), "file", 2,
               _T("Actions", "Write the selected accounts to a CSV or JSON file"),
               needs=Need.DATABASE | Need.IDLE | Need.SELECTION, many=True),
    ActionSpec("import", _T("Actions", "&Import…"), "file", 2,
               _T("Actions", "Add accounts from a CSV or JSON file, all or none"),
               needs=Need.WRITABLE),
    ActionSpec("quit", _T("Actions", "&Quit"), "file", 3, _T("Actions", "Quit HomeLog Desktop"), shortcuts=(Key.Quit,)),
    # Edit
    ActionSpec("undo", _T("Actions", "&Undo"), "edit", 0, shortcuts=(Key.Undo,), managed=True),
    ActionSpec("redo", _T("Actions", "&Redo"), "edit", 0, shortcuts=(Key.Redo,), managed=True),
    # Account
    ActionSpec("new_user", _T("Actions", "&New account…"), "account", 0, _T("Actions", "Add an account"),
               shortcuts=(Key.New,), icon="user-new",
               needs=Need.WRITABLE | Need.IDLE, toolbar=0),
    ActionSpec("edit_user", _T("Actions", "&Edit account…"), "account", 0,
               _T("Actions", "Edit the email and name of the selected account"),
               shortcuts=("F2",), icon="user-edit", needs=_WRITE, toolbar=0, context=0),
    ActionSpec("delete_user", _T("Actions", "&Delete account…"), "account", 0,
               _T("Actions", "Delete the selected account"),
               shortcuts=(Key.Delete,), icon="user-delete", needs=_WRITE, toolbar=0, context=0, many=True),
    ActionSpec("set_password", _T("Actions", "&Set password…"), "account", 1,
               _T("Actions", "Set a new password for the selected account"),
               shortcuts=("Ctrl+P",), icon="password-set", needs=_WRITE, toolbar=1, context=1),
    ActionSpec("remove_password", _T("Actions", "&Remove password…"), "account", 1,
               _T("Actions", "Remove the password of the selected account"),
               icon="password-remove", needs=_WRITE, account=lambda a: a.has_password, context=1),
    ActionSpec("check_password", _T("Actions", "&Check password…"), "account", 1,
               _T("Actions", "Check whether a password is the selected account's"), shortcuts=("Ctrl+K",),
               icon="password-check",
               needs=_ACCOUNT, account=lambda a: a.has_password, toolbar=1, context=1),
    ActionSpec("make_administrator", _T("Actions", "Make &administrator"), "account", 2,
               _T("Actions", "Let the selected account sign in here and manage the accounts"), needs=_WRITE,
               account=lambda a: not _is_administrator(a), context=2, context_if_enabled=True),
    ActionSpec("make_member", _T("Actions", "Make &member"), "account", 2,
               _T("Actions", "Make the selected administrator a member again"),
               needs=_WRITE, account=_is_administrator, context=2, context_if_enabled=True, many=True),
    ActionSpec("disable", _T("Actions", "D&isable account"), "account", 2,
               _T("Actions", "Keep the selected account from signing in (it keeps its password)"), needs=_WRITE,
               account=lambda a: not a.disabled, context=2, context_if_enabled=True, many=True),
    ActionSpec("enable", _T("Actions", "Ena&ble account"), "account", 2,
               _T("Actions", "Let the selected disabled account sign in again"),
               needs=_WRITE, account=lambda a: a.disabled, context=2, context_if_enabled=True, many=True),
    ActionSpec("unlock", _T("Actions", "&Unlock account"), "account", 2,
               _T("Actions", "End the lock after too many failed sign-ins, and forget those failures"), needs=_WRITE,
               account=lambda a: a.locked_until is not None, context=2, context_if_enabled=True, many=True),
    ActionSpec("require_password_change", _T("Actions", "Re&quire a new password…"), "account", 2,
               _T("Actions", "Ask the selected accounts to choose a new password at their next sign-in"), needs=_WRITE,
               account=lambda a: not a.must_change_password, context=2, context_if_enabled=True, many=True),
    # View
    ActionSpec("find", _T("Actions", "&Find…"), "view", 0, _T("Actions", "Search accounts"), shortcuts=(Key.Find,),
               needs=Need.DATABASE),
    ActionSpec("refresh", _T("Actions", "&Refresh"), "view", 0, _T("Actions", "Read the accounts again"),
               shortcuts=(Key.Refresh, "Ctrl+R"),
               icon="refresh", needs=Need.DATABASE, toolbar=2),
    ActionSpec("history", _T("Actions", "&History…"), "view", 1,
               _T("Actions", "Every change to an account and every sign-in: who, when, what"),
               shortcuts=("Ctrl+H",), needs=Need.DATABASE),
    ActionSpec("account_history", _T("Actions", "History of this a&ccount…"), "view", 1,
               _T("Actions", "What happened to the selected account"),
               shortcuts=("Ctrl+Shift+H",), needs=Need.DATABASE | Need.SELECTION, context=3),
    ActionSpec("readiness", _T("Actions", "Sign-in r&eadiness…"), "view", 1,
               _T("Actions", "Which accounts can sign in, and why the others cannot"),
               needs=Need.DATABASE),
    # Help
    ActionSpec("about", _T("Actions", "&About HomeLog Desktop"), "help", 0,
               _T("Actions", "Version, database in use and licences")),
)
