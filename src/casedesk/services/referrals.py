"""Referral use cases: refer (with consent and a proposed follow-up), change status, list.

Each use case runs in one transaction with its audit events; a refused referral or status
change stores nothing. Changes to a closed case are refused (:func:`ensure_case_open`).
"""

from dataclasses import dataclass
from datetime import date, datetime

from casedesk.db import followups_repo, intake_repo, referrals_repo, settings_repo
from casedesk.db.closing_repo import ensure_case_open
from casedesk.db.data_store import DataStore
from casedesk.domain.catalog import Catalog, provided_by
from casedesk.domain.followups import local_today
from casedesk.domain.referrals import (
    FOLLOW_UP_TEXT,
    Referral,
    ReferralDraft,
    ReferralStatus,
    check_referral,
    check_status_date,
    check_transition,
    parse_interval_days,
    proposed_follow_up_due,
)
from casedesk.services.outcomes import outcome_logged


@dataclass(frozen=True, slots=True)
class ReferralCreated:
    referral_id: int
    follow_up_id: int
    follow_up_due: date
    """When the proposed follow-up ("Nagaan of de hulp is gestart") is due."""


@dataclass(frozen=True, slots=True)
class ReferralTarget:
    """A partner or instrument of the catalog in use that a caseworker can refer to."""

    partner_id: str | None
    instrument_id: str | None
    name: str
    """What the referral list shows: the partner's name, or "instrument (provider)"."""
    partner_name: str
    """Who receives the referral (the consent's recipient)."""
    contact: str
    """Website, phone or e-mail, to help the caseworker find the contact person."""


def referral_targets(catalog: Catalog) -> list[ReferralTarget]:
    """Active partners, then active instruments, each alphabetically."""
    partners = [
        ReferralTarget(
            partner_id=partner.id,
            instrument_id=None,
            name=partner.name,
            partner_name=partner.name,
            contact=_contact_text(partner.contact.website, partner.contact.phone,
                                  partner.contact.email),
        )
        for partner in sorted(catalog.partners, key=lambda p: p.name.casefold())
        if partner.active
    ]  # fmt: skip
    instruments = [
        ReferralTarget(
            partner_id=None,
            instrument_id=instrument.id,
            name=provided_by(instrument.name, instrument.provider, " ({})"),
            partner_name=instrument.provider,
            contact=_contact_text(instrument.contact.website, instrument.contact.phone,
                                  instrument.contact.email),
        )
        for instrument in sorted(catalog.instruments, key=lambda i: i.name.casefold())
        if instrument.active
    ]  # fmt: skip
    return partners + instruments


@outcome_logged("referral.created")
def create_referral(
    store: DataStore, case_id: int, draft: ReferralDraft, now: datetime
) -> ReferralCreated:
    """Stores the referral, its consent, its first history step and the proposed follow-up.

    Raises ``ReferralRuleError`` (e.g. data shared without a given consent),
    ``CaseClosedError`` or ``CaseNotFoundError``; nothing is stored then.
    """
    check_referral(draft)
    with store.transaction() as session:
        ensure_case_open(session, case_id)
        actor = settings_repo.current_caseworker_id(session)
        interval = parse_interval_days(
            settings_repo.get_setting(session, settings_repo.FOLLOW_UP_INTERVAL_DAYS)
        )
        intake_repo.mark_case_under_way(session, actor, case_id)
        referral_id = referrals_repo.insert_referral(session, actor, case_id, draft)
        # Checked from the day of referring, but never proposed in the past.
        due = max(proposed_follow_up_due(draft.referred_on, interval), local_today(now))
        follow_up_id = followups_repo.insert_follow_up(
            session, actor, case_id, due, FOLLOW_UP_TEXT, referral_id=referral_id
        )
    return ReferralCreated(referral_id, follow_up_id, due)


@outcome_logged("referral.status_changed", "referral")
def change_referral_status(
    store: DataStore,
    referral_id: int,
    status: ReferralStatus,
    changed_on: date,
    note: str,
    now: datetime,
) -> None:
    """Records one dated step; invalid transitions are refused in Dutch."""
    with store.transaction() as session:
        case_id = referrals_repo.referral_case_id(session, referral_id)
        ensure_case_open(session, case_id)
        check_transition(referrals_repo.referral_status(session, referral_id), status)
        check_status_date(
            changed_on, referrals_repo.last_step_date(session, referral_id), local_today(now)
        )
        actor = settings_repo.current_caseworker_id(session)
        referrals_repo.add_status_change(session, actor, referral_id, status, changed_on, note)


@outcome_logged("referrals.viewed")
def case_referrals(store: DataStore, case_id: int) -> list[Referral]:
    """A case's referrals with consent and full history (an audited read)."""
    with store.transaction() as session:
        actor = settings_repo.current_caseworker_id(session)
        return referrals_repo.case_referrals(session, actor, case_id)


def _contact_text(*parts: str | None) -> str:
    return " · ".join(part for part in parts if part)
