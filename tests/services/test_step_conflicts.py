"""Two caseworkers on one dossier (issue 12), beyond the answers: the registration, the
chosen instruments and the actions are each saved against the version a window started
from. Changes to different fields merge without asking; a field both changed keeps the
colleague's value and comes back as a conflict naming who changed it and when. On both
stores: on the server each caseworker has a login of their own."""

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.orm.exc import StaleDataError

from casedesk.db import settings_repo
from casedesk.db.audit import AuditEntry, case_events
from casedesk.db.changed_meanwhile import CHANGED_MEANWHILE_TEXT, ChangedMeanwhileError
from casedesk.db.data_store import DataStore
from casedesk.db.keys import Keychain
from casedesk.db.models import IntakePart
from casedesk.db.server.store import ServerStore
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.answer_merge import Choice
from casedesk.domain.case import CaseId
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.dossier import AnswersBase, PartBase, Registration
from casedesk.domain.intake import Business, Entrepreneur, IntakeAnswers
from casedesk.domain.part_merge import (
    ACTION_REMOVED,
    ACTIONS_PART,
    APPOINTMENT_PART,
    APPOINTMENT_REMOVED,
    INSTRUMENTS_PART,
    REGISTRATION_DATE,
    REGISTRATION_PART,
    resolve_registration,
)
from casedesk.services.audit_log import PART_CONFLICT, read_case_log
from casedesk.services.catalog import read_catalog_in_use
from casedesk.services.intake import IntakeService
from tests.backends import Backend

REGISTRATION = Registration(date(2026, 11, 27), "GM0855")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOOR = "Noor Bakker"
ZOE = IntakeAnswers(
    entrepreneur=Entrepreneur(first_names="Zoë", surname="Hoff", phone="013 1234567"),
    business=Business(trade_name="Zoë's Bloemen", kvk_number="12345678"),
)
OFFERTE = Action("Offerte opvragen", ActionOwner.ENTREPRENEUR, due_date=date(2026, 12, 4))
BANK = Action("Bank bellen", ActionOwner.CASEWORKER)


@dataclass
class Desks:
    """Fatma (the store's own caseworker) and her colleague Noor, on one dossier."""

    fatma: IntakeService
    noor: IntakeService
    noor_store: DataStore
    case_id: CaseId


@pytest.fixture
def desks(backend: Backend, tmp_path: Path, keychain: Keychain) -> Iterator[Desks]:
    with backend.new_store(tmp_path / "data", keychain) as store:
        with store.session() as session:
            fatma_id = settings_repo.current_caseworker_id(session)
        with backend.colleague(store, NOOR) as (noor_store, noor_id):
            fatma = IntakeService(store, fatma_id)
            case_id = fatma.start_intake(REGISTRATION, ZOE)
            fatma.save_actions(case_id, [OFFERTE, BANK])
            yield Desks(fatma, IntakeService(noor_store, noor_id), noor_store, case_id)


def _registration(service: IntakeService, case_id: CaseId) -> PartBase[Registration]:
    state = service.load_intake(case_id)
    return PartBase(state.registration, state.step_versions.get(REGISTRATION_PART, 0))


def _actions(service: IntakeService, case_id: CaseId) -> PartBase[tuple[Action, ...]]:
    state = service.load_intake(case_id)
    return PartBase(state.actions, state.step_versions.get(ACTIONS_PART, 0))


def _instruments(service: IntakeService, case_id: CaseId) -> PartBase[tuple[InstrumentId, ...]]:
    state = service.load_intake(case_id)
    ids = tuple(item.instrument_id for item in state.chosen_instruments)
    return PartBase(ids, state.step_versions.get(INSTRUMENTS_PART, 0))


def _last(desks: Desks, action: str) -> AuditEntry:
    # Fatma's login sees every municipality (the server's kim), Noor's only GM0855.
    with desks.fatma.store.session() as session:
        return [e for e in case_events(session, desks.case_id) if e.action == action][-1]


def _three_instruments(store: DataStore) -> list[InstrumentId]:
    with store.session() as session:
        return [item.id for item in read_catalog_in_use(session).instruments[:3]]


# --- registration -------------------------------------------------------------------------


