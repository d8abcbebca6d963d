"""Closing and reopening a case on a real encrypted store."""

import json
from datetime import date

import pytest
from sqlalchemy import select

from casedesk.db import settings_repo
from casedesk.db.closing_repo import ensure_case_open
from casedesk.db.models import Case, CaseReopening, IntakeAnswers
from casedesk.db.store import Store
from casedesk.domain.answers_json import FORMAT_VERSION
from casedesk.domain.case import CaseStatus
from casedesk.domain.closing import CaseClosedError, ClosingRuleError, Outcome
from casedesk.domain.referrals import ReferralDraft
from casedesk.domain.retention import ResultType
from casedesk.services.closing import (
    ClosingNeedsConfirmationError,
    close_case,
    closing_preview,
    reopen_case,
)
from casedesk.services.referrals import create_referral
from tests.services.casework_store import NOW, actions, add_case, events, store

__all__ = ["store"]

TODAY = date(2026, 11, 27)


def stored_case(store: Store, case_id: int) -> Case:
    with store.session() as session:
        return session.get_one(Case, case_id)


def test_closing_records_outcome_date_and_retention_date(store: Store) -> None:
    case_id = add_case(store)
    keep_until = close_case(store, case_id, Outcome.STOPPED_WITH_JOB, TODAY, NOW)
    case = stored_case(store, case_id)
    assert case.status is CaseStatus.CLOSED
    assert (case.closing_outcome, case.closed_on) == ("gestopt_met_baan", TODAY)
    # Advice only (procestype 21, "verstrekt"): five years.
    assert case.retention_until == keep_until == date(2031, 11, 27)
    assert case.result_type == "21_verstrekt"


@pytest.mark.only_sqlite("settings of the region are the owner's on a server")
def test_the_retention_term_of_a_result_type_is_a_municipality_setting(store: Store) -> None:
    with store.transaction() as session:
        settings_repo.set_setting(session, "retention.years.21_verstrekt", "10")
    case_id = add_case(store)
    assert close_case(store, case_id, Outcome.BUSINESS_CONTINUED, TODAY, NOW) == date(2036, 11, 27)


def _with_bbz(store: Store, case_id: int) -> None:
    with store.transaction() as session:
        session.add(IntakeAnswers(
            case_id=case_id, schema_version=FORMAT_VERSION,
            answers_json=json.dumps({"format_version": FORMAT_VERSION,
                                     "situation": {"schemes": ["bbz"]}}),
        ))  # fmt: skip


def test_a_reorientation_that_led_to_bbz_is_kept_ten_years_as_a_provision(store: Store) -> None:
    case_id = add_case(store)
    _with_bbz(store, case_id)
    assert close_case(store, case_id, Outcome.STOPPED_WITH_JOB, TODAY, NOW) == date(2036, 11, 27)
    assert stored_case(store, case_id).result_type == "8_verstrekt"


def test_a_dropped_out_reorientation_is_kept_one_year(store: Store) -> None:
    case_id = add_case(store)
    assert close_case(store, case_id, Outcome.DROPPED_OUT, TODAY, NOW) == date(2027, 11, 27)
    assert stored_case(store, case_id).result_type == "21_afgebroken"


def test_the_caseworker_may_pick_another_result_type(store: Store) -> None:
    case_id = add_case(store)
    kept = close_case(store, case_id, Outcome.STOPPED_WITHOUT_WORK, TODAY, NOW,
                      result_type=ResultType.PROVISION_REFUSED)  # fmt: skip
    assert kept == date(2031, 11, 27)
    assert stored_case(store, case_id).result_type == "8_geweigerd"


def test_the_closing_preview_gives_the_term_each_outcome_would_give(store: Store) -> None:
    case_id = add_case(store)
    _with_bbz(store, case_id)
    preview = closing_preview(store, case_id)
    assert preview.years_for(Outcome.BUSINESS_CONTINUED) == 10
    assert preview.years_for(Outcome.DROPPED_OUT) == 1


def test_reopening_clears_the_result_type(store: Store) -> None:
    case_id = add_case(store)
    close_case(store, case_id, Outcome.STOPPED_WITH_JOB, TODAY, NOW)
    reopen_case(store, case_id, "Meldt zich opnieuw")
    assert stored_case(store, case_id).result_type is None


