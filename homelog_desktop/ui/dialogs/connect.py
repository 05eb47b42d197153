"""File > Connect to server: a database on a PostgreSQL server, by host, port, database, user and SSL
mode (with a root certificate for verify-full), or by a service of pg_service.conf. No password here:
libpq finds it (~/.pgpass, PGPASSWORD, the service), else the keyring's, else it is asked for."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from homelog_desktop.errors import InvalidInputError
from homelog_desktop.messages import translatable
from homelog_desktop.services.workspace import DatabaseLocation
from homelog_desktop.ui.dialogs.form import FormDialog
from homelog_desktop.ui.translation import translate
from homelog_desktop.ui.widgets import intro_label

SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable", "allow")
DEFAULT_PORT = 5432


def _line(name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText(placeholder)
    field.setProperty("lockWhileBusy", True)
    return field


class ConnectDialog(FormDialog):
    """Where a server database is; `location()` gives it (InvalidInputError with a sentence when not whole)."""

    def __init__(self, *, parent: QWidget | None) -> None:
        super().__init__(parent=parent, title=translate("Dialogs", "Connect to server"),
                         ok_text=translate("Dialogs", "Connect"))
        self.setObjectName("connectDialog")
        self.form_area.addWidget(intro_label(
            translate("Dialogs", "A home-log database on a PostgreSQL server. The password is not typed here: it "
                      "is read from ~/.pgpass or PGPASSWORD, else the system keyring, else asked for.")
        ))
        self.service_box = QCheckBox(translate("Dialogs", "Use a &service from pg_service.conf"))
        self.service_box.setObjectName("useService")
        self.service_field = _line("serviceName", "homelog")
        self.host_field = _line("serverHost", "localhost")
        self.port_field = QSpinBox()
        self.port_field.setObjectName("serverPort")
        self.port_field.setRange(1, 65535)
        self.port_field.setValue(DEFAULT_PORT)
        self.database_field = _line("serverDatabase", "homelog")
        self.user_field = _line("serverUser", "homelog")
        self.ssl_combo = QComboBox()
        self.ssl_combo.setObjectName("sslMode")
        self.ssl_combo.addItems(SSL_MODES)
        self.root_cert_field = _line("sslRootCert", "~/.postgresql/root.crt")
        form = QFormLayout()
        form.addRow("", self.service_box)
        form.addRow(translate("Dialogs", "S&ervice:"), self.service_field)
        form.addRow(translate("Dialogs", "&Host:"), self.host_field)
        form.addRow(translate("Dialogs", "P&ort:"), self.port_field)
        form.addRow(translate("Dialogs", "&Database:"), self.database_field)
        form.addRow(translate("Dialogs", "&User:"), self.user_field)
        form.addRow(translate("Dialogs", "SSL &mode:"), self.ssl_combo)
        form.addRow(translate("Dialogs", "&Root certificate:"), self.root_cert_field)
        self.form_area.addLayout(form)
        self.setMinimumWidth(460)
        for field in (self.service_field, self.host_field, self.database_field):
            field.textChanged.connect(self.update_ok_button)
        self.service_box.toggled.connect(self._kind_changed)
        self.ssl_combo.currentTextChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        service = self.service_box.isChecked()
        self.service_field.setEnabled(service)
        for widget in (self.host_field, self.port_field, self.database_field, self.user_field, self.ssl_combo):
            widget.setEnabled(not service)
        verifying = self.ssl_combo.currentText() in ("verify-ca", "verify-full")
        self.root_cert_field.setEnabled(not service and verifying)
        self.update_ok_button()

    def initial_focus(self) -> QWidget:
        """The host."""
        return self.host_field

    def can_submit(self) -> bool:
        if self.service_box.isChecked():
            return bool(self.service_field.text().strip())
        return bool(self.host_field.text().strip()) and bool(self.database_field.text().strip())

    def location(self) -> DatabaseLocation:
        """The server database named (a URL without a password, or service=NAME)."""
        if self.service_box.isChecked():
            return DatabaseLocation.parse(f"service={self.service_field.text().strip()}")
        host = self.host_field.text().strip()
        if any(character in host for character in "/@?# "):
            raise InvalidInputError(translatable(
                "Errors", "A host is a name or an address, such as db.example.org or 192.168.1.10."))
        user = self.user_field.text().strip()
        who = f"{quote(user, safe='')}@" if user else ""
        where = f"[{host}]" if ":" in host else host
        query = {"sslmode": self.ssl_combo.currentText()}
        root = self.root_cert_field.text().strip()
        if self.root_cert_field.isEnabled() and root:
            query["sslrootcert"] = root
        database = quote(self.database_field.text().strip(), safe="")
        return DatabaseLocation.parse(
            f"postgresql://{who}{where}:{self.port_field.value()}/{database}?{urlencode(query)}"
        )