def test_saving_the_registration_again_and_again_alone_never_meets_a_conflict(
    desks: Desks,
) -> None:
    base = _registration(desks.fatma, desks.case_id)
    for day in (1, 2, 3):
        typed = dataclasses.replace(base.value, registration_date=date(2026, 11, day))
        saved = desks.fatma.save_registration(desks.case_id, typed, base)
        assert saved.conflicts == ()
        assert saved.value == typed
        base = saved.base
    assert _registration(desks.fatma, desks.case_id) == base


def test_registration_fields_changed_by_each_are_both_kept_without_asking(
    desks: Desks,
) -> None:
    fatmas = _registration(desks.fatma, desks.case_id)
    noors = _registration(desks.noor, desks.case_id)
    desks.noor.save_registration(
        desks.case_id, dataclasses.replace(noors.value, registration_date=date(2026, 11, 20)),
        noors,
    )  # fmt: skip
    typed = dataclasses.replace(fatmas.value, municipality_code="GM0796")
    saved = desks.fatma.save_registration(desks.case_id, typed, fatmas)
    assert saved.conflicts == ()
    both = Registration(date(2026, 11, 20), "GM0796")
    assert saved.value == both
    assert desks.fatma.load_intake(desks.case_id).registration == both


def test_the_same_registration_field_changed_by_both_keeps_theirs_and_says_who_and_when(
    desks: Desks,
) -> None:
    fatmas = _registration(desks.fatma, desks.case_id)
    noors = _registration(desks.noor, desks.case_id)
    desks.noor.save_registration(
        desks.case_id, dataclasses.replace(noors.value, registration_date=date(2026, 11, 2)), noors
    )
    noors_save = _last(desks, "registration.changed")
    typed = Registration(date(2026, 11, 20), "GM0796")
    saved = desks.fatma.save_registration(desks.case_id, typed, fatmas)
    (conflict,) = saved.conflicts
    assert (conflict.path, conflict.mine, conflict.theirs) == (
        REGISTRATION_DATE, date(2026, 11, 20), date(2026, 11, 2),
    )  # fmt: skip
    assert (conflict.changed_by, conflict.changed_at) == (NOOR, noors_save.at)
    assert conflict.label == "Datum van aanmelding"
    # The field that did not conflict is stored; the date keeps Noor's until Fatma chooses.
    assert desks.fatma.load_intake(desks.case_id).registration == Registration(
        date(2026, 11, 2), "GM0796"
    )


def test_keeping_my_registration_date_after_a_conflict_stores_it(desks: Desks) -> None:
    fatmas = _registration(desks.fatma, desks.case_id)
    noors = _registration(desks.noor, desks.case_id)
    desks.noor.save_registration(
        desks.case_id, dataclasses.replace(noors.value, registration_date=date(2026, 11, 2)), noors
    )
    typed = dataclasses.replace(fatmas.value, registration_date=date(2026, 11, 20))
    first = desks.fatma.save_registration(desks.case_id, typed, fatmas)
    chosen = resolve_registration(
        first.value, first.conflicts, {REGISTRATION_DATE: Choice.MINE}
    )
    again = desks.fatma.save_registration(desks.case_id, chosen, first.base)
    assert again.conflicts == ()
    assert desks.fatma.load_intake(desks.case_id).registration.registration_date == date(
        2026, 11, 20
    )


def test_a_registration_conflict_is_logged_without_the_values(desks: Desks) -> None:
    fatmas = _registration(desks.fatma, desks.case_id)
    noors = _registration(desks.noor, desks.case_id)
    desks.noor.save_registration(
        desks.case_id, dataclasses.replace(noors.value, registration_date=date(2026, 11, 2)), noors
    )
    desks.fatma.save_registration(
        desks.case_id, dataclasses.replace(fatmas.value, registration_date=date(2026, 11, 3)),
        fatmas,
    )  # fmt: skip
    event = _last(desks, PART_CONFLICT)
    assert event.details == {"part": "registration", "count": 1}
    assert event.actor_id == desks.fatma.actor_id
    with desks.fatma.store.session() as session:
        texts = [line.text for line in read_case_log(session, desks.case_id)]
    assert (
        "Een collega had de aanmelding ook veranderd; gevraagd welke versie blijft (1 gegeven)"
        in texts
    )


