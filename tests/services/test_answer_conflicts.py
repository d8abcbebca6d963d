"""Two caseworkers on one dossier (issue 12): each save is checked against the versions it
started from; changes to different answers merge, the same answer changed by both comes
back as a conflict naming who changed it and when. On both stores: on the server each
caseworker has a login of their own."""

import dataclasses
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from casedesk.db import intake_repo, settings_repo
from casedesk.db.audit import AuditEntry, case_events
from casedesk.db.data_store import DataStore
from casedesk.db.keys import Keychain
from casedesk.db.server.store import ServerStore
from casedesk.domain.answers_json import answers_to_json_dict
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import AnswerConflict, AnswersBase, Registration
from casedesk.domain.intake import (
    Business,
    Channel,
    DebtLevel,
    Entrepreneur,
    IntakeAnswers,
    Scheme,
    Sector,
    Situation,
)
from casedesk.services.audit_log import ANSWERS_CONFLICT, ANSWERS_SAVED, read_case_log
from casedesk.services.intake import IntakeService
from tests.backends import Backend
from tests.services.casework_store import add_case

REGISTRATION = Registration(date(2026, 11, 27), "GM0855")
NOOR = "Noor Bakker"

ZOE = IntakeAnswers(
    entrepreneur=Entrepreneur(first_names="Zoë", surname="Hoff", phone="013 1234567"),
    business=Business(trade_name="Zoë's Bloemen", kvk_number="12345678"),
    situation=Situation(debts=DebtLevel.NONE),
)


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
            yield Desks(fatma, IntakeService(noor_store, noor_id), noor_store, case_id)


def _opened(service: IntakeService, case_id: CaseId) -> AnswersBase:
    """What a window holds once it has loaded the intake."""
    state = service.load_intake(case_id)
    return AnswersBase(state.answers, state.answer_versions)


