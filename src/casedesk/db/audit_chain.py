"""The audit log as a hash chain: deleting, changing, reordering or back-dating shows.

Each event's hash is SHA-256 over its own content (time, actor, action, object, details,
outcome, origin) and the previous event's hash. None of these fields holds personal data,
so erasing a dossier's personal data never breaks the chain. Events are sealed at the end
of their transaction, after the store's write lock is held, so two transactions can never
chain onto the same predecessor.

The newest hash is also kept outside the file (with the commit mark in the keychain), so
cutting off the newest events is found too: :func:`verify` must meet that hash.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from casedesk.db.engine import create_encrypted_engine
from casedesk.db.models import AuditEvent

GENESIS = ""
CUT_OFF_ACTION = "audit.cut_off"
"""Recorded at open when the newest hash kept outside is not in the log (db/store.py)."""


def event_digest(
    at: datetime,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: str | None,
    case_id: int | None,
    details_json: str,
    outcome: str,
    origin: str,
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [
            at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds"),
            actor_id,
            action,
            entity_type,
            entity_id,
            case_id,
            details_json,
            outcome,
            origin,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def digest_of(event: AuditEvent, prev_hash: str) -> str:
    return event_digest(
        event.at,
        event.actor_id,
        event.action,
        event.entity_type,
        event.entity_id,
        event.case_id,
        event.details_json,
        event.outcome,
        event.origin,
        prev_hash,
    )


def seal_new_events(session: Session) -> str | None:
    """Chains the transaction's unsealed events onto the log; returns the new head, if any.

    Call after the transaction's last flush, inside it.
    """
    unsealed = list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.event_hash == "").order_by(AuditEvent.id)
        )
    )
    if not unsealed:
        return None
    head = session.scalar(
        select(AuditEvent.event_hash)
        .where(AuditEvent.id < unsealed[0].id)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    previous = head or GENESIS
    for event in unsealed:
        event.prev_hash = previous
        event.event_hash = digest_of(event, previous)
        previous = event.event_hash
    session.flush()
    return previous


def current_head(session: Session) -> str | None:
    """The hash of the newest event; None for an empty log."""
    return session.scalar(
        select(AuditEvent.event_hash).order_by(AuditEvent.id.desc()).limit(1)
    )


def event_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def file_event_count(path: Path | None, key: bytes) -> int:
    """How many events a store or backup file holds; 0 for none, a folder or a bad file."""
    if path is None or not path.is_file():
        return 0
    engine = create_encrypted_engine(path, key, read_only=True)
    try:
        with Session(engine) as session:
            return event_count(session)
    except DBAPIError:
        return 0
    finally:
        engine.dispose()


def contains(session: Session, event_hash: str) -> bool:
    found = session.scalar(
        select(AuditEvent.id).where(AuditEvent.event_hash == event_hash).limit(1)
    )
    return found is not None


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain breaks: the event (id and time) and what is wrong, in Dutch."""

    event_id: int | None
    at: datetime | None
    what: str


@dataclass(frozen=True)
class ChainReport:
    events: int
    breaks: tuple[ChainBreak, ...]

    @property
    def intact(self) -> bool:
        return not self.breaks


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One event as the walk over the chain sees it; ``digest`` is its hash computed anew."""

    event_id: int
    at: datetime | None
    action: str
    prev_hash: str
    event_hash: str
    digest: str


def verify(session: Session, recorded_head: str | None) -> ChainReport:
    """Walks the whole log oldest first; every link and every hash must hold.

    ``recorded_head`` is the newest hash kept outside the file (None: not known); the walk
    must meet it, or the newest events were cut off.
    """
    rows: Iterable[AuditEvent] = session.scalars(
        select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=2000)
    )
    links = (
        ChainLink(event.id, event.at, event.action, event.prev_hash, event.event_hash,
                  digest_of(event, event.prev_hash))
        for event in rows
    )  # fmt: skip
    return verify_links(links, recorded_head)


def verify_links(links: Iterable[ChainLink], recorded_head: str | None) -> ChainReport:
    """The walk of :func:`verify` over links read from any store, oldest first."""
    breaks: list[ChainBreak] = []
    previous = GENESIS
    count = 0
    met_recorded = recorded_head is None
    for link in links:
        count += 1
        if link.prev_hash != previous:
            breaks.append(
                ChainBreak(
                    link.event_id,
                    link.at,
                    "de gebeurtenis ervoor ontbreekt of is verwisseld",
                )
            )
        elif link.event_hash != link.digest:
            # Back-dating is a change too: the time is part of the hash.
            breaks.append(ChainBreak(link.event_id, link.at, "de gebeurtenis is veranderd"))
        if link.action == CUT_OFF_ACTION:
            breaks.append(
                ChainBreak(
                    link.event_id,
                    link.at,
                    "bij het openen bleek dat de nieuwste gebeurtenissen daarvoor waren "
                    "verwijderd (het logboek was aan het eind ingekort)",
                )
            )
        previous = link.event_hash
        if link.event_hash == recorded_head:
            met_recorded = True
    if not met_recorded:
        breaks.append(
            ChainBreak(
                None,
                None,
                "de nieuwste gebeurtenissen ontbreken (het logboek is aan het eind ingekort)",
            )
        )
    return ChainReport(count, tuple(breaks))
