"""The municipality's settings: what every printed plan says about the municipality."""

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.dutch import lower_first
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.domain.validation import check_email
from casedesk.errors import KnownError
from casedesk.files import os_error_reason
from casedesk.ui.documents.ports import SettingsPorts
from casedesk.ui.shared.errors import show_error

LOGO_FILE_FILTER = "Afbeeldingen (*.png *.svg *.jpg *.jpeg);;Alle bestanden (*)"
LOGO_READ_LIMIT = 20 * 1024 * 1024
"""Not read at all beyond this (a video chosen by mistake); the logo check itself refuses
far smaller files with its own message."""
LOGO_PREVIEW_SIZE = QSize(240, 80)
NO_LOGO_TEXT = "Geen logo"
NAME_MISSING = "Vul de naam van de gemeente in. Die staat bovenaan elk actieplan."


def ask_logo_path(parent: QWidget) -> Path | None:
    """Ask which image file to use as the logo; ``None`` when the caseworker cancels."""
    chosen, _ = QFileDialog.getOpenFileName(parent, "Logo kiezen", "", LOGO_FILE_FILTER)
    return Path(chosen) if chosen else None


SVG_PRINT_HEIGHT = 400
"""Pixels: sharp at the logo's printed height (about 2 cm) at 300 dpi and more."""


def svg_as_png(data: bytes) -> bytes:
    """An SVG logo drawn as a PNG of ``SVG_PRINT_HEIGHT`` pixels high, background transparent."""
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid() or renderer.defaultSize().isEmpty():
        raise KnownError("Dit SVG-bestand kan niet worden getekend. Kies een PNG- of JPEG-logo.")
    image = _drawn(renderer, QSize(SVG_PRINT_HEIGHT * 4, SVG_PRINT_HEIGHT))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes, Qt wants str
    return bytes(buffer.data().data())


