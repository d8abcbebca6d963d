"""Two caseworkers on one dossier in the intake window (issue 12), beyond the answers: the
registration, the actions and the chosen instruments. A colleague's change to another
field comes in without asking; the same field changed by both opens the Dutch conflict
dialog naming who changed it and when, on the real service and an encrypted store."""

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from casedesk.db import settings_repo
from casedesk.db.audit import case_events
from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import PartBase, Registration
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.domain.part_merge import ACTIONS_PART, APPOINTMENT_PART, REGISTRATION_PART
from casedesk.services.intake import IntakeService, intake_service_for
from casedesk.ui.intake.conflict_dialog import ConflictDialog
from casedesk.ui.intake.window import IntakeWindow
from casedesk.ui.shared.display_text import date_and_time, long_date
from tests.stores import new_store
from tests.ui.intake.test_conflicts import answering

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)
NOOR = "Noor Bakker"
ZOE = IntakeAnswers(entrepreneur=Entrepreneur(first_names="Zoë", surname="Hoff"))
OFFERTE = Action("Offerte opvragen", ActionOwner.ENTREPRENEUR, due_date=date(2026, 12, 4))


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
    case_id = fatma.start_intake(Registration(TODAY, "GM0855"), ZOE)
    fatma.save_actions(case_id, [OFFERTE])
    return case_id


@pytest.fixture
def window(fatma: IntakeService, case_id: CaseId, tmp_path: Path, qtbot: QtBot) -> IntakeWindow:
    settings = QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)
    opened = IntakeWindow(fatma, case_id, settings=settings, today=lambda: TODAY)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def _noor_registers_on(noor: IntakeService, case_id: CaseId, day: date) -> None:
    state = noor.load_intake(case_id)
    base = PartBase(state.registration, state.step_versions.get(REGISTRATION_PART, 0))
    typed = dataclasses.replace(state.registration, registration_date=day)
    assert not noor.save_registration(case_id, typed, base).conflicts


def _noor_saves_actions(noor: IntakeService, case_id: CaseId, actions: list[Action]) -> None:
    state = noor.load_intake(case_id)
    base = PartBase(state.actions, state.step_versions.get(ACTIONS_PART, 0))
    assert not noor.save_actions(case_id, actions, base).conflicts


def test_the_same_registration_date_changed_by_both_asks_naming_who_and_when(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId,
    store: Store,
) -> None:  # fmt: skip
    _noor_registers_on(noor, case_id, date(2026, 11, 2))
    with store.session() as session:
        noors = [e for e in case_events(session, case_id) if e.action == "registration.changed"]
    window.registration_date.set_value(date(2026, 11, 20))
    texts: list[str] = []

    def look_and_keep_mine(dialog: ConflictDialog) -> None:
        path = "registration.registration_date"
        texts.append(dialog.mine_buttons[path].accessibleName())
        texts.append(dialog.theirs_buttons[path].accessibleName())
        dialog.keep_mine_button.click()

    with answering(look_and_keep_mine) as seen:
        assert window.save_now()
    assert len(seen) == 1
    assert texts == [
        f"Datum van aanmelding: mijn versie, {long_date(date(2026, 11, 20))}",
        f"Datum van aanmelding: andere versie, {long_date(date(2026, 11, 2))}. "
        f"Veranderd door {NOOR} op {date_and_time(noors[-1].at)}",
    ]
    assert fatma.load_intake(case_id).registration.registration_date == date(2026, 11, 20)
    assert window.registration_date.value() == date(2026, 11, 20)


def test_taking_the_colleagues_registration_date_shows_it(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    _noor_registers_on(noor, case_id, date(2026, 11, 2))
    window.registration_date.set_value(date(2026, 11, 20))
    with answering(lambda dialog: dialog.take_theirs_button.click()):
        assert window.save_now()
    assert window.registration_date.value() == date(2026, 11, 2)
    assert fatma.load_intake(case_id).registration.registration_date == date(2026, 11, 2)


def test_a_colleagues_new_action_comes_into_the_table_without_asking(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    stored = fatma.load_intake(case_id).actions
    _noor_saves_actions(noor, case_id, [*stored, Action("Naar de KvK", ActionOwner.PARTNER)])
    model = window.agreements_panel.model
    model.set_actions((dataclasses.replace(stored[0], done=True),))
    with answering(lambda dialog: dialog.take_theirs_button.click()) as seen:
        assert window.save_now()
    assert seen == []
    expected = [("Offerte opvragen", True), ("Naar de KvK", False)]
    assert [(a.description, a.done) for a in model.actions] == expected
    assert [(a.description, a.done) for a in fatma.load_intake(case_id).actions] == expected


def test_an_action_field_changed_by_both_asks_and_keeps_the_chosen_version(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    (offerte,) = fatma.load_intake(case_id).actions
    _noor_saves_actions(noor, case_id, [dataclasses.replace(offerte, due_date=date(2026, 12, 11))])
    window.agreements_panel.model.set_actions(
        (dataclasses.replace(offerte, due_date=date(2026, 12, 18)),)
    )
    labels: list[str] = []

    def keep_mine(dialog: ConflictDialog) -> None:
        labels.extend(button.accessibleName() for button in dialog.mine_buttons.values())
        dialog.keep_mine_button.click()

    with answering(keep_mine):
        assert window.save_now()
    assert labels == [
        f"Actie “Offerte opvragen”: klaar voor: mijn versie, {long_date(date(2026, 12, 18))}"
    ]
    assert fatma.load_intake(case_id).actions[0].due_date == date(2026, 12, 18)
    assert window.agreements_panel.model.actions[0].due_date == date(2026, 12, 18)


def test_a_colleagues_new_appointment_time_comes_in_beside_my_note(
    window: IntakeWindow, noor: IntakeService, fatma: IntakeService, case_id: CaseId
) -> None:
    amsterdam = ZoneInfo("Europe/Amsterdam")
    planned = Appointment(datetime(2026, 12, 8, 10, 0, tzinfo=amsterdam), AppointmentMode.PHONE)
    panel = window.agreements_panel
    panel.set_appointment(planned)
    assert window.save_now()
    state = noor.load_intake(case_id)
    moved = dataclasses.replace(planned, starts_at=datetime(2026, 12, 9, 14, 0, tzinfo=amsterdam))
    base = PartBase(state.appointment, state.step_versions.get(APPOINTMENT_PART, 0))
    assert not noor.save_appointment(case_id, moved, base).conflicts
    panel.appointment_note.setText("Jaarcijfers klaarleggen")
    with answering(lambda dialog: dialog.take_theirs_button.click()) as seen:
        assert window.save_now()
    assert seen == []
    both = dataclasses.replace(moved, note="Jaarcijfers klaarleggen")
    assert fatma.load_intake(case_id).appointment == both
    assert panel.appointment() == both
