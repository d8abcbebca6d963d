"""Dossier numbers are never given out twice, not even after an erasure.

SQLite gives a new row the highest rowid plus one, so erasing the newest dossier would
hand its number to the next one: that dossier would then show the erased one's log
(events keep the dossier number) and a restored backup would erase it again (the erasure
ledger names numbers). The next number is therefore past every number the log has seen.
PostgreSQL's sequences never go back, so there the database chooses.
"""

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from casedesk.db.models import AuditEvent, Case


def next_case_number(target: Session | Connection) -> int | None:
    """The number for a new dossier on SQLite; None where the database picks it."""
    connection = target.connection() if isinstance(target, Session) else target
    if connection.dialect.name != "sqlite":
        return None
    highest_case = connection.scalar(select(func.max(Case.id))) or 0
    highest_logged = connection.scalar(select(func.max(AuditEvent.case_id))) or 0
    return max(highest_case, highest_logged) + 1
