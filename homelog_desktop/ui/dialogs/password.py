"""Set a password: password and confirmation, show/hide, a live checklist of the policy's rules,
a generator, a strength meter and a copy button whose clipboard copy does not outlive its use."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from homelog_desktop.services.passwords.generator import (
    DEFAULT_GENERATED_LENGTH,
    MIN_GENERATED_LENGTH,
    generate_password,
)
from homelog_desktop.services.passwords.policy import HOMELOG_LOGIN_MAX_CHARS, HashScheme, check_rules
from homelog_desktop.services.passwords.strength import MAX_SCORE, estimate_strength
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.strength_words import crack_time_text, hint_text
from homelog_desktop.ui.translation import translate, translated
from homelog_desktop.ui.widgets import password_field, set_role

MET = "✓"
UNMET = "✗"

# The meter's colour follows its "strength" property (0..4); kept on the bar so it needs no app stylesheet.
STRENGTH_BAR_STYLE = """
QProgressBar#strengthBar {
    border: 1px solid rgba(96, 125, 139, 130);
    border-radius: 3px;
    background: rgba(120, 144, 156, 30);
    max-height: 8px;
}
QProgressBar#strengthBar::chunk { border-radius: 2px; background: #c62828; }
QProgressBar#strengthBar[strength="1"]::chunk { background: #ef6c00; }
QProgressBar#strengthBar[strength="2"]::chunk { background: #f9a825; }
QProgressBar#strengthBar[strength="3"]::chunk { background: #7cb342; }
QProgressBar#strengthBar[strength="4"]::chunk { background: #2e7d32; }
"""


def rule_state(rule: str, met: bool) -> str:
    """A rule of the checklist with whether the password meets it, in words."""
    state = translate("PasswordDialog", "met") if met else translate("PasswordDialog", "not met")
    return translate("PasswordDialog", "{rule}: {state}").format(rule=rule, state=state)


def _digest(text: str) -> bytes:
    """What the dialog remembers of a copied password: enough to recognise it, not to recover it."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _button(text: str, name: str, tip: str, *, lock: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.setToolTip(tip)
    if lock:
        button.setProperty("lockWhileBusy", True)
    return button


