"""Reads everything a plan or referral letter is built from, for one case.

Read-only, in the caller's session; the caller records the audit event of the read. Each
part is read by the repository that stores it, so the plan sees what the intake saved.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from casedesk.db import agreements_repo, cases, intake_repo, referrals_repo, settings_repo
from casedesk.db.models import Business, Entrepreneur
from casedesk.db.models import Consent as ConsentRow
from casedesk.domain.agreements import Action, Appointment
from casedesk.domain.case import CaseStatus
from casedesk.domain.plan_content import ConsentInput
from casedesk.domain.referrals import ReferralStatus
from casedesk.domain.routes import Route


@dataclass(frozen=True, slots=True)
class StoredDecision:
    primary: Route
    secondary: Route | None
    urgent: bool
    reasons: tuple[str, ...]
    override_reason: str
    third: Route | None = None


@dataclass(frozen=True, slots=True)
class StoredChoice:
    instrument_id: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class StoredReferral:
    referral_id: int
    partner_id: str | None
    partner_name: str
    contact_person: str
    request: str
    referred_on: date
    consent: ConsentInput | None
    """The latest recorded answer; None when consent was never asked."""
    status: ReferralStatus = ReferralStatus.REFERRED


@dataclass(frozen=True, slots=True)
class PlanSources:
    case_id: int
    municipality_code: str
    caseworker_id: int | None
    caseworker_name: str
    answers_json: dict[str, Any] | None
    decision: StoredDecision | None
    choices: tuple[StoredChoice, ...]
    actions: tuple[Action, ...]
    appointment: Appointment | None
    referrals: tuple[StoredReferral, ...]
    closed_on: date | None = None
    """Set when the case is closed: the plan then says so and shows no next appointment."""
    registered_name: tuple[str, str, str] = ("", "", "")
    """Voornamen, tussenvoegsel, achternaam as registered: the name when no answers exist."""
    registered_trade_name: str = ""


def read_plan_sources(session: Session, case_id: int, now: datetime) -> PlanSources:
    """Raises :class:`CaseNotFoundError`. ``now`` decides which appointment is "next"."""
    case = cases.case_row(session, case_id)
    caseworker_name = (
        None
        if case.caseworker_id is None
        else settings_repo.caseworker_name(session, case.caseworker_id)
    )
    answers = intake_repo.stored_answers(session, case_id)
    return PlanSources(
        case_id=case_id,
        municipality_code=case.municipality_code,
        caseworker_id=case.caseworker_id,
        caseworker_name=caseworker_name or "",
        answers_json=None if answers is None else answers.data,
        decision=_latest_decision(session, case_id),
        choices=tuple(
            StoredChoice(chosen.instrument_id, chosen.name, reason)
            for chosen, reason in agreements_repo.chosen_instruments_and_reasons(session, case_id)
        ),
        actions=agreements_repo.actions_of(session, case_id),
        appointment=agreements_repo.next_appointment(session, case_id, from_time=now),
        referrals=_referrals(session, case_id),
        closed_on=case.closed_on if case.status is CaseStatus.CLOSED else None,
        registered_name=_registered_name(session, case.entrepreneur_id),
        registered_trade_name=_registered_trade_name(session, case.business_id),
    )


def _registered_name(session: Session, entrepreneur_id: int) -> tuple[str, str, str]:
    person = session.get(Entrepreneur, entrepreneur_id)
    if person is None:
        return ("", "", "")
    return (person.voornamen, person.tussenvoegsel, person.achternaam)


def _registered_trade_name(session: Session, business_id: int | None) -> str:
    business = None if business_id is None else session.get(Business, business_id)
    return "" if business is None else business.trade_name


def _latest_decision(session: Session, case_id: int) -> StoredDecision | None:
    found = agreements_repo.latest_decision_and_reasons(session, case_id)
    if found is None:
        return None
    decision, reasons_json = found
    return StoredDecision(
        primary=decision.primary,
        secondary=decision.secondary,
        urgent=decision.urgent,
        reasons=_reason_texts(reasons_json),
        override_reason=decision.override_reason,
        third=decision.third,
    )


def _reason_texts(reasons_json: str) -> tuple[str, ...]:
    """The advice's reasons as stored: a list of ``{"rule_id", "text"}`` (or of texts)."""
    data = json.loads(reasons_json or "[]")
    if isinstance(data, dict):
        data = data.get("reasons", [])
    texts = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            texts.append(item["text"])
        elif isinstance(item, str):
            texts.append(item)
    return tuple(texts)


def _referrals(session: Session, case_id: int) -> tuple[StoredReferral, ...]:
    rows = referrals_repo.referral_rows_of(session, case_id)
    consents = referrals_repo.latest_consents(session, [row.id for row in rows])
    return tuple(
        StoredReferral(
            referral_id=row.id,
            partner_id=row.partner_id,
            partner_name=row.partner_name,
            contact_person=row.contact_person or "",
            request=row.request_text,
            referred_on=row.referred_on,
            consent=_consent_input(consents.get(row.id)),
            status=_status(row.status),
        )
        for row in rows
    )


def _status(value: str) -> ReferralStatus:
    try:
        return ReferralStatus(value)
    except ValueError:
        return ReferralStatus.REFERRED


def _consent_input(consent: ConsentRow | None) -> ConsentInput | None:
    if consent is None:
        return None
    return ConsentInput(
        given=consent.given,
        data_shared=consent.data_shared,
        given_on=consent.given_on,
        method=consent.method,
    )
