"""Migration 0013: the needs already in stored intakes become countable rows."""

import json
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from casedesk.db import migrate
from casedesk.db.models import Case, CaseNeed, Entrepreneur, IntakeAnswers
from casedesk.domain.case import CaseStatus
from tests.db.schema_helpers import at, empty_store, upgrade_to


def _case_with_answers(session: Session, case_id: int, answers_json: str) -> None:
    session.execute(
        insert(Entrepreneur).values(
            id=case_id, voornamen="Zoë", tussenvoegsel="", achternaam="Çelik", country="NL",
            created_at=at(1), updated_at=at(1),
        )
    )  # fmt: skip
    session.execute(
        insert(Case).values(
            id=case_id, entrepreneur_id=case_id, municipality_code="GM0855",
            registration_date=at(1).date(), status=CaseStatus.INTAKE, urgent=False,
            created_at=at(1), updated_at=at(1),
        )
    )  # fmt: skip
    session.execute(
        insert(IntakeAnswers).values(
            case_id=case_id, schema_version=1, answers_json=answers_json, updated_at=at(1)
        )
    )


def test_upgrading_from_0010_counts_the_help_requests_already_stored(tmp_path: Path) -> None:
    engine = empty_store(tmp_path)
    upgrade_to(engine, "0010")
    future = {"help_requests": ["schuldhulp", "administratie"], "wish": None}
    with Session(engine) as session, session.begin():
        _case_with_answers(session, 1, json.dumps({"format_version": 1, "future": future}))
        _case_with_answers(session, 2, "{not json")  # left for the intake to report

    migrate.upgrade(engine)

    with Session(engine) as session:
        rows = session.execute(select(CaseNeed.case_id, CaseNeed.kind, CaseNeed.code)).all()
    assert sorted(rows) == [(1, "hulpvraag", "administratie"), (1, "hulpvraag", "schuldhulp")]
