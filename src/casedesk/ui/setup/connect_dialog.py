"""Bestand › Verbinden met regionale server…: the address, the login and, when the server
asks for one, a client certificate; tried with "Verbinding testen", kept with "Verbinden".

The same use case as ``casedesk connect`` behind ``ServerConnectionPorts``; casedesk works
with the server from its next start (the open store, its windows and its backups are
left as they are until then).
"""

import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TypeVar, cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.server_address import DEFAULT_PORT, ServerFields
from casedesk.errors import KnownError
from casedesk.ui.setup.ports import ServerConnectionPorts
from casedesk.ui.shared.dialog_parts import error_label, show_dialog_error
from casedesk.ui.shared.screen_fit import fit_to_screen

TITLE = "Verbinden met regionale server"
EXPLANATION = (
    "Vul de gegevens in die uw beheerder u gaf. Met een server op een andere computer "
    "gaat de verbinding altijd versleuteld, en controleert casedesk het certificaat van "
    "de server. Het wachtwoord en het wachtwoord van de sleutel bewaart casedesk in de "
    "beveiligde sleutelopslag van deze computer."
)
CERTIFICATE_FILTER = "Certificaten (*.crt *.pem *.cer);;Alle bestanden (*)"
KEY_FILTER = "Sleutels (*.key *.pem);;Alle bestanden (*)"
TESTING = "Verbinding testen…"
NOT_FIT = (
    "Niet in orde: met deze gegevens werkt casedesk niet met de server. Vraag uw beheerder "
    "om hulp."
)

T = TypeVar("T")


class ServerConnectionDialog(QDialog):
    """Fills in and tries a connection; on "Verbinden" keeps it (``connected_text`` then
    holds the Dutch confirmation)."""

    _tested = Signal(object)

    def __init__(self, ports: ServerConnectionPorts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverConnectionDialog")
        self.setWindowTitle(TITLE)
        self._ports = ports
        self.connected_text = ""
        saved = ports.saved or ServerFields()

        layout = QVBoxLayout(self)
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        form = QFormLayout()
        layout.addLayout(form)
        self.server_field = self._field(form, "&Server", "serverField", saved.server)
        self.port_field = self._field(form, "&Poort", "portField", saved.port or str(DEFAULT_PORT))
        self.database_field = self._field(form, "&Database", "databaseField", saved.database)
        self.user_field = self._field(form, "&Gebruikersnaam", "userField", saved.user)
        self.password_field = self._field(form, "&Wachtwoord", "passwordField", "", secret=True)

        certificates = QLabel(
            "Alleen als de server om een clientcertificaat vraagt (uw beheerder zegt het):", self
        )
        certificates.setWordWrap(True)
        form.addRow(certificates)
        self.certificate_field = self._file_field(
            form, "&Clientcertificaat", "certificateField", saved.certificate, CERTIFICATE_FILTER
        )
        self.key_field = self._file_field(
            form, "Sleutel&bestand", "keyField", saved.key, KEY_FILTER
        )
        self.key_passphrase_field = self._field(
            form, "Wachtwoord van de s&leutel", "keyPassphraseField", "", secret=True
        )
        self.root_certificate_field = self._file_field(
            form, "&Rootcertificaat van de regio", "rootCertificateField",
            saved.root_certificate, CERTIFICATE_FILTER,
        )  # fmt: skip

        self.test_button = QPushButton("Verbinding &testen", self)
        self.test_button.setObjectName("testButton")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_connection)
        self._tested.connect(self._show_test)
        layout.addWidget(self.test_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName("Uitslag van de test")
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.error = error_label(self, "connectError")
        layout.addWidget(self.error)

        buttons = QDialogButtonBox(self)
        self.connect_button = buttons.addButton(
            "&Verbinden", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.connect_and_keep)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self)

    def _field(
        self, form: QFormLayout, label: str, name: str, text: str, *, secret: bool = False
    ) -> QLineEdit:
        field = QLineEdit(text, self)
        field.setObjectName(name)
        field.setAccessibleName(label.replace("&", ""))
        if secret:
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(label, field)
        return field

    def _file_field(
        self, form: QFormLayout, label: str, name: str, text: str, file_filter: str
    ) -> QLineEdit:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        field = QLineEdit(text, row)
        field.setObjectName(name)
        field.setAccessibleName(label.replace("&", ""))
        choose = QPushButton("Kiezen…", row)
        choose.setAutoDefault(False)
        choose.setAccessibleName(f"{label.replace('&', '')} kiezen")
        choose.clicked.connect(lambda: self._choose_file(field, label, file_filter))
        line.addWidget(field)
        line.addWidget(choose)
        form.addRow(label, row)
        return field

    def _choose_file(self, field: QLineEdit, label: str, file_filter: str) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, label.replace("&", ""), field.text(), file_filter
        )
        if path:
            field.setText(path)

    def fields(self) -> ServerFields:
        return ServerFields(
            server=self.server_field.text(),
            port=self.port_field.text(),
            database=self.database_field.text(),
            user=self.user_field.text(),
            password=self.password_field.text(),
            certificate=self.certificate_field.text(),
            key=self.key_field.text(),
            root_certificate=self.root_certificate_field.text(),
            key_passphrase=self.key_passphrase_field.text(),
        )

    def test_connection(self) -> None:
        """Tries the login in a thread of its own (a server out of reach takes seconds to
        give up; the window must not freeze) and shows what the server check found; keeps
        nothing."""
        self.error.hide()
        self.test_button.setEnabled(False)
        self.result_label.setText(TESTING)
        self.result_label.show()
        threading.Thread(
            target=self._test_in_background, args=(self.fields(),),
            name="casedesk-connection-test", daemon=True,
        ).start()  # fmt: skip

    @property
    def testing(self) -> bool:
        """Whether a test is under way."""
        return not self.test_button.isEnabled()

    def _test_in_background(self, fields: ServerFields) -> None:
        found: object
        try:
            found = self._ports.check(fields)
        except Exception as error:  # shown (or reported) in the window's thread
            found = error
        with suppress(RuntimeError):  # the dialog closed while the test ran
            self._tested.emit(found)

    @Slot(object)
    def _show_test(self, found: object) -> None:
        self.test_button.setEnabled(True)
        if isinstance(found, KnownError):
            self.result_label.hide()
            show_dialog_error(self, self.error, str(found))
            return
        if isinstance(found, BaseException):
            raise found  # a bug: the crash report, as anywhere in the app
        ok, lines = cast("tuple[bool, Sequence[str]]", found)
        verdict = "In orde: u kunt verbinden." if ok else NOT_FIT
        self.result_label.setText("\n".join([*lines, verdict]))
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        fit_to_screen(self)

    def connect_and_keep(self) -> None:
        self.error.hide()
        said = self._busy(lambda: self._ports.connect(self.fields()))
        if said is not None:
            self.connected_text = said
            self.accept()

    def _busy(self, call: Callable[[], T]) -> T | None:
        """Runs ``call`` with a busy cursor (the server may take a few seconds to answer);
        a Dutch refusal shows in the dialog, which stays open."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return call()
        except KnownError as error:
            show_dialog_error(self, self.error, str(error))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
