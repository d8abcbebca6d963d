"""The application speaks Dutch, including Qt's own buttons."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit

from casedesk.resources import resource_path
from casedesk.ui.app import APPLICATION_NAME, application

pytestmark = pytest.mark.qt


def test_qt_standard_buttons_are_dutch(dutch_application: QApplication) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save
    )
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Opslaan"


def test_context_menus_of_text_fields_are_dutch(dutch_application: QApplication) -> None:
    field = QLineEdit()
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0].replace("&", "") for action in menu.actions()]
    assert {"Ongedaan maken", "Knippen", "Kopiëren", "Plakken"} <= set(texts)


def test_qts_own_file_dialog_speaks_dutch(dutch_application: QApplication) -> None:
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Zoeken in:", "Bestandsnaam:", "Bestanden van type:"} <= texts


def test_default_locale_is_dutch(dutch_application: QApplication) -> None:
    assert QLocale().language() == QLocale.Language.Dutch
    assert QLocale().toString(1234.5, "f", 2) == "1.234,50"


def test_create_application_sets_name_and_dutch_texts() -> None:
    script = (
        "from casedesk.ui.app import create_application\n"
        "from PySide6.QtWidgets import QDialogButtonBox as B\n"
        "app = create_application(['casedesk'])\n"
        "print(app.applicationName(), app.organizationName())\n"
        "box = B(B.StandardButton.Cancel)\n"
        "print(box.button(B.StandardButton.Cancel).text())\n"
    )
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["casedesk casedesk", "Annuleren"]


def test_a_tool_in_a_process_with_an_application_uses_that_one_configured(
    qapp: QApplication,
) -> None:
    qapp.setApplicationName("iets anders")
    assert application(["casedesk"]) is qapp
    assert qapp.applicationName() == APPLICATION_NAME


def test_the_shipped_extra_translations_are_compiled_from_their_source(tmp_path: Path) -> None:
    source = resource_path("translations", "qt_extra_nl.ts")
    compiled = tmp_path / "qt_extra_nl.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == resource_path("translations", "qt_extra_nl.qm").read_bytes()


def test_windows_carry_the_casedesk_icon_in_every_rendered_size(
    dutch_application: QApplication,
) -> None:
    sizes = {size.width() for size in dutch_application.windowIcon().availableSizes()}
    assert sizes == {16, 24, 32, 48, 64, 128, 256}
