"""Follow-ups in the store: add, mark done, and the Vandaag view's query.

The Vandaag query reads open follow-ups due up to a day (index ``done_at, due_date``),
joined to the case list's names; follow-ups of closed cases are left out, because a closed
case asks nothing of the caseworker until it is reopened.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from casedesk.db.audit import record_event
from casedesk.db.models import (
    Appointment,
    Business,
    Case,
    Entrepreneur,
    FollowUp,
    Referral,
    utc_now,
)
from casedesk.domain.case import CaseStatus
from casedesk.domain.followups import FollowUpItem, FollowUpRuleError
from casedesk.domain.intake import full_name
from casedesk.errors import KnownError


class FollowUpNotFoundError(KnownError):
    def __init__(self, follow_up_id: int) -> None:
        super().__init__(
            f"Opvolging {follow_up_id} bestaat niet (meer). Vernieuw het overzicht."
        )


@dataclass(frozen=True, slots=True)
class FollowUpRecord:
    """A follow-up as the dossier shows it, open or done."""

    follow_up_id: int
    case_id: int
    due_date: date
    note: str
    referral_id: int | None
    done_at: datetime | None
    done_note: str | None


def insert_follow_up(
    session: Session,
    actor_id: int | None,
    case_id: int,
    due_date: date,
    note: str,
    referral_id: int | None = None,
) -> int:
    row = FollowUp(
        case_id=case_id,
        referral_id=referral_id,
        due_date=due_date,
        note=note,
        created_by=actor_id,
        created_at=utc_now(),
    )
    session.add(row)
    session.flush()
    record_event(
        session, actor_id, "follow_up.created", "follow_up", row.id, case_id,
        {"due_date": due_date.isoformat(), "referral_id": referral_id},
    )  # fmt: skip
    return row.id


def follow_up_case_id(session: Session, follow_up_id: int) -> int:
    case_id = session.scalar(select(FollowUp.case_id).where(FollowUp.id == follow_up_id))
    if case_id is None:
        raise FollowUpNotFoundError(follow_up_id)
    return case_id


def mark_done(
    session: Session, actor_id: int | None, follow_up_id: int, done_at: datetime, note: str
) -> None:
    row = session.get(FollowUp, follow_up_id)
    if row is None:
        raise FollowUpNotFoundError(follow_up_id)
    if row.done_at is not None:
        raise FollowUpRuleError(
            "Deze opvolging is al als gedaan gemarkeerd. Vernieuw het overzicht."
        )
    row.done_at = done_at
    row.done_note = note
    session.flush()
    record_event(
        session, actor_id, "follow_up.done", "follow_up", row.id, row.case_id,
        {"due_date": row.due_date.isoformat()},
    )  # fmt: skip


def case_follow_ups(session: Session, actor_id: int | None, case_id: int) -> list[FollowUpRecord]:
    """A case's follow-ups, open and done, by due date (an audited read)."""
    records = follow_ups_of(session, case_id)
    record_event(
        session, actor_id, "follow_ups.viewed", "case", case_id, case_id, {"count": len(records)}
    )
    return records


def follow_ups_of(session: Session, case_id: int) -> list[FollowUpRecord]:
    """A case's follow-ups by due date, for a read that is audited as a whole (the dossier)."""
    rows = session.scalars(
        select(FollowUp)
        .where(FollowUp.case_id == case_id)
        .order_by(FollowUp.due_date, FollowUp.id)
    ).all()
    return [
        FollowUpRecord(
            follow_up_id=row.id,
            case_id=row.case_id,
            due_date=row.due_date,
            note=row.note,
            referral_id=row.referral_id,
            done_at=row.done_at,
            done_note=row.done_note,
        )
        for row in rows
    ]


def open_follow_ups_between(
    session: Session, first_day: date | None, last_day: date, limit: int
) -> list[FollowUpItem]:
    """Open follow-ups due from ``first_day`` (None: any day) to ``last_day``, oldest first.

    At most ``limit`` rows: the index walk stops there, so only the rows shown are joined.
    """
    statement = (
        select(
            FollowUp.id,
            FollowUp.case_id,
            FollowUp.due_date,
            FollowUp.note,
            FollowUp.referral_id,
            Entrepreneur.voornamen,
            Entrepreneur.tussenvoegsel,
            Entrepreneur.achternaam,
            Business.trade_name,
            Referral.partner_name,
        )
        .join(Case, Case.id == FollowUp.case_id)
        .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .outerjoin(Business, Business.id == Case.business_id)
        .outerjoin(Referral, Referral.id == FollowUp.referral_id)
        .where(_open_due(first_day, last_day), Case.status != CaseStatus.CLOSED)
        .order_by(FollowUp.due_date, FollowUp.id)
        .limit(limit)
    )
    return [
        FollowUpItem(
            follow_up_id=row.id,
            case_id=row.case_id,
            due_date=row.due_date,
            note=row.note,
            entrepreneur_name=full_name(row.voornamen, row.tussenvoegsel, row.achternaam),
            trade_name=row.trade_name or "",
            referral_id=row.referral_id,
            partner_name=row.partner_name or "",
        )
        for row in session.execute(statement)
    ]


