"""Needs without offer: the intake records the help the region lacks, and keeps it countable."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from casedesk.db import settings_repo
from casedesk.db.models import CaseNeed
from casedesk.db.store import Store
from casedesk.domain.answers_json import (
    AnswersFormatError,
    answers_from_json_dict,
    answers_to_json_dict,
)
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Future, HelpRequest, IntakeAnswers, UnmetNeed, field_label
from casedesk.services.intake import IntakeService
from tests.services.casework_store import store

__all__ = ["store"]

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
LACKING = Future(
    help_requests=frozenset({HelpRequest.ENTREPRENEUR_SKILLS}),
    unmet_needs=frozenset({UnmetNeed.BUSINESS_FINANCE, UnmetNeed.OTHER}),
    unmet_needs_note="Een kleine lening voor een nieuwe oven",
)


@pytest.fixture
def service(store: Store) -> IntakeService:
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    return IntakeService(store, actor_id, today=lambda: NOW.date(), now=lambda: NOW)


def _needs(store: Store) -> list[tuple[str, str]]:
    with store.session() as session:
        return sorted(
            (kind, code) for kind, code in session.execute(select(CaseNeed.kind, CaseNeed.code))
        )


def test_the_needs_without_offer_and_their_note_go_through_the_answers_format() -> None:
    answers = IntakeAnswers(future=LACKING)
    data = answers_to_json_dict(answers)
    assert data["future"]["unmet_needs"] == ["financiering", "anders"]
    assert answers_from_json_dict(data) == answers


def test_an_unknown_need_is_refused_with_the_choices_in_dutch() -> None:
    data = answers_to_json_dict(IntakeAnswers())
    data["future"]["unmet_needs"] = ["kinderopvang"]
    with pytest.raises(AnswersFormatError, match="Gevraagde hulp die de regio niet biedt") as error:
        answers_from_json_dict(data)
    assert "financiering" in str(error.value)


def test_the_field_has_a_dutch_label_of_its_own() -> None:
    assert field_label("future.unmet_needs") == "Gevraagde hulp die de regio niet biedt"
    assert field_label("future.unmet_needs_note") == "Toelichting op de hulp die ontbreekt"


def test_a_saved_intake_keeps_its_help_requests_and_lacking_needs_countable(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(Registration(date(2026, 11, 27), "GM0855"), IntakeAnswers())
    service.save_answers(case_id, IntakeAnswers(future=LACKING))
    assert _needs(store) == [
        ("hulpvraag", "ondernemersvaardigheden"), ("ontbreekt", "anders"),
        ("ontbreekt", "financiering"),
    ]  # fmt: skip
    assert service.load_intake(case_id).answers.future == LACKING


def test_a_need_unticked_later_is_no_longer_counted(store: Store, service: IntakeService) -> None:
    case_id = service.start_intake(
        Registration(date(2026, 11, 27), "GM0855"), IntakeAnswers(future=LACKING)
    )
    service.save_answers(case_id, IntakeAnswers())
    assert _needs(store) == []


def test_another_answer_typed_later_keeps_the_needs_counted(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(
        Registration(date(2026, 11, 27), "GM0855"), IntakeAnswers(future=LACKING)
    )
    counted = _needs(store)
    typed = IntakeAnswers(future=replace(LACKING, unmet_needs_note="Een oven en een bus"))

    service.save_answers(case_id, typed)

    assert _needs(store) == counted != []