def test_closing_with_open_work_returns_warnings_and_needs_confirmation(store: Store) -> None:
    case_id = add_case(store)
    create_referral(store, case_id, ReferralDraft("Geldfit Zakelijk", "Schulden", TODAY), NOW)
    preview = closing_preview(store, case_id)
    assert preview.warnings == (
        "Er loopt nog 1 verwijzing. Die blijft staan zoals hij is.",
        "Er staat nog 1 opvolging open. Die vervalt bij het afsluiten.",
    )
    with pytest.raises(ClosingNeedsConfirmationError) as raised:
        close_case(store, case_id, Outcome.REFERRED_ON, TODAY, NOW)
    assert raised.value.warnings == preview.warnings
    assert stored_case(store, case_id).status is CaseStatus.ACTIVE  # as the referral left it
    close_case(store, case_id, Outcome.REFERRED_ON, TODAY, NOW, confirmed=True)
    assert stored_case(store, case_id).status is CaseStatus.CLOSED


def test_a_closing_date_in_the_future_is_refused_and_nothing_changes(store: Store) -> None:
    case_id = add_case(store)
    with pytest.raises(ClosingRuleError, match="in de toekomst"):
        close_case(store, case_id, Outcome.DROPPED_OUT, date(2026, 11, 28), NOW)
    assert stored_case(store, case_id).closed_on is None


def test_a_closed_case_cannot_be_closed_again(store: Store) -> None:
    case_id = add_case(store)
    close_case(store, case_id, Outcome.DROPPED_OUT, TODAY, NOW)
    with pytest.raises(CaseClosedError) as raised:
        close_case(store, case_id, Outcome.MOVED_AWAY, TODAY, NOW)
    assert raised.value.message == (
        f"Dossier {case_id} is afgesloten en kan niet meer veranderen. Heropen het dossier "
        "eerst (met een reden) als er toch iets moet gebeuren."
    )
    assert stored_case(store, case_id).closing_outcome == "uitgevallen"


def test_ensure_case_open_guards_other_use_cases(store: Store) -> None:
    case_id = add_case(store)
    with store.session() as session:
        ensure_case_open(session, case_id)
    close_case(store, case_id, Outcome.DROPPED_OUT, TODAY, NOW)
    with store.session() as session, pytest.raises(CaseClosedError):
        ensure_case_open(session, case_id)


def test_reopening_needs_a_reason_and_the_case_stays_closed_without_one(store: Store) -> None:
    case_id = add_case(store)
    close_case(store, case_id, Outcome.DROPPED_OUT, TODAY, NOW)
    with pytest.raises(ClosingRuleError, match="waarom het dossier weer opengaat"):
        reopen_case(store, case_id, "   ")
    assert stored_case(store, case_id).status is CaseStatus.CLOSED


def test_reopening_keeps_the_reason_and_the_earlier_closing_and_is_logged(store: Store) -> None:
    case_id = add_case(store)
    close_case(store, case_id, Outcome.DROPPED_OUT, TODAY, NOW)
    reopen_case(store, case_id, "Zoë meldt zich opnieuw")
    case = stored_case(store, case_id)
    assert case.status is CaseStatus.ACTIVE
    assert (case.closing_outcome, case.closed_on, case.retention_until) == (None, None, None)
    [reopening] = closing_preview(store, case_id).reopenings
    assert (reopening.reason, reopening.previous_outcome) == (
        "Zoë meldt zich opnieuw", Outcome.DROPPED_OUT,
    )  # fmt: skip
    assert "case.reopened" in actions(store, case_id)
    assert "Zoë" not in " ".join(str(event.details) for event in events(store, case_id))
    with store.session() as session:
        assert session.scalars(select(CaseReopening.case_id)).all() == [case_id]


def test_reopening_an_open_case_is_refused(store: Store) -> None:
    with pytest.raises(ClosingRuleError, match="niet afgesloten"):
        reopen_case(store, add_case(store), "Toch nog iets")


def test_closing_is_audited(store: Store) -> None:
    case_id = add_case(store)
    close_case(store, case_id, Outcome.MOVED_AWAY, TODAY, NOW)
    [closed] = [event for event in events(store, case_id) if event.action == "case.closed"]
    assert closed.details["outcome"] == "verhuisd"
    assert closed.details["retention_until"] == "2027-11-27"
    assert closed.details["result_type"] == "21_afgebroken"
