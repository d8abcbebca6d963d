"""Migration 0014: a third route for decisions and cases, and the status "plan gemaakt"."""

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casedesk.db import migrate
from casedesk.db.cases import fetch_case_page
from casedesk.db.models import AdviceDecision, Business, Case, Entrepreneur
from casedesk.domain.case import CaseStatus
from casedesk.domain.routes import Route
from tests.db.schema_helpers import at, empty_store, upgrade_to

ONE, TWO, THREE = Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION, Route.EMPLOYMENT
PART_TIME_AND_STRESS = ("R1-R3-PART-TIME", "R2-SIGNALS", "HINT-BBZ")
"""Rules that advised routes 1, 3 and 2 (domain/advice.py), of which 0010 kept two."""


def _store_at_0010(tmp_path: Path) -> Engine:
    engine = empty_store(tmp_path)
    upgrade_to(engine, "0010")
    with Session(engine) as session, session.begin():
        session.execute(
            insert(Entrepreneur).values(
                id=1, voornamen="Joris", tussenvoegsel="", achternaam="Brouwer", country="NL",
                created_at=at(1), updated_at=at(1),
            )
        )  # fmt: skip
        session.execute(
            insert(Business).values(
                id=1, entrepreneur_id=1, trade_name="Brouwer Bouw", created_at=at(1),
                updated_at=at(1),
            )
        )  # fmt: skip
        for case_id in (1, 2, 3):
            session.execute(
                insert(Case).values(
                    id=case_id, entrepreneur_id=1, business_id=1, municipality_code="GM0855",
                    registration_date=at(1).date(), status=CaseStatus.ADVICE, urgent=False,
                    created_at=at(1), updated_at=at(case_id),
                )
            )  # fmt: skip
    return engine


def _add_decision(
    engine: Engine,
    case_id: int,
    rule_ids: tuple[str, ...],
    suggested: tuple[Route, Route | None],
    chosen: tuple[Route, Route | None],
    *,
    day: int = 2,
) -> None:
    reasons = json.dumps([{"rule_id": rule_id, "text": "…"} for rule_id in rule_ids])
    with Session(engine) as session, session.begin():
        session.execute(
            insert(AdviceDecision).values(
                case_id=case_id, suggested_primary_route=suggested[0],
                suggested_secondary_route=suggested[1], urgent=False, reasons_json=reasons,
                accepted=suggested == chosen, chosen_primary_route=chosen[0],
                chosen_secondary_route=chosen[1],
                override_reason=None if suggested == chosen else "eerst werk",
                decided_at=at(day),
            )
        )  # fmt: skip


def _third_routes(engine: Engine) -> dict[int, tuple[Route | None, Route | None, Route | None]]:
    with Session(engine) as session:
        decisions = session.execute(
            select(
                AdviceDecision.case_id,
                AdviceDecision.suggested_third_route,
                AdviceDecision.chosen_third_route,
            ).order_by(AdviceDecision.decided_at)
        ).all()
        cases = dict(session.execute(select(Case.id, Case.third_route)).all())
    return {row.case_id: (row[1], row[2], cases[row.case_id]) for row in decisions}


def test_a_kept_advice_of_three_routes_gets_its_third_route_back(tmp_path: Path) -> None:
    engine = _store_at_0010(tmp_path)
    _add_decision(engine, 1, PART_TIME_AND_STRESS, (ONE, THREE), (ONE, THREE))
    migrate.upgrade(engine)
    assert _third_routes(engine)[1] == (TWO, TWO, TWO)


def test_an_override_keeps_the_advised_third_route_but_chose_none(tmp_path: Path) -> None:
    engine = _store_at_0010(tmp_path)
    _add_decision(engine, 2, PART_TIME_AND_STRESS, (ONE, THREE), (THREE, None))
    migrate.upgrade(engine)
    assert _third_routes(engine)[2] == (TWO, None, None)


def test_a_decision_the_rules_do_not_explain_is_left_as_it_was(tmp_path: Path) -> None:
    engine = _store_at_0010(tmp_path)
    _add_decision(engine, 3, PART_TIME_AND_STRESS, (TWO, THREE), (TWO, THREE))
    _add_decision(engine, 1, ("R1-CONTINUE",), (ONE, None), (ONE, None))
    migrate.upgrade(engine)
    routes = _third_routes(engine)
    assert (routes[3], routes[1]) == ((None, None, None), (None, None, None))


def test_a_case_follows_its_latest_decision(tmp_path: Path) -> None:
    engine = _store_at_0010(tmp_path)
    _add_decision(engine, 1, PART_TIME_AND_STRESS, (ONE, THREE), (ONE, THREE), day=2)
    _add_decision(engine, 1, PART_TIME_AND_STRESS, (ONE, THREE), (THREE, ONE), day=3)
    migrate.upgrade(engine)
    with Session(engine) as session:
        assert session.get_one(Case, 1).third_route is None


def test_after_the_upgrade_a_case_can_have_the_status_plan_made(tmp_path: Path) -> None:
    engine = _store_at_0010(tmp_path)
    migrate.upgrade(engine)
    with Session(engine) as session, session.begin():
        session.execute(update(Case).where(Case.id == 1).values(status=CaseStatus.PLAN_MADE))
    with Session(engine) as session:
        assert session.get_one(Case, 1).status is CaseStatus.PLAN_MADE


def test_after_the_upgrade_an_unknown_status_is_still_refused(tmp_path: Path) -> None:
    engine = _store_at_0010(tmp_path)
    migrate.upgrade(engine)
    refused = pytest.raises(IntegrityError, match="CHECK constraint failed")
    with refused, engine.begin() as connection:
        connection.execute(text("UPDATE cases SET status = 'onzin' WHERE id = 1"))


def test_after_the_upgrade_search_and_foreign_keys_work_as_before(tmp_path: Path) -> None:
    engine = _store_at_0010(tmp_path)
    migrate.upgrade(engine)
    with Session(engine) as session, session.begin():
        session.execute(update(Entrepreneur).values(achternaam="Yılmaz"))
        session.execute(update(Case).where(Case.id == 2).values(updated_at=at(9)))
    with Session(engine) as session:
        assert [case.case_id for case in fetch_case_page(session, "yilmaz", None, 10)] == [2, 3, 1]
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), engine.begin() as connection:
        connection.execute(text("UPDATE cases SET entrepreneur_id = 99 WHERE id = 1"))
