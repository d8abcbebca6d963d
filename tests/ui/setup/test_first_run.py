"""The first start: name and municipality, creating the store, the recovery key."""

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from casedesk.domain.regions import Municipality, MunicipalityCode, RegionCode
from casedesk.errors import KnownError
from casedesk.ui.setup.first_run import (
    MUNICIPALITY_MISSING,
    NAME_MISSING,
    FirstRunDialog,
    FoldingCompleter,
    key_in_lines,
    unknown_municipality,
)
from casedesk.ui.setup.ports import FirstRunAnswers

pytestmark = pytest.mark.qt

RECOVERY_KEY = "7KQ2-M9XD-4HTP-Z3WA-8CNE-5RJB-V6LF-2GYS"
SUDWEST = Municipality(
    MunicipalityCode("GM1900"), "Súdwest-Fryslân", RegionCode("AM02"), "Fryslân", 2026
)
MUNICIPALITIES = [
    SUDWEST,
    Municipality(MunicipalityCode("GM0344"), "Utrecht", RegionCode("AM20"), "Utrecht", 2026),
    Municipality(
        MunicipalityCode("GM0796"), "’s-Hertogenbosch", RegionCode("AM28"), "Noord-Brabant", 2026
    ),
]


class StoreCreator:
    """Records what the dialog asked for; fails with the given errors first."""

    def __init__(self, *errors: Exception) -> None:
        self.calls: list[FirstRunAnswers] = []
        self._errors = list(errors)

    def __call__(self, answers: FirstRunAnswers) -> str:
        self.calls.append(answers)
        if self._errors:
            raise self._errors.pop(0)
        return RECOVERY_KEY


@pytest.fixture
def create_store() -> StoreCreator:
    return StoreCreator()


@pytest.fixture
def dialog(qtbot: QtBot, create_store: StoreCreator) -> FirstRunDialog:
    shown = FirstRunDialog(MUNICIPALITIES, create_store)
    qtbot.addWidget(shown)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def fill_in(dialog: FirstRunDialog, name: str, municipality: str) -> None:
    dialog.name_field.setText(name)
    dialog.municipality_field.setText(municipality)
    dialog.create_button.click()


def test_empty_name_is_refused_in_dutch(dialog: FirstRunDialog, create_store: StoreCreator) -> None:
    fill_in(dialog, "   ", "Utrecht")
    assert dialog.name_error.isVisible()
    assert dialog.name_error.text() == NAME_MISSING
    assert create_store.calls == []


def test_empty_municipality_is_refused_in_dutch(
    dialog: FirstRunDialog, create_store: StoreCreator
) -> None:
    fill_in(dialog, "Zoë de Vries", "")
    assert dialog.municipality_error.text() == MUNICIPALITY_MISSING
    assert create_store.calls == []


def test_unknown_municipality_is_refused_in_dutch(
    dialog: FirstRunDialog, create_store: StoreCreator
) -> None:
    fill_in(dialog, "Zoë de Vries", "Sudwest")
    assert dialog.municipality_error.isVisible()
    assert dialog.municipality_error.text() == (
        "‘Sudwest’ is geen gemeente die casedesk kent. Kies een gemeente uit de lijst."
    )
    assert dialog.municipality_error.text() == unknown_municipality("Sudwest")
    assert create_store.calls == []
    assert dialog.pages.currentIndex() == 0


def test_typing_again_hides_the_error(dialog: FirstRunDialog, qtbot: QtBot) -> None:
    fill_in(dialog, "", "Utrecht")
    qtbot.keyClicks(dialog.name_field, "Zoe")
    assert not dialog.name_error.isVisible()


@pytest.mark.parametrize("typed", ["sudwest", "SÚDWEST", "Súd"])
def test_completer_ignores_case_and_diacritics(qtbot: QtBot, typed: str) -> None:
    completer = FoldingCompleter([m.name for m in MUNICIPALITIES])
    completer.setCompletionPrefix(typed)
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Súdwest-Fryslân"


