"""Database settings: the scheme new passwords are hashed with, chosen per database.

The dialog only shows and chooses; the caller saves with HashSchemeService.set_scheme when it emits
`submitted`, then calls `accept_saved()` or `show_error()` (see FormDialog).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from homelog_desktop.services.hash_scheme import describe_hash_scheme_choice, hash_scheme_warning
from homelog_desktop.services.passwords.hashing import DEFAULT_BCRYPT_COST
from homelog_desktop.services.passwords.policy import HashScheme
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.translation import translate


class DatabaseSettingsDialog(FormDialog):
    """Choose the database's hash scheme; `chosen_scheme()` gives it. OK is enabled when saving would
    change something: another scheme, or the detected one made the database's setting."""

    def __init__(
        self,
        *,
        parent: QWidget | None,
        scheme: str,
        explicitly_set: bool,
        holds_argon2: bool,
        bcrypt_cost: int = DEFAULT_BCRYPT_COST,
    ) -> None:
        super().__init__(parent=parent, title=translate("Dialogs", "Database settings"), ok_text=translate(
            "Dialogs", "Save"))
        self.setObjectName("databaseSettingsDialog")
        self._initial = scheme
        self._explicitly_set = explicitly_set
        self._holds_argon2 = holds_argon2
        self._bcrypt_cost = bcrypt_cost

        self.scheme_combo = QComboBox()
        self.scheme_combo.setObjectName("schemeCombo")
        self.scheme_combo.addItem(translate("Dialogs", "bcrypt (cost {bcrypt_cost})").format(bcrypt_cost=bcrypt_cost),
            "bcrypt")
        self.scheme_combo.addItem(translate("Dialogs", "Argon2id (as home-log's backend)"), "argon2id")
        self.scheme_combo.setProperty("lockWhileBusy", True)
        index = self.scheme_combo.findData(scheme)
        self.scheme_combo.setCurrentIndex(max(index, 0))

        self.source_label = QLabel(self._source_text())
        self.source_label.setObjectName("schemeSource")
        self.source_label.setWordWrap(True)
        self.explanation_label = QLabel()
        self.explanation_label.setObjectName("schemeExplanation")
        self.explanation_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("schemeWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setProperty("role", "error")
        self.warning_label.hide()

        form = QFormLayout()
        form.addRow(translate("Dialogs", "New passwords are &hashed with:"), self.scheme_combo)
        self.form_area.addLayout(form)
        self.form_area.addWidget(self.source_label)
        self.form_area.addWidget(self.explanation_label)
        self.form_area.addWidget(self.warning_label)
        self.setMinimumWidth(480)

        self.scheme_combo.currentIndexChanged.connect(self._update)
        self._update()

    def _source_text(self) -> str:
        if self._explicitly_set:
            return translate("Dialogs", "This database is set to {_initial}.").format(_initial=self._initial)
        if self._holds_argon2:
            return translate(
                "Dialogs", "No setting yet: {scheme} was chosen because the database holds home-log's Argon2 hashes."
            ).format(scheme=self._initial)
        return translate("Dialogs", "No setting yet: {scheme} is the default.").format(scheme=self._initial)

    def chosen_scheme(self) -> HashScheme:
        """The scheme chosen in the combo: "bcrypt" or "argon2id"."""
        return "argon2id" if self.scheme_combo.currentData() == "argon2id" else "bcrypt"

    def warning(self) -> str | None:
        """The warning shown for the chosen scheme (bcrypt where Argon2 hashes are), else None."""
        return hash_scheme_warning(self.chosen_scheme(), self._holds_argon2)

    def _update(self) -> None:
        scheme = self.chosen_scheme()
        self.explanation_label.setText(describe_hash_scheme_choice(scheme, self._holds_argon2, self._bcrypt_cost))
        warning = self.warning()
        self.warning_label.setText(warning or "")
        self.warning_label.setVisible(warning is not None)
        self.update_ok_button()

    def can_submit(self) -> bool:
        return self.chosen_scheme() != self._initial or not self._explicitly_set
