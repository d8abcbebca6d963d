"""Two caseworkers on one dossier in the intake window (issue 12), on the real service and
an encrypted store: a colleague's change to another answer comes in without asking; the
same answer changed by both opens a Dutch dialog that names who changed it and when."""

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from casedesk.db import settings_repo
from casedesk.db.audit import case_events
from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.answer_merge import Choice
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import AnswerConflict, AnswersBase, Registration
from casedesk.domain.intake import Business, Entrepreneur, IntakeAnswers, Sector
from casedesk.services.audit_log import ANSWERS_SAVED
from casedesk.services.intake import IntakeService, intake_service_for
from casedesk.ui.intake.conflict_dialog import ConflictDialog
from casedesk.ui.intake.window import IntakeWindow
from casedesk.ui.shared.display_text import date_and_time
from tests.stores import new_store
from tests.ui.intake_helpers import focused
from tests.ui.mnemonics import clashes

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)
NOOR = "Noor Bakker"
ZOE = IntakeAnswers(
    entrepreneur=Entrepreneur(first_names="Zoë", surname="Hoff", phone="013 1234567"),
    business=Business(trade_name="Zoë's Bloemen", kvk_number="12345678"),
)


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain, "Fatma Özdemir") as opened:
        yield opened


@pytest.fixture
def fatma(store: Store) -> IntakeService:
    return intake_service_for(store)


@pytest.fixture
def noor(store: Store) -> IntakeService:
    with store.transaction() as session:
        return IntakeService(store, settings_repo.add_caseworker(session, NOOR))


@pytest.fixture
def case_id(fatma: IntakeService) -> CaseId:
    return fatma.start_intake(Registration(TODAY, "GM0855"), ZOE)


@pytest.fixture
def window(fatma: IntakeService, case_id: CaseId, tmp_path: Path, qtbot: QtBot) -> IntakeWindow:
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    opened = IntakeWindow(fatma, case_id, settings=settings, today=lambda: TODAY)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def _noor_saves(noor: IntakeService, case_id: CaseId, **person: object) -> None:
    """Noor, in her own window on the same dossier, changes answers and saves."""
    state = noor.load_intake(case_id)
    changed = dataclasses.replace(
        state.answers,
        entrepreneur=dataclasses.replace(state.answers.entrepreneur, **person),  # type: ignore[arg-type]
    )
    assert not noor.save_answers(case_id, changed, AnswersBase(state.answers,
                                                              state.answer_versions)).conflicts


@contextmanager
def answering(act: Callable[[ConflictDialog], None]) -> Iterator[list[ConflictDialog]]:
    """While inside, each conflict dialog that opens is recorded and handed to ``act``
    (its ``exec`` runs a loop of its own, in which this timer looks for it)."""
    seen: list[ConflictDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConflictDialog) and dialog not in seen:
            seen.append(dialog)
            act(dialog)

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(look)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()


def _texts(widget: QWidget) -> list[str]:
    """Every label's text, then every radio button's."""
    return [label.text() for label in widget.findChildren(QLabel)] + [
        button.text() for button in widget.findChildren(QRadioButton)
    ]