def test_completer_matches_inside_the_name(qtbot: QtBot) -> None:
    completer = FoldingCompleter([m.name for m in MUNICIPALITIES])
    completer.setCompletionPrefix("bosch")
    assert completer.currentCompletion() == "’s-Hertogenbosch"


def test_valid_answers_create_the_store_with_the_proper_municipality(
    dialog: FirstRunDialog, create_store: StoreCreator
) -> None:
    fill_in(dialog, "  Zoë   de Vries ", "sudwest-fryslan")
    assert create_store.calls == [
        FirstRunAnswers("Zoë de Vries", SUDWEST, printed_name="Gemeente Súdwest-Fryslân")
    ]
    assert dialog.municipality_field.text() == "Súdwest-Fryslân"


def test_the_recovery_key_is_shown_selectable(dialog: FirstRunDialog) -> None:
    fill_in(dialog, "Zoë de Vries", "Utrecht")
    assert dialog.pages.currentIndex() == 1
    assert dialog.key_label.isVisible()
    assert dialog.key_label.text().replace("\n", "") == RECOVERY_KEY
    assert QFontInfo(dialog.key_label.font()).fixedPitch()
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.key_label.textInteractionFlags() & selectable == selectable


def test_finishing_requires_the_tick(dialog: FirstRunDialog, qtbot: QtBot) -> None:
    fill_in(dialog, "Zoë de Vries", "Utrecht")
    assert not dialog.done_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible()

    dialog.kept_check.setChecked(True)
    assert dialog.done_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.done_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_after_ticking_the_key_is_kept_finishes(dialog: FirstRunDialog, qtbot: QtBot) -> None:
    fill_in(dialog, "Zoë de Vries", "Utrecht")
    dialog.kept_check.setFocus()
    qtbot.keyClick(dialog.kept_check, Qt.Key.Key_Space)
    assert dialog.kept_check.isChecked()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.kept_check, Qt.Key.Key_Return)


def test_the_name_on_the_plan_is_prefilled_from_the_municipality(
    dialog: FirstRunDialog, create_store: StoreCreator
) -> None:
    dialog.municipality_field.setText("Utrecht")
    assert dialog.printed_name_field.text() == "Gemeente Utrecht"
    dialog.address_field.setText("Stadsplateau 1, 3521 AZ Utrecht")
    dialog.phone_field.setText("14 030")
    dialog.email_field.setText("F.Ozdemir@Utrecht.nl")
    fill_in(dialog, "Fatma Özdemir", "Utrecht")
    [answers] = create_store.calls
    assert (answers.printed_name, answers.address, answers.phone) == (
        "Gemeente Utrecht", "Stadsplateau 1, 3521 AZ Utrecht", "14 030",
    )  # fmt: skip
    assert answers.caseworker_email == "F.Ozdemir@utrecht.nl"


def test_a_name_on_the_plan_of_ones_own_is_kept(dialog: FirstRunDialog, qtbot: QtBot) -> None:
    dialog.printed_name_field.setFocus()
    qtbot.keyClicks(dialog.printed_name_field, "Stadsbedrijven Utrecht")
    dialog.municipality_field.setText("Utrecht")
    assert dialog.printed_name_field.text() == "Stadsbedrijven Utrecht"


def test_a_wrong_e_mail_address_is_refused_in_dutch(
    dialog: FirstRunDialog, create_store: StoreCreator
) -> None:
    dialog.email_field.setText("fatma.utrecht.nl")
    fill_in(dialog, "Fatma Özdemir", "Utrecht")
    assert create_store.calls == []
    assert dialog.email_error.text().startswith("Uw e-mailadres: er staat geen @ in")


def test_escape_does_not_close_the_key_page(dialog: FirstRunDialog, qtbot: QtBot) -> None:
    fill_in(dialog, "Zoë de Vries", "Utrecht")
    with qtbot.assertNotEmitted(dialog.rejected):
        dialog.reject()
    assert dialog.isVisible()


