"""The audit trail: who read or changed which record of a dossier, and when.

Events are added to the caller's session, so they commit or roll back together with the
read or change they describe. ``details`` must not hold personal data (names, BSN,
addresses, free text): ids, codes, field names and statuses only, because the log is kept
longer than the dossier and may be shown to auditors.
"""

import json
import platform
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from casedesk.db.models import AuditEvent, utc_now
from casedesk.db.server.coordinator_session import is_coordinator, record_coordinator_event

AuditDetail = str | int | float | bool | None | list[str] | list[int]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One event as the dossier's log shows it."""

    at: datetime
    actor_id: int | None
    action: str
    entity_type: str
    entity_id: str | None
    case_id: int | None
    details: dict[str, AuditDetail]
    outcome: str = "done"
    origin: str = ""
    event_hash: str = ""


def record_event(
    session: Session,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: int | str | None,
    case_id: int | None,
    details: Mapping[str, AuditDetail] | None = None,
    *,
    outcome: str = "done",
) -> None:
    """Add an audit event to the session's transaction (flushed with the change itself).

    ``actor_id`` is the caseworker, or None for the system (migrations, demo data);
    ``outcome`` is done, refused or failed. The event is chained onto the log when its
    transaction ends (``db/audit_chain.py``). A regional coordinator may not touch the
    log's table: their event (never of a dossier) goes through the server's function.
    """
    details_json = json.dumps(dict(details or {}), ensure_ascii=False, sort_keys=True)
    if is_coordinator(session):
        if case_id is not None:
            raise ValueError("a coordinator's event is never of a dossier")
        record_coordinator_event(
            session, action, entity_type, None if entity_id is None else str(entity_id),
            details_json, outcome, workstation(),
        )  # fmt: skip
        return
    session.add(
        AuditEvent(
            at=utc_now(),
            actor_id=actor_id,
            action=action,
            entity_type=entity_type,
            entity_id=None if entity_id is None else str(entity_id),
            case_id=case_id,
            details_json=details_json,
            outcome=outcome,
            origin=workstation(),
            prev_hash="",
            event_hash="",
        )
    )


@cache
def workstation() -> str:
    """The computer's network name: where an event happened (BIO2 8.15.01)."""
    return platform.node()[:200] or "onbekend"


_ENTRY_COLUMNS = (
    AuditEvent.id, AuditEvent.at, AuditEvent.actor_id, AuditEvent.action,
    AuditEvent.entity_type, AuditEvent.entity_id, AuditEvent.case_id,
    AuditEvent.details_json, AuditEvent.outcome, AuditEvent.origin, AuditEvent.event_hash,
)  # fmt: skip
"""What an :class:`AuditEntry` is made of, read as plain rows: a dossier worked on for
months has thousands of autosave events, and its log is read at every opening."""


def events_between(session: Session, start: datetime, end: datetime) -> list[AuditEntry]:
    """Every event from ``start`` up to (not including) ``end``, oldest first."""
    rows = session.execute(
        select(*_ENTRY_COLUMNS)
        .where(AuditEvent.at >= start, AuditEvent.at < end)
        .order_by(AuditEvent.id)
    )
    return [_entry(row) for row in rows]


def _entry(row: Row[*tuple[Any, ...]]) -> AuditEntry:
    return AuditEntry(
        at=row.at,
        actor_id=row.actor_id,
        action=row.action,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        case_id=row.case_id,
        details=json.loads(row.details_json),
        outcome=row.outcome,
        origin=row.origin,
        event_hash=row.event_hash,
    )


def case_events(session: Session, case_id: int) -> list[AuditEntry]:
    """A dossier's log, oldest first (reading the log is not itself logged)."""
    rows = session.execute(
        select(*_ENTRY_COLUMNS)
        .where(AuditEvent.case_id == case_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [_entry(row) for row in rows]


def find_events(
    session: Session,
    *,
    actor_id: int | None = None,
    case_id: int | None = None,
    action: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """The newest ``limit`` events that match every filter given, newest first."""
    query = select(*_ENTRY_COLUMNS)
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    if start is not None:
        query = query.where(AuditEvent.at >= start)
    if end is not None:
        query = query.where(AuditEvent.at < end)
    rows = session.execute(query.order_by(AuditEvent.id.desc()).limit(limit))
    return [_entry(row) for row in rows]


def last_own_event_at(session: Session, action: str) -> datetime | None:
    """When ``action`` was last logged outside any dossier; on a regional server row-level
    security shows such events only to the login that wrote them (migration 0017)."""
    return session.scalar(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.action == action, AuditEvent.case_id.is_(None)
        )
    )


def newest_case_events(
    session: Session, case_id: int, action: str, page_size: int = 200
) -> Iterator[AuditEntry]:
    """A dossier's events of one kind, newest first, read a page at a time as the caller
    goes on (an hour of autosave is thousands of events; the caller often needs a few)."""
    before: int | None = None
    while True:
        query = select(*_ENTRY_COLUMNS).where(
            AuditEvent.case_id == case_id, AuditEvent.action == action
        )
        if before is not None:
            query = query.where(AuditEvent.id < before)
        rows = list(session.execute(query.order_by(AuditEvent.id.desc()).limit(page_size)))
        for row in rows:
            yield _entry(row)
        if len(rows) < page_size:
            return
        before = rows[-1].id


def logged_actions(session: Session) -> list[str]:
    """Every action code the log holds, for the officer's filter."""
    return sorted(session.scalars(select(AuditEvent.action).distinct()))