# --- chosen instruments --------------------------------------------------------------------


def test_instruments_chosen_by_each_are_all_kept_without_asking(desks: Desks) -> None:
    first, second, third = _three_instruments(desks.fatma.store)
    desks.fatma.choose_instruments(desks.case_id, [first])
    fatmas = _instruments(desks.fatma, desks.case_id)
    noors = _instruments(desks.noor, desks.case_id)
    desks.noor.choose_instruments(desks.case_id, [first, second], noors)
    saved = desks.fatma.choose_instruments(desks.case_id, [third], fatmas)  # dropped the first
    assert saved.conflicts == ()
    assert [item.instrument_id for item in saved.value] == [second, third]
    stored = desks.fatma.load_intake(desks.case_id).chosen_instruments
    assert [item.instrument_id for item in stored] == [second, third]


def test_an_instrument_a_colleague_dropped_stays_dropped_when_i_choose_another(
    desks: Desks,
) -> None:
    first, second, _ = _three_instruments(desks.fatma.store)
    desks.fatma.choose_instruments(desks.case_id, [first])
    fatmas = _instruments(desks.fatma, desks.case_id)
    noors = _instruments(desks.noor, desks.case_id)
    desks.noor.choose_instruments(desks.case_id, [], noors)
    saved = desks.fatma.choose_instruments(desks.case_id, [first, second], fatmas)
    assert [item.instrument_id for item in saved.value] == [second]


# --- actions ---------------------------------------------------------------------------------


def _changed(actions: tuple[Action, ...], row: int, **fields: object) -> tuple[Action, ...]:
    changed = list(actions)
    changed[row] = dataclasses.replace(changed[row], **fields)  # type: ignore[arg-type]
    return tuple(changed)


def test_different_fields_of_one_action_changed_by_each_are_both_kept(desks: Desks) -> None:
    fatmas = _actions(desks.fatma, desks.case_id)
    noors = _actions(desks.noor, desks.case_id)
    desks.noor.save_actions(desks.case_id, _changed(noors.value, 0, due_date=date(2026, 12, 11)),
                            noors)  # fmt: skip
    saved = desks.fatma.save_actions(desks.case_id, _changed(fatmas.value, 0, done=True), fatmas)
    assert saved.conflicts == ()
    offerte = desks.fatma.load_intake(desks.case_id).actions[0]
    assert (offerte.due_date, offerte.done) == (date(2026, 12, 11), True)
    assert saved.value == desks.fatma.load_intake(desks.case_id).actions


def test_actions_added_by_each_are_all_kept(desks: Desks) -> None:
    fatmas = _actions(desks.fatma, desks.case_id)
    noors = _actions(desks.noor, desks.case_id)
    noor_new = Action("Naar de KvK", ActionOwner.PARTNER, owner_detail="KvK")
    fatma_new = Action("Jaarcijfers sturen", ActionOwner.ENTREPRENEUR)
    desks.noor.save_actions(desks.case_id, (*noors.value, noor_new), noors)
    saved = desks.fatma.save_actions(desks.case_id, (*fatmas.value, fatma_new), fatmas)
    assert saved.conflicts == ()
    assert [a.description for a in desks.fatma.load_intake(desks.case_id).actions] == [
        "Offerte opvragen", "Bank bellen", "Jaarcijfers sturen", "Naar de KvK",
    ]  # fmt: skip


def test_the_same_action_field_changed_by_both_keeps_theirs_and_says_who_and_when(
    desks: Desks,
) -> None:
    fatmas = _actions(desks.fatma, desks.case_id)
    noors = _actions(desks.noor, desks.case_id)
    desks.noor.save_actions(desks.case_id, _changed(noors.value, 0, due_date=date(2026, 12, 11)),
                            noors)  # fmt: skip
    noors_save = _last(desks, "actions.saved")
    typed = _changed(_changed(fatmas.value, 0, due_date=date(2026, 12, 18)), 1, done=True)
    saved = desks.fatma.save_actions(desks.case_id, typed, fatmas)
    (conflict,) = saved.conflicts
    assert (conflict.mine, conflict.theirs) == (date(2026, 12, 18), date(2026, 12, 11))
    assert (conflict.changed_by, conflict.changed_at) == (NOOR, noors_save.at)
    assert conflict.label == "Actie “Offerte opvragen”: klaar voor"
    offerte, bank = desks.fatma.load_intake(desks.case_id).actions
    assert (offerte.due_date, bank.done) == (date(2026, 12, 11), True)


