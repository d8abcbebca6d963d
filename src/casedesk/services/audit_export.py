"""``casedesk audit export``: the audit log of a period as CSV, for the privacy officer.

One row per event: when (Dutch time), who, what (in Dutch and as its code), which object
and dossier number, the outcome, the workstation and the event's hash, so that the rows can
be checked against the chain. Events hold no personal data of entrepreneurs; for a
correction (``field.corrected``) the last column shows what the field was and became, read
from the correction trail (``services/corrections.py``) as long as the dossier exists. The
file names caseworkers and those values, so it is written private (0600) and the export
itself is logged.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from casedesk.db.audit import events_between, record_event
from casedesk.db.data_store import DataStore
from casedesk.db.intake_repo import caseworker_names
from casedesk.db.settings_repo import current_caseworker_id
from casedesk.domain.dutch import AMSTERDAM
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically
from casedesk.services.audit_log import SYSTEM, event_text
from casedesk.services.corrections import correction_texts
from casedesk.services.outcomes import outcome_logged

HEADER = (
    "tijdstip",
    "medewerker",
    "gebeurtenis",
    "code",
    "object",
    "dossier",
    "uitkomst",
    "werkplek",
    "hash",
    "verbetering",
)
_OUTCOMES = {"done": "gedaan", "refused": "geweigerd", "failed": "mislukt"}


@dataclass(frozen=True)
class AuditExport:
    path: Path
    events: int


@outcome_logged("audit.exported", "audit")
def export_audit_log(store: DataStore, first: date, last: date, out: Path) -> AuditExport:
    """Writes the events from ``first`` to ``last`` (Dutch calendar days, both included)."""
    if last < first:
        raise KnownError(
            f"De einddatum ({last:%d-%m-%Y}) ligt vóór de begindatum ({first:%d-%m-%Y}). "
            "Geef eerst de vroegste datum."
        )
    start = datetime.combine(first, time.min, AMSTERDAM)
    end = datetime.combine(last + timedelta(days=1), time.min, AMSTERDAM)
    with store.transaction() as session:
        entries = events_between(session, start, end)
        names = caseworker_names(session)
        corrections = correction_texts(session, entries)
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for entry in entries:
            who = SYSTEM if entry.actor_id is None else names.get(entry.actor_id, "")
            writer.writerow(
                (
                    entry.at.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M:%S"),
                    who,
                    event_text(entry),
                    entry.action,
                    entry.entity_type + (f" {entry.entity_id}" if entry.entity_id else ""),
                    "" if entry.case_id is None else entry.case_id,
                    _OUTCOMES.get(entry.outcome, entry.outcome),
                    entry.origin,
                    entry.event_hash,
                    corrections.get(id(entry), ""),
                )
            )
        try:
            # A BOM so that Excel, which the officer will open it with, reads the ë in Zoë.
            data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
            write_atomically(out, data, prefix=".logboek-", suffix=".csv")
        except OSError as error:
            raise KnownError(
                f"Het logboek kon niet worden opgeslagen als {out} ({os_error_reason(error)}). "
                "Er is niets opgeslagen. Kies een andere map of maak ruimte vrij."
            ) from error
        record_event(
            session,
            current_caseworker_id(session),
            "audit.exported",
            "audit",
            None,
            None,
            {"from": first.isoformat(), "to": last.isoformat(), "events": len(entries)},
        )
    return AuditExport(out, len(entries))

