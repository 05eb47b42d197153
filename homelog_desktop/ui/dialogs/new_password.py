"""Choose a new password: asked of an administrator who signed in with a temporary one."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from homelog_desktop.services.passwords.policy import HashScheme
from homelog_desktop.ui.dialogs.password import PasswordDialog
from homelog_desktop.ui.translation import QT_TRANSLATE_NOOP, translate

INTRO = QT_TRANSLATE_NOOP(
    "PasswordDialog", "Your password was set by another administrator and must be changed before you continue."
)


class NewPasswordDialog(PasswordDialog):
    """The password dialog with a word of why: the administrator picks their own before going on."""

    def __init__(
        self, *, parent: QWidget | None, account_label: str, scheme: HashScheme, user_inputs: Iterable[str | None]
    ) -> None:
        super().__init__(
            parent=parent, account_label=account_label, scheme=scheme, user_inputs=user_inputs,
            intro=translate("PasswordDialog", INTRO), title=translate("PasswordDialog", "Choose a new password"),
        )