def count_open_between(session: Session, first_day: date | None, last_day: date) -> int:
    """How many open follow-ups are due from ``first_day`` to ``last_day``.

    Counted on the index alone. Closed cases have no open follow-ups (closing lets them
    lapse, :func:`lapse_open_follow_ups`), so no join to the cases is needed.
    """
    count = session.scalar(
        select(func.count()).select_from(FollowUp).where(_open_due(first_day, last_day))
    )
    return count or 0


def count_overdue(session: Session, today: date) -> int:
    """Open follow-ups due before ``today``."""
    return count_open_between(session, None, today - timedelta(days=1))


def lapse_open_follow_ups(
    session: Session, actor_id: int | None, case_id: int, at: datetime, note: str
) -> int:
    """Marks a closing case's open follow-ups as lapsed (done, with ``note``); returns how many."""
    rows = session.scalars(
        select(FollowUp).where(FollowUp.case_id == case_id, FollowUp.done_at.is_(None))
    ).all()
    for row in rows:
        row.done_at = at
        row.done_note = note
        record_event(
            session, actor_id, "follow_up.lapsed", "follow_up", row.id, case_id,
            {"due_date": row.due_date.isoformat()},
        )  # fmt: skip
    session.flush()
    return len(rows)


def _open_due(first_day: date | None, last_day: date) -> ColumnElement[bool]:
    condition = and_(FollowUp.done_at.is_(None), FollowUp.due_date <= last_day)
    if first_day is not None:
        condition = and_(condition, FollowUp.due_date >= first_day)
    return condition


@dataclass(frozen=True, slots=True)
class CalendarPerson:
    """Who a calendar entry is about (only shown in full when the caseworker chooses)."""

    voornamen: str
    tussenvoegsel: str
    achternaam: str


@dataclass(frozen=True, slots=True)
class CalendarFollowUp:
    follow_up_id: int
    case_id: int
    due_date: date
    note: str
    person: CalendarPerson


@dataclass(frozen=True, slots=True)
class CalendarAppointment:
    appointment_id: int
    case_id: int
    starts_at: datetime
    ends_at: datetime | None
    mode: str
    location: str
    note: str
    person: CalendarPerson


def calendar_follow_ups(session: Session, first_day: date) -> list[CalendarFollowUp]:
    """Open follow-ups of open cases due on or after ``first_day``, oldest first."""
    statement = (
        select(FollowUp, Entrepreneur)
        .join(Case, Case.id == FollowUp.case_id)
        .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .where(
            FollowUp.done_at.is_(None),
            FollowUp.due_date >= first_day,
            Case.status != CaseStatus.CLOSED,
        )
        .order_by(FollowUp.due_date, FollowUp.id)
    )
    return [
        CalendarFollowUp(
            follow_up.id, follow_up.case_id, follow_up.due_date, follow_up.note,
            _person(person),
        )
        for follow_up, person in session.execute(statement)
    ]  # fmt: skip


def calendar_appointments(session: Session, since: datetime) -> list[CalendarAppointment]:
    """Appointments of open cases that start at or after ``since``."""
    statement = (
        select(Appointment, Entrepreneur)
        .join(Case, Case.id == Appointment.case_id)
        .join(Entrepreneur, Entrepreneur.id == Case.entrepreneur_id)
        .where(Appointment.starts_at >= since, Case.status != CaseStatus.CLOSED)
        .order_by(Appointment.starts_at, Appointment.id)
    )
    return [
        CalendarAppointment(
            appointment.id, appointment.case_id, appointment.starts_at, appointment.ends_at,
            appointment.mode, appointment.location or "", appointment.note or "",
            _person(person),
        )
        for appointment, person in session.execute(statement)
    ]  # fmt: skip


def record_calendar_export(
    session: Session, actor_id: int | None, case_ids: list[int], with_names: bool
) -> None:
    """One audit event per dossier whose data went into an exported calendar file."""
    for case_id in sorted(set(case_ids)):
        record_event(
            session, actor_id, "calendar.exported", "case", case_id, case_id,
            {"with_names": with_names},
        )  # fmt: skip


def _person(row: Entrepreneur) -> CalendarPerson:
    return CalendarPerson(row.voornamen, row.tussenvoegsel, row.achternaam)
