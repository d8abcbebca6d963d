"""The municipality settings dialog over a real encrypted store and the real logo check."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter
from PySide6.QtWidgets import (
    QAbstractButton,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.errors import KnownError
from casedesk.services.municipality_settings import (
    caseworker_email,
    check_logo,
    load_municipality_settings,
    save_municipality_settings,
)
from casedesk.ui.documents.ports import SettingsPorts
from casedesk.ui.setup import settings_dialog
from casedesk.ui.setup.settings_dialog import LOGO_READ_LIMIT, NAME_MISSING, SettingsDialog
from casedesk.wiring.workspace import settings_ports
from tests.stores import new_store

pytestmark = pytest.mark.qt

SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
    b'<rect width="120" height="40" fill="#005c99"/></svg>'
)


def png_bytes(width: int = 120, height: int = 40, color: str = "#005c99") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, QByteArray(b"PNG")).write(image)
    return bytes(buffer.data().data())


OLD_LOGO = png_bytes(color="#aa0000")
STORED = MunicipalitySettings(
    name="Gemeente Súdwest-Fryslân",
    logo=OLD_LOGO,
    address="Marktstraat 15\n8601 CR Sneek",
    phone="14 0515",
    phone_from_abroad="0515 489 000",
    privacy_text="Wij bewaren uw gegevens vijf jaar.",
    signature_lines=True,
)


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "opslag", keychain, "Zoë de Vries", "GM1900") as opened:
        save_municipality_settings(opened, STORED)
        yield opened


@pytest.fixture
def ports(store: Store) -> SettingsPorts:
    return settings_ports(store)


@pytest.fixture
def dialog(qtbot: QtBot, ports: SettingsPorts) -> SettingsDialog:
    dialog = SettingsDialog(ports)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_the_caseworkers_e_mail_is_kept_with_the_settings(
    dialog: SettingsDialog, store: Store
) -> None:
    dialog.email_field.setText("z.devries@sudwestfryslan.nl")
    dialog.save_button.click()
    assert caseworker_email(store) == "z.devries@sudwestfryslan.nl"


def test_a_wrong_caseworker_e_mail_is_refused_and_nothing_saved(
    dialog: SettingsDialog, store: Store
) -> None:
    dialog.email_field.setText("zoe@")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.email_message.text().startswith("Uw e-mailadres")
    assert caseworker_email(store) == ""


def test_dialog_shows_the_stored_settings(dialog: SettingsDialog) -> None:
    assert dialog.settings() == STORED
    assert dialog.logo_label.pixmap() is not None
    assert not dialog.logo_label.pixmap().isNull()


def test_saving_stores_every_field(
    qtbot: QtBot, dialog: SettingsDialog, store: Store
) -> None:
    dialog.name_field.setText("Gemeente Zoë-dorp")
    dialog.phone_field.clear()
    qtbot.keyClicks(dialog.phone_field, "0515 48 90 00")
    dialog.address_field.setPlainText("Postbus 10000\n8600 HA Sneek")
    dialog.privacy_field.setPlainText("Wij bewaren uw gegevens zeven jaar. U mag ze inzien.")
    dialog.signature_check.setChecked(False)
    dialog.abroad_phone_field.setText("0515 48 91 11")
    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert load_municipality_settings(store) == MunicipalitySettings(
        name="Gemeente Zoë-dorp",
        logo=OLD_LOGO,
        address="Postbus 10000\n8600 HA Sneek",
        phone="0515 48 90 00",
        phone_from_abroad="0515 48 91 11",
        privacy_text="Wij bewaren uw gegevens zeven jaar. U mag ze inzien.",
        signature_lines=False,
    )


def test_a_png_logo_is_taken_and_saved_as_it_is(
    dialog: SettingsDialog, store: Store, tmp_path: Path
) -> None:
    chosen = tmp_path / "logo.png"
    chosen.write_bytes(png_bytes())
    assert dialog.choose_logo(chosen)
    assert not dialog.logo_message.isVisible()
    dialog.save_button.click()
    assert load_municipality_settings(store).logo == png_bytes()


def test_an_svg_logo_is_kept_as_a_sharp_png_the_printed_plan_can_show(
    dialog: SettingsDialog, store: Store, tmp_path: Path
) -> None:
    chosen = tmp_path / "logo.svg"
    chosen.write_bytes(SVG_LOGO)
    assert dialog.choose_logo(chosen)
    dialog.save_button.click()
    saved = load_municipality_settings(store).logo
    assert saved is not None and check_logo(saved) == "png"
    image = QImage.fromData(saved)
    assert (image.width(), image.height()) == (1200, 400)  # the SVG's 3:1, print-sharp


def test_a_text_file_named_png_is_refused_in_dutch_and_the_old_logo_stays(
    dialog: SettingsDialog, store: Store, tmp_path: Path
) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("Dit is geen afbeelding.\n", encoding="utf-8")
    assert not dialog.choose_logo(fake)
    assert dialog.logo_message.isVisible()
    assert dialog.logo_message.text().startswith("Dit bestand is geen PNG-, JPEG- of SVG-")
    assert dialog.logo_message.text().endswith("Het logo dat er al stond, blijft staan.")
    assert dialog.logo == OLD_LOGO
    dialog.save_button.click()
    assert load_municipality_settings(store).logo == OLD_LOGO


def test_a_damaged_png_is_refused_in_dutch(dialog: SettingsDialog, tmp_path: Path) -> None:
    damaged = tmp_path / "half.png"
    damaged.write_bytes(png_bytes()[:60])
    assert not dialog.choose_logo(damaged)
    assert "beschadigd of onvolledig" in dialog.logo_message.text()
    assert dialog.logo == OLD_LOGO


def test_a_file_that_cannot_be_read_is_refused_in_dutch(
    dialog: SettingsDialog, tmp_path: Path
) -> None:
    assert not dialog.choose_logo(tmp_path / "weg.png")
    assert dialog.logo_message.text().startswith("Het bestand ‘weg.png’ kan niet worden gelezen")
    assert dialog.logo == OLD_LOGO


def test_a_logo_file_far_too_large_is_refused_in_dutch_without_reading_it(
    dialog: SettingsDialog, tmp_path: Path
) -> None:
    huge = tmp_path / "poster.png"
    with huge.open("wb") as file:
        file.truncate(LOGO_READ_LIMIT + 1)  # sparse: no 20 MB written to disk
    assert not dialog.choose_logo(huge)
    assert "‘poster.png’ is veel te groot voor een logo" in dialog.logo_message.text()
    assert "Kies een kleinere" in dialog.logo_message.text()
    assert dialog.logo == OLD_LOGO


def test_the_choose_button_uses_the_chosen_file(
    dialog: SettingsDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "nieuw.png"
    chosen.write_bytes(png_bytes(color="#00aa00"))
    monkeypatch.setattr(settings_dialog, "ask_logo_path", lambda parent: chosen)
    dialog.choose_logo_button.click()
    assert dialog.logo == chosen.read_bytes()


def test_removing_the_logo_saves_none(dialog: SettingsDialog, store: Store) -> None:
    dialog.remove_logo_button.click()
    assert dialog.logo_label.text() == "Geen logo"
    assert not dialog.remove_logo_button.isEnabled()
    dialog.save_button.click()
    assert load_municipality_settings(store).logo is None


def test_an_empty_name_is_refused_in_dutch_and_nothing_is_saved(
    dialog: SettingsDialog, store: Store
) -> None:
    dialog.name_field.clear()
    dialog.phone_field.setText("06 12345678")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.name_message.text() == NAME_MISSING
    assert load_municipality_settings(store) == STORED


def test_a_failed_save_shows_its_dutch_message_and_stays_open(
    qtbot: QtBot, ports: SettingsPorts
) -> None:
    def locked(settings: MunicipalitySettings, municipality_code: str | None) -> None:
        raise KnownError("De opslag is vergrendeld. Probeer het zo opnieuw.")

    dialog = SettingsDialog(replace(ports, save=locked))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()
    box = dialog.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("De opslag is vergrendeld")
    assert dialog.isVisible()
    assert dialog.saved_settings is None


def test_every_control_has_an_accessible_name(dialog: SettingsDialog) -> None:
    controls = [
        widget
        for widget in dialog.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QLineEdit | QPlainTextEdit)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(controls) >= 8
    assert [w.objectName() for w in controls if not w.accessibleName()] == []


def test_on_a_laptop_the_dialog_asks_no_municipality_and_keeps_the_e_mail(
    qtbot: QtBot, store: Store
) -> None:
    dialog = SettingsDialog(settings_ports(store))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert not dialog.municipality_choice.isVisible()
    assert dialog.name_field.hasFocus()
    assert dialog.email_field.isVisible()
    assert dialog.settings() == STORED
