"""The caseworker's own work for the Vandaag view: open actions (Wie = klantmanager) and
the coming appointments of open cases.

Both walk an index in order and stop at ``limit`` rows, so only the rows shown are joined,
however many dossiers the store holds.
"""

from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casedesk.db.models import Action, Appointment, Business, Case, Entrepreneur
from casedesk.domain.agreements import ActionOwner, AppointmentMode
from casedesk.domain.case import CaseStatus
from casedesk.domain.followups import ActionItem, AppointmentItem
from casedesk.domain.intake import full_name


def open_caseworker_actions(
    session: Session, caseworker_id: int | None, last_day: date, limit: int
) -> list[ActionItem]:
    """Open actions for the caseworker in their own (or unassigned) open cases, due by
    ``last_day`` or without a date; the earliest first, undated ones last."""
    statement = (
        select(
            Action.id, Action.case_id, Action.description, Action.due_date,
            Entrepreneur.voornamen, Entrepreneur.tussenvoegsel, Entrepreneur.achternaam,
            Business.trade_name,
        )
        .join(Case, Case.id == Action.case_id)
        .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .outerjoin(Business, Business.id == Case.business_id)
        .where(
            Action.owner == ActionOwner.CASEWORKER.value,
            Action.done.is_(False),
            or_(Action.due_date <= last_day, Action.due_date.is_(None)),
            Case.status != CaseStatus.CLOSED,
            or_(Case.caseworker_id == caseworker_id, Case.caseworker_id.is_(None)),
        )
        .order_by(Action.due_date.is_(None), Action.due_date, Action.id)
        .limit(limit)
    )  # fmt: skip
    return [
        ActionItem(
            action_id=row.id,
            case_id=row.case_id,
            description=row.description,
            due_date=row.due_date,
            entrepreneur_name=full_name(row.voornamen, row.tussenvoegsel, row.achternaam),
            trade_name=row.trade_name or "",
        )
        for row in session.execute(statement)
    ]


def coming_appointments(
    session: Session, since: datetime, until: datetime, limit: int
) -> list[AppointmentItem]:
    """Appointments of open cases from ``since`` to ``until``, the earliest first."""
    statement = (
        select(
            Appointment.case_id, Appointment.starts_at, Appointment.mode, Appointment.location,
            Entrepreneur.voornamen, Entrepreneur.tussenvoegsel, Entrepreneur.achternaam,
            Business.trade_name,
        )
        .join(Case, Case.id == Appointment.case_id)
        .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .outerjoin(Business, Business.id == Case.business_id)
        .where(
            Appointment.starts_at >= since,
            Appointment.starts_at <= until,
            Case.status != CaseStatus.CLOSED,
        )
        .order_by(Appointment.starts_at, Appointment.id)
        .limit(limit)
    )  # fmt: skip
    return [
        AppointmentItem(
            case_id=row.case_id,
            starts_at=row.starts_at,
            how=AppointmentMode(row.mode).label,
            where=row.location or "",
            entrepreneur_name=full_name(row.voornamen, row.tussenvoegsel, row.achternaam),
            trade_name=row.trade_name or "",
        )
        for row in session.execute(statement)
    ]
