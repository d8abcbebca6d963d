"""The correction trail (AVG art. 16): later changes keep what a field was and became."""

import csv
import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.db import settings_repo
from casedesk.db.audit import case_events
from casedesk.db.keys import Keychain
from casedesk.db.models import FieldCorrection
from casedesk.db.store import Store
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import Registration
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.services.audit_export import export_audit_log
from casedesk.services.audit_log import read_case_log
from casedesk.services.intake import IntakeService
from casedesk.services.logbook import LogFilter, search_log
from tests.stores import new_store

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
JANSEN = IntakeAnswers(entrepreneur=Entrepreneur(first_names="Els", surname="Jansen"))


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        yield opened


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: Store, clock: Clock) -> IntakeService:
    with store.session() as session:
        actor = settings_repo.current_caseworker_id(session)
    return IntakeService(store, actor, today=lambda: START.date(), now=clock)


def _surname(answers: IntakeAnswers, surname: str) -> IntakeAnswers:
    return dataclasses.replace(
        answers, entrepreneur=dataclasses.replace(answers.entrepreneur, surname=surname)
    )


def _case(service: IntakeService) -> CaseId:
    case_id = service.start_intake(Registration(date(2026, 11, 2), "GM0855"), IntakeAnswers())
    service.save_answers(case_id, JANSEN)
    return case_id


def _corrections(store: Store) -> list[tuple[str, str, str]]:
    with store.session() as session:
        rows = session.scalars(select(FieldCorrection).order_by(FieldCorrection.id))
        return [(row.field, row.old_value, row.new_value) for row in rows]


def test_typing_in_the_first_sitting_is_no_correction(store: Store, service: IntakeService,
                                                       clock: Clock) -> None:  # fmt: skip
    case_id = _case(service)
    clock.now += timedelta(minutes=5)
    service.save_answers(case_id, _surname(JANSEN, "Janssen"))
    assert _corrections(store) == []


def test_a_change_in_a_later_sitting_keeps_was_and_became_once_per_field(
    store: Store, service: IntakeService, clock: Clock
) -> None:
    case_id = _case(service)
    clock.now += timedelta(days=7)
    for typed in ("Janse", "Jans", "Janss", "Janssen"):
        clock.now += timedelta(seconds=20)
        service.save_answers(case_id, _surname(JANSEN, typed))
    assert _corrections(store) == [("entrepreneur.surname", '"Jansen"', '"Janssen"')]


def test_the_log_says_a_field_was_corrected_but_holds_no_value(
    store: Store, service: IntakeService, clock: Clock
) -> None:
    case_id = _case(service)
    clock.now += timedelta(days=7)
    service.save_answers(case_id, _surname(JANSEN, "Janssen"))
    with store.session() as session:
        events = [e for e in case_events(session, case_id) if e.action == "field.corrected"]
        lines = [line.text for line in read_case_log(session, case_id)]
    assert [e.details["field"] for e in events] == ["entrepreneur.surname"]
    assert "Jans" not in str(events[0].details)
    assert "Gegeven verbeterd: Achternaam" in lines


def test_the_officers_export_shows_was_and_became(
    store: Store, service: IntakeService, clock: Clock, tmp_path: Path
) -> None:
    case_id = _case(service)
    clock.now += timedelta(days=7)
    service.save_answers(case_id, _surname(JANSEN, "Janssen"))
    today = datetime.now(UTC).astimezone(AMSTERDAM).date()
    out = tmp_path / "logboek.csv"
    export_audit_log(store, today - timedelta(days=1), today + timedelta(days=1), out)
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    [corrected] = [row for row in rows if row["code"] == "field.corrected"]
    assert corrected["verbetering"] == "Jansen → Janssen"
    assert corrected["dossier"] == str(case_id)


def test_the_logbook_shows_the_officer_was_and_became(
    store: Store, service: IntakeService, clock: Clock
) -> None:
    case_id = _case(service)
    clock.now += timedelta(days=7)
    service.save_answers(case_id, _surname(JANSEN, "Janssen"))
    rows = search_log(store, LogFilter(case_id=case_id, action="field.corrected"))
    assert [(row.text, row.correction) for row in rows] == [
        ("Gegeven verbeterd: Achternaam", "Jansen → Janssen")
    ]
