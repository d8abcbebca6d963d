"""The models' own rules (time zones, enums, immutable plans) and the settings store."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from casedesk.db.models import Case, Caseworker, PlanVersion
from casedesk.db.settings_repo import (
    MUNICIPALITY_NAME,
    add_caseworker,
    caseworker_name,
    current_caseworker_id,
    get_setting,
    municipality_name,
    save_municipalities,
    set_current_caseworker,
    set_setting,
)
from casedesk.domain.case import CaseStatus
from casedesk.domain.regions import Municipality, MunicipalityCode, RegionCode
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


# Settings and caseworkers (db/settings_repo.py).


def test_a_setting_reads_back_and_can_be_replaced(engine: Engine) -> None:
    with transaction(engine) as session:
        assert get_setting(session, MUNICIPALITY_NAME) is None
        set_setting(session, MUNICIPALITY_NAME, "Súdwest-Fryslân")
    with transaction(engine) as session:
        assert get_setting(session, MUNICIPALITY_NAME) == "Súdwest-Fryslân"
        set_setting(session, MUNICIPALITY_NAME, "Leeuwarden")
    with Session(engine) as session:
        assert get_setting(session, MUNICIPALITY_NAME) == "Leeuwarden"


def test_the_current_caseworker_is_remembered(engine: Engine) -> None:
    with transaction(engine) as session:
        assert current_caseworker_id(session) is None
        sanne = add_caseworker(session, "  Sanne de Vries ")
        set_current_caseworker(session, sanne)
    with Session(engine) as session:
        assert current_caseworker_id(session) == sanne
        assert caseworker_name(session, sanne) == "Sanne de Vries"


def test_an_unknown_caseworker_cannot_become_the_current_one(engine: Engine) -> None:
    with transaction(engine) as session, pytest.raises(ValueError, match="no caseworker 42"):
        set_current_caseworker(session, 42)
    with Session(engine) as session:
        assert current_caseworker_id(session) is None


def test_municipality_names_are_stored_and_refreshed(engine: Engine) -> None:
    def bolsward(name: str) -> Municipality:
        return Municipality(MunicipalityCode("GM1900"), name, RegionCode("AM02"), "Fryslân", 2026)

    with transaction(engine) as session:
        save_municipalities(session, [bolsward("Sudwest Fryslan")])
    with transaction(engine) as session:
        save_municipalities(session, [bolsward("Súdwest-Fryslân")])
    with Session(engine) as session:
        assert municipality_name(session, "GM1900") == "Súdwest-Fryslân"
