"""Bestand › Logboek: the whole audit log for the privacy officer, filtered by who, which
dossier, which action and which period (Dutch calendar days). Reading it is logged too."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from casedesk.db.audit import AuditEntry, find_events, logged_actions, record_event
from casedesk.db.data_store import DataStore
from casedesk.db.intake_repo import caseworker_names
from casedesk.db.settings_repo import current_caseworker_id
from casedesk.domain.dutch import AMSTERDAM
from casedesk.services.audit_log import SYSTEM, event_text
from casedesk.services.corrections import correction_texts

LIMIT = 1000
OUTCOME_LABELS = {"done": "gedaan", "refused": "geweigerd", "failed": "mislukt"}


@dataclass(frozen=True)
class LogFilter:
    actor_id: int | None = None
    case_id: int | None = None
    action: str | None = None
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class LogRow:
    at: datetime
    who: str
    text: str
    action: str
    case_id: int | None
    outcome: str
    origin: str
    correction: str = ""
    """For a corrected field: what it was and became (the officer sees the values)."""


@dataclass(frozen=True)
class LogChoices:
    """What the filters offer: the caseworkers (id, name) and the action codes with text."""

    caseworkers: Sequence[tuple[int, str]]
    actions: Sequence[tuple[str, str]]


def log_choices(store: DataStore) -> LogChoices:
    with store.session() as session:
        names = caseworker_names(session)
        actions = logged_actions(session)
    return LogChoices(
        sorted(names.items(), key=lambda item: item[1]),
        [(code, _action_label(code)) for code in actions],
    )


def _action_label(code: str) -> str:
    """The event's Dutch text without the parts its details fill in."""
    blank = AuditEntry(datetime.min.replace(tzinfo=AMSTERDAM), None, code, "", None, None, {})
    text = event_text(blank)
    if text.startswith("Gebeurtenis vastgelegd"):
        return code
    return text.split(" (")[0].split(":")[0]


def search_log(store: DataStore, log_filter: LogFilter) -> list[LogRow]:
    """The newest :data:`LIMIT` events that match, newest first (an audited read)."""
    first, last = log_filter.first, log_filter.last
    start = None if first is None else datetime.combine(first, time.min, AMSTERDAM)
    end = None if last is None else datetime.combine(last + timedelta(days=1), time.min, AMSTERDAM)
    with store.transaction() as session:
        names = caseworker_names(session)
        entries = find_events(
            session, actor_id=log_filter.actor_id, case_id=log_filter.case_id,
            action=log_filter.action, start=start, end=end, limit=LIMIT,
        )  # fmt: skip
        corrections = correction_texts(session, entries)
        record_event(session, current_caseworker_id(session), "audit.viewed", "audit", None,
                     log_filter.case_id, {"rows": len(entries)})  # fmt: skip
    return [
        LogRow(
            at=entry.at,
            who=SYSTEM if entry.actor_id is None else names.get(entry.actor_id, ""),
            text=event_text(entry),
            action=entry.action,
            case_id=entry.case_id,
            outcome=OUTCOME_LABELS.get(entry.outcome, entry.outcome),
            origin=entry.origin,
            correction=corrections.get(id(entry), ""),
        )
        for entry in entries
    ]
