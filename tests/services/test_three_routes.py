"""All three advised routes can be kept, stored and printed (issue 11), on a real store.

The advice for someone who wants to stay partly self-employed with a job (routes 1 and 3)
and who told about stress (route 2) names all three routes: 1, 3 and 2.
"""

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from casedesk.db import settings_repo
from casedesk.db.models import AdviceDecision, Case
from casedesk.db.store import Store
from casedesk.domain.case import CaseId
from casedesk.domain.decision import decision_still_matches
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Entrepreneur, Future, IntakeAnswers, Signal, Situation, Wish
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from casedesk.services.intake import IntakeService
from casedesk.services.plan import render_case_plan
from tests.plan.pdf_tools import pdf_text, squeeze
from tests.services.casework_store import store

__all__ = ["store"]

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
ONE, TWO, THREE = Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION, Route.EMPLOYMENT
THREE_ROUTES = IntakeAnswers(
    entrepreneur=Entrepreneur(
        first_names="Joris",
        surname="Brouwer",
        municipality_code=MunicipalityCode("GM0855"),
    ),
    situation=Situation(signals=frozenset({Signal.STRESS})),
    future=Future(wish=Wish.PART_TIME_WITH_JOB),
)
REASON_FOR = {
    ONE: "maken we uw bedrijf sterker",
    THREE: "zoeken we ook een (bij)baan",
    TWO: "welke steun u daarbij kunt krijgen",
}
"""A piece of the advice's reason for each route, as printed."""


@pytest.fixture
def service(store: Store) -> IntakeService:
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    return IntakeService(store, actor_id, today=lambda: NOW.date(), now=lambda: NOW)


@pytest.fixture
def case_id(service: IntakeService) -> CaseId:
    return service.start_intake(Registration(date(2026, 11, 27), "GM0855"), THREE_ROUTES)


def _decide(
    service: IntakeService, case_id: CaseId, routes: tuple[Route, ...], reason: str = ""
) -> None:
    secondary, third = (*routes[1:], None, None)[:2]
    advice = service.advise(case_id, THREE_ROUTES)
    service.decide_route(case_id, advice, routes[0], secondary, reason, third)


def _printed(store: Store, case_id: CaseId) -> str:
    return squeeze(pdf_text(render_case_plan(store, case_id, now=NOW).pdf))


def _printed_routes(store: Store, case_id: CaseId) -> list[Route]:
    text = _printed(store, case_id)
    found = [(text.find(squeeze(route.label)), route) for route in Route]
    return [route for place, route in sorted(found) if place >= 0]


def test_the_advice_names_all_three_routes(service: IntakeService, case_id: CaseId) -> None:
    assert service.advise(case_id, THREE_ROUTES).route_list == (ONE, THREE, TWO)


def test_keeping_the_advice_stores_all_three_routes(
    store: Store, service: IntakeService, case_id: CaseId
) -> None:
    _decide(service, case_id, (ONE, THREE, TWO))
    decision = service.load_intake(case_id).decision
    assert decision is not None and decision.accepted
    assert decision.routes == decision.suggested_routes == (ONE, THREE, TWO)
    with store.session() as session:
        row = session.scalars(select(AdviceDecision).where(AdviceDecision.case_id == case_id)).one()
        case = session.get_one(Case, case_id)
    assert (row.chosen_third_route, row.suggested_third_route, case.third_route) == (TWO,) * 3


def test_the_plan_of_a_kept_advice_prints_all_three_routes_and_their_reasons(
    store: Store, service: IntakeService, case_id: CaseId
) -> None:
    _decide(service, case_id, (ONE, THREE, TWO))
    assert _printed_routes(store, case_id) == [ONE, THREE, TWO]
    printed = _printed(store, case_id)
    for part in REASON_FOR.values():
        assert squeeze(part) in printed, part
    assert squeeze("(route") not in printed


@pytest.mark.parametrize(
    "chosen",
    [(ONE, THREE), (ONE, TWO), (THREE, TWO), (TWO, ONE, THREE), (THREE, ONE, TWO), (TWO,)],
    ids=lambda routes: "+".join(str(int(route)) for route in routes),
)
def test_other_routes_than_advised_are_stored_and_printed_with_the_reason_only(
    store: Store, service: IntakeService, case_id: CaseId, chosen: tuple[Route, ...]
) -> None:
    _decide(service, case_id, chosen, "liever eerst werk")
    decision = service.load_intake(case_id).decision
    assert decision is not None and not decision.accepted
    assert decision.routes == chosen
    printed = _printed_routes(store, case_id)
    # An urgent route 2 would come first; this advice is not urgent, so the order is kept.
    assert printed == list(chosen)
    text = _printed(store, case_id)
    assert squeeze("De reden: Liever eerst werk.") in text
    assert not any(squeeze(part) in text for part in REASON_FOR.values())


def test_a_third_route_without_a_second_is_refused_in_dutch(
    service: IntakeService, case_id: CaseId
) -> None:
    advice = service.advise(case_id, THREE_ROUTES)
    with pytest.raises(KnownError, match="kies eerst een tweede route"):
        service.decide_route(case_id, advice, ONE, None, "reden", THREE)
    assert service.load_intake(case_id).decision is None


def test_a_route_chosen_twice_as_third_is_refused_in_dutch(
    service: IntakeService, case_id: CaseId
) -> None:
    advice = service.advise(case_id, THREE_ROUTES)
    with pytest.raises(KnownError, match="een route die nog niet gekozen is"):
        service.decide_route(case_id, advice, ONE, THREE, "reden", ONE)


def test_two_of_three_advised_routes_is_another_choice_and_needs_a_reason(
    service: IntakeService, case_id: CaseId
) -> None:
    advice = service.advise(case_id, THREE_ROUTES)
    with pytest.raises(KnownError, match="Geef een reden op"):
        service.decide_route(case_id, advice, ONE, THREE, "")


def test_a_decision_on_two_routes_is_flagged_when_the_advice_grows_to_three(
    service: IntakeService, case_id: CaseId
) -> None:
    without_stress = dataclasses.replace(THREE_ROUTES, situation=Situation())
    advice = service.advise(case_id, without_stress)
    service.decide_route(case_id, advice, ONE, THREE, "")
    state = service.load_intake(case_id)
    assert state.decision is not None and state.decision.accepted
    assert not decision_still_matches(state.decision, service.advise(case_id, THREE_ROUTES))
