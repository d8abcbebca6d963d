"""The intake's storage: answers documents, duplicate look-ups, agreements, on a real store."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from casedesk.db import agreements_repo, intake_repo
from casedesk.db.agreements_repo import NewDecision
from casedesk.db.cases import BusinessData, CaseNotFoundError, EntrepreneurData, sync_core_data
from casedesk.db.models import PlanVersion
from casedesk.db.settings_repo import add_caseworker
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.decision import RouteDecision
from casedesk.domain.routes import Route
from tests.db.schema_helpers import add_case, at, store_at_head, transaction

SAVED_AT = datetime(2026, 11, 28, 10, 15, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return store_at_head(tmp_path)


def test_answers_are_stored_and_replaced_as_one_document(engine: Engine) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        intake_repo.save_answers(
            session, case_id, 1, {"format_version": 1, "channel": None}, at(27)
        )
        intake_repo.save_answers(
            session, case_id, 1, {"format_version": 1, "channel": "media"}, SAVED_AT
        )
    with transaction(engine) as session:
        stored = intake_repo.stored_answers(session, case_id)
    assert stored is not None
    assert (stored.data["channel"], stored.saved_at) == ("media", SAVED_AT)


def test_a_case_without_answers_has_none_stored(engine: Engine) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        assert intake_repo.stored_answers(session, case_id) is None


def test_a_missing_case_raises_the_dutch_not_found_error(engine: Engine) -> None:
    with transaction(engine) as session, pytest.raises(CaseNotFoundError):
        intake_repo.case_facts(session, 404)


def test_synced_columns_are_what_the_duplicate_look_ups_find(engine: Engine) -> None:
    with transaction(engine) as session:
        first = add_case(session, "Zoë", "Hoff-Çelik", tussenvoegsel="van 't")
        second = add_case(session, "Jan", "Jansen")
        sync_core_data(
            session,
            first,
            EntrepreneurData("Zoë", "van 't", "Hoff-Çelik", date(1984, 3, 9), bsn="111222333"),
            BusinessData(trade_name="Zoë's Bloemen", kvk_number="12345678"),
            "media",
            SAVED_AT,
        )
    with transaction(engine) as session:
        by_kvk = intake_repo.cases_with_kvk(session, "12345678", second)
        by_bsn = intake_repo.cases_with_bsn(session, "111222333", second)
        by_name = intake_repo.cases_with_name_words_and_birth_date(
            session, ["hoff", "celik"], date(1984, 3, 9), second
        )
        itself = intake_repo.cases_with_kvk(session, "12345678", first)
    assert [c.case_id for c in by_kvk] == [c.case_id for c in by_bsn] == [first]
    assert [(c.case_id, c.achternaam) for c in by_name] == [(first, "Hoff-Çelik")]
    assert itself == []


def test_the_name_look_up_needs_the_same_birth_date(engine: Engine) -> None:
    with transaction(engine) as session:
        add_case(session, "Jan", "Jansen")  # born 17 May 1980
        assert (
            intake_repo.cases_with_name_words_and_birth_date(
                session, ["jansen"], date(1980, 5, 18), 0
            )
            == []
        )
        assert (
            len(
                intake_repo.cases_with_name_words_and_birth_date(
                    session, ["jansen"], date(1980, 5, 17), 0
                )
            )
            == 1
        )


def test_decisions_are_added_and_the_latest_is_read_with_the_caseworkers_name(
    engine: Engine,
) -> None:
    with transaction(engine) as session:
        caseworker = add_caseworker(session, "Sanne de Vries")
        case_id = add_case(session, "Jan", "Jansen")
        for day, primary in ((27, Route.STRENGTHEN_BUSINESS), (28, Route.EMPLOYMENT)):
            decision = RouteDecision(
                primary,
                None,
                Route.STRENGTHEN_BUSINESS,
                None,
                False,
                "" if primary is Route.STRENGTHEN_BUSINESS else "Wil werken",
                at(day),
                "",
            )
            agreements_repo.add_decision(session, case_id, NewDecision(decision, "[]", caseworker))
    with transaction(engine) as session:
        latest = agreements_repo.latest_decision(session, case_id)
        count = agreements_repo.decision_count(session, case_id)
    assert latest is not None and count == 2
    assert (latest.primary, latest.override_reason, latest.decided_by) == (
        Route.EMPLOYMENT,
        "Wil werken",
        "Sanne de Vries",
    )


def test_actions_keep_their_order_and_get_ids(engine: Engine) -> None:
    actions = [
        Action("Derde", ActionOwner.PARTNER, "RMT"),
        Action("Eerste", ActionOwner.ENTREPRENEUR, due_date=date(2026, 12, 1), done=True),
    ]
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        stored = agreements_repo.replace_actions(session, case_id, actions, SAVED_AT)
    with transaction(engine) as session:
        assert agreements_repo.actions_of(session, case_id) == stored
    assert [a.description for a in stored] == ["Derde", "Eerste"]
    assert len({a.action_id for a in stored}) == 2


def test_a_passed_appointment_is_the_intakes_but_not_a_coming_one(engine: Engine) -> None:
    passed = Appointment(at(20), AppointmentMode.PHONE)
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        agreements_repo.replace_appointment(session, case_id, passed, SAVED_AT)
    with transaction(engine) as session:
        assert agreements_repo.next_appointment(session, case_id) == passed
        assert agreements_repo.next_appointment(session, case_id, from_time=SAVED_AT) is None


def test_the_latest_decision_comes_with_the_reasons_stored_with_it(engine: Engine) -> None:
    reasons = '[{"rule_id": "r1", "text": "Omzet daalt"}]'
    decision = RouteDecision(Route.EMPLOYMENT, None, Route.EMPLOYMENT, None, True, "", at(28), "")
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        agreements_repo.add_decision(session, case_id, NewDecision(decision, reasons, None))
    with transaction(engine) as session:
        found = agreements_repo.latest_decision_and_reasons(session, case_id)
    assert found == (decision, reasons)


def test_documents_are_listed_without_reading_the_pdf(engine: Engine) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen")
        session.add(
            PlanVersion(case_id=case_id, pdf=b"%PDF" * 1000, sha256="0" * 64, source_json="{}")
        )
    with transaction(engine) as session:
        rows = intake_repo.document_rows(session, case_id)
    assert [(row.kind, row.caseworker) for row in rows] == [("actieplan", None)]
    assert not hasattr(rows[0], "pdf")


def test_a_part_version_moved_meanwhile_by_another_save_is_not_written_over(
    engine: Engine,
) -> None:
    with transaction(engine) as session:
        case_id = add_case(session, "Zoë", "Hoff")
        intake_repo.advance_parts(session, case_id, ["business"], {})
    with Session(engine) as late:
        # This save read the part at version 1, before the other moved it on.
        read_early = intake_repo.part_versions(late, case_id)
        assert read_early == {"business": 1}
        late.rollback()  # SQLite: the other may write meanwhile
        with transaction(engine) as other:
            intake_repo.advance_parts(
                other, case_id, ["business"], intake_repo.part_versions(other, case_id)
            )
        with pytest.raises(StaleDataError):
            intake_repo.advance_parts(late, case_id, ["business"], read_early)
    with transaction(engine) as session:
        assert intake_repo.part_versions(session, case_id) == {"business": 2}