def test_an_action_i_removed_while_a_colleague_changed_it_stays_and_asks(
    desks: Desks,
) -> None:
    fatmas = _actions(desks.fatma, desks.case_id)
    noors = _actions(desks.noor, desks.case_id)
    desks.noor.save_actions(desks.case_id, _changed(noors.value, 1, done=True), noors)
    saved = desks.fatma.save_actions(desks.case_id, fatmas.value[:1], fatmas)
    (conflict,) = saved.conflicts
    assert (conflict.mine, conflict.theirs, conflict.changed_by) == (
        ACTION_REMOVED, "Bank bellen", NOOR,
    )  # fmt: skip
    assert [a.description for a in desks.fatma.load_intake(desks.case_id).actions] == [
        "Offerte opvragen", "Bank bellen",
    ]  # fmt: skip


def test_an_action_a_colleague_removed_without_my_changing_it_is_gone(desks: Desks) -> None:
    fatmas = _actions(desks.fatma, desks.case_id)
    noors = _actions(desks.noor, desks.case_id)
    desks.noor.save_actions(desks.case_id, noors.value[1:], noors)
    saved = desks.fatma.save_actions(desks.case_id, _changed(fatmas.value, 1, done=True), fatmas)
    assert saved.conflicts == ()
    assert [(a.description, a.done) for a in desks.fatma.load_intake(desks.case_id).actions] == [
        ("Bank bellen", True)
    ]


# --- what reaches the caseworker when a row moved underneath a save ---------------------------


def test_a_row_changed_underneath_a_save_is_refused_in_dutch_and_nothing_is_stored(
    desks: Desks,
) -> None:
    desks.fatma.save_registration(desks.case_id, Registration(date(2026, 11, 2), "GM0855"))
    with (
        pytest.raises(ChangedMeanwhileError) as refused,
        desks.fatma.store.transaction() as session,
    ):
        part = session.scalars(
            select(IntakePart).where(IntakePart.part == REGISTRATION_PART)
        ).one()
        # Another save moved the version on after this one read it.
        session.execute(
            update(IntakePart)
            .where(IntakePart.part == REGISTRATION_PART)
            .values(version=IntakePart.version + 1)
            .execution_options(synchronize_session=False)
        )
        part.version += 1
        session.add(IntakePart(case_id=desks.case_id, part=INSTRUMENTS_PART, version=9))
    assert refused.value.message == CHANGED_MEANWHILE_TEXT
    assert isinstance(refused.value.__context__, StaleDataError)
    assert INSTRUMENTS_PART not in desks.fatma.load_intake(desks.case_id).step_versions


def test_a_save_committed_while_the_intake_loads_is_never_written_over(
    backend: Backend, desks: Desks
) -> None:
    """Opening an intake reads the answers and their versions in two statements. On the
    server each statement sees what was committed when it ran, so a colleague's save can
    fall between them; the next save must still merge with it."""
    if backend.name != "postgres":
        pytest.skip("SQLite: a transaction reads from one snapshot, nothing falls between")
    store = desks.fatma.store
    assert isinstance(store, ServerStore)
    noors = desks.noor.load_intake(desks.case_id)
    noor_base = AnswersBase(noors.answers, noors.answer_versions)
    renamed = dataclasses.replace(
        noors.answers, entrepreneur=dataclasses.replace(noors.answers.entrepreneur,
                                                        surname="van 't Hoff"),
    )  # fmt: skip
    done: list[bool] = []

    def noor_saves_between(*call: object) -> None:
        statement = str(call[2])  # (connection, cursor, statement, parameters, …)
        reads = "FROM intake_answers" in statement or "FROM intake_parts" in statement
        if reads and statement.lstrip().startswith("SELECT") and not done:
            done.append(True)
            desks.noor.save_answers(desks.case_id, renamed, noor_base)

    event.listen(store.engine, "after_cursor_execute", noor_saves_between)
    try:
        state = desks.fatma.load_intake(desks.case_id)
    finally:
        event.remove(store.engine, "after_cursor_execute", noor_saves_between)
    assert done
    typed = dataclasses.replace(
        state.answers, entrepreneur=dataclasses.replace(state.answers.entrepreneur,
                                                        phone="06 12345678"),
    )  # fmt: skip
    desks.fatma.save_answers(desks.case_id, typed, AnswersBase(state.answers,
                                                              state.answer_versions))
    stored = desks.fatma.load_intake(desks.case_id).answers.entrepreneur
    assert (stored.surname, stored.phone) == ("van 't Hoff", "06 12345678")


