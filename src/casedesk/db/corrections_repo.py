"""The correction trail's rows (``services/corrections.py``)."""

from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from casedesk.db.models import FieldCorrection


def _by(actor_id: int | None) -> ColumnElement[bool]:
    if actor_id is None:
        return FieldCorrection.corrected_by.is_(None)
    return FieldCorrection.corrected_by == actor_id


def correcting_since(
    session: Session, case_id: int, actor_id: int | None, since: datetime
) -> bool:
    """Whether this caseworker corrected something in the dossier since ``since``."""
    found = session.scalar(
        select(FieldCorrection.id)
        .where(FieldCorrection.case_id == case_id, _by(actor_id),
               FieldCorrection.corrected_at >= since)
        .limit(1)
    )  # fmt: skip
    return found is not None


def open_correction(
    session: Session, case_id: int, field: str, actor_id: int | None, since: datetime
) -> FieldCorrection | None:
    """This sitting's correction of the field by this caseworker, if one is under way."""
    return session.scalars(
        select(FieldCorrection)
        .where(
            FieldCorrection.case_id == case_id,
            FieldCorrection.field == field,
            _by(actor_id),
            FieldCorrection.corrected_at >= since,
        )
        .order_by(FieldCorrection.id.desc())
        .limit(1)
    ).first()


def add_correction(
    session: Session,
    actor_id: int | None,
    case_id: int,
    field: str,
    old_value: str,
    new_value: str,
    at: datetime,
) -> int:
    row = FieldCorrection(
        case_id=case_id, field=field, old_value=old_value, new_value=new_value,
        corrected_by=actor_id, corrected_at=at,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def corrections_by_id(session: Session, ids: list[int]) -> dict[int, FieldCorrection]:
    if not ids:
        return {}
    rows = session.scalars(select(FieldCorrection).where(FieldCorrection.id.in_(ids)))
    return {row.id: row for row in rows}