def _person(answers: IntakeAnswers, **changes: object) -> IntakeAnswers:
    person = dataclasses.replace(answers.entrepreneur, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(answers, entrepreneur=person)


def _business(answers: IntakeAnswers, **changes: object) -> IntakeAnswers:
    business = dataclasses.replace(answers.business, **changes)  # type: ignore[arg-type]
    return dataclasses.replace(answers, business=business)


def _stored(desks: Desks) -> IntakeAnswers:
    return desks.fatma.load_intake(desks.case_id).answers


def _last_save(desks: Desks) -> AuditEntry:
    with desks.noor_store.session() as session:
        return [e for e in case_events(session, desks.case_id) if e.action == ANSWERS_SAVED][-1]


def test_a_single_caseworker_saving_again_and_again_never_meets_a_conflict(
    desks: Desks,
) -> None:
    base = _opened(desks.fatma, desks.case_id)
    answers = base.answers
    for surname in ("Hoff-", "Hoff-Çe", "Hoff-Çelik"):
        answers = _person(answers, surname=surname)
        saved = desks.fatma.save_answers(desks.case_id, answers, base)
        assert saved.conflicts == ()
        assert saved.answers == answers
        base = saved.base
    answers = _business(answers, sector=Sector.RETAIL)
    assert desks.fatma.save_answers(desks.case_id, answers, base).conflicts == ()
    assert _stored(desks) == answers


def test_a_dossier_made_outside_the_intake_saves_without_a_conflict(desks: Desks) -> None:
    case_id = CaseId(add_case(desks.fatma.store, voornamen="Jan", achternaam="Jansen"))
    base = _opened(desks.fatma, case_id)  # answers built from the dossier's columns
    typed = _person(base.answers, surname="Janssen")
    saved = desks.fatma.save_answers(case_id, typed, base)
    assert saved.conflicts == ()
    assert desks.fatma.load_intake(case_id).answers == typed


def test_only_the_parts_a_save_changes_move_on_a_version(desks: Desks) -> None:
    base = _opened(desks.fatma, desks.case_id)
    saved = desks.fatma.save_answers(
        desks.case_id, _business(base.answers, sector=Sector.RETAIL), base
    )
    moved = {part for part, version in saved.versions.items()
             if version != base.versions.get(part, 0)}  # fmt: skip
    assert moved == {"business"}
    assert desks.fatma.load_intake(desks.case_id).answer_versions == saved.versions


def test_changes_in_different_steps_are_both_kept_without_asking(desks: Desks) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    desks.noor.save_answers(desks.case_id, _business(noors.answers, sector=Sector.RETAIL), noors)
    saved = desks.fatma.save_answers(
        desks.case_id, _person(fatmas.answers, surname="Hoff-Çelik"), fatmas
    )
    assert saved.conflicts == ()
    both = _business(_person(ZOE, surname="Hoff-Çelik"), sector=Sector.RETAIL)
    assert saved.answers == both
    assert _stored(desks) == both


def test_different_answers_in_one_step_are_both_kept_without_asking(desks: Desks) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    desks.noor.save_answers(desks.case_id, _person(noors.answers, phone="06 12345678"), noors)
    saved = desks.fatma.save_answers(
        desks.case_id, _person(fatmas.answers, surname="Hoff-Çelik"), fatmas
    )
    assert saved.conflicts == ()
    assert _stored(desks) == _person(ZOE, surname="Hoff-Çelik", phone="06 12345678")


def test_the_same_answer_typed_the_same_by_both_is_no_conflict(desks: Desks) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    desks.noor.save_answers(desks.case_id, _person(noors.answers, surname="Hoff-Çelik"), noors)
    saved = desks.fatma.save_answers(
        desks.case_id, _person(fatmas.answers, surname="Hoff-Çelik"), fatmas
    )
    assert saved.conflicts == ()


def test_one_answer_changed_by_both_keeps_theirs_and_says_who_and_when(desks: Desks) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    desks.noor.save_answers(desks.case_id, _person(noors.answers, surname="van 't Hoff"), noors)
    noors_save = _last_save(desks)
    typed = _business(_person(fatmas.answers, surname="Hoff-Çelik"), trade_name="Bloem")
    saved = desks.fatma.save_answers(desks.case_id, typed, fatmas)
    assert saved.conflicts == (
        AnswerConflict("entrepreneur.surname", "Hoff-Çelik", "van 't Hoff", NOOR, noors_save.at),
    )
    # What did not conflict is stored; the conflicting answer keeps Noor's until Fatma chooses.
    assert _stored(desks) == _business(_person(ZOE, surname="van 't Hoff"), trade_name="Bloem")
    assert saved.answers == _stored(desks)


def test_conflicting_choices_come_back_as_the_values_of_the_answers(desks: Desks) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    noor_answers = dataclasses.replace(
        noors.answers, situation=Situation(schemes=frozenset({Scheme.BBZ})), channel=Channel.MEDIA
    )
    desks.noor.save_answers(desks.case_id, noor_answers, noors)
    mine = dataclasses.replace(
        fatmas.answers, situation=Situation(schemes=frozenset({Scheme.TOZO})),
        channel=Channel.WEBSITE,
    )  # fmt: skip
    conflicts = desks.fatma.save_answers(desks.case_id, mine, fatmas).conflicts
    assert [(c.path, c.mine, c.theirs) for c in conflicts] == [
        ("situation.schemes", frozenset({Scheme.TOZO}), frozenset({Scheme.BBZ})),
        ("channel", Channel.WEBSITE, Channel.MEDIA),
    ]


def test_the_choice_is_saved_against_the_answers_the_conflict_returned(desks: Desks) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    desks.noor.save_answers(desks.case_id, _person(noors.answers, surname="van 't Hoff"), noors)
    typed = _person(fatmas.answers, surname="Hoff-Çelik")
    first = desks.fatma.save_answers(desks.case_id, typed, fatmas)
    assert first.conflicts
    chosen = desks.fatma.save_answers(desks.case_id, typed, first.base)  # "Mijn versie houden"
    assert chosen.conflicts == ()
    assert _stored(desks).entrepreneur.surname == "Hoff-Çelik"


def test_a_conflict_is_logged_by_field_without_the_values(desks: Desks) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    desks.noor.save_answers(desks.case_id, _person(noors.answers, surname="van 't Hoff"), noors)
    desks.fatma.save_answers(desks.case_id, _person(fatmas.answers, surname="Hoff-Çelik"), fatmas)
    with desks.noor_store.session() as session:
        (event,) = [e for e in case_events(session, desks.case_id) if e.action == ANSWERS_CONFLICT]
        log = read_case_log(session, desks.case_id)
    assert event.details == {"fields": ["entrepreneur.surname"]}  # no values: no names
    assert event.actor_id == desks.fatma.actor_id
    assert "Een collega had hetzelfde veranderd; gevraagd welke versie blijft (Achternaam)" in [
        line.text for line in log
    ]


def test_a_step_the_colleague_changed_and_changed_back_merges_without_asking(
    desks: Desks,
) -> None:
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    changed = desks.noor.save_answers(desks.case_id, _person(noors.answers, surname="X"), noors)
    desks.noor.save_answers(desks.case_id, noors.answers, changed.base)
    saved = desks.fatma.save_answers(desks.case_id, _person(fatmas.answers, phone="06 1"), fatmas)
    assert saved.conflicts == ()
    assert _stored(desks) == _person(ZOE, phone="06 1")


def test_a_save_that_waits_for_a_colleagues_save_merges_with_it(
    backend: Backend, desks: Desks
) -> None:
    """On the server two saves of one dossier can run at the same moment: the second one
    waits until the first has committed and merges with it, so neither is lost."""
    if backend.name != "postgres":
        pytest.skip("SQLite: one app holds the store and writes one transaction at a time")
    fatmas = _opened(desks.fatma, desks.case_id)
    noors = _opened(desks.noor, desks.case_id)
    outcome: list[object] = []

    def fatma_saves() -> None:
        typed = _person(fatmas.answers, surname="Hoff-Çelik")
        try:
            outcome.append(desks.fatma.save_answers(desks.case_id, typed, fatmas))
        except Exception as error:  # reported by the assertion below
            outcome.append(error)

    with desks.noor_store.transaction() as session:
        # Noor's save is under way (it holds the dossier's answers) when Fatma's starts.
        intake_repo.lock_open_case(session, desks.case_id)
        thread = threading.Thread(target=fatma_saves)
        thread.start()
        _wait_until_waiting_for_a_lock(desks.fatma.store)
        noors_answers = _business(noors.answers, sector=Sector.RETAIL)
        intake_repo.save_answers(
            session, desks.case_id, 1, answers_to_json_dict(noors_answers), datetime.now(UTC)
        )
        read = intake_repo.part_versions(session, desks.case_id)
        intake_repo.advance_parts(session, desks.case_id, ["business"], read)
    thread.join()
    assert not isinstance(outcome[0], Exception), outcome
    assert _stored(desks) == _business(_person(ZOE, surname="Hoff-Çelik"), sector=Sector.RETAIL)


def _wait_until_waiting_for_a_lock(store: DataStore) -> None:
    """Until a connection of this login waits for a lock (another login's sessions are
    hidden in ``pg_stat_activity``); gives up after half a minute."""
    assert isinstance(store, ServerStore)
    deadline = time.monotonic() + 30
    with store.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            )
            connection.rollback()  # a fresh snapshot of the statistics each time
            if waiting:
                return
    raise AssertionError("the save never waited for the one under way")
