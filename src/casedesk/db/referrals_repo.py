"""Referrals, their consent and their status history in the store.

Each function adds an audit event to the caller's transaction, except the two row readers
(``referral_rows_of``, ``latest_consents``), whose callers record their own. Audit details
carry ids, statuses and catalog ids only: never the request text, a contact person or a note.
"""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casedesk.db.audit import record_event
from casedesk.db.models import Consent as ConsentRow
from casedesk.db.models import Referral as ReferralRow
from casedesk.db.models import ReferralStatusChange, utc_now
from casedesk.domain.referrals import (
    Consent,
    ConsentMethod,
    Referral,
    ReferralDraft,
    ReferralStatus,
    StatusStep,
)
from casedesk.errors import KnownError


class ReferralNotFoundError(KnownError):
    def __init__(self, referral_id: int) -> None:
        super().__init__(
            f"Verwijzing {referral_id} bestaat niet (meer). Open het dossier opnieuw."
        )


def insert_referral(
    session: Session, actor_id: int | None, case_id: int, draft: ReferralDraft
) -> int:
    """Stores a checked draft with its consent and first history step; returns its id."""
    now = utc_now()
    row = ReferralRow(
        case_id=case_id,
        partner_id=draft.partner_id,
        instrument_id=draft.instrument_id,
        partner_name=draft.partner_name.strip(),
        contact_person=draft.contact_person.strip() or None,
        request_text=draft.request_text.strip(),
        referred_on=draft.referred_on,
        status=draft.status.value,
        shares_data=draft.shares_data,
        created_by=actor_id,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    if draft.consent is not None:
        consent = draft.consent
        session.add(
            ConsentRow(
                case_id=case_id,
                referral_id=row.id,
                given=consent.given,
                data_shared=consent.data_shared.strip(),
                recipient=consent.recipient.strip(),
                given_on=consent.given_on,
                method=consent.method.value,
                recorded_by=actor_id,
                recorded_at=now,
            )
        )
    session.add(
        ReferralStatusChange(
            referral_id=row.id,
            status=draft.status.value,
            changed_on=draft.referred_on,
            note=None,
            recorded_by=actor_id,
            recorded_at=now,
        )
    )
    session.flush()
    consent_word = "none" if draft.consent is None else (
        "given" if draft.consent.given else "refused"
    )
    record_event(
        session, actor_id, "referral.created", "referral", row.id, case_id,
        {
            "status": draft.status.value,
            "shares_data": draft.shares_data,
            "consent": consent_word,
            "partner_id": draft.partner_id,
            "instrument_id": draft.instrument_id,
        },
    )  # fmt: skip
    return row.id


def referral_case_id(session: Session, referral_id: int) -> int:
    case_id = session.scalar(select(ReferralRow.case_id).where(ReferralRow.id == referral_id))
    if case_id is None:
        raise ReferralNotFoundError(referral_id)
    return case_id


def referral_status(session: Session, referral_id: int) -> ReferralStatus:
    status = session.scalar(select(ReferralRow.status).where(ReferralRow.id == referral_id))
    if status is None:
        raise ReferralNotFoundError(referral_id)
    return ReferralStatus(status)


def last_step_date(session: Session, referral_id: int) -> date:
    """The date of the referral's latest history step."""
    last = session.scalar(
        select(func.max(ReferralStatusChange.changed_on)).where(
            ReferralStatusChange.referral_id == referral_id
        )
    )
    if last is None:
        raise ReferralNotFoundError(referral_id)
    return last


def add_status_change(
    session: Session,
    actor_id: int | None,
    referral_id: int,
    status: ReferralStatus,
    changed_on: date,
    note: str,
) -> None:
    """Records a (checked) status change as a new history step."""
    row = session.get(ReferralRow, referral_id)
    if row is None:
        raise ReferralNotFoundError(referral_id)
    previous = row.status
    now = utc_now()
    row.status = status.value
    row.updated_at = now
    session.add(
        ReferralStatusChange(
            referral_id=referral_id,
            status=status.value,
            changed_on=changed_on,
            note=note.strip() or None,
            recorded_by=actor_id,
            recorded_at=now,
        )
    )
    session.flush()
    record_event(
        session, actor_id, "referral.status_changed", "referral", referral_id, row.case_id,
        {"from": previous, "to": status.value, "with_note": bool(note.strip())},
    )  # fmt: skip


def case_referrals(session: Session, actor_id: int | None, case_id: int) -> list[Referral]:
    """A case's referrals with consent and history, oldest first (an audited read)."""
    rows = referral_rows_of(session, case_id)
    ids = [row.id for row in rows]
    steps: dict[int, list[StatusStep]] = {referral_id: [] for referral_id in ids}
    if ids:
        for change in session.scalars(
            select(ReferralStatusChange)
            .where(ReferralStatusChange.referral_id.in_(ids))
            .order_by(ReferralStatusChange.changed_on, ReferralStatusChange.id)
        ):
            steps[change.referral_id].append(
                StatusStep(ReferralStatus(change.status), change.changed_on, change.note or "")
            )
    consents = {
        referral_id: Consent(
            given=consent.given,
            data_shared=consent.data_shared,
            recipient=consent.recipient,
            given_on=consent.given_on,
            method=ConsentMethod(consent.method),
        )
        for referral_id, consent in latest_consents(session, ids).items()
    }
    record_event(
        session, actor_id, "referrals.viewed", "case", case_id, case_id, {"count": len(rows)}
    )
    return [
        Referral(
            referral_id=row.id,
            case_id=row.case_id,
            partner_name=row.partner_name,
            request_text=row.request_text,
            referred_on=row.referred_on,
            status=ReferralStatus(row.status),
            shares_data=row.shares_data,
            consent=consents.get(row.id),
            history=tuple(steps[row.id]),
            partner_id=row.partner_id,
            instrument_id=row.instrument_id,
            contact_person=row.contact_person or "",
        )
        for row in rows
    ]


def referral_rows_of(session: Session, case_id: int) -> list[ReferralRow]:
    """A case's stored referrals, oldest first (not audited: the caller records the read)."""
    return list(
        session.scalars(
            select(ReferralRow)
            .where(ReferralRow.case_id == case_id)
            .order_by(ReferralRow.referred_on, ReferralRow.id)
        )
    )


def latest_consents(session: Session, referral_ids: list[int]) -> dict[int, ConsentRow]:
    """The latest recorded consent answer of each referral that has one, by referral id.

    The latest answer counts: a refusal after a consent withdraws it.
    """
    if not referral_ids:
        return {}
    latest: dict[int, ConsentRow] = {}
    for consent in session.scalars(
        select(ConsentRow)
        .where(ConsentRow.referral_id.in_(referral_ids))
        .order_by(ConsentRow.recorded_at, ConsentRow.id)
    ):
        assert consent.referral_id is not None
        latest[consent.referral_id] = consent
    return latest
