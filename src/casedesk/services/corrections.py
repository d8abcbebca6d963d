"""The correction trail (AVG art. 16): an answer changed in a later sitting is a correction.

Typing autosaves on every pause, so a value changed within the sitting it was typed in is
still being typed, not corrected. A save that opens a new sitting (the answers were last
saved more than half an hour before) begins a correction sitting when it changes a value
that was filled in; from then on, within that sitting, every change of a filled-in value is
a correction, and further saves of a corrected field update what it became, so the trail
reads "Jansen → Janssen", not every keystroke. (A field first filled in during the
correction sitting and then retyped counts as corrected too: the store keeps one saving
time per dossier, not per field.)
The values are kept in ``field_corrections`` (erased with the dossier); the audit event
``field.corrected`` names the field and the row only.
"""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from casedesk.db import corrections_repo
from casedesk.db.audit import AuditEntry, record_event
from casedesk.domain.inzage import InzageNames, readable_value
from casedesk.services.audit_log import SITTING_GAP

CORRECTED = "field.corrected"


def record_corrections(
    session: Session,
    actor_id: int | None,
    case_id: int,
    before: dict[str, Any],
    after: dict[str, Any],
    changed: list[str],
    now: datetime,
    last_saved: datetime | None,
) -> None:
    """``last_saved``: when the answers were saved before this save (None: never)."""
    since = now - SITTING_GAP
    new_sitting = last_saved is None or last_saved < since
    correcting = new_sitting or corrections_repo.correcting_since(session, case_id, actor_id, since)
    if not correcting:
        return
    for path in changed:
        old, new = _value_at(before, path), _value_at(after, path)
        if old in (None, "", [], {}):
            continue  # filled in for the first time: nothing was wrong before
        new_text = json.dumps(new, ensure_ascii=False)
        under_way = corrections_repo.open_correction(session, case_id, path, actor_id, since)
        if under_way is not None:
            under_way.new_value = new_text
            under_way.corrected_at = now
            continue
        row_id = corrections_repo.add_correction(
            session, actor_id, case_id, path, json.dumps(old, ensure_ascii=False), new_text, now
        )
        record_event(session, actor_id, CORRECTED, "case", case_id, case_id,
                     {"field": path, "correction": row_id})  # fmt: skip


def _value_at(document: dict[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def correction_texts(session: Session, entries: Sequence[AuditEntry]) -> dict[int, str]:
    """For the privacy officer: "Jansen → Janssen" for each ``field.corrected`` entry, keyed
    by ``id(entry)``; "(dossier verwijderd)" once the dossier and its trail are erased."""
    wanted = {
        id(entry): value
        for entry in entries
        if entry.action == CORRECTED and isinstance(value := entry.details.get("correction"), int)
    }
    rows = corrections_repo.corrections_by_id(session, sorted(set(wanted.values())))
    texts = {}
    for key, row_id in wanted.items():
        row = rows.get(row_id)
        if row is None:
            texts[key] = "(dossier verwijderd)"
            continue
        was, became = (
            readable_value("field_corrections", "old_value", value, InzageNames())
            for value in (row.old_value, row.new_value)
        )
        texts[key] = f"{was} → {became}"
    return texts
