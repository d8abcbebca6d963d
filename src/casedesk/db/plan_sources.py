"""Reads everything a plan or referral letter is built from, for one case.

Read-only, in the caller's session; the caller records the audit event of the read.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.db.cases import CaseNotFoundError
from casedesk.db.models import (
    Action as ActionRow,
)
from casedesk.db.models import (
    AdviceDecision,
    Case,
    CaseInstrument,
    Caseworker,
    Consent,
    IntakeAnswers,
    Referral,
)
from casedesk.db.models import (
    Appointment as AppointmentRow,
)
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.plan_content import ConsentInput
from casedesk.domain.routes import Route


@dataclass(frozen=True, slots=True)
class StoredDecision:
    primary: Route
    secondary: Route | None
    urgent: bool
    reasons: tuple[str, ...]
    override_reason: str


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


def read_plan_sources(session: Session, case_id: int, now: datetime) -> PlanSources:
    """Raises :class:`CaseNotFoundError`. ``now`` decides which appointment is "next"."""
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFoundError(case_id)
    caseworker = None if case.caseworker_id is None else session.get(Caseworker, case.caseworker_id)
    answers = session.get(IntakeAnswers, case_id)
    return PlanSources(
        case_id=case_id,
        municipality_code=case.municipality_code,
        caseworker_id=case.caseworker_id,
        caseworker_name="" if caseworker is None else caseworker.name,
        answers_json=None if answers is None else json.loads(answers.answers_json),
        decision=_latest_decision(session, case_id),
        choices=tuple(
            StoredChoice(row.instrument_id, row.instrument_name, row.reason or "")
            for row in session.scalars(
                select(CaseInstrument)
                .where(CaseInstrument.case_id == case_id)
                .order_by(CaseInstrument.position, CaseInstrument.id)
            )
        ),
        actions=tuple(
            Action(
                description=row.description,
                owner=ActionOwner(row.owner),
                owner_detail=row.owner_detail or "",
                due_date=row.due_date,
                done=row.done,
                action_id=row.id,
            )
            for row in session.scalars(
                select(ActionRow)
                .where(ActionRow.case_id == case_id)
                .order_by(ActionRow.position, ActionRow.id)
            )
        ),
        appointment=_next_appointment(session, case_id, now),
        referrals=_referrals(session, case_id),
    )


def _latest_decision(session: Session, case_id: int) -> StoredDecision | None:
    row = session.scalars(
        select(AdviceDecision)
        .where(AdviceDecision.case_id == case_id)
        .order_by(AdviceDecision.decided_at.desc(), AdviceDecision.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return StoredDecision(
        primary=row.chosen_primary_route,
        secondary=row.chosen_secondary_route,
        urgent=row.urgent,
        reasons=_reason_texts(row.reasons_json),
        override_reason=row.override_reason or "",
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


def _next_appointment(session: Session, case_id: int, now: datetime) -> Appointment | None:
    row = session.scalars(
        select(AppointmentRow)
        .where(AppointmentRow.case_id == case_id, AppointmentRow.starts_at >= now)
        .order_by(AppointmentRow.starts_at, AppointmentRow.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    return Appointment(
        starts_at=row.starts_at,
        mode=AppointmentMode(row.mode),
        location=row.location or "",
        ends_at=row.ends_at,
        note=row.note or "",
    )


def _referrals(session: Session, case_id: int) -> tuple[StoredReferral, ...]:
    rows = list(
        session.scalars(
            select(Referral)
            .where(Referral.case_id == case_id)
            .order_by(Referral.referred_on, Referral.id)
        )
    )
    consents: dict[int, ConsentInput] = {}
    if rows:
        for consent in session.scalars(
            select(Consent)
            .where(Consent.referral_id.in_([row.id for row in rows]))
            .order_by(Consent.recorded_at, Consent.id)
        ):
            assert consent.referral_id is not None
            # The latest recorded answer counts (a refusal after a consent withdraws it).
            consents[consent.referral_id] = ConsentInput(
                given=consent.given,
                data_shared=consent.data_shared,
                given_on=consent.given_on,
                method=consent.method,
            )
    return tuple(
        StoredReferral(
            referral_id=row.id,
            partner_id=row.partner_id,
            partner_name=row.partner_name,
            contact_person=row.contact_person or "",
            request=row.request_text,
            referred_on=row.referred_on,
            consent=consents.get(row.id),
        )
        for row in rows
    )