def test_cancel_before_creating_creates_nothing(
    dialog: FirstRunDialog, create_store: StoreCreator, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(dialog.rejected):
        dialog.reject()
    assert create_store.calls == []
    assert dialog.answers is None


def test_a_known_error_is_shown_and_a_retry_works(qtbot: QtBot) -> None:
    message = (
        "Er draait geen sleutelopslag op deze computer. Vraag uw beheerder om die aan te zetten."
    )
    create_store = StoreCreator(KnownError(message))
    dialog = FirstRunDialog(MUNICIPALITIES, create_store)
    qtbot.addWidget(dialog)
    dialog.show()

    fill_in(dialog, "Zoë de Vries", "Utrecht")
    assert dialog.pages.currentIndex() == 0
    assert dialog.store_error.isVisible()
    assert message in dialog.store_error.text()
    assert dialog.answers is None

    dialog.create_button.click()
    assert dialog.pages.currentIndex() == 1
    assert len(create_store.calls) == 2


def test_a_bug_while_creating_says_something_went_wrong_and_stays(qtbot: QtBot) -> None:
    dialog = FirstRunDialog(MUNICIPALITIES, StoreCreator(RuntimeError("disk I/O error")))
    qtbot.addWidget(dialog)
    dialog.show()

    fill_in(dialog, "Zoë de Vries", "Utrecht")

    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox) is not None)
    box = dialog.findChild(QMessageBox)
    assert isinstance(box, QMessageBox)
    assert box.text() == "Er ging iets mis in casedesk"
    assert dialog.pages.currentIndex() == 0
    assert dialog.answers is None


def test_printing_writes_the_key_to_a_pdf(dialog: FirstRunDialog, tmp_path: Path) -> None:
    fill_in(dialog, "Zoë de Vries", "Súdwest-Fryslân")
    pdf = tmp_path / "herstelsleutel.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))

    dialog.print_key(printer)

    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # A long key may wrap after a hyphen; the groups must all be there, in order.
    assert RECOVERY_KEY in "".join(text.split())
    assert "Herstelsleutel casedesk" in text
    assert "Súdwest-Fryslân" in text
    assert "Zoë de Vries" in text


def test_every_control_has_an_accessible_name(dialog: FirstRunDialog) -> None:
    fill_in(dialog, "", "")  # show the error labels too
    unnamed_on_details = _unnamed_controls(dialog)
    fill_in(dialog, "Zoë de Vries", "Utrecht")
    assert unnamed_on_details == []
    assert _unnamed_controls(dialog) == []


def _unnamed_controls(dialog: FirstRunDialog) -> list[str]:
    controls = [
        widget
        for widget in dialog.findChildren(QWidget)
        if widget.isVisible()
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not (isinstance(widget, QLabel) and widget.buddy() is not None)
    ]
    return [c.objectName() or type(c).__name__ for c in controls if not c.accessibleName()]


def test_a_full_length_recovery_key_is_shown_whole_in_lines_of_whole_groups() -> None:
    key = "-".join(["ABCD"] * 14)
    shown = key_in_lines(key)
    assert shown.replace("\n", "") == key
    assert all(len(line.rstrip("-").split("-")) == 7 for line in shown.splitlines())


def test_the_printed_key_has_the_lines_of_the_screen_and_the_steps_to_use_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    key = "-".join(f"{letter}{letter}2{letter}" for letter in "ABCDEFGHJKLMNP")  # 14 groups
    shown = FirstRunDialog(MUNICIPALITIES, lambda answers: key)
    qtbot.addWidget(shown)
    shown.show()
    fill_in(shown, "Zoë de Vries", "Utrecht")
    pdf = tmp_path / "herstelsleutel.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    shown.print_key(printer)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if "AA2A" in line or "PP2P" in line]
    screen = shown.key_label.text().splitlines()
    assert lines == [screen[0], screen[1]] and screen[0].count("-") == 7
    assert "Zo gebruikt u de herstelsleutel" in text and "casedesk recover" in text
