"""Every read and change of a dossier leaves an audit event, in the same transaction."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from casedesk.db.audit import case_events, record_event
from casedesk.db.cases import (
    BusinessData,
    EntrepreneurData,
    read_case,
    update_business,
    update_entrepreneur,
)
from casedesk.db.models import AuditEvent, Case
from casedesk.db.settings_repo import add_caseworker
from tests.db.schema_helpers import add_case, store_at_head, transaction


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return store_at_head(tmp_path)


def test_creating_a_case_is_logged_with_who_did_it(engine: Engine) -> None:
    with transaction(engine) as session:
        sanne = add_caseworker(session, "Sanne de Vries")
        case_id = add_case(session, "Jan", "Jansen", actor_id=sanne)
    with Session(engine) as session:
        events = case_events(session, case_id)
    assert [(e.action, e.actor_id, e.entity_type, e.entity_id) for e in events] == [
        ("case.created", sanne, "case", str(case_id))
    ]
    assert events[0].details == {"municipality_code": "GM0363"}


def test_reading_a_case_is_logged(engine: Engine) -> None:
    with transaction(engine) as session:
        sanne = add_caseworker(session, "Sanne de Vries")
        case_id = add_case(session, "Jan", "Jansen", actor_id=sanne)
    with transaction(engine) as session:
        read_case(session, sanne, case_id)
    with Session(engine) as session:
        assert [e.action for e in case_events(session, case_id)] == ["case.created", "case.viewed"]


def test_a_rolled_back_change_leaves_neither_case_nor_event(engine: Engine) -> None:
    with Session(engine) as session:
        session.begin()
        add_case(session, "Jan", "Jansen")
        session.rollback()
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_a_change_logs_which_fields_changed_but_not_their_values(engine: Engine) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen", place="Groningen")
    changed = EntrepreneurData(
        "Jan", "de", "Vries", date_of_birth=date(1980, 5, 17), place="Zuidhorn", bsn="111222333"
    )
    with transaction(engine) as session:
        update_entrepreneur(session, None, case_id, changed)
        update_business(session, None, case_id, BusinessData(trade_name="Schilder De Vries"))
    with Session(engine) as session:
        events = case_events(session, case_id)
        stored = " ".join(session.scalars(select(AuditEvent.details_json)))
    assert [(e.action, e.details) for e in events[1:]] == [
        ("entrepreneur.changed", {"fields": ["tussenvoegsel", "achternaam", "place", "bsn"]}),
        ("business.changed", {"fields": ["trade_name"]}),
    ]
    for personal in ("Vries", "Zuidhorn", "111222333", "Schilder"):
        assert personal not in stored


def test_an_event_is_stored_as_recorded(engine: Engine) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        record_event(session, None, "plan.printed", "plan_version", 7, case_id, {"pages": 2})
    with Session(engine) as session:
        last = case_events(session, case_id)[-1]
    assert (last.action, last.entity_type, last.entity_id, last.details) == (
        "plan.printed", "plan_version", "7", {"pages": 2},
    )  # fmt: skip
    assert last.at.tzinfo is not None
