"""``casedesk demo`` makes complete, varied dossiers on top of the many for scale (issue 10)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from casedesk.db.models import Case, Entrepreneur, FollowUp, PlanVersion, ReferralStatusChange
from casedesk.db.store import Store
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.routes import Route
from casedesk.services.demo.dossiers import DEMO_DOSSIERS
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.followups import overdue_count
from casedesk.services.intake import intake_service_for
from casedesk.services.plan import list_plan_versions, load_plan_version, render_case_plan
from tests.plan.pdf_tools import pdf_text, squeeze
from tests.services.casework_store import store

__all__ = ["store"]

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
BULK = 5


@pytest.fixture
def filled(store: Store) -> Store:
    added = fill_with_demo_cases(store, len(DEMO_DOSSIERS) + BULK, NOW)
    assert added == len(DEMO_DOSSIERS) + BULK
    return store


def _complete_ids(store: Store) -> list[CaseId]:
    with store.session() as session:
        ids = session.scalars(select(Case.id).order_by(Case.id.desc()).limit(len(DEMO_DOSSIERS)))
        return sorted(CaseId(case_id) for case_id in ids)


def test_the_complete_dossiers_come_after_the_bulk_ones(filled: Store) -> None:
    with filled.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == len(DEMO_DOSSIERS) + BULK


def test_every_status_of_the_flow_after_the_intake_occurs(filled: Store) -> None:
    with filled.session() as session:
        statuses = set(
            session.scalars(select(Case.status).where(Case.id.in_(_complete_ids(filled))))
        )
    assert {CaseStatus.INTAKE, CaseStatus.PLAN_MADE, CaseStatus.ACTIVE, CaseStatus.CLOSED} <= (
        statuses
    )


def test_decisions_are_varied_overridden_and_with_three_routes(filled: Store) -> None:
    service = intake_service_for(filled)
    decisions = [service.load_intake(case_id).decision for case_id in _complete_ids(filled)]
    made = [decision for decision in decisions if decision is not None]
    assert len(made) == len(DEMO_DOSSIERS) - 1  # the incomplete one has none
    assert any(not decision.accepted and decision.override_reason for decision in made)
    assert any(len(decision.routes) == 3 for decision in made)
    assert any(decision.urgent for decision in made)
    assert {route for decision in made for route in decision.routes} == set(Route)


def test_referrals_have_a_status_history_and_a_follow_up_is_overdue(filled: Store) -> None:
    with filled.session() as session:
        steps = session.scalar(select(func.count()).select_from(ReferralStatusChange)) or 0
        follow_ups = session.scalar(select(func.count()).select_from(FollowUp)) or 0
    assert steps > sum(len(dossier.referrals) for dossier in DEMO_DOSSIERS)
    assert follow_ups >= 3
    assert overdue_count(filled, NOW) >= 1


def test_every_demo_plan_prints_the_name_and_the_route(filled: Store) -> None:
    service = intake_service_for(filled)
    printed = 0
    for case_id in _complete_ids(filled):
        versions = list_plan_versions(filled, case_id)
        if not versions:
            continue
        state = service.load_intake(case_id)
        text = squeeze(pdf_text(load_plan_version(filled, versions[0].version_id)))
        person = state.answers.entrepreneur
        assert squeeze(person.surname) in text, person.surname
        assert state.decision is not None
        for route in state.decision.routes:
            assert squeeze(route.label) in text, (person.surname, route)
        printed += 1
    assert printed == sum(dossier.plan for dossier in DEMO_DOSSIERS)
    with filled.session() as session:
        assert session.scalar(select(func.count()).select_from(PlanVersion)) == printed


def test_a_bulk_demo_dossier_with_a_route_prints_its_name_and_route(filled: Store) -> None:
    with filled.session() as session:
        case_id, route, surname = session.execute(
            select(Case.id, Case.primary_route, Entrepreneur.achternaam)
            .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
            .where(Case.primary_route.is_not(None), Case.id.not_in(_complete_ids(filled)))
            .limit(1)
        ).one()
    assert route is not None
    state = intake_service_for(filled).load_intake(CaseId(case_id))
    assert state.decision is not None and state.decision.routes == (route,)
    text = squeeze(pdf_text(render_case_plan(filled, case_id, now=NOW).pdf))
    assert squeeze(route.label) in text
    assert squeeze(surname) in text


def test_a_demo_made_in_the_last_hour_before_midnight_after_summer_time_closes_its_dossiers(
    store: Store,
) -> None:
    # 23:30 in Amsterdam in winter; the closed dossiers were started in summer time. Counted
    # in hours, their closing day came out one day after the closing moment, and
    # `casedesk --smoke` refused "a closing date in the future".
    late = datetime(2026, 12, 2, 22, 30, tzinfo=UTC)
    fill_with_demo_cases(store, len(DEMO_DOSSIERS), late)
    with store.session() as session:
        closed = session.scalar(
            select(func.count()).select_from(Case).where(Case.status == CaseStatus.CLOSED)
        )
    assert closed == sum(1 for dossier in DEMO_DOSSIERS if dossier.closed is not None)
