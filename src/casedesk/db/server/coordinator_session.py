"""What a regional coordinator's session does differently (PostgreSQL only).

A coordinator's login may read no dossier, person or log row (``db/server/admin.py``).
The server says so itself: a login that may not read ``cases`` but may call the owner's
aggregate function (migration 0026) is a coordinator, whatever the client believes.
``ServerStore`` asks once when it connects and marks its sessions; the report then reads
its figures through that function (``db/server/report.py``), and an event in the log is
written through the owner's ``casedesk_record_event``, since the coordinator's role may
not touch ``audit_events`` itself.
"""

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

AGGREGATES_ONLY = "casedesk.aggregates_only"
"""The ``Session.info`` key of a coordinator's session."""

REPORT_FUNCTION = "casedesk_report_counts(date, date, date)"
EVENT_FUNCTION = "casedesk_record_event(text, text, text, text, text, text)"
"""What ``casedesk server setup`` lets a coordinator call (migration 0026)."""
ENTRY_USE_FUNCTION = "casedesk_catalog_entry_use(text)"
"""How many dossiers use a catalog entry, counted as the owner (migration 0035)."""


def login_is_coordinator(connection: Connection) -> bool:
    """Whether the server lets this login read figures only (asked of the server)."""
    return bool(
        connection.scalar(
            text(
                "SELECT coalesce(has_function_privilege(to_regprocedure(:function), "
                "'EXECUTE'), false) AND NOT has_table_privilege('cases', 'SELECT')"
            ),
            {"function": REPORT_FUNCTION},
        )
    )


def is_coordinator(session: Session) -> bool:
    return bool(session.info.get(AGGREGATES_ONLY))


def record_coordinator_event(
    session: Session,
    action: str,
    entity_type: str,
    entity_id: str | None,
    details_json: str,
    outcome: str,
    origin: str,
) -> None:
    """One event outside any dossier, in the session's transaction; the server stamps
    the time, the login and the coordinator's name."""
    session.execute(
        text(
            "SELECT casedesk_record_event(:action, :entity_type, :entity_id, :details, "
            ":outcome, :origin)"
        ),
        {
            "action": action,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "details": details_json,
            "outcome": outcome,
            "origin": origin,
        },
    )