def test_a_colleagues_change_to_another_answer_comes_in_without_asking(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    _noor_saves(noor, case_id, phone="06 12345678")
    window.bindings["entrepreneur.surname"].write("Hoff-Çelik")
    with answering(lambda dialog: dialog.take_theirs_button.click()) as asked:
        assert window.save_now()
    assert asked == []
    assert window.bindings["entrepreneur.phone"].read() == "06 12345678"
    stored = fatma.load_intake(case_id).answers.entrepreneur
    assert (stored.surname, stored.phone) == ("Hoff-Çelik", "06 12345678")


def test_the_same_answer_changed_by_both_opens_a_dutch_dialog_naming_who_and_when(
    window: IntakeWindow,
    noor: IntakeService,
    fatma: IntakeService,
    case_id: CaseId,
    store: Store,
    tmp_path: Path,
) -> None:
    _noor_saves(noor, case_id, surname="van 't Hoff")
    with store.session() as session:
        noors_save = [e for e in case_events(session, case_id) if e.action == ANSWERS_SAVED][-1]
    window.bindings["entrepreneur.surname"].write("Hoff-Çelik")
    shown: list[list[str]] = []

    def look_and_keep_mine(dialog: ConflictDialog) -> None:
        shown.append(_texts(dialog))
        dialog.grab().save(str(tmp_path / "conflict-dialog.png"))
        dialog.keep_mine_button.click()

    with answering(look_and_keep_mine) as seen:
        assert window.save_now()
    (dialog,) = seen
    assert dialog.windowTitle() == "Een collega heeft hetzelfde veranderd"
    texts = shown[0]
    assert texts[texts.index("<b>Achternaam</b>"):] == [
        "<b>Achternaam</b>", "Hoff-Çelik", "van 't Hoff",
        f"Veranderd door {NOOR} op {date_and_time(noors_save.at)}",
        "Mijn versie", "Andere versie",
    ]  # fmt: skip
    assert [b.text() for b in (dialog.keep_mine_button, dialog.take_theirs_button,
                               dialog.save_choice_button)] == [
        "&Mijn versie houden", "&Andere versie nemen", "&Keuze per gegeven opslaan"
    ]  # fmt: skip
    assert (tmp_path / "conflict-dialog.png").stat().st_size > 0
    assert fatma.load_intake(case_id).answers.entrepreneur.surname == "Hoff-Çelik"
    assert window.bindings["entrepreneur.surname"].read() == "Hoff-Çelik"


def test_taking_the_other_version_shows_and_keeps_the_colleagues_answer(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    _noor_saves(noor, case_id, surname="van 't Hoff")
    window.bindings["entrepreneur.surname"].write("Hoff-Çelik")
    window.bindings["entrepreneur.first_names"].write("Zoë Anna")
    with answering(lambda dialog: dialog.take_theirs_button.click()):
        assert window.save_now()
    assert window.bindings["entrepreneur.surname"].read() == "van 't Hoff"
    stored = fatma.load_intake(case_id).answers.entrepreneur
    assert (stored.surname, stored.first_names) == ("van 't Hoff", "Zoë Anna")


def test_a_choice_per_answer_keeps_mine_of_one_and_theirs_of_the_other(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    _noor_saves(noor, case_id, surname="van 't Hoff", phone="06 99999999")
    window.bindings["entrepreneur.surname"].write("Hoff-Çelik")
    window.bindings["entrepreneur.phone"].write("06 12345678")

    def choose_per_answer(dialog: ConflictDialog) -> None:
        dialog.theirs_buttons["entrepreneur.phone"].setChecked(True)
        dialog.save_choice_button.click()

    with answering(choose_per_answer):
        assert window.save_now()
    stored = fatma.load_intake(case_id).answers.entrepreneur
    assert (stored.surname, stored.phone) == ("Hoff-Çelik", "06 99999999")
    assert window.bindings["entrepreneur.phone"].read() == "06 99999999"


def test_escape_leaves_the_dialog_open_until_a_version_is_chosen(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    _noor_saves(noor, case_id, surname="van 't Hoff")
    window.bindings["entrepreneur.surname"].write("Hoff-Çelik")
    still_open: list[bool] = []

    def escape_then_keep_mine(dialog: ConflictDialog) -> None:
        dialog.reject()
        dialog.close()
        still_open.append(dialog.isVisible())
        dialog.keep_mine_button.click()

    with answering(escape_then_keep_mine):
        assert window.save_now()
    assert still_open == [True]
    assert fatma.load_intake(case_id).answers.entrepreneur.surname == "Hoff-Çelik"


def test_autosave_of_a_single_caseworker_never_asks_which_version_stays(
    window: IntakeWindow, fatma: IntakeService, case_id: CaseId, qtbot: QtBot
) -> None:
    with answering(lambda dialog: dialog.take_theirs_button.click()) as asked:
        for surname in ("Hoff-", "Hoff-Çe", "Hoff-Çelik"):
            with qtbot.waitSignal(window.saved):  # the autosave timer's save
                window.bindings["entrepreneur.surname"].write(surname)
        with qtbot.waitSignal(window.saved):
            window.bindings["business.sector"].write(Sector.RETAIL)
    assert asked == []
    stored = fatma.load_intake(case_id).answers
    assert (stored.entrepreneur.surname, stored.business.sector) == ("Hoff-Çelik", Sector.RETAIL)


def test_the_dialog_is_worked_by_keyboard_alone(qtbot: QtBot) -> None:
    conflicts = (
        AnswerConflict("entrepreneur.surname", "Hoff-Çelik", "van 't Hoff", NOOR, None),
        AnswerConflict("business.sector", Sector.RETAIL, None, NOOR, None),
    )
    dialog = ConflictDialog(conflicts)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    assert clashes(dialog) == {}
    surname = dialog.mine_buttons["entrepreneur.surname"]
    assert surname.hasFocus()  # the first answer's own version, the safe default
    qtbot.keyClick(surname, Qt.Key.Key_Right)  # to the other version of this answer
    assert dialog.theirs_buttons["entrepreneur.surname"].isChecked()
    assert dialog.mine_buttons["business.sector"].isChecked()  # the next answer unchanged
    qtbot.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    # A button's letter clicks it the way a mouse does: pressed, then released a moment later.
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.choices() == {
        "entrepreneur.surname": Choice.THEIRS, "business.sector": Choice.MINE,
    }  # fmt: skip