# --- the next appointment ---------------------------------------------------------------------

TEN = datetime(2026, 12, 8, 10, 0, tzinfo=AMSTERDAM)
ELEVEN = datetime(2026, 12, 8, 11, 0, tzinfo=AMSTERDAM)
AT_THE_COUNTER = Appointment(TEN, AppointmentMode.IN_PERSON, location="Stadskantoor")


def _appointment(service: IntakeService, case_id: CaseId) -> PartBase[Appointment | None]:
    state = service.load_intake(case_id)
    return PartBase(state.appointment, state.step_versions.get(APPOINTMENT_PART, 0))


@pytest.fixture
def planned(desks: Desks) -> Desks:
    desks.fatma.save_appointment(desks.case_id, AT_THE_COUNTER)
    return desks


def test_appointment_fields_changed_by_each_are_both_kept_without_asking(planned: Desks) -> None:
    fatmas = _appointment(planned.fatma, planned.case_id)
    noors = _appointment(planned.noor, planned.case_id)
    planned.noor.save_appointment(
        planned.case_id, dataclasses.replace(AT_THE_COUNTER, location="Kamer 2"), noors
    )
    saved = planned.fatma.save_appointment(
        planned.case_id, dataclasses.replace(AT_THE_COUNTER, note="Jaarcijfers meenemen"), fatmas
    )
    assert saved.conflicts == ()
    stored = planned.fatma.load_intake(planned.case_id).appointment
    assert stored is not None
    assert (stored.location, stored.note) == ("Kamer 2", "Jaarcijfers meenemen")


def test_the_same_appointment_time_changed_by_both_keeps_theirs_and_says_who_and_when(
    planned: Desks,
) -> None:
    fatmas = _appointment(planned.fatma, planned.case_id)
    noors = _appointment(planned.noor, planned.case_id)
    planned.noor.save_appointment(
        planned.case_id, dataclasses.replace(AT_THE_COUNTER, starts_at=ELEVEN), noors
    )
    noors_save = _last(planned, "appointment.saved")
    later = ELEVEN + timedelta(hours=3)
    saved = planned.fatma.save_appointment(
        planned.case_id, dataclasses.replace(AT_THE_COUNTER, starts_at=later), fatmas
    )
    (conflict,) = saved.conflicts
    assert (conflict.mine, conflict.theirs) == (later, ELEVEN)
    assert (conflict.changed_by, conflict.changed_at) == (NOOR, noors_save.at)
    assert conflict.label == "Volgende afspraak: begint"
    stored = planned.fatma.load_intake(planned.case_id).appointment
    assert stored is not None and stored.starts_at == ELEVEN


def test_an_appointment_i_removed_while_a_colleague_moved_it_stays_and_asks(
    planned: Desks,
) -> None:
    fatmas = _appointment(planned.fatma, planned.case_id)
    noors = _appointment(planned.noor, planned.case_id)
    planned.noor.save_appointment(
        planned.case_id, dataclasses.replace(AT_THE_COUNTER, starts_at=ELEVEN), noors
    )
    saved = planned.fatma.save_appointment(planned.case_id, None, fatmas)
    (conflict,) = saved.conflicts
    assert (conflict.path, conflict.mine, conflict.theirs, conflict.changed_by) == (
        APPOINTMENT_PART, APPOINTMENT_REMOVED, ELEVEN, NOOR,
    )  # fmt: skip
    assert planned.fatma.load_intake(planned.case_id).appointment is not None