class PasswordDialog(FormDialog):
    """Ask for a new password twice; OK only when it meets every rule and both entries match.

    `scheme` ("bcrypt" or "argon2id") chooses the length rule of the checklist; `user_inputs` (the
    account's email and name) are words the strength estimate treats as known to an attacker.
    """

    # How long a copied password stays on the clipboard (unless the dialog closes first).
    CLIPBOARD_CLEAR_MS = 30_000
    # The strength estimate waits for a pause in typing (it takes up to ~0.1 s on long input).
    STRENGTH_DELAY_MS = 150
    MAX_GENERATED_LENGTH = 64

    def __init__(
        self,
        *,
        parent: QWidget | None,
        account_label: str,
        scheme: HashScheme = "bcrypt",
        user_inputs: Iterable[str | None] = (),
        offer_temporary: bool = False,
        intro: str = "",
        title: str = "",
    ) -> None:
        title = title or translate("PasswordDialog", "Set password for {account}").format(account=account_label)
        super().__init__(parent=parent, title=title, ok_text=translate("PasswordDialog", "Set password"))
        self.setObjectName("passwordDialog")
        if intro:
            intro_label = QLabel(intro)
            intro_label.setObjectName("introLabel")
            intro_label.setWordWrap(True)
            self.form_area.addWidget(intro_label)
        self.scheme: HashScheme = scheme
        check_rules("", scheme)  # ValueError for an unknown scheme, before any widget is built
        self._user_inputs = tuple(text for text in user_inputs if text)
        self._copied_digest: bytes | None = None
        self._copied_current = False
        form = QFormLayout()
        self._add_fields(form)
        form.addRow("", self._tools())
        strength_title = QLabel(translate("PasswordDialog", "Strength:"))
        strength_title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(strength_title, self._strength_meter())
        self.form_area.addLayout(form)
        self.form_area.addSpacing(6)
        self.form_area.addLayout(self._checklist())
        # A password an administrator gives someone else: that person picks their own at the next sign-in.
        self.temporary_check = QCheckBox(translate("PasswordDialog", "&Temporary: to be changed at the next sign-in"))
        self.temporary_check.setToolTip(translate("PasswordDialog",
            "The account must choose its own password the next time it signs in here"))
        self.temporary_check.setObjectName("temporaryCheck")
        self.temporary_check.setProperty("lockWhileBusy", True)
        self.temporary_check.setVisible(offer_temporary)
        self.form_area.addWidget(self.temporary_check)
        self.setMinimumWidth(460)
        self._connect()
        self._update_strength()
        self._refresh()

    # Building the form

    def _add_fields(self, form: QFormLayout) -> None:
        self.password_field = password_field("passwordField")
        self.confirm_field = password_field("confirmField")
        toggle = self.password_field.findChild(QAction, "passwordFieldToggle")
        assert toggle is not None  # password_field() adds it
        self.show_toggle = toggle
        # Showing one shows both, so the user can compare them.
        self.show_toggle.toggled.connect(
            lambda shown: self.confirm_field.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        form.addRow(translate("PasswordDialog", "&Password:"), self.password_field)
        form.addRow(translate("PasswordDialog", "&Confirm:"), self.confirm_field)

    def _tools(self) -> QHBoxLayout:
        self.generate_button = _button(
            translate("PasswordDialog", "&Generate"), "generateButton", translate("PasswordDialog",
                "Fill both fields with a new random password that meets every rule"),
            lock=True,
        )
        self.length_spin = QSpinBox()
        self.length_spin.setObjectName("lengthSpin")
        self.length_spin.setRange(MIN_GENERATED_LENGTH, self.MAX_GENERATED_LENGTH)
        self.length_spin.setValue(DEFAULT_GENERATED_LENGTH)
        self.length_spin.setSuffix(translate("PasswordDialog", " characters"))
        self.length_spin.setProperty("lockWhileBusy", True)
        self.length_spin.setToolTip(translate("PasswordDialog", "Length of generated passwords"))
        self.length_spin.setAccessibleName(translate("PasswordDialog", "Length of generated passwords"))
        self.copy_button = _button(
            translate("PasswordDialog", "C&opy"), "copyButton",
            translate("PasswordDialog", "Copy the password to the clipboard once; it is cleared from there after "
                      "{seconds} s or when this dialog closes").format(seconds=round(self.CLIPBOARD_CLEAR_MS / 1000)),
        )
        tools = QHBoxLayout()
        tools.addWidget(self.generate_button)
        tools.addWidget(self.length_spin)
        tools.addStretch(1)
        tools.addWidget(self.copy_button)
        return tools

    def _strength_meter(self) -> QVBoxLayout:
        self.strength_bar = QProgressBar()
        self.strength_bar.setObjectName("strengthBar")
        self.strength_bar.setRange(0, MAX_SCORE)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setStyleSheet(STRENGTH_BAR_STYLE)
        self.strength_bar.setAccessibleName(translate("PasswordDialog", "Password strength"))
        self.strength_bar.setAccessibleDescription(
            translate("PasswordDialog", "From 0 (very weak) to {top} (very strong)").format(top=MAX_SCORE))
        self.strength_label = QLabel()
        self.strength_label.setObjectName("strengthLabel")
        self.strength_label.setWordWrap(True)
        self.strength_label.setProperty("role", "hint")
        strength = QVBoxLayout()
        strength.setSpacing(3)
        strength.setContentsMargins(0, 5, 0, 0)  # the bar in line with the middle of "Strength:"
        strength.addWidget(self.strength_bar)
        strength.addWidget(self.strength_label)
        return strength

    def _checklist(self) -> QVBoxLayout:
        # The rules in two columns, so that the dialog fits a small (or doubled) screen.
        self.rule_labels: list[QLabel] = []
        rules = QGridLayout()
        rules.setVerticalSpacing(2)
        rules.setHorizontalSpacing(18)
        listed = check_rules("", self.scheme)
        per_column = (len(listed) + 1) // 2
        for index, (rule, _met) in enumerate(listed):
            label = QLabel(translated(rule.label))
            label.setObjectName(f"rule{index}")
            label.setAccessibleDescription(translate("PasswordDialog", "A rule the new password must meet"))
            self.rule_labels.append(label)
            rules.addWidget(label, index % per_column, index // per_column)
        self.match_label = QLabel()
        self.match_label.setObjectName("matchLabel")
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counterLabel")
        self.counter_label.setProperty("role", "hint")
        self.counter_label.setWordWrap(True)  # the note on home-log's limit is long
        checklist = QVBoxLayout()
        checklist.setSpacing(2)
        checklist.addLayout(rules)
        checklist.addWidget(self.match_label)
        checklist.addWidget(self.counter_label)
        return checklist

    def _connect(self) -> None:
        self._strength_timer = QTimer(self)
        self._strength_timer.setSingleShot(True)
        self._strength_timer.timeout.connect(self._update_strength)
        self._clipboard_timer = QTimer(self)
        self._clipboard_timer.setSingleShot(True)
        self._clipboard_timer.timeout.connect(self._clear_clipboard)
        self.generate_button.clicked.connect(self._generate)
        self.copy_button.clicked.connect(self._copy)
        self.password_field.textChanged.connect(self._password_changed)
        self.password_field.textChanged.connect(self._refresh)
        self.confirm_field.textChanged.connect(self._refresh)

    # Following what is typed

    def _password_changed(self) -> None:
        self._copied_current = False
        self._strength_timer.start(self.STRENGTH_DELAY_MS)

    def _update_strength(self) -> None:
        self._strength_timer.stop()
        password = self.password_field.text()
        estimate = estimate_strength(password, self._user_inputs)
        self.strength_bar.setValue(estimate.score)
        if self.strength_bar.property("strength") != estimate.score:
            self.strength_bar.setProperty("strength", estimate.score)
            self.strength_bar.style().unpolish(self.strength_bar)
            self.strength_bar.style().polish(self.strength_bar)
        if password:
            text = translate("PasswordDialog", "{strength}: {time} to crack from a stolen database.").format(
                strength=translated(estimate.label), time=crack_time_text(estimate.crack_time))
            if estimate.hint:
                text += " " + hint_text(estimate.hint)
        else:
            text = hint_text(estimate.hint)
        self.strength_label.setText(text)
        self.refit()

    def _generate(self) -> None:
        """Fill both fields with a new password and show it (the user has to see it to keep it)."""
        password = generate_password(self.length_spin.value(), self.scheme)
        self.show_toggle.setChecked(True)
        self.password_field.setText(password)
        self.confirm_field.setText(password)
        self._update_strength()

    def _copy(self) -> None:
        """Put the password on the clipboard, once; it is taken off again after CLIPBOARD_CLEAR_MS."""
        password = self.password_field.text()
        if not password:
            return
        QGuiApplication.clipboard().setText(password)
        self._copied_digest = _digest(password)
        self._copied_current = True
        self._clipboard_timer.start(self.CLIPBOARD_CLEAR_MS)
        self._refresh()

    def _clear_clipboard(self) -> None:
        """Empty the clipboard if it still holds the copied password (never what the user copied since)."""
        self._clipboard_timer.stop()
        if self._copied_digest is None:
            return
        clipboard = QGuiApplication.clipboard()
        if _digest(clipboard.text()) == self._copied_digest:
            clipboard.clear()
        self._copied_digest = None

    def _refresh(self) -> None:
        password = self.password_field.text()
        self.copy_button.setEnabled(bool(password) and not self._copied_current)
        self.copy_button.setText(translate("PasswordDialog",
            "Copied") if self._copied_current and password else translate("PasswordDialog", "C&opy"))
        for label, (rule, met) in zip(self.rule_labels, check_rules(password, self.scheme), strict=True):
            # Met or not in words, not only by colour and glyph; a screen reader hears the words.
            state = rule_state(translated(rule.label), met)
            label.setText(f"{MET if met else UNMET}  {state}")
            if label.accessibleName() != state:
                label.setAccessibleName(state)
            set_role(label, "met" if met else "unmet")
        confirm = self.confirm_field.text()
        if not confirm:
            self.match_label.setText(translate("PasswordDialog", "Type the password again to confirm it."))
            set_role(self.match_label, "hint")
        elif confirm == password:
            self.match_label.setText(f"{MET}  " + translate("PasswordDialog", "Both entries match"))
            set_role(self.match_label, "met")
        else:
            self.match_label.setText(f"{UNMET}  " + translate("PasswordDialog", "The entries do not match"))
            set_role(self.match_label, "unmet")
        characters = len(password)
        counts = translate("PasswordDialog", "%n character(s), {bytes} bytes in UTF-8", None, characters).format(
            bytes=len(password.encode("utf-8")))
        if len(password) > HOMELOG_LOGIN_MAX_CHARS:
            counts += translate("PasswordDialog",
                ". home-log's JSON sign-in accepts at most {limit} characters").format(
                limit=HOMELOG_LOGIN_MAX_CHARS)
        self.counter_label.setText(counts)
        self.update_ok_button()

    def field_for_error(self, text: str) -> QWidget:
        """A refused password (or a failed save) is typed again where it was typed."""
        return self.password_field

    # What the caller reads

    def can_submit(self) -> bool:
        password = self.password_field.text()
        return all(met for _rule, met in check_rules(password, self.scheme)) and password == self.confirm_field.text()

    def password(self) -> str:
        """The new password (only read it to hand it to the service)."""
        return self.password_field.text()

    def temporary(self) -> bool:
        """Whether the password is temporary (offered, and ticked)."""
        return self.temporary_check.isVisibleTo(self) and self.temporary_check.isChecked()

    def done(self, result: int) -> None:
        """Clear the fields whenever the dialog closes, so the password does not linger in memory,
        and the clipboard if it still holds a password copied here."""
        self.password_field.clear()
        self.confirm_field.clear()
        self._update_strength()
        self._clear_clipboard()
        super().done(result)
