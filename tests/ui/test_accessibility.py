"""Every interactive control of every window and dialog has an accessible name (what Qt derives from a
button's text or a field's label counts; an empty name fails); status and errors are announced."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from homelog_desktop.services.transfer import OnExisting, read_import_file
from homelog_desktop.ui.accessibility import announcements
from homelog_desktop.ui.dialogs.about import AboutDialog
from homelog_desktop.ui.dialogs.account import AccountDialog
from homelog_desktop.ui.dialogs.check_password import CheckPasswordDialog
from homelog_desktop.ui.dialogs.database_settings import DatabaseSettingsDialog
from homelog_desktop.ui.dialogs.export import ExportDialog
from homelog_desktop.ui.dialogs.first_run import FirstRunDialog
from homelog_desktop.ui.dialogs.import_review import ImportReviewDialog
from homelog_desktop.ui.dialogs.new_password import NewPasswordDialog
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.dialogs.sign_in import SignInDialog
from homelog_desktop.ui.main_window.window import MainWindow
from tests.helpers.ui import run, seed, select_email, settle_view

INTERACTIVE = (
    QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractSlider, QTabBar,
    QTextEdit, QPlainTextEdit,
)


def parts_of_another_control(widget: QWidget) -> bool:
    """Qt's own pieces of a control, named through the control: a spin box's or combo box's line edit, a
    table's headers, corner button and scroll bars, a toolbar's overflow arrow."""
    if isinstance(widget, (QHeaderView, QScrollBar)) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    """The interactive widgets shown in `root` whose accessible name is empty."""
    missing = []
    for widget in (root, *root.findChildren(QWidget)):
        if not isinstance(widget, INTERACTIVE) or (not widget.isVisibleTo(root) and widget is not root):
            continue
        if parts_of_another_control(widget):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None, widget
        if not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def checked(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_every_control_of_the_main_window_is_named(qtbot: QtBot, window: MainWindow) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", "Ann-pass-1234"))
    assert unnamed(window) == []
    # Its named parts say what they are.
    assert window.statusBar().accessibleName() == "Status"
    assert window.table.accessibleName()
    assert window.search_row.field.accessibleDescription()


def test_every_control_of_every_dialog_is_named(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    seed(qtbot, window, ("ann@example.org", "Ann", "Ann-pass-1234"))
    select_email(qtbot, window, "ann@example.org")
    account = window.table.selected_account()
    assert account is not None
    dialogs: list[QWidget] = [
        AccountDialog(parent=None),
        AccountDialog(parent=None, account=account),
        PasswordDialog(parent=None, account_label="ann@example.org", offer_temporary=True),
        NewPasswordDialog(parent=None, account_label="ann@example.org", scheme="bcrypt", user_inputs=()),
        CheckPasswordDialog(parent=None, account_label="ann@example.org"),
        SignInDialog(parent=None, database_name="homelog.db", email="ann@example.org"),
        FirstRunDialog(parent=None, database_name="homelog.db", has_accounts=True, scheme="bcrypt"),
        DatabaseSettingsDialog(parent=None, scheme="bcrypt", explicitly_set=False, holds_argon2=False),
        AboutDialog(parent=None, database_path=tmp_path / "homelog.db"),
        ExportDialog(parent=window, scope="all 1 accounts"),
    ]
    source = tmp_path / "people.csv"
    source.write_text("email,username\nbob@example.org,Bob\nann@example.org,Ann\n")
    workspace = window.workspace
    assert workspace is not None
    plan = run(qtbot, workspace.transfer.plan_import(run(qtbot, read_import_file(source)), OnExisting.SKIP))
    dialogs.append(ImportReviewDialog(parent=window, plan=plan, start=window.operations.start))
    history = window.view_actions.show_history()
    readiness = window.view_actions.show_readiness()
    assert history is not None and readiness is not None
    settle_view(qtbot, history)
    settle_view(qtbot, readiness)
    missing = {}
    for dialog in dialogs:
        checked(qtbot, dialog)
    for dialog in (*dialogs, history, readiness):
        found = unnamed(dialog)
        if found:
            missing[dialog.objectName()] = found
    assert missing == {}
    history.close()
    readiness.close()


def test_the_eye_and_the_rules_say_what_they_are_in_words(qtbot: QtBot, loop: qasync.QEventLoop) -> None:
    dialog = checked(qtbot, PasswordDialog(parent=None, account_label="ann@example.org"))
    assert isinstance(dialog, PasswordDialog)
    eye = dialog.password_field.findChild(QAbstractButton)
    assert eye is not None and eye.accessibleName() == "Show password" and eye.accessibleDescription()
    eye.click()
    assert eye.accessibleName() == "Hide password"
    dialog.password_field.setText("short")
    names = [label.accessibleName() for label in dialog.rule_labels]
    assert any(name.endswith(": not met") for name in names) and any(name.endswith(": met") for name in names)
    assert all(label.accessibleDescription() for label in dialog.rule_labels)
    assert all(label.text().endswith(("met", "not met")) for label in dialog.rule_labels)


def test_status_messages_and_errors_are_announced(qtbot: QtBot, window: MainWindow) -> None:
    heard: list[tuple[str, bool]] = []
    announcements().said.connect(lambda text, urgent: heard.append((text, urgent)))
    window.operations.tell("Created ann@example.org.")
    assert ("Created ann@example.org.", False) in heard
    dialog = checked(qtbot, AccountDialog(parent=window))
    assert isinstance(dialog, AccountDialog)
    dialog.show_error("An account with this email already exists.")
    assert ("An account with this email already exists.", True) in heard  # an error: said at once
    dialog.reject()
    readiness = window.view_actions.show_readiness()
    assert readiness is not None
    settle_view(qtbot, readiness)
    assert (readiness.summary_label.text(), False) in heard  # the view's summary, once read
    assert readiness.summary_label.text() == "There are no accounts."
    readiness.close()
