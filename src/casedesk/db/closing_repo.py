"""Closing and reopening a case in the store, and the guard that keeps closed cases read-only.

:func:`ensure_case_open` is for every use case that changes a dossier (referrals,
follow-ups, intake, plan): call it first, in the same transaction, so a closed case stays
exactly as it was closed.
"""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casedesk.db.audit import record_event
from casedesk.db.cases import case_row
from casedesk.db.models import Case, CaseReopening, FollowUp, Referral, utc_now
from casedesk.domain.case import CaseStatus
from casedesk.domain.closing import (
    CaseClosedError,
    ClosingState,
    OpenWork,
    Outcome,
    Reopening,
)
from casedesk.domain.referrals import OPEN_STATUSES


def ensure_case_open(session: Session, case_id: int) -> None:
    """Raises :class:`CaseNotFoundError` or :class:`CaseClosedError` (both Dutch).

    Loads the whole row into the session, so the use case's own reads of it that follow
    (``case_row``, ``touch_case``) cost no further query.
    """
    if case_row(session, case_id).status is CaseStatus.CLOSED:
        raise CaseClosedError(case_id)


def closing_state(session: Session, case_id: int) -> ClosingState:
    case = case_row(session, case_id)
    return ClosingState(
        case_id=case.id,
        status=case.status,
        registration_date=case.registration_date,
        outcome=_outcome(case.closing_outcome),
        closed_on=case.closed_on,
        retention_until=case.retention_until,
    )


def open_work(session: Session, case_id: int) -> OpenWork:
    referrals = session.scalar(
        select(func.count())
        .select_from(Referral)
        .where(Referral.case_id == case_id, Referral.status.in_(list(OPEN_STATUSES)))
    )
    follow_ups = session.scalar(
        select(func.count())
        .select_from(FollowUp)
        .where(FollowUp.case_id == case_id, FollowUp.done_at.is_(None))
    )
    return OpenWork(open_referrals=referrals or 0, open_follow_ups=follow_ups or 0)


def close_case(
    session: Session,
    actor_id: int | None,
    case_id: int,
    outcome: Outcome,
    closed_on: date,
    retention_until: date,
    *,
    result_type: str | None = None,
) -> None:
    ensure_case_open(session, case_id)
    case = session.get_one(Case, case_id)
    previous = case.status
    case.status = CaseStatus.CLOSED
    case.closing_outcome = outcome.value
    case.closed_on = closed_on
    case.retention_until = retention_until
    case.result_type = result_type
    case.updated_at = utc_now()
    session.flush()
    record_event(
        session, actor_id, "case.closed", "case", case.id, case.id,
        {
            "result_type": result_type,
            "from": previous.value,
            "outcome": outcome.value,
            "closed_on": closed_on.isoformat(),
            "retention_until": retention_until.isoformat(),
        },
    )  # fmt: skip


def reopen_case(session: Session, actor_id: int | None, case_id: int, reason: str) -> int:
    """Opens a closed case again (status lopend); returns the reopening's id.

    The closing's outcome and dates move to the reopening record: a reopened case has no
    retention date until it is closed again.
    """
    case = case_row(session, case_id)
    if case.status is not CaseStatus.CLOSED:
        raise ValueError(f"case {case_id} is not closed")
    reopening = CaseReopening(
        case_id=case.id,
        reason=reason,
        previous_outcome=case.closing_outcome,
        previous_closed_on=case.closed_on,
        reopened_by=actor_id,
        reopened_at=utc_now(),
    )
    session.add(reopening)
    case.status = CaseStatus.ACTIVE
    case.closing_outcome = None
    case.closed_on = None
    case.retention_until = None
    case.result_type = None
    case.updated_at = utc_now()
    session.flush()
    record_event(
        session, actor_id, "case.reopened", "case", case.id, case.id,
        {"reopening_id": reopening.id, "previous_outcome": reopening.previous_outcome},
    )  # fmt: skip
    return reopening.id


def reopenings(session: Session, case_id: int) -> list[Reopening]:
    rows = session.scalars(
        select(CaseReopening)
        .where(CaseReopening.case_id == case_id)
        .order_by(CaseReopening.reopened_at, CaseReopening.id)
    )
    return [
        Reopening(
            reopened_on=row.reopened_at.date(),
            reason=row.reason,
            previous_outcome=_outcome(row.previous_outcome),
            previous_closed_on=row.previous_closed_on,
        )
        for row in rows
    ]


def _outcome(value: str | None) -> Outcome | None:
    return None if value is None else Outcome(value)
