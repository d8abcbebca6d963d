"""The models' own rules: time zones, enums, immutable plans."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from casedesk.db.models import Case, Caseworker, PlanVersion
from casedesk.domain.case import CaseStatus
from casedesk.domain.routes import Route
from tests.db.schema_helpers import add_case, store_at_head, transaction


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return store_at_head(tmp_path)


def test_timestamps_come_back_in_utc(engine: Engine) -> None:
    amsterdam_winter = timezone(timedelta(hours=1))
    with transaction(engine) as session:
        nine_thirty = datetime(2026, 11, 27, 9, 30, tzinfo=amsterdam_winter)
        session.add(Caseworker(name="Sanne", created_at=nine_thirty))
    with Session(engine) as session:
        created = session.scalars(select(Caseworker.created_at)).one()
    assert created == datetime(2026, 11, 27, 8, 30, tzinfo=UTC)
    assert created.tzinfo is not None


def test_a_naive_timestamp_is_refused(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(Caseworker(name="Sanne", created_at=datetime(2026, 11, 27, 9, 30)))
        with pytest.raises(StatementError, match="timezone-aware"):
            session.flush()


def test_status_and_route_are_stored_as_dutch_value_and_route_number(engine: Engine) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        session.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(status=CaseStatus.ACTIVE, primary_route=Route.DE_ESCALATION)
        )
    with engine.connect() as connection:
        raw = connection.execute(text("SELECT status, primary_route FROM cases")).one()
    assert tuple(raw) == ("lopend", 2)
    with Session(engine) as session:
        case = session.get_one(Case, case_id)
    assert (case.status, case.primary_route) == (CaseStatus.ACTIVE, Route.DE_ESCALATION)


def test_an_unknown_status_is_refused_by_the_store(engine: Engine) -> None:
    with transaction(engine) as session:
        add_case(session, "Jan", "Jansen")
    with engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(text("UPDATE cases SET status = 'zoekgeraakt'"))


def test_a_stored_plan_version_cannot_be_changed(engine: Engine) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        session.add(
            PlanVersion(
                case_id=case_id, pdf=b"%PDF-1.7 original", sha256="a" * 64, source_json="{}"
            )
        )
    with engine.connect() as connection, pytest.raises(IntegrityError, match="immutable"):
        connection.execute(text("UPDATE plan_versions SET pdf = x'00'"))
    with Session(engine) as session:
        assert session.scalars(select(PlanVersion.pdf)).one() == b"%PDF-1.7 original"
