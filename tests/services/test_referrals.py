"""Referral use cases on a real encrypted store."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from casedesk.db import settings_repo
from casedesk.db.models import Case as CaseRow
from casedesk.db.models import Consent as ConsentRow
from casedesk.db.models import FollowUp, Referral, ReferralStatusChange
from casedesk.db.store import Store
from casedesk.domain.case import CaseStatus
from casedesk.domain.catalog import Catalog
from casedesk.domain.closing import CaseClosedError, Outcome
from casedesk.domain.referrals import (
    FOLLOW_UP_TEXT,
    Consent,
    ConsentMethod,
    ReferralDraft,
    ReferralRuleError,
    ReferralStatus,
)
from casedesk.errors import KnownError
from casedesk.services.closing import close_case
from casedesk.services.referrals import (
    case_referrals,
    change_referral_status,
    create_referral,
    referral_targets,
)
from tests.services.casework_store import NOW, actions, add_case, events, store

__all__ = ["store"]

S = ReferralStatus
TODAY = date(2026, 11, 27)
GIVEN = Consent(True, "naam, telefoonnummer en hulpvraag", "Geldfit Zakelijk", TODAY,
                ConsentMethod.SIGNED)  # fmt: skip


def draft(**changes: object) -> ReferralDraft:
    values: dict[str, object] = {
        "partner_name": "Geldfit Zakelijk",
        "request_text": "Hulp bij de schulden van Atelier Zoë",
        "referred_on": TODAY,
        "contact_person": "Mevr. De Wit",
    }
    values.update(changes)
    return ReferralDraft(**values)  # type: ignore[arg-type]


def count(store: Store, table: type) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_referral_is_stored_with_its_first_history_step(store: Store) -> None:
    case_id = add_case(store)
    created = create_referral(store, case_id, draft(status=S.PROPOSED), NOW)
    [referral] = case_referrals(store, case_id)
    assert referral.referral_id == created.referral_id
    assert referral.status is S.PROPOSED
    assert referral.contact_person == "Mevr. De Wit"
    assert [(step.status, step.changed_on) for step in referral.history] == [(S.PROPOSED, TODAY)]


def test_each_referral_proposes_a_follow_up_after_the_interval(store: Store) -> None:
    case_id = add_case(store)
    created = create_referral(store, case_id, draft(), NOW)
    assert created.follow_up_due == TODAY + timedelta(days=14)
    with store.session() as session:
        follow_up = session.get_one(FollowUp, created.follow_up_id)
    assert (follow_up.note, follow_up.referral_id) == (FOLLOW_UP_TEXT, created.referral_id)


@pytest.mark.only_sqlite("settings of the region are the owner's on a server")
def test_the_follow_up_interval_is_a_setting(store: Store) -> None:
    with store.transaction() as session:
        settings_repo.set_setting(session, settings_repo.FOLLOW_UP_INTERVAL_DAYS, "7")
    created = create_referral(store, add_case(store), draft(), NOW)
    assert created.follow_up_due == TODAY + timedelta(days=7)


def test_status_changes_are_dated_with_notes_and_the_full_history_is_kept(store: Store) -> None:
    case_id = add_case(store)
    referred_on = date(2026, 11, 16)
    referral_id = create_referral(store, case_id, draft(referred_on=referred_on), NOW).referral_id
    change_referral_status(
        store, referral_id, S.STARTED, date(2026, 11, 20), "Intake bij Geldfit", NOW
    )
    change_referral_status(store, referral_id, S.COMPLETED, TODAY, "", NOW)
    [referral] = case_referrals(store, case_id)
    assert referral.status is S.COMPLETED
    assert [(s.status, s.changed_on, s.note) for s in referral.history] == [
        (S.REFERRED, referred_on, ""),
        (S.STARTED, date(2026, 11, 20), "Intake bij Geldfit"),
        (S.COMPLETED, TODAY, ""),
    ]


def test_an_invalid_transition_is_refused_in_dutch_and_changes_nothing(store: Store) -> None:
    case_id = add_case(store)
    referral_id = create_referral(store, case_id, draft(), NOW).referral_id
    with pytest.raises(ReferralRuleError) as raised:
        change_referral_status(store, referral_id, S.COMPLETED, TODAY, "", NOW)
    assert raised.value.message == (
        "Een verwijzing die ‘Verwezen’ is, kan niet naar ‘Afgerond’. Kies ‘Gestart’ of "
        "‘Niet gestart’."
    )
    [referral] = case_referrals(store, case_id)
    assert referral.status is S.REFERRED and len(referral.history) == 1


def test_a_status_date_in_the_future_is_refused(store: Store) -> None:
    referral_id = create_referral(store, add_case(store), draft(), NOW).referral_id
    with pytest.raises(ReferralRuleError, match="in de toekomst"):
        change_referral_status(store, referral_id, S.STARTED, TODAY + timedelta(days=1), "", NOW)
    assert count(store, ReferralStatusChange) == 1


def test_a_status_date_before_the_previous_step_is_refused(store: Store) -> None:
    referral_id = create_referral(store, add_case(store), draft(), NOW).referral_id
    with pytest.raises(ReferralRuleError, match="vóór de vorige stap"):
        change_referral_status(store, referral_id, S.STARTED, TODAY - timedelta(days=1), "", NOW)
    assert count(store, ReferralStatusChange) == 1


def test_sharing_data_without_consent_stores_nothing(store: Store) -> None:
    case_id = add_case(store)
    with pytest.raises(ReferralRuleError, match="geen toestemming van de ondernemer vastgelegd"):
        create_referral(store, case_id, draft(shares_data=True), NOW)
    assert (count(store, Referral), count(store, ConsentRow), count(store, FollowUp)) == (0, 0, 0)


def test_given_consent_is_recorded_with_the_referral(store: Store) -> None:
    case_id = add_case(store)
    create_referral(store, case_id, draft(shares_data=True, consent=GIVEN), NOW)
    [referral] = case_referrals(store, case_id)
    assert referral.shares_data and referral.consent == GIVEN


def test_a_refusal_is_recorded_and_no_data_is_shared(store: Store) -> None:
    case_id = add_case(store)
    refused = Consent(False, "", "Geldfit Zakelijk", TODAY, ConsentMethod.SPOKEN)
    create_referral(store, case_id, draft(shares_data=False, consent=refused), NOW)
    [referral] = case_referrals(store, case_id)
    assert referral.consent == refused
    assert referral.shares_data is False


def test_sharing_after_a_refusal_is_refused_and_stores_nothing(store: Store) -> None:
    refused = Consent(False, "", "Geldfit Zakelijk", TODAY, ConsentMethod.SPOKEN)
    with pytest.raises(ReferralRuleError, match="geen toestemming gegeven"):
        create_referral(store, add_case(store), draft(shares_data=True, consent=refused), NOW)
    assert count(store, Referral) == 0


def test_referring_and_reading_are_audited_without_personal_data(store: Store) -> None:
    case_id = add_case(store)
    referral_id = create_referral(store, case_id, draft(shares_data=True, consent=GIVEN), NOW)
    change_referral_status(store, referral_id.referral_id, S.STARTED, TODAY, "Zoë belt zelf", NOW)
    case_referrals(store, case_id)
    assert actions(store, case_id)[-4:] == [
        "referral.created", "follow_up.created", "referral.status_changed", "referrals.viewed",
    ]  # fmt: skip
    logged = " ".join(str(event.details) for event in events(store, case_id))
    for personal in ("Zoë", "Çelik", "Geldfit", "De Wit", "schulden", "telefoonnummer"):
        assert personal not in logged


def test_a_closed_case_refuses_new_referrals_and_status_changes(store: Store) -> None:
    case_id = add_case(store)
    referral_id = create_referral(store, case_id, draft(), NOW).referral_id
    close_case(store, case_id, Outcome.REFERRED_ON, TODAY, NOW, confirmed=True)
    with pytest.raises(CaseClosedError, match="is afgesloten"):
        create_referral(store, case_id, draft(), NOW)
    with pytest.raises(CaseClosedError):
        change_referral_status(store, referral_id, S.STARTED, TODAY, "", NOW)
    assert count(store, Referral) == 1 and count(store, ReferralStatusChange) == 1


def test_a_status_change_of_an_unknown_referral_says_to_reopen_the_dossier(
    store: Store,
) -> None:
    with pytest.raises(KnownError, match=re.escape("Verwijzing 404 bestaat niet (meer). Open")):
        change_referral_status(store, 404, S.STARTED, TODAY, "", NOW)
    assert count(store, ReferralStatusChange) == 0


def test_targets_list_partners_then_instruments_of_the_catalog(catalog: Catalog) -> None:
    targets = referral_targets(catalog)
    partners = [t for t in targets if t.partner_id is not None]
    instruments = [t for t in targets if t.instrument_id is not None]
    assert partners and instruments
    assert targets == partners + instruments
    assert all(t.partner_name for t in targets)


@pytest.fixture
def catalog() -> Catalog:
    from casedesk.catalog.defaults import load_default_catalog

    return load_default_catalog()


def test_a_referral_puts_the_case_to_work(store: Store) -> None:
    case_id = add_case(store)
    create_referral(store, case_id, draft(), NOW)
    with store.session() as session:
        assert session.get(CaseRow, case_id).status is CaseStatus.ACTIVE  # type: ignore[union-attr]
    assert "case.status_changed" in actions(store, case_id)


def test_a_referral_after_the_plan_makes_the_case_lopend(store: Store) -> None:
    case_id = add_case(store)
    with store.transaction() as session:
        session.get_one(CaseRow, case_id).status = CaseStatus.PLAN_MADE
    create_referral(store, case_id, draft(), NOW)
    with store.session() as session:
        assert session.get_one(CaseRow, case_id).status is CaseStatus.ACTIVE
