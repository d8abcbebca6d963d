"""The regional server's audit hash chain (migration 0031), verified here in Python.

The server seals each event when its transaction commits; this module computes every hash
anew from the event's fields, in the encoding of the migration (a length before each
field), and walks the chain in the order of sealing with the same rules as the laptop's
(``db/audit_chain.py``). Only the owner sees every event: row-level security shows a
caseworker only their municipalities' part, which would look like a chain full of holes.
"""

import hashlib
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Connection, Row, text

from casedesk.db.audit_chain import ChainBreak, ChainLink, ChainReport, verify_links
from casedesk.errors import KnownError

_EVENTS = text(
    "SELECT id, at, actor_id, action, entity_type, entity_id, case_id, details_json, "
    "outcome, origin, recorded_by, prev_hash, event_hash, chain_seq FROM audit_events "
    "ORDER BY chain_seq NULLS LAST, id"
)


def server_event_digest(
    at: datetime,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: str | None,
    case_id: int | None,
    details_json: str,
    outcome: str,
    origin: str,
    recorded_by: str,
    prev_hash: str,
) -> str:
    """The hash the server gives an event (``casedesk_seal_audit_event``)."""
    fields = (
        at.strftime("%Y-%m-%dT%H:%M:%S.%f"),
        None if actor_id is None else str(actor_id),
        action,
        entity_type,
        entity_id,
        None if case_id is None else str(case_id),
        details_json,
        outcome,
        origin,
        recorded_by,
        prev_hash,
    )
    encoded = "".join("~" if field is None else f"{len(field)}:{field}" for field in fields)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def verify_server_chain(connection: Connection, recorded_head: str | None) -> ChainReport:
    """The whole chain, oldest first; ``recorded_head`` is the newest hash a previous check
    kept outside the server (None: not known), which the walk must meet."""
    if not _sees_every_event(connection):
        raise KnownError(
            "Alleen de eigenaar van de database ziet het hele logboek; een klantmanager ziet "
            "alleen dat van de eigen gemeenten. Geef het adres van de eigenaar (de rol "
            "waarmee u `casedesk server setup` deed)."
        )
    outside: list[ChainBreak] = []

    def sealed_links() -> Iterator[ChainLink]:
        rows = connection.execution_options(stream_results=True, yield_per=2000).execute(
            _EVENTS
        )
        for row in rows:
            if row.chain_seq is None:
                # Only written past the server's trigger (switched off, or a copied row).
                outside.append(
                    ChainBreak(row.id, row.at, "de gebeurtenis is buiten de keten om toegevoegd")
                )
                continue
            yield _link(row)

    report = verify_links(sealed_links(), recorded_head)
    if not outside:
        return report
    return ChainReport(report.events + len(outside), report.breaks + tuple(outside))


def newest_hash(connection: Connection) -> str | None:
    head = connection.scalar(
        text(
            "SELECT event_hash FROM audit_events WHERE chain_seq IS NOT NULL "
            "ORDER BY chain_seq DESC LIMIT 1"
        )
    )
    return None if head is None else str(head)


def _link(row: Row[tuple[object, ...]]) -> ChainLink:
    digest = server_event_digest(
        row.at, row.actor_id, row.action, row.entity_type, row.entity_id, row.case_id,
        row.details_json, row.outcome, row.origin, row.recorded_by, row.prev_hash,
    )  # fmt: skip
    return ChainLink(row.id, row.at, row.action, row.prev_hash, row.event_hash, digest)


def _sees_every_event(connection: Connection) -> bool:
    return bool(
        connection.scalar(
            text(
                "SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relname = 'audit_events'"
            )
        )
    )