def logo_preview(data: bytes, size: QSize = LOGO_PREVIEW_SIZE) -> QPixmap | None:
    """The logo scaled into ``size`` on a transparent background; ``None`` when Qt cannot
    read it as a PNG, JPEG or SVG image."""
    image = QImage.fromData(data)
    if image.isNull():
        renderer = QSvgRenderer(QByteArray(data))
        if not renderer.isValid() or renderer.defaultSize().isEmpty():
            return None
        image = _drawn(renderer, size)
    return QPixmap.fromImage(image).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def _drawn(renderer: QSvgRenderer, bounds: QSize) -> QImage:
    """The SVG drawn as large as fits in ``bounds`` (same shape), background transparent."""
    image = QImage(
        renderer.defaultSize().scaled(bounds, Qt.AspectRatioMode.KeepAspectRatio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    renderer.render(painter, QRectF(image.rect()))
    painter.end()
    return image


class SettingsDialog(QDialog):
    """Edits the municipality's name, logo, address, phone, privacy text and signature lines.

    A logo file is checked when chosen; a file that is no usable image is refused with a
    Dutch message under the logo, and the logo shown before stays. A caseworker of two or
    more municipalities (a regional server) chooses at the top whose details they edit;
    choosing another shows that one's details as stored.

    Attributes:
        saved_settings: what was saved when the dialog was accepted; ``None`` before.
    """

    def __init__(self, ports: SettingsPorts, parent: QWidget | None = None) -> None:
        """Loads the current settings; raises ``KnownError`` when they cannot be read."""
        super().__init__(parent)
        self._ports = ports
        self.saved_settings: MunicipalitySettings | None = None
        self._logo: bytes | None = None
        self._municipality = _first_municipality(ports)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Gegevens van de gemeente")
        self.setAccessibleName("Gegevens van de gemeente")
        self._build()
        self._show(ports.load(self._municipality))
        if len(ports.municipalities) > 1:
            self.municipality_choice.setFocus()
        else:
            self.name_field.setFocus()

    # -- public --------------------------------------------------------------------------

    @property
    def logo(self) -> bytes | None:
        return self._logo

    @property
    def municipality(self) -> str | None:
        """The code of the municipality whose details are shown (None: the store's one set)."""
        return self._municipality

    def choose_municipality(self, code: str) -> None:
        """Show (and from now on save) the details of the municipality with this code."""
        index = self.municipality_choice.findData(code)
        if index < 0:
            raise ValueError(f"not a municipality of this dialog: {code}")
        self.municipality_choice.setCurrentIndex(index)

    def settings(self) -> MunicipalitySettings:
        """The settings as filled in now."""
        return MunicipalitySettings(
            name=self.name_field.text().strip(),
            logo=self._logo,
            address=self.address_field.toPlainText().strip(),
            phone=self.phone_field.text().strip(),
            phone_from_abroad=self.abroad_phone_field.text().strip(),
            privacy_text=self.privacy_field.toPlainText().strip(),
            signature_lines=self.signature_check.isChecked(),
        )

    def choose_logo(self, path: Path) -> bool:
        """Use the image at ``path`` as the logo if it is a usable PNG, SVG or JPEG.

        Otherwise the message says why under the logo and the old logo stays.
        Returns whether the logo was taken.
        """
        try:
            data = read_logo_file(path)
            if self._ports.check_logo(data) == "svg":
                # The plan is drawn with reportlab, which cannot draw SVG: keep a sharp PNG.
                data = svg_as_png(data)
                self._ports.check_logo(data)
            preview = logo_preview(data)
            if preview is None:
                raise KnownError(not_an_image_message(path))
        except KnownError as error:
            kept = " Het logo dat er al stond, blijft staan." if self._logo is not None else ""
            self.logo_message.setText(error.message + kept)
            self.logo_message.show()
            return False
        self._logo = data
        self._show_logo(preview)
        self.logo_message.hide()
        return True

    def remove_logo(self) -> None:
        self._logo = None
        self._show_logo(None)
        self.logo_message.hide()

    def accept(self) -> None:
        """Save and close; an empty name or a failed save keeps the dialog open."""
        settings = self.settings()
        if not settings.name:
            self.name_message.setText(NAME_MISSING)
            self.name_message.show()
            self.name_field.setFocus()
            return
        email_problem = check_email(self.email_field.text())
        if email_problem:
            self.email_message.setText(f"Uw {lower_first(email_problem)}")
            self.email_message.show()
            self.email_field.setFocus()
            return
        try:
            self._ports.save(settings, self._municipality)
            self._ports.save_caseworker_email(self.email_field.text())
        except Exception as error:
            show_error(self, error)
            return
        self.saved_settings = settings
        super().accept()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.municipality_choice = QComboBox(self)
        self.municipality_choice.setObjectName("municipalityChoice")
        self.municipality_choice.setAccessibleName("Gemeente waarvan u de gegevens wijzigt")
        for code, name in self._ports.municipalities:
            self.municipality_choice.addItem(name, code)
        if self._municipality is not None:
            self.municipality_choice.setCurrentIndex(
                self.municipality_choice.findData(self._municipality)
            )
        self.name_field = QLineEdit(self)
        self.name_field.setObjectName("nameField")
        self.name_field.setAccessibleName("Naam van de gemeente")
        self.name_field.setPlaceholderText("Bijvoorbeeld: Gemeente Súdwest-Fryslân")
        self.name_message = self._message_label("nameMessage", "Melding bij de naam")

        self.logo_label = QLabel(self)
        self.logo_label.setObjectName("logoPreview")
        self.logo_label.setAccessibleName("Logo")
        self.logo_label.setMinimumSize(LOGO_PREVIEW_SIZE)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.choose_logo_button = QPushButton("&Logo kiezen…", self)
        self.choose_logo_button.setObjectName("chooseLogoButton")
        self.choose_logo_button.setAccessibleName("Logo kiezen")
        self.remove_logo_button = QPushButton("Logo &verwijderen", self)
        self.remove_logo_button.setObjectName("removeLogoButton")
        self.remove_logo_button.setAccessibleName("Logo verwijderen")
        self.logo_message = self._message_label("logoMessage", "Melding bij het logo")
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addLayout(logo_buttons)

        self.address_field = QPlainTextEdit(self)
        self.address_field.setObjectName("addressField")
        self.address_field.setAccessibleName("Adres")
        self.address_field.setTabChangesFocus(True)
        self.address_field.setFixedHeight(self.address_field.fontMetrics().lineSpacing() * 4)
        self.phone_field = QLineEdit(self)
        self.phone_field.setObjectName("phoneField")
        self.phone_field.setAccessibleName("Telefoonnummer")
        self.abroad_phone_field = QLineEdit(self)
        self.abroad_phone_field.setObjectName("abroadPhoneField")
        self.abroad_phone_field.setAccessibleName("Telefoonnummer voor bellers uit het buitenland")
        self.abroad_phone_field.setPlaceholderText("nodig bij een 14-nummer, zoals 0515 489 000")
        self.privacy_field = QPlainTextEdit(self)
        self.privacy_field.setObjectName("privacyField")
        self.privacy_field.setAccessibleName("Tekst over privacy")
        self.privacy_field.setAccessibleDescription(
            "Komt onder ‘Uw gegevens’ in het actieplan: wat de gemeente bewaart, waarom, "
            "hoe lang, en de rechten van de ondernemer."
        )
        self.privacy_field.setTabChangesFocus(True)
        self.email_field = QLineEdit(self)
        self.email_field.setObjectName("caseworkerEmailField")
        self.email_field.setAccessibleName("Uw e-mailadres")
        self.email_field.setPlaceholderText("Komt op uw plannen, bijvoorbeeld naam@gemeente.nl")
        self.email_message = self._message_label("emailMessage", "Melding bij uw e-mailadres")
        self.signature_check = QCheckBox("&Handtekeningregels onder het actieplan", self)
        self.signature_check.setObjectName("signatureCheck")
        self.signature_check.setAccessibleName("Handtekeningregels onder het actieplan")

        form = QFormLayout()
        if len(self._ports.municipalities) > 1:
            form.addRow(
                self._buddy("&Gemeente:", self.municipality_choice), self.municipality_choice
            )
        else:
            self.municipality_choice.hide()
        form.addRow(self._buddy("&Naam:", self.name_field), self.name_field)
        form.addRow("", self.name_message)
        form.addRow(self._buddy("Logo:", self.choose_logo_button), logo_row)
        form.addRow("", self.logo_message)
        form.addRow(self._buddy("&Adres:", self.address_field), self.address_field)
        form.addRow(self._buddy("&Telefoon:", self.phone_field), self.phone_field)
        form.addRow(self._buddy("Uw &e-mailadres:", self.email_field), self.email_field)
        form.addRow("", self.email_message)
        form.addRow(
            self._buddy("Vanuit &buitenland:", self.abroad_phone_field), self.abroad_phone_field
        )
        form.addRow(self._buddy("&Privacytekst:", self.privacy_field), self.privacy_field)
        form.addRow("", self.signature_check)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setAccessibleName("Knoppen")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName("Opslaan")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setAccessibleName("Annuleren")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.municipality_choice.currentIndexChanged.connect(self._municipality_chosen)
        self.choose_logo_button.clicked.connect(self._ask_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.name_field.textEdited.connect(lambda text: self.name_message.hide())
        self.setMinimumWidth(560)

    def _buddy(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _message_label(self, object_name: str, accessible_name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(object_name)
        label.setAccessibleName(accessible_name)
        label.setWordWrap(True)
        label.setStyleSheet("font-weight: bold;")
        label.hide()
        return label

    # -- behaviour -----------------------------------------------------------------------

    def _show(self, settings: MunicipalitySettings) -> None:
        self.name_field.setText(settings.name)
        self.address_field.setPlainText(settings.address)
        self.phone_field.setText(settings.phone)
        self.abroad_phone_field.setText(settings.phone_from_abroad)
        self.privacy_field.setPlainText(settings.privacy_text)
        self.signature_check.setChecked(settings.signature_lines)
        self.email_field.setText(self._ports.caseworker_email())
        self._logo = settings.logo
        self._show_logo(logo_preview(settings.logo) if settings.logo else None)

    def _municipality_chosen(self, index: int) -> None:
        code = self.municipality_choice.itemData(index)
        if index < 0 or code == self._municipality:
            return
        try:
            settings = self._ports.load(code)
        except Exception as error:
            show_error(self, error)
            self.municipality_choice.setCurrentIndex(
                self.municipality_choice.findData(self._municipality)
            )
            return
        self._municipality = code
        for message in (self.name_message, self.logo_message, self.email_message):
            message.hide()
        self._show(settings)

    def _show_logo(self, preview: QPixmap | None) -> None:
        if preview is None:
            self.logo_label.clear()
            self.logo_label.setText(NO_LOGO_TEXT)
        else:
            self.logo_label.setPixmap(preview)
        self.remove_logo_button.setEnabled(self._logo is not None)

    def _ask_logo(self) -> None:
        path = ask_logo_path(self)
        if path is not None:
            self.choose_logo(path)


def _first_municipality(ports: SettingsPorts) -> str | None:
    codes = [code for code, _ in ports.municipalities]
    if not codes:
        return None
    return ports.first_municipality if ports.first_municipality in codes else codes[0]


def read_logo_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > LOGO_READ_LIMIT:
            raise KnownError(
                f"Het bestand ‘{path.name}’ is veel te groot voor een logo "
                f"({size // (1024 * 1024)} MB). Kies een kleinere PNG-, SVG- of JPEG-afbeelding."
            )
        return path.read_bytes()
    except OSError as error:
        raise KnownError(
            f"Het bestand ‘{path.name}’ kan niet worden gelezen "
            f"({os_error_reason(error)}). Kies een ander bestand."
        ) from error


def not_an_image_message(path: Path) -> str:
    return (
        f"Het bestand ‘{path.name}’ is geen afbeelding die casedesk kan gebruiken. "
        "Kies een logo als PNG-, SVG- of JPEG-bestand."
    )
