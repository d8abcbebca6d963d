"""Route decisions, chosen instruments, actions and the next appointment of a case.

Runs in the caller's transaction; the caller validates input and records the audit events.
Decisions are only ever added (the history of what was advised and chosen stays); the
instruments, actions and appointment of a case are replaced as a whole, as the intake
edits them as one list.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casedesk.db.models import Action as ActionRow
from casedesk.db.models import AdviceDecision, CaseInstrument, Caseworker
from casedesk.db.models import Appointment as AppointmentRow
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.decision import RouteDecision
from casedesk.domain.dossier import ChosenInstrument


@dataclass(frozen=True, slots=True)
class NewDecision:
    decision: RouteDecision
    reasons_json: str
    """The advice's reasons (rule id and text) at the moment of deciding."""
    decided_by: int | None


def add_decision(session: Session, case_id: int, new: NewDecision) -> int:
    decision = new.decision
    row = AdviceDecision(
        case_id=case_id,
        suggested_primary_route=decision.suggested_primary,
        suggested_secondary_route=decision.suggested_secondary,
        suggested_third_route=decision.suggested_third,
        urgent=decision.urgent,
        reasons_json=new.reasons_json,
        accepted=decision.accepted,
        chosen_primary_route=decision.primary,
        chosen_secondary_route=decision.secondary,
        chosen_third_route=decision.third,
        override_reason=decision.override_reason or None,
        decided_by=new.decided_by,
        decided_at=decision.decided_at,
    )
    session.add(row)
    session.flush()
    return row.id


def latest_decision(session: Session, case_id: int) -> RouteDecision | None:
    found = latest_decision_and_reasons(session, case_id)
    return None if found is None else found[0]


def latest_decision_and_reasons(session: Session, case_id: int) -> tuple[RouteDecision, str] | None:
    """The case's latest decision and the advice's reasons JSON stored with it."""
    row = session.execute(
        select(AdviceDecision, Caseworker.name)
        .outerjoin(Caseworker, Caseworker.id == AdviceDecision.decided_by)
        .where(AdviceDecision.case_id == case_id)
        .order_by(AdviceDecision.decided_at.desc(), AdviceDecision.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    stored, name = row
    decision = RouteDecision(
        primary=stored.chosen_primary_route,
        secondary=stored.chosen_secondary_route,
        suggested_primary=stored.suggested_primary_route,
        suggested_secondary=stored.suggested_secondary_route,
        urgent=stored.urgent,
        override_reason=stored.override_reason or "",
        decided_at=stored.decided_at,
        decided_by=name or "",
        third=stored.chosen_third_route,
        suggested_third=stored.suggested_third_route,
    )
    return decision, stored.reasons_json


def decision_count(session: Session, case_id: int) -> int:
    return len(
        session.scalars(select(AdviceDecision.id).where(AdviceDecision.case_id == case_id)).all()
    )


# --- instruments ------------------------------------------------------------------------


def replace_instruments(
    session: Session,
    case_id: int,
    chosen: Sequence[ChosenInstrument],
    chosen_by: int | None,
    at: datetime,
) -> None:
    session.execute(delete(CaseInstrument).where(CaseInstrument.case_id == case_id))
    session.add_all(
        CaseInstrument(
            case_id=case_id,
            instrument_id=item.instrument_id,
            instrument_name=item.name,
            position=position,
            chosen_by=chosen_by,
            chosen_at=at,
        )
        for position, item in enumerate(chosen)
    )
    session.flush()


def chosen_instruments(session: Session, case_id: int) -> tuple[ChosenInstrument, ...]:
    return tuple(chosen for chosen, _reason in chosen_instruments_and_reasons(session, case_id))


def chosen_instruments_and_reasons(
    session: Session, case_id: int
) -> tuple[tuple[ChosenInstrument, str], ...]:
    """The chosen instruments in order, each with the reason stored with it ("" for none)."""
    rows = session.execute(
        select(CaseInstrument.instrument_id, CaseInstrument.instrument_name, CaseInstrument.reason)
        .where(CaseInstrument.case_id == case_id)
        .order_by(CaseInstrument.position, CaseInstrument.id)
    )
    return tuple((ChosenInstrument(InstrumentId(row[0]), row[1]), row[2] or "") for row in rows)


# --- actions ----------------------------------------------------------------------------


def replace_actions(
    session: Session, case_id: int, actions: Sequence[Action], at: datetime
) -> tuple[Action, ...]:
    """Make these the case's actions, in this order; returns them with their ids.

    An action that has an id of this case keeps it (later plans and follow-ups may refer
    to it); new ones get one; the case's actions left out are removed.
    """
    existing = {
        row.id: row
        for row in session.scalars(select(ActionRow).where(ActionRow.case_id == case_id))
    }
    rows = []
    for position, action in enumerate(actions):
        row = existing.pop(action.action_id, None) if action.action_id is not None else None
        if row is None:
            row = ActionRow(case_id=case_id, created_at=at)
            session.add(row)
        row.description = action.description
        row.owner = action.owner.value
        row.owner_detail = action.owner_detail or None
        row.due_date = action.due_date
        row.done = action.done
        row.position = position
        rows.append(row)
    for left_out in existing.values():
        session.delete(left_out)
    session.flush()
    return tuple(_action(row) for row in rows)


def actions_of(session: Session, case_id: int) -> tuple[Action, ...]:
    rows = session.scalars(
        select(ActionRow)
        .where(ActionRow.case_id == case_id)
        .order_by(ActionRow.position, ActionRow.id)
    )
    return tuple(_action(row) for row in rows)


def _action(row: ActionRow) -> Action:
    return Action(
        description=row.description,
        owner=ActionOwner(row.owner),
        owner_detail=row.owner_detail or "",
        due_date=row.due_date,
        done=row.done,
        action_id=row.id,
    )


# --- appointment ------------------------------------------------------------------------


def replace_appointment(
    session: Session, case_id: int, appointment: Appointment | None, at: datetime
) -> None:
    """The intake keeps one next appointment per case: the new one replaces the old."""
    session.execute(delete(AppointmentRow).where(AppointmentRow.case_id == case_id))
    if appointment is not None:
        session.add(
            AppointmentRow(
                case_id=case_id,
                starts_at=appointment.starts_at,
                ends_at=appointment.ends_at,
                mode=appointment.mode.value,
                location=appointment.location or None,
                note=appointment.note or None,
                created_at=at,
            )
        )
    session.flush()


def next_appointment(
    session: Session, case_id: int, from_time: datetime | None = None
) -> Appointment | None:
    """The case's earliest appointment; only one starting at ``from_time`` or later when given
    (the intake edits the stored one even when it has passed; a plan names only a coming one).
    """
    condition = AppointmentRow.case_id == case_id
    if from_time is not None:
        condition &= AppointmentRow.starts_at >= from_time
    row = session.scalars(
        select(AppointmentRow)
        .where(condition)
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
